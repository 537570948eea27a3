// A promtool unit-test case written from recorded history: `input_series` in compressed series notation and one
// `alert_rule_test` per checked moment with the alerts expected there. Pure text: quoting is YAML's (single
// quotes for series and values, JSON-style double quotes for labels), which both promtool's yaml.v2 and ours read.
import { modelDurationString } from '../ruletest/durations';
import { compressSeries, type RecordedValue } from './compressSeries';
import type { AlertCheck } from './expectAlerts';

export interface RecordedSeries {
  labels: Record<string, string>;
  /** Slot n is the sample at `n × interval` of the test. */
  values: RecordedValue[];
}

export interface TestCaseSpec {
  /** The test group's name. */
  name: string;
  intervalMs: number;
  series: RecordedSeries[];
  alertname: string;
  checks: AlertCheck[];
  /** Comment lines put above the case (where the data came from). */
  comments?: string[];
}

const LEGACY_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `name{a="1", b="2"}` in PromQL, as promtool's `series` field takes it. */
export function seriesSelector(labels: Record<string, string>): string {
  const { __name__: name, ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((k) => `${LEGACY_NAME.test(k) ? k : JSON.stringify(k)}=${JSON.stringify(rest[k])}`);
  if (name !== undefined && !LEGACY_NAME.test(name)) {
    pairs.unshift(`__name__=${JSON.stringify(name)}`);
  }
  return name !== undefined && LEGACY_NAME.test(name) ? `${name}{${pairs.join(', ')}}` : `{${pairs.join(', ')}}`;
}

/** A YAML block mapping of strings, keys and values quoted (so `on:` or `yes:` stay strings for yaml.v2). */
function stringMap(key: string, map: Record<string, string>, indent: string): string[] {
  const names = Object.keys(map).sort();
  if (!names.length) {
    return [];
  }
  return [`${indent}${key}:`, ...names.map((n) => `${indent}  ${JSON.stringify(n)}: ${JSON.stringify(map[n])}`)];
}

/** The lines of one test case, a sequence item at `indent` (the column of its `-`). */
export function testCaseLines(spec: TestCaseSpec, indent = '  '): string[] {
  const i1 = `${indent}  `;
  const lines = (spec.comments ?? []).map((c) => `${indent}# ${c}`);
  lines.push(`${indent}- name: ${singleQuoted(spec.name)}`, `${i1}interval: ${modelDurationString(spec.intervalMs)}`);
  lines.push(`${i1}input_series:${spec.series.length ? '' : ' []'}`);
  for (const s of spec.series) {
    lines.push(`${i1}  - series: ${singleQuoted(seriesSelector(s.labels))}`, `${i1}    values: ${singleQuoted(compressSeries(s.values))}`);
  }
  lines.push(`${i1}alert_rule_test:`);
  for (const check of spec.checks) {
    lines.push(`${i1}  - eval_time: ${modelDurationString(check.evalTimeMs)}`, `${i1}    alertname: ${singleQuoted(spec.alertname)}`);
    if (!check.alerts.length) {
      lines.push(`${i1}    exp_alerts: []`);
      continue;
    }
    lines.push(`${i1}    exp_alerts:`);
    for (const alert of check.alerts) {
      const { alertname: _, ...labels } = alert.labels;
      const keyIndent = `${i1}        `;
      const body = [...stringMap('exp_labels', labels, keyIndent), ...stringMap('exp_annotations', alert.annotations, keyIndent)];
      lines.push(body.length ? `${i1}      - ${body[0].slice(keyIndent.length)}` : `${i1}      - {}`, ...body.slice(1));
    }
  }
  return lines;
}

/** A whole test file holding one case. */
export function testFileText(ruleFile: string, spec: TestCaseSpec): string {
  const head = [`rule_files:`, `  - ${singleQuoted(ruleFile)}`, `evaluation_interval: ${modelDurationString(spec.intervalMs)}`, `tests:`];
  return [...head, ...testCaseLines(spec, '  ')].join('\n') + '\n';
}
