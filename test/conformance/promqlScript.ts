/**
 * A runner for the PromQL test-script format of Prometheus's promql/promqltest (test.go), executed against the
 * built-in engine. What it understands, as upstream does:
 *
 * - lines are trimmed; `#` lines are comments; a blank line ends a command's block;
 * - `load <step>` then `<series> <values>` lines: value i at i × step from time 0 (series notation: `_`,
 *   `stale`, `a+bxN`, …); `clear` empties the storage;
 * - `eval[_fail|_ordered] instant at <duration> <expr>` then the expected result: `<series> <value>` lines, a
 *   lone number for a scalar, nothing for an empty result; `eval[_fail] range from <t> to <t> step <d> <expr>`
 *   then `<series> <values>` lines, one value per step (`_` for none);
 * - `eval_fail` expects an error, optionally `expected_fail_message <text>` or `expected_fail_regexp <re>`;
 *   `eval_ordered` compares the order of the samples too; `eval_warn` / `eval_info` and `expect` lines are
 *   accepted (annotations are not checked);
 * - values compare within a relative error of 1e-6, NaN equal to NaN.
 * Native histograms (`{{…}}`, `load_with_nhcb`) are not supported: such commands count as failures.
 */
import type { Expr } from '../../server/src/core/promql/ast';
import { checkPromQL } from '../../server/src/core/promql/check';
import { evaluateInstant, evaluateRange } from '../../server/src/core/ruletest/engine/evaluate';
import { parseModelDuration } from '../../server/src/core/ruletest/durations';
import { labelsKey, labelsString, type Labels } from '../../server/src/core/ruletest/labels';
import { parseSeriesSelector, parseSeriesValues, type SeriesValue } from '../../server/src/core/ruletest/seriesNotation';
import { Storage } from '../../server/src/core/ruletest/storage';

export interface EvalOutcome {
  line: number;
  command: string;
  passed: boolean;
  message?: string;
}

const PROMETHEUS_VERSION = '3.5';
const EPSILON = 0.000001;
const LOAD = /^load\s+(\S+)$/;
const INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

/** almost.Equal: equal, both NaN, or within a relative error (absolute near zero). */
export function almostEqual(a: number, b: number): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) {
    return true;
  }
  const diff = Math.abs(a - b);
  const min = 2.2250738585072014e-308;
  if (a === 0 || b === 0 || Math.abs(a) + Math.abs(b) < min) {
    return diff < EPSILON * min;
  }
  return diff / Math.min(Math.abs(a) + Math.abs(b), Number.MAX_VALUE) < EPSILON;
}

function duration(text: string): number {
  const d = parseModelDuration(text.trim());
  if ('error' in d) {
    throw new Error(`invalid duration ${JSON.stringify(text)}: ${d.error}`);
  }
  return d.ms;
}

/** Splits `<series> <values>` after the series' closing brace, or after the metric name. */
function seriesLine(line: string): { labels: Labels; values: SeriesValue[] } {
  let end = 0;
  let inQuote = false;
  let depth = 0;
  for (; end < line.length; end++) {
    const c = line[end];
    if (inQuote) {
      if (c === '\\') {
        end++;
      } else if (c === '"') {
        inQuote = false;
      }
    } else if (c === '"') {
      inQuote = true;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
    } else if (/\s/.test(c) && depth === 0) {
      break;
    }
  }
  // `{}`: the empty label set of an aggregation's or a function's result.
  const series = line.slice(0, end) === '{}' ? { labels: [] as Labels, problems: [] } : parseSeriesSelector(line.slice(0, end));
  const values = parseSeriesValues(line.slice(end).trim());
  const problem = series.problems[0] ?? values.problems[0];
  if (problem || !series.labels) {
    throw new Error(`bad series line ${JSON.stringify(line)}: ${problem?.message}`);
  }
  return { labels: series.labels, values: values.values };
}

function parse(expr: string): Expr {
  const checked = checkPromQL(expr, { prometheusVersion: PROMETHEUS_VERSION, experimentalFunctions: true });
  const problem = checked.problems.find((p) => p.severity === 'error');
  if (!checked.expr || problem) {
    throw new Error(problem?.message ?? 'no expression found in input');
  }
  return checked.expr;
}

interface Expected {
  scalar?: number;
  series: { labels: Labels; values: SeriesValue[] }[];
  failMessage?: string;
  failRegexp?: RegExp;
}

function instantCheck(expr: string, at: number, storage: Storage, exp: Expected, ordered: boolean): string | undefined {
  const v = evaluateInstant(parse(expr), at, storage);
  if (exp.scalar !== undefined) {
    return v.type === 'scalar' && almostEqual(exp.scalar, v.v) ? undefined : `expected scalar ${exp.scalar}, got ${JSON.stringify(v)}`;
  }
  const got = v.type === 'vector' ? v.samples.map((s) => ({ labels: s.labels, v: s.v })) : v.type === 'scalar' ? [{ labels: [] as Labels, v: v.v }] : undefined;
  if (!got) {
    return `expected a vector, got a ${v.type}`;
  }
  if (got.length !== exp.series.length) {
    return `expected ${exp.series.length} samples, got ${got.length}: ${got.map((s) => `${labelsString(s.labels)} ${s.v}`).join(', ')}`;
  }
  for (const [i, e] of exp.series.entries()) {
    const g = ordered ? got[i] : got.find((s) => labelsKey(s.labels) === labelsKey(e.labels));
    const want = e.values[0];
    if (!g || labelsKey(g.labels) !== labelsKey(e.labels)) {
      return `${ordered ? `at position ${i} ` : ''}expected ${labelsString(e.labels)}, got ${g ? labelsString(g.labels) : 'nothing'}`;
    }
    if (want?.kind !== 'value' || !almostEqual(want.value, g.v)) {
      return `${labelsString(e.labels)}: expected ${want?.kind === 'value' ? want.value : want?.kind}, got ${g.v}`;
    }
  }
  return undefined;
}

function rangeCheck(expr: string, from: number, to: number, step: number, storage: Storage, exp: Expected): string | undefined {
  const got = evaluateRange(parse(expr), from, to, step, storage);
  if (got.length !== exp.series.length) {
    return `expected ${exp.series.length} series, got ${got.length}: ${got.map((s) => labelsString(s.labels)).join(', ')}`;
  }
  for (const e of exp.series) {
    const g = got.find((s) => labelsKey(s.labels) === labelsKey(e.labels));
    if (!g) {
      return `expected series ${labelsString(e.labels)} is missing`;
    }
    const want = e.values.map((v, i) => ({ t: from + i * step, v })).filter((p) => p.v.kind === 'value');
    const same = want.length === g.points.length && want.every((p, i) => p.t === g.points[i].t && almostEqual((p.v as { value: number }).value, g.points[i].v));
    if (!same) {
      return `${labelsString(e.labels)}: expected ${want.map((p) => `${p.t / 1000}s=${(p.v as { value: number }).value}`).join(' ')}, got ${g.points.map((p) => `${p.t / 1000}s=${p.v}`).join(' ')}`;
    }
  }
  return undefined;
}

/** The block of lines after a command, up to the next blank line. */
function block(lines: string[], i: number): string[] {
  const out: string[] = [];
  for (let j = i + 1; j < lines.length && lines[j] !== ''; j++) {
    out.push(lines[j]);
  }
  return out;
}

function expected(body: string[]): Expected {
  const exp: Expected = { series: [] };
  for (const l of body) {
    if (l.startsWith('expected_fail_message')) {
      exp.failMessage = l.slice('expected_fail_message'.length).trim();
    } else if (l.startsWith('expected_fail_regexp')) {
      exp.failRegexp = new RegExp(l.slice('expected_fail_regexp'.length).trim());
    } else if (l.split(' ')[0] === 'expect') {
      continue;
    } else if (/^[-+]?(?:\d|Inf|NaN|\.\d)/i.test(l) && !Number.isNaN(Number(l.replace(/^([-+]?)Inf$/i, '$1Infinity')))) {
      exp.scalar = Number(l.replace(/^([-+]?)Inf$/i, '$1Infinity'));
    } else if (/^[-+]?NaN$/i.test(l)) {
      exp.scalar = NaN;
    } else {
      exp.series.push(seriesLine(l));
    }
  }
  return exp;
}

function failCheck(run: () => string | undefined, exp: Expected): string | undefined {
  try {
    run();
  } catch (e) {
    const message = (e as Error).message;
    if (exp.failMessage !== undefined && message !== exp.failMessage && !message.endsWith(exp.failMessage)) {
      return `expected the error ${JSON.stringify(exp.failMessage)}, got ${JSON.stringify(message)}`;
    }
    return exp.failRegexp && !exp.failRegexp.test(message) ? `the error ${JSON.stringify(message)} does not match ${exp.failRegexp}` : undefined;
  }
  return 'expected an error, the evaluation succeeded';
}

/** Runs a script; one outcome per eval command (and per command that could not be read). */
export function runScript(text: string): EvalOutcome[] {
  const lines = text.split('\n').map((l) => (l.trim().startsWith('#') ? '' : l.trim()));
  let storage = new Storage();
  const out: EvalOutcome[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === '') {
      continue;
    }
    const body = block(lines, i);
    const outcome = (message: string | undefined): void => void out.push({ line: i + 1, command: l, passed: message === undefined, ...(message ? { message } : {}) });
    try {
      if (l === 'clear') {
        storage = new Storage();
      } else if (LOAD.test(l)) {
        const step = duration(LOAD.exec(l)![1]);
        body.map(seriesLine).forEach((s) => storage.load(s.labels, s.values, step, 0));
      } else if (INSTANT.test(l)) {
        const [, mod, at, expr] = INSTANT.exec(l)!;
        const exp = expected(body);
        const run = (): string | undefined => instantCheck(expr, duration(at ?? '0s'), storage, exp, mod === 'ordered');
        outcome(mod === 'fail' ? failCheck(run, exp) : run());
      } else if (RANGE.test(l)) {
        const [, mod, from, to, step, expr] = RANGE.exec(l)!;
        const exp = expected(body);
        const run = (): string | undefined => rangeCheck(expr, duration(from), duration(to), duration(step), storage, exp);
        outcome(mod === 'fail' ? failCheck(run, exp) : run());
      } else {
        outcome(`unknown command`);
      }
    } catch (e) {
      outcome((e as Error).message);
    }
    i += body.length;
  }
  return out;
}
