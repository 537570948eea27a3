// "Generate unit test from backtest": the series an alerting rule reads, recorded by the live Prometheus at the
// group's evaluation times over the backtest window, become a promtool test case's input series; the moments the
// backtest saw the alert fire become alert_rule_tests whose expected alerts the rule-test engine computes from that
// very input, so the test passes (under our engine, and under promtool, which it follows).
import * as path from 'node:path';
import { PrometheusError } from '../prometheus/errors';
import { loadRuleFiles } from '../ruletest/ruleFiles';
import { pathToUri } from '../uri';
import { labelsFrom, labelsKey } from '../ruletest/labels';
import { parseSeriesValues } from '../ruletest/seriesNotation';
import { durationText } from '../query/window';
import { backtestFailure, runBacktest, type BacktestOptions, type BacktestTarget } from './backtest';
import { compressSeries, type RecordedValue } from './compressSeries';
import { expectAlerts } from './expectAlerts';
import { testCaseLines, testFileText, type RecordedSeries, type TestCaseSpec } from './generateTest';
import { fetchHistory, stepTimes } from './history';
import { ruleInputs } from './inputs';
import type { RuleToBacktest } from './ruleAt';
import { testFileTarget } from './testFileTarget';
import { evaluationTiming } from './timing';
import type { BacktestSuccess, GenerateTestResponse } from './types';

/** A test longer than this many evaluations is cut to the part around the last firings. */
export const MAX_TEST_STEPS = 2_000;
/** Input series a generated test holds at most. */
export const MAX_TEST_SERIES = 100;
/** alert_rule_test entries a generated test holds at most. */
const MAX_CHECKS = 20;

export interface GenerateOptions extends BacktestOptions {
  /** The rule file: its path (the test names it in rule_files) and its current text. */
  ruleFile: { path: string; text: string };
  /** A file's text, or undefined when it does not exist (to decide between appending and creating). */
  readFile(file: string): string | undefined;
}

/** The test's window: the backtest's, or its last MAX_TEST_STEPS evaluations up to shortly after the last firing. */
function testWindow(b: BacktestSuccess, stepMs: number): { startMs: number; endMs: number; cut: boolean } {
  const startMs = b.window.start * 1000;
  const endMs = b.window.end * 1000;
  if ((endMs - startMs) / stepMs <= MAX_TEST_STEPS) {
    return { startMs, endMs, cut: false };
  }
  const lastEnd = Math.max(0, ...b.series.flatMap((s) => s.intervals.map((i) => i.end * 1000)));
  const end = lastEnd ? Math.min(endMs, lastEnd + 10 * stepMs) : endMs;
  return { startMs: end - (MAX_TEST_STEPS - 1) * stepMs, endMs: end, cut: true };
}

/** Values per step: a number, `stale` where a series stops (so the test's lookback does not see it), else nothing. */
function slots(byStep: Map<number, number>, steps: number[]): RecordedValue[] {
  const out: RecordedValue[] = [];
  for (const t of steps) {
    const v = byStep.get(t);
    out.push(v !== undefined ? v : typeof out.at(-1) === 'number' ? 'stale' : null);
  }
  return out;
}

/** Moments to check (test milliseconds): each firing's start in the window, and the evaluation before the first. */
function checkTimes(b: BacktestSuccess, t0: number, fromMs: number, toMs: number, stepMs: number): number[] {
  const starts = b.series.flatMap((s) => s.intervals.map((i) => i.start * 1000)).filter((t) => t >= fromMs && t <= toMs);
  const times = new Set(starts.map((t) => t - t0));
  const first = Math.min(...starts);
  if (starts.length && first - stepMs >= fromMs) {
    times.add(first - stepMs - t0);
  }
  if (!times.size) {
    times.add(toMs - t0);
  }
  return [...times].sort((a, c) => a - c).slice(0, MAX_CHECKS);
}

function firingAt(b: BacktestSuccess, t: number): number {
  return b.series.filter((s) => s.intervals.some((i) => i.start * 1000 <= t && (t < i.end * 1000 || (i.open && t <= i.end * 1000)))).length;
}

export async function generateTestFromHistory(found: RuleToBacktest, target: BacktestTarget, options: GenerateOptions): Promise<GenerateTestResponse> {
  const host = { readFile: (f: string) => (f === options.ruleFile.path ? options.ruleFile.text : (options.readFile(f) ?? '')), glob: (p: string) => [p] };
  const loaded = loadRuleFiles([options.ruleFile.path], host, options.version ?? '2.42');
  if (loaded.errors.length) {
    return backtestFailure('noRule', `promtool would not load this rule file, so no test of it can pass: ${loaded.errors[0]}`, { at: found.at });
  }
  const backtest = await runBacktest(found, target, options);
  if (!backtest.ok) {
    return backtest;
  }
  const timing = await evaluationTiming(found, target.api, { connection: target.name, workspaceIntervalSeconds: options.workspaceIntervalSeconds, signal: options.signal });
  const stepMs = timing.stepMs;
  const window = testWindow(backtest, stepMs);
  const inputs = ruleInputs(found.rule.expr, loaded.groups);
  const leadSteps = Math.ceil((inputs.leadSeconds * 1000) / stepMs);
  if (leadSteps > MAX_TEST_STEPS) {
    return backtestFailure('badRange', `${found.rule.name} reads ${durationText(inputs.leadSeconds)} of history before each evaluation (ranges and offsets): too long for a test evaluated every ${durationText(stepMs / 1000)}`, { at: found.at });
  }
  const steps = stepTimes(window.startMs - leadSteps * stepMs, window.endMs, stepMs, timing.phaseMs);
  const t0 = steps[0];
  const recorded = new Map<string, RecordedSeries & { byStep: Map<number, number> }>();
  try {
    for (const selector of inputs.selectors) {
      const history = await fetchHistory(target.api, selector, steps, options.signal);
      for (const [t, samples] of history.byStep) {
        for (const s of samples) {
          const key = labelsKey(s.labels);
          const entry = recorded.get(key) ?? { labels: Object.fromEntries(s.labels.map((l) => [l.name, l.value])), values: [], byStep: new Map<number, number>() };
          entry.byStep.set(t, s.v);
          recorded.set(key, entry);
        }
      }
      if (recorded.size > MAX_TEST_SERIES) {
        return backtestFailure('badRange', `${found.rule.name} reads more than ${MAX_TEST_SERIES} series over the window; a generated test keeps at most ${MAX_TEST_SERIES}: narrow its selectors or the range`, { at: found.at });
      }
    }
  } catch (e) {
    if (!(e instanceof PrometheusError)) {
      throw e;
    }
    return backtestFailure('prometheus', `reading the history of ${found.rule.name}'s series on ${target.name}: ${e.message}`, { at: found.at, connection: target.name });
  }
  const series = [...recorded.values()].map(({ labels, byStep }) => ({ labels, values: slots(byStep, steps) }));
  const times = checkTimes(backtest, t0, window.startMs, window.endMs, stepMs);
  const input = series.map((s) => ({ labels: labelsFrom(s.labels), values: parseSeriesValues(compressSeries(s.values)).values }));
  const checks = expectAlerts(loaded.groups, input, stepMs, found.rule.name, times);
  if ('error' in checks) {
    return backtestFailure('evaluation', `the generated input does not evaluate: ${checks.error}`, { at: found.at });
  }
  const notes = [...backtest.notes];
  if (window.cut) {
    notes.push(`the test covers the last ${MAX_TEST_STEPS} evaluations around the firings, not the whole ${durationText(backtest.window.end - backtest.window.start)}`);
  }
  if (inputs.pinned) {
    notes.push('the expression uses @ modifiers, which pin it to times outside the test: its results there differ from the live ones');
  }
  for (const c of checks) {
    const live = firingAt(backtest, t0 + c.evalTimeMs);
    if (live !== c.alerts.length) {
      notes.push(`at ${new Date(t0 + c.evalTimeMs).toISOString()} the backtest had ${live} alert(s) firing, the test expects ${c.alerts.length} (the input is sampled at the evaluation interval)`);
    }
  }
  const spec: TestCaseSpec = {
    name: `${found.rule.name} from ${target.name} history`,
    intervalMs: stepMs,
    series,
    alertname: found.rule.name,
    checks,
    comments: [
      `Generated from ${target.name} (${target.url}): ${found.rule.name} evaluated every ${durationText(stepMs / 1000)};`,
      `test time 0s is ${new Date(t0).toISOString()}.`,
    ],
  };
  const place = testFileTarget(options.ruleFile.path, stepMs, options.readFile);
  const text = place.create ? testFileText(path.basename(options.ruleFile.path), spec) : `${place.separator}${testCaseLines(spec, place.indent).join('\n')}\n`;
  const alerts = checks.reduce((n, c) => n + c.alerts.length, 0);
  return {
    ok: true,
    uri: pathToUri(place.file),
    create: place.create,
    text,
    insertAt: place.insertAt,
    checks: checks.map((c) => ({ evalTime: durationText(c.evalTimeMs / 1000), alerts: c.alerts.length })),
    notes,
    summary: `${series.length} input series · ${checks.length} checks · ${alerts} expected alerts → ${path.basename(place.file)}`,
  };
}
