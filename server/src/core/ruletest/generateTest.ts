/**
 * "Generate test for this alert": a starter test group for one alerting rule. Input series come from the
 * selectors of the rule's expression (metric name and equality matchers); their values are chosen so that the
 * alert fires — from the threshold of a simple `… > N` comparison first, then a few common shapes (constants,
 * counters, no series at all for `absent`) — trying each with the built-in engine. The expected alerts are what
 * the engine then gets (the rule's labels, the labels the expression keeps, the expanded annotations) at an
 * eval_time after `for`, with a case just before it fires that expects nothing. When no candidate fires, the
 * group says so in a comment and expects the rule's static labels with the selector's labels.
 */
import * as path from 'node:path';
import type { Binary, Expr } from '../promql/ast';
import { durationSeconds, walk } from '../promql/ast';
import { formatFloat } from '../templates/goFloat';
import { modelDurationString } from './durations';
import { groupYaml, insertGroup, newTestFileText, type DraftAlertCase, type DraftGroup, type DraftSeries } from './generatedYaml';
import { labelsFrom, labelsString, type Labels } from './labels';
import type { ObservedAlert } from './observe';
import { loadRuleFiles, type LoadedRule, type RuleTestHost } from './ruleFiles';
import { runTestFile } from './runner';
import { loadTestFile } from './testFile';
import { withOpenDocuments } from './openDocuments';

export interface GenerateTestInput {
  /** Absolute path of the rule file and the name of its alerting rule. */
  ruleFile: string;
  alertname: string;
  /** Absolute path of the test file to add to, and its text when it exists (else it is created). */
  testFile: string;
  testText?: string;
  /** Reads the rule files (the editor's texts first) and expands globs. */
  host: RuleTestHost;
  version: string;
}

export type GeneratedTest =
  | {
      /** Whether the alert fires with the generated input (the group then passes). */
      fires: boolean;
      /** The edit of the test file: a replacement in the existing text, or the whole text of a new file. */
      edit: { offset: number; length: number; text: string };
      created: boolean;
      /** The group as written at column 0, for display. */
      group: string;
    }
  | { error: string };

interface Selector {
  metric?: string;
  labels: [string, string][];
}

const COMPARISONS = new Set(['>', '<', '>=', '<=', '==', '!=']);
/** Labels every generated series carries unless the selector matches on them, so that templates have something to show. */
const DEFAULT_LABELS: [string, string][] = [
  ['instance', 'host-1:9100'],
  ['job', 'example'],
];
const DATE_FUNCTIONS = new Set(['hour', 'minute', 'day_of_week', 'day_of_month', 'day_of_year', 'days_in_month', 'month', 'year', 'time']);

/** A value a `=~` matcher accepts: the first alternative when it is literal text, `.` taken as `0`; else undefined. */
function regexExample(re: string): string | undefined {
  const first = re.split('|')[0];
  if (!/^(?:[\w\-:/ ]|\.[*+]?)*$/.test(first)) {
    return undefined;
  }
  const example = first.replace(/\.\*/g, '').replace(/\.\+/g, 'x').replace(/\./g, '0');
  return example && new RegExp(`^(?:${re})$`).test(example) ? example : undefined;
}
const DEFAULT_INTERVAL_MS = 60_000;

/** The selectors of an expression as series (metric name plus equality matchers), and its longest look back. */
function scan(expr: Expr): { selectors: Selector[]; windowMs: number; absent: boolean; dated: boolean } {
  const selectors = new Map<string, Selector>();
  let windowMs = 0;
  let absent = false;
  let dated = false;
  walk(expr, (n) => {
    if (n.kind === 'vectorSelector') {
      const metric = n.name ?? n.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
      const labels: [string, string][] = [];
      for (const m of n.matchers.filter((x) => x.name !== '__name__')) {
        const value = m.op === '=' ? m.value : m.op === '=~' ? regexExample(m.value) : undefined;
        if (value) {
          labels.push([m.name, value]);
        }
      }
      const named = new Set(n.matchers.map((m) => m.name));
      for (const [name, value] of DEFAULT_LABELS) {
        if (!named.has(name)) {
          labels.push([name, value]);
        }
      }
      // Classic histogram buckets: two of them, so that histogram_quantile has a bucket to interpolate in.
      const buckets = metric?.endsWith('_bucket') && !named.has('le') ? ['1', '+Inf'] : [undefined];
      for (const le of buckets) {
        const all: [string, string][] = le ? [...labels, ['le', le]] : labels;
        const s = { metric, labels: all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
        selectors.set(seriesText(s), s);
      }
    } else if (n.kind === 'matrixSelector' || n.kind === 'subquery') {
      windowMs = Math.max(windowMs, ((durationSeconds(n.range) ?? 0) + (n.offset ? (durationSeconds(n.offset.duration) ?? 0) : 0)) * 1000);
    } else if (n.kind === 'call' && (n.name === 'absent' || n.name === 'absent_over_time')) {
      absent = true;
    } else if (n.kind === 'call' && DATE_FUNCTIONS.has(n.name)) {
      dated = true;
    }
  });
  return { selectors: [...selectors.values()], windowMs, absent, dated };
}

function seriesText(s: Selector): string {
  const labels = s.labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  return labels || !s.metric ? `${s.metric ?? ''}{${labels}}` : s.metric;
}

const num = (v: number): string => formatFloat(v, 'g', -1);

/** `a+bxN` in the series notation (a minus for a negative step). */
function pattern(start: number, step: number, count: number): string {
  if (step === 0) {
    return `${num(start)}x${count}`;
  }
  return `${num(start)}${step < 0 ? '-' : '+'}${num(Math.abs(step))}x${count}`;
}

/** Values on the true side of `x OP n`, nearest first. */
function satisfying(op: string, n: number): number[] {
  const away = (sign: number): number[] => [n + sign, n + sign * Math.max(Math.abs(n), 1) * 10, n + sign * 1e-3];
  switch (op) {
    case '>':
      return away(1);
    case '<':
      return away(-1);
    case '>=':
    case '<=':
    case '==':
      return [n];
    default:
      return away(1);
  }
}

/** The thresholds of a simple comparison with a number, read as `selector-side OP n`. */
function threshold(expr: Expr): { op: string; n: number } | undefined {
  let e = expr;
  while (e.kind === 'paren') {
    e = e.expr;
  }
  if (e.kind !== 'binary' || !COMPARISONS.has(e.op) || e.bool) {
    return undefined;
  }
  const value = (x: Expr): number | undefined => (x.kind === 'number' ? x.value : x.kind === 'unary' && x.expr.kind === 'number' ? (x.op === '-' ? -x.expr.value : x.expr.value) : x.kind === 'paren' ? value(x.expr) : undefined);
  const right = value(e.rhs);
  if (right !== undefined) {
    return { op: e.op, n: right };
  }
  const left = value(e.lhs);
  const flipped: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=' };
  return left !== undefined ? { op: flipped[(e as Binary).op] ?? e.op, n: left } : undefined;
}

/** Values for each input series (by index); `null` means no input series at all. */
type Candidate = ((selector: number) => string) | null;

/** The value patterns to try, nearest to the expression's threshold first. */
function candidates(expr: Expr, absent: boolean, count: number, intervalS: number): Candidate[] {
  const same = (p: string): Candidate => () => p;
  const out: string[] = [];
  const t = threshold(expr);
  for (const v of t ? satisfying(t.op, t.n) : []) {
    out.push(pattern(v, 0, count), pattern(0, v * intervalS, count), pattern(0, v, count));
  }
  out.push(pattern(0, 0, count), pattern(1, 0, count), pattern(0, 60, count), pattern(0, 1, count), pattern(100, 0, count), pattern(-1, 0, count), pattern(1000, -10, count));
  // Two selectors compared with each other: the first above the second, then below it.
  const staggered: Candidate[] = [(i) => pattern(100 - i, 0, count), (i) => pattern(100 + i, 0, count)];
  return [...(absent ? [null] : []), ...[...new Set(out)].map(same), ...staggered];
}

function ceilTo(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}

/** Generates the group and the edit that adds it to the test file. */
export function generateRuleTest(input: GenerateTestInput): GeneratedTest {
  const rules = loadRuleFiles([input.ruleFile], input.host, input.version);
  if (rules.errors.length) {
    return { error: `the rule file cannot be loaded: ${rules.errors[0]}` };
  }
  const rule = rules.groups.flatMap((g) => g.rules).find((r) => r.kind === 'alert' && r.name === input.alertname);
  if (!rule) {
    return { error: `no alerting rule named ${input.alertname} in ${input.ruleFile}` };
  }
  let evaluationIntervalMs = DEFAULT_INTERVAL_MS;
  let groupIndex = 0;
  if (input.testText !== undefined) {
    const loaded = loadTestFile(input.testText, input.version);
    if (loaded.error !== undefined) {
      return { error: `the test file ${input.testFile} cannot be read: ${loaded.error}` };
    }
    evaluationIntervalMs = loaded.file.evaluationIntervalMs;
    groupIndex = loaded.file.tests.length;
  }
  const relRule = path.relative(path.dirname(input.testFile), input.ruleFile).split(path.sep).join('/');
  const textWith = (group: DraftGroup): { offset: number; length: number; text: string } | undefined =>
    input.testText === undefined ? { offset: 0, length: 0, text: newTestFileText(relRule, evaluationIntervalMs, group) } : insertGroup(input.testText, group);
  const run = (group: DraftGroup): ReturnType<typeof runTestFile> | undefined => {
    const edit = textWith(group);
    if (!edit) {
      return undefined;
    }
    const base = input.testText ?? '';
    const text = base.slice(0, edit.offset) + edit.text + base.slice(edit.offset + edit.length);
    const host = withOpenDocuments(input.host, new Map([[input.testFile, text]]));
    return runTestFile(input.testFile, host, { version: input.version, observe: true, select: (g) => (g.index === groupIndex ? g : undefined) });
  };
  const group = draft(rule, evaluationIntervalMs, run);
  const edit = textWith(group.draft);
  if (!edit) {
    return { error: `tests: in ${input.testFile} is a flow sequence ([…]); write it as a block sequence to add a test` };
  }
  return { fires: group.fires, edit, created: input.testText === undefined, group: groupYaml(group.draft) };
}

type Run = (group: DraftGroup) => ReturnType<typeof runTestFile> | undefined;

function draft(rule: LoadedRule, intervalMs: number, run: Run): { draft: DraftGroup; fires: boolean } {
  const { selectors, windowMs, absent, dated } = scan(rule.expr);
  const base = (values: Candidate, tests: DraftAlertCase[]): DraftGroup => ({
    name: `${rule.name} fires`,
    intervalMs,
    inputSeries: values === null ? [] : selectors.map((s, i): DraftSeries => ({ series: seriesText(s), values: values(i) })),
    alertTests: tests,
  });
  // Time of day matters to date functions: the test starts at midnight UTC, so try midday too.
  for (const shiftMs of dated ? [0, 12 * 3_600_000] : [0]) {
    const found = fire(rule, ceilTo(shiftMs + rule.forMs + windowMs + 2 * intervalMs, intervalMs), intervalMs, absent, base, run);
    if (found) {
      return { draft: found, fires: true };
    }
  }
  const evalTimeMs = ceilTo(rule.forMs + windowMs + 2 * intervalMs, intervalMs);
  const guess: DraftAlertCase = {
    evalTimeMs,
    alertname: rule.name,
    expAlerts: [{ labels: labelsFrom([...rule.labels.map((l): [string, string] => [l.name, l.value]), ...(selectors[0]?.labels ?? [])]), annotations: [] as Labels }],
    comment: 'no generated input made this alert fire: adjust input_series and exp_alerts',
  };
  return { draft: base(candidates(rule.expr, false, evalTimeMs / intervalMs, intervalMs / 1000)[0], [guess]), fires: false };
}

/** The first candidate input with which the alert fires at `evalTimeMs`, as a group expecting what fired. */
function fire(rule: LoadedRule, evalTimeMs: number, intervalMs: number, absent: boolean, base: (values: Candidate, tests: DraftAlertCase[]) => DraftGroup, run: Run): DraftGroup | undefined {
  const probe: DraftAlertCase = { evalTimeMs, alertname: rule.name, expAlerts: [] };
  for (const values of candidates(rule.expr, absent, evalTimeMs / intervalMs, intervalMs / 1000)) {
    const firing = observedFiring(run(base(values, [probe])));
    if (!firing?.length) {
      continue;
    }
    const expAlerts = firing.map((a) => ({ labels: a.labels.filter((l) => l.name !== 'alertname'), annotations: a.annotations })).sort((a, b) => labelsString(a.labels).localeCompare(labelsString(b.labels)));
    const fired: DraftAlertCase = { evalTimeMs, alertname: rule.name, expAlerts };
    const firstFired = Math.min(...firing.map((a) => a.firedAtMs ?? evalTimeMs));
    const before: DraftAlertCase = { evalTimeMs: firstFired - intervalMs, alertname: rule.name, expAlerts: [], comment: `pending: not firing until \`for\` (${modelDurationString(rule.forMs)}) has passed` };
    const withPending = base(values, [before, fired]);
    return rule.forMs > 0 && before.evalTimeMs >= 0 && run(withPending)?.status === 'passed' ? withPending : base(values, [fired]);
  }
  return undefined;
}

/** The firing alerts the probe case saw, if the run got that far. */
function observedFiring(result: ReturnType<typeof runTestFile> | undefined): ObservedAlert[] | undefined {
  const observed = result?.groups[0]?.cases[0]?.observed;
  return observed?.kind === 'alert' ? observed.alerts.filter((a) => a.state === 'firing') : undefined;
}
