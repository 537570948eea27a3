/**
 * promtool's unit-test file (cmd/promtool/unittest.go `unitTestFile`, `testGroup` …) read into a typed model
 * that keeps where each test group and case is written. Version-dependent like promtool: `interval` defaults to
 * `evaluation_interval` from Prometheus 2.49 (before, a missing interval loads every sample at time 0),
 * `fuzzy_compare` exists from 3.5 and `start_timestamp` from 3.9; in older versions they are unknown fields.
 */
import { parseYaml } from '../syntax/parseYaml';
import type { AstNode } from '../syntax/ast';
import { LineIndex } from '../text';
import { compareVersions } from '../templates/functions';
import { parseModelDuration } from './durations';
import { Decoder, FatalDecodeError, type SourceSpan } from './yamlDecode';

export interface ExpectedAlert {
  labels: [string, string][];
  annotations: [string, string][];
  span: SourceSpan;
}

export interface AlertTestCase {
  index: number;
  evalTimeMs: number;
  alertname: string;
  expAlerts: ExpectedAlert[];
  span: SourceSpan;
}

export interface ExpectedSample {
  labels: string;
  value: number;
  span: SourceSpan;
}

export interface PromqlTestCase {
  index: number;
  expr: string;
  evalTimeMs: number;
  expSamples: ExpectedSample[];
  span: SourceSpan;
}

export interface InputSeries {
  series: string;
  values: string;
  span: SourceSpan;
}

export interface TestGroup {
  index: number;
  /** The `name:` as written ('' when absent). */
  name: string;
  /** Milliseconds between input samples (0 when absent before 2.49, as promtool 2.42 then loads `load 0s`). */
  intervalMs: number;
  inputSeries: InputSeries[];
  alertTests: AlertTestCase[];
  exprTests: PromqlTestCase[];
  externalLabels: [string, string][];
  externalURL: string;
  /** Milliseconds since the epoch of the first sample and evaluation (0 unless `start_timestamp`). */
  startMs: number;
  span: SourceSpan;
}

export interface RuleTestFile {
  ruleFiles: { pattern: string; span: SourceSpan }[];
  evaluationIntervalMs: number;
  groupEvalOrder: string[];
  fuzzyCompare: boolean;
  tests: TestGroup[];
}

export type LoadResult = { file: RuleTestFile; error?: undefined } | { error: string; span?: SourceSpan };

const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

/** Reads a test file's text; `version` is the promtool release to follow (e.g. "2.42"). */
export function loadTestFile(text: string, version: string): LoadResult {
  const lines = new LineIndex(text);
  const docs = parseYaml(text);
  const syntax = docs[0]?.errors[0];
  if (syntax) {
    const p = lines.positionAt(syntax.offset);
    return { error: `yaml: line ${p.line + 1}: ${syntax.message}`, span: { line: p.line + 1, column: p.character + 1, offset: syntax.offset, length: syntax.length } };
  }
  const d = new Decoder(text, lines);
  try {
    const file = decodeFile(d, docs[0]?.root, version);
    if (d.errors.length) {
      return { error: `yaml: unmarshal errors:\n${d.errors.map((e) => `  ${e.text}`).join('\n')}`, span: d.errors[0].span };
    }
    return { file };
  } catch (e) {
    if (e instanceof FatalDecodeError) {
      return { error: e.message, span: e.span };
    }
    throw e;
  }
}

function duration(d: Decoder, node: AstNode): number {
  const parsed = parseModelDuration(d.string(node));
  return 'error' in parsed ? d.fatal(node, parsed.error) : parsed.ms;
}

function decodeFile(d: Decoder, root: AstNode | undefined, version: string): RuleTestFile {
  const file: RuleTestFile = { ruleFiles: [], evaluationIntervalMs: 0, groupEvalOrder: [], fuzzyCompare: false, tests: [] };
  let testNodes: AstNode | undefined;
  const fields: Record<string, (n: AstNode) => void> = {
    rule_files: (n) => (file.ruleFiles = d.list(n, '[]string', (item) => ({ pattern: d.string(item), span: d.span(item) }))),
    evaluation_interval: (n) => (file.evaluationIntervalMs = duration(d, n)),
    group_eval_order: (n) => (file.groupEvalOrder = d.list(n, '[]string', (item) => d.string(item))),
    tests: (n) => (testNodes = n),
  };
  if (compareVersions(version, '3.5') >= 0) {
    fields.fuzzy_compare = (n) => (file.fuzzyCompare = d.bool(n));
  }
  d.struct(root, 'main.unitTestFile', fields);
  file.evaluationIntervalMs ||= DEFAULT_EVALUATION_INTERVAL_MS;
  if (testNodes) {
    file.tests = d.list(testNodes, '[]main.testGroup', (n, i) => decodeGroup(d, n, i, version, file.evaluationIntervalMs));
  }
  return file;
}

function decodeGroup(d: Decoder, node: AstNode, index: number, version: string, evaluationIntervalMs: number): TestGroup {
  const g: TestGroup = {
    index, name: '', intervalMs: 0, inputSeries: [], alertTests: [], exprTests: [], externalLabels: [], externalURL: '', startMs: 0, span: d.span(node),
  };
  const fields: Record<string, (n: AstNode) => void> = {
    interval: (n) => (g.intervalMs = duration(d, n)),
    input_series: (n) => (g.inputSeries = d.list(n, '[]main.series', (item) => decodeSeries(d, item))),
    alert_rule_test: (n) => (g.alertTests = d.list(n, '[]main.alertTestCase', (item, i) => decodeAlertTest(d, item, i))),
    promql_expr_test: (n) => (g.exprTests = d.list(n, '[]main.promqlTestCase', (item, i) => decodeExprTest(d, item, i))),
    external_labels: (n) => (g.externalLabels = d.stringMap(n)),
    external_url: (n) => (g.externalURL = d.string(n)),
    name: (n) => (g.name = d.string(n)),
  };
  if (compareVersions(version, '3.9') >= 0) {
    fields.start_timestamp = (n) => (g.startMs = startTimestamp(d, n));
  }
  d.struct(node, 'main.testGroup', fields);
  if (g.intervalMs === 0 && compareVersions(version, '2.49') >= 0) {
    g.intervalMs = evaluationIntervalMs;
  }
  return g;
}

function decodeSeries(d: Decoder, node: AstNode): InputSeries {
  const s: InputSeries = { series: '', values: '', span: d.span(node) };
  d.struct(node, 'main.series', { series: (n) => (s.series = d.string(n)), values: (n) => (s.values = d.string(n)) });
  return s;
}

function decodeAlertTest(d: Decoder, node: AstNode, index: number): AlertTestCase {
  const t: AlertTestCase = { index, evalTimeMs: 0, alertname: '', expAlerts: [], span: d.span(node) };
  d.struct(node, 'main.alertTestCase', {
    eval_time: (n) => (t.evalTimeMs = duration(d, n)),
    alertname: (n) => (t.alertname = d.string(n)),
    exp_alerts: (n) =>
      (t.expAlerts = d.list(n, '[]main.alert', (item) => {
        const a: ExpectedAlert = { labels: [], annotations: [], span: d.span(item) };
        d.struct(item, 'main.alert', { exp_labels: (v) => (a.labels = d.stringMap(v)), exp_annotations: (v) => (a.annotations = d.stringMap(v)) });
        return a;
      })),
  });
  return t;
}

function decodeExprTest(d: Decoder, node: AstNode, index: number): PromqlTestCase {
  const t: PromqlTestCase = { index, expr: '', evalTimeMs: 0, expSamples: [], span: d.span(node) };
  d.struct(node, 'main.promqlTestCase', {
    expr: (n) => (t.expr = d.string(n)),
    eval_time: (n) => (t.evalTimeMs = duration(d, n)),
    exp_samples: (n) =>
      (t.expSamples = d.list(n, '[]main.sample', (item) => {
        const s: ExpectedSample = { labels: '', value: 0, span: d.span(item) };
        d.struct(item, 'main.sample', { labels: (v) => (s.labels = d.string(v)), value: (v) => (s.value = d.float(v)) });
        return s;
      })),
  });
  return t;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** promtool's parseTime: Unix seconds (a float) or RFC 3339, in milliseconds. */
function startTimestamp(d: Decoder, node: AstNode): number {
  const text = d.string(node);
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text.trim()) && text.trim() === text) {
    return Math.floor(Number(text) * 1000);
  }
  const m = RFC3339.exec(text);
  if (m) {
    const [, y, mo, day, h, mi, s, frac, , sign, oh, om] = m;
    const ms = Date.UTC(+y, +mo - 1, +day, +h, +mi, +s) + Math.floor(Number(`0.${frac ?? '0'}`) * 1000);
    const offset = sign ? (sign === '+' ? 1 : -1) * (+oh * 60 + +om) * 60_000 : 0;
    return ms - offset;
  }
  return d.fatal(node, `cannot parse ${JSON.stringify(text)} to a valid timestamp`);
}
