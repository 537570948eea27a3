/**
 * The YAML of a generated rule-test group (generateTest.ts), and where it goes in a test file: appended to the
 * `tests:` sequence at that sequence's indentation, or a new `tests:` at the end. Strings are quoted so that
 * YAML 1.1 (promtool's yaml.v2) reads them back as the same strings.
 */
import { getProperty, propertyValue, type AstNode } from '../syntax/ast';
import { parseYaml } from '../syntax/parseYaml';
import { modelDurationString } from './durations';
import type { Labels } from './labels';

export interface DraftSeries {
  series: string;
  values: string;
}

export interface DraftAlertCase {
  evalTimeMs: number;
  alertname: string;
  /** Labels (without alertname) and annotations of each expected alert; an empty list expects none. */
  expAlerts: { labels: Labels; annotations: Labels }[];
  /** A comment line written above the case. */
  comment?: string;
}

export interface DraftGroup {
  name: string;
  intervalMs: number;
  inputSeries: DraftSeries[];
  alertTests: DraftAlertCase[];
}

/** Words that yaml.v2 reads as booleans or null when plain. */
const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/**
 * A YAML scalar for a string: plain when it is a name yaml.v2 reads back as that string, else single-quoted, or
 * a JSON (double-quoted) string when it holds line breaks or other control characters.
 */
export function yamlString(s: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(s) && !YAML11_SPECIAL.test(s)) {
    return s;
  }
  return /[\u0000-\u001f\u007f]/.test(s) ? JSON.stringify(s) : `'${s.replace(/'/g, "''")}'`;
}

/** A mapping key (label and annotation names). */
const yamlKey = yamlString;

function mapLines(key: string, labels: Labels, indent: string): string[] {
  return [`${indent}${key}:`, ...labels.map((l) => `${indent}  ${yamlKey(l.name)}: ${yamlString(l.value)}`)];
}

function alertCaseLines(c: DraftAlertCase): string[] {
  const out = [...(c.comment ? [`  # ${c.comment}`] : []), `  - eval_time: ${modelDurationString(c.evalTimeMs)}`, `    alertname: ${yamlString(c.alertname)}`];
  if (!c.expAlerts.length) {
    return [...out, '    exp_alerts: []'];
  }
  out.push('    exp_alerts:');
  for (const a of c.expAlerts) {
    const labels = mapLines('exp_labels', a.labels, '        ');
    labels[0] = labels[0].replace('        exp_labels', '      - exp_labels');
    out.push(...labels, ...(a.annotations.length ? mapLines('exp_annotations', a.annotations, '        ') : []));
  }
  return out;
}

/** The group as a sequence item at column 0 (`- name: …`), one line per entry, ending with a newline. */
export function groupYaml(g: DraftGroup): string {
  const lines = [
    `- name: ${yamlString(g.name)}`,
    `  interval: ${modelDurationString(g.intervalMs)}`,
    ...(g.inputSeries.length ? ['  input_series:', ...g.inputSeries.flatMap((s) => [`    - series: ${yamlString(s.series)}`, `      values: ${yamlString(s.values)}`])] : ['  input_series: []']),
    '  alert_rule_test:',
    ...g.alertTests.flatMap(alertCaseLines).map((l) => `  ${l}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** A new test file loading `ruleFile` (relative to the test file) with one group. */
export function newTestFileText(ruleFile: string, evaluationIntervalMs: number, group: DraftGroup): string {
  const body = groupYaml(group).replace(/^(?=.)/gm, '  ');
  return `rule_files:\n  - ${yamlString(ruleFile)}\n\nevaluation_interval: ${modelDurationString(evaluationIntervalMs)}\n\ntests:\n${body}`;
}

/**
 * The edit that adds a group to an existing test file's text: after the last item of a block `tests:` sequence,
 * in place of an empty one, or a new `tests:` at the end; undefined when `tests:` is a non-empty flow sequence.
 */
export function insertGroup(text: string, group: DraftGroup): { offset: number; length: number; text: string } | undefined {
  const root = parseYaml(text)[0]?.root;
  const tests = getProperty(root, 'tests');
  const seq = tests && propertyValue(tests);
  const atEnd = text.length && !text.endsWith('\n') ? '\n' : '';
  const body = groupYaml(group);
  const nested = body.replace(/^(?=.)/gm, '  ');
  if (!tests) {
    return { offset: text.length, length: 0, text: `${atEnd}\ntests:\n${nested}` };
  }
  if (!seq || seq.type === 'null' || (seq.type === 'array' && !seq.children?.length)) {
    // From just after the colon, so the group starts on the next line with no blank left behind.
    const from = seq ? text.lastIndexOf(':', seq.offset) + 1 : tests.offset + tests.length;
    return { offset: from, length: seq ? seq.offset + seq.length - from : 0, text: `\n${nested}`.replace(/\n$/, '') };
  }
  if (seq.type !== 'array' || isFlow(text, seq)) {
    return undefined;
  }
  const first = seq.children![0];
  const column = first.offset - text.lastIndexOf('\n', first.offset - 1) - 1;
  // Block items start with `- ` two columns before their content.
  const indent = ' '.repeat(Math.max(0, column - 2));
  const end = lineEnd(text, seq.offset + seq.length);
  return { offset: end, length: 0, text: `${end === text.length ? atEnd : ''}${body.replace(/^(?=.)/gm, indent)}` };
}

function isFlow(text: string, node: AstNode): boolean {
  return text[node.offset] === '[';
}

/** The offset just after the line holding `offset` (after its newline), or the end of the text. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(0, offset - 1));
  return nl < 0 ? text.length : nl + 1;
}
