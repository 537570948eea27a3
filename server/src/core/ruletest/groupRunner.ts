/**
 * One test group run as promtool's testGroup.test (cmd/promtool/unittest.go, Prometheus 2.42): input series loaded
 * lazily, the rule groups evaluated every evaluation interval from the start up to the largest eval_time, each
 * alert_rule_test compared at the last evaluation at or before its eval_time (firing alerts only), a rule that
 * fails to evaluate ending the group, then each promql_expr_test queried against what was loaded and written.
 */
import { goQuote } from '../goStrconv';
import { checkPromQL } from '../promql/check';
import { evaluateInstant } from './engine/evaluate';
import { EvalError, type Sample } from './engine/types';
import { alertsString, indentLines, sameAlerts, sameSamples, samplesString, sampleValueString, type AlertItem, type SampleItem } from './compare';
import { diffAlerts, diffSamples } from './diff';
import { goDurationString, modelDurationString } from './durations';
import { GroupRun } from './groupEval';
import { observeAlerts, observeExpr } from './observe';
import { compareStrings, labelsString, type Label, type Labels } from './labels';
import { promqlErrorText } from './promqlErrors';
import type { CaseResult, Failure, GroupResult, ResultItem } from './results';
import type { LoadedGroup } from './ruleFiles';
import { parseSeriesSelector, parseSeriesValues } from './seriesNotation';
import type { AlertTestCase, PromqlTestCase, TestGroup } from './testFile';
import { TestStorage } from './testStorage';

export interface GroupContext {
  /** The rule groups in evaluation order, or the errors of loading them. */
  ruleGroups: LoadedGroup[];
  ruleErrors: string[];
  evaluationIntervalMs: number;
  fuzzyCompare: boolean;
  version: string;
  checkpoint?: () => void;
  /** Keep what each case saw (observe.ts), for an editor's debug output. */
  observe?: boolean;
}

/** More evaluation steps than this are refused (promtool would run them, for a very long time). */
const MAX_EVALUATIONS = 1_000_000;

const alertItems = (items: AlertItem[]): ResultItem[] => items.map((a) => ({ labels: labelsString(a.labels), annotations: labelsString(a.annotations) }));
const sampleItems = (items: SampleItem[]): ResultItem[] => items.map((s) => ({ labels: labelsString(s.labels), value: sampleValueString(s.value) }));

/** A label set as labels.FromMap builds it: sorted by name, empty values kept. */
function fromMap(pairs: [string, string][]): Labels {
  return Object.freeze(pairs.map(([name, value]): Label => ({ name, value })).sort((a, b) => compareStrings(a.name, b.name)));
}

function caseResults(group: TestGroup): CaseResult[] {
  return [
    ...group.alertTests.map((t): CaseResult => ({
      kind: 'alert', index: t.index, title: `alertname: ${t.alertname}, time: ${modelDurationString(t.evalTimeMs)}`, evalTimeMs: t.evalTimeMs, span: t.span, status: 'notRun',
    })),
    ...group.exprTests.map((t): CaseResult => ({
      kind: 'expr', index: t.index, title: `expr: ${goQuote(t.expr)}, time: ${modelDurationString(t.evalTimeMs)}`, evalTimeMs: t.evalTimeMs, span: t.span, status: 'notRun',
    })),
  ];
}

/** The storage with the input series queued, or the failure of parsing them (promtool reports line 1). */
function inputStorage(group: TestGroup): TestStorage | Failure {
  const storage = new TestStorage();
  for (const input of group.inputSeries) {
    const series = parseSeriesSelector(input.series);
    const values = parseSeriesValues(input.values);
    const problem = series.problems[0] ?? values.problems[0];
    if (problem || !series.labels) {
      const column = series.problems[0] ? problem.from + 1 : input.series.length + 2 + problem.from;
      return { message: `1:${column}: parse error: ${problem?.message ?? 'invalid series'}`, span: input.span };
    }
    const refused = storage.queue(series.labels, values.values, group.intervalMs, group.startMs);
    if (refused) {
      return { message: refused, span: input.span };
    }
  }
  return storage;
}

export function runTestGroup(group: TestGroup, ctx: GroupContext, now: () => number): GroupResult {
  const started = now();
  const cases = caseResults(group);
  const failures: Failure[] = [];
  const finish = (): GroupResult => ({
    index: group.index,
    name: group.name || `unnamed#${group.index}`,
    span: group.span,
    status: failures.length ? 'failed' : 'passed',
    cases,
    failures,
    durationMs: now() - started,
  });
  const storage = inputStorage(group);
  if (!(storage instanceof TestStorage)) {
    failures.push(storage);
    return finish();
  }
  if (ctx.ruleErrors.length) {
    failures.push(...ctx.ruleErrors.map((message) => ({ message, span: group.span })));
    return finish();
  }
  const unnamed = group.alertTests.find((t) => t.alertname === '');
  if (unnamed) {
    const where = group.name ? ` (in TestGroup ${group.name})` : '';
    failures.push({ message: `an item under alert_rule_test misses required attribute alertname at eval_time ${modelDurationString(unnamed.evalTimeMs)}${where}`, span: unnamed.span });
    return finish();
  }
  const maxEval = Math.max(0, ...group.alertTests.map((t) => t.evalTimeMs), ...group.exprTests.map((t) => t.evalTimeMs));
  if (maxEval / ctx.evaluationIntervalMs > MAX_EVALUATIONS) {
    const steps = Math.floor(maxEval / ctx.evaluationIntervalMs) + 1;
    failures.push({ message: `too many evaluations: eval_time ${modelDurationString(maxEval)} needs ${steps} rule evaluations at evaluation_interval ${modelDurationString(ctx.evaluationIntervalMs)}; the built-in engine allows at most ${MAX_EVALUATIONS}`, span: group.span });
    return finish();
  }
  const evaluated = evaluateOverTime(group, ctx, storage, cases, failures, maxEval);
  if (evaluated) {
    for (const test of group.exprTests) {
      const failure = exprTest(test, group, ctx, storage);
      const result = cases.find((c) => c.kind === 'expr' && c.index === test.index)!;
      if (ctx.observe) {
        result.observed = observeExpr(test.expr, group.startMs + test.evalTimeMs, ctx, storage.storage);
      }
      result.status = failure ? 'failed' : 'passed';
      if (failure) {
        result.failure = failure;
        failures.push(failure);
      }
    }
  }
  return finish();
}

/** The evaluation loop; false when a rule failed to evaluate (the group then stops, as promtool's does). */
function evaluateOverTime(group: TestGroup, ctx: GroupContext, storage: TestStorage, cases: CaseResult[], failures: Failure[], maxEval: number): boolean {
  const interval = ctx.evaluationIntervalMs;
  const env = {
    storage, subqueryStepMs: interval, externalLabels: Object.fromEntries(group.externalLabels), externalURL: group.externalURL, version: ctx.version, checkpoint: ctx.checkpoint,
  };
  const runs = ctx.ruleGroups.map((g) => new GroupRun(g, env));
  const alertTimes = [...new Set(group.alertTests.map((t) => t.evalTimeMs))].sort((a, b) => a - b);
  let next = 0;
  for (let offset = 0; offset <= maxEval; offset += interval) {
    ctx.checkpoint?.();
    const ts = group.startMs + offset;
    storage.loadTill(ts);
    const evalErrors: Failure[] = [];
    for (const run of runs) {
      run.eval(ts);
      for (const r of run.rules) {
        if (r.lastError !== undefined) {
          evalErrors.push({ message: `    rule: ${r.rule.name}, time: ${goDurationString(ts)}, err: ${r.lastError}`, span: group.span });
        }
      }
    }
    if (evalErrors.length) {
      failures.push(...evalErrors);
      return false;
    }
    for (; next < alertTimes.length && offset <= alertTimes[next] && alertTimes[next] < offset + interval; next++) {
      const at = alertTimes[next];
      for (const test of group.alertTests.filter((t) => t.evalTimeMs === at)) {
        const failure = alertTest(test, group, runs);
        const result = cases.find((c) => c.kind === 'alert' && c.index === test.index)!;
        if (ctx.observe) {
          result.observed = observeAlerts(test.alertname, runs, ts);
        }
        result.status = failure ? 'failed' : 'passed';
        if (failure) {
          result.failure = failure;
          failures.push(failure);
        }
      }
    }
  }
  return true;
}

function alertTest(test: AlertTestCase, group: TestGroup, runs: GroupRun[]): Failure | undefined {
  const got: AlertItem[] = [];
  for (const run of runs) {
    for (const r of run.rules) {
      if (r.alerting && r.rule.name === test.alertname) {
        got.push(...r.alerting.activeAlerts().filter((a) => a.state === 'firing').map((a) => ({ labels: a.labels, annotations: a.annotations })));
      }
    }
  }
  const exp: AlertItem[] = test.expAlerts.map((a) => ({
    labels: fromMap([...a.labels.filter(([name]) => name !== 'alertname'), ['alertname', test.alertname]]),
    annotations: fromMap(a.annotations),
  }));
  if (sameAlerts(exp, got)) {
    return undefined;
  }
  const name = group.name ? `    name: ${group.name},\n` : '';
  const expString = indentLines(alertsString(exp), '            ');
  const gotString = indentLines(alertsString(got), '            ');
  return {
    message: `${name}    alertname: ${test.alertname}, time: ${modelDurationString(test.evalTimeMs)}, \n        exp:${expString}, \n        got:${gotString}`,
    span: test.span,
    expected: alertItems(exp),
    got: alertItems(got),
    diff: diffAlerts(exp, got),
  };
}

/** Labels of an expected sample as parser.ParseMetric reads them, or the error text. */
function expectedLabels(text: string): Labels | string {
  if (text.trim() === '' || text.trim() === '{}') {
    return [];
  }
  const parsed = parseSeriesSelector(text);
  return parsed.labels ?? promqlErrorText(text, parsed.problems[0]);
}

function exprTest(test: PromqlTestCase, group: TestGroup, ctx: GroupContext, storage: TestStorage): Failure | undefined {
  const head = `    expr: ${goQuote(test.expr)}, time: ${modelDurationString(test.evalTimeMs)}`;
  let got: Sample[];
  try {
    got = query(test.expr, group.startMs + test.evalTimeMs, ctx, storage);
  } catch (e) {
    if (!(e instanceof EvalError)) {
      throw e;
    }
    return { message: `${head}, err: ${e.message}`, span: test.span };
  }
  const exp: SampleItem[] = [];
  for (const s of test.expSamples) {
    const labels = expectedLabels(s.labels);
    if (typeof labels === 'string') {
      return { message: `${head}, err: labels ${goQuote(s.labels)}: ${labels}`, span: s.span };
    }
    exp.push({ labels, value: s.value });
  }
  const gotItems = got.map((s) => ({ labels: s.labels, value: s.v }));
  if (sameSamples(exp, gotItems, ctx.fuzzyCompare)) {
    return undefined;
  }
  return {
    message: `${head},\n        exp: ${samplesString(exp)}\n        got: ${samplesString(gotItems)}`,
    span: test.span,
    expected: sampleItems(exp),
    got: sampleItems(gotItems),
    diff: diffSamples(exp, gotItems, ctx.fuzzyCompare),
  };
}

/** promtool's query(): parse errors and evaluation errors as EvalError, a scalar as one sample without labels. */
function query(expr: string, ts: number, ctx: GroupContext, storage: TestStorage): Sample[] {
  const checked = checkPromQL(expr, { prometheusVersion: ctx.version });
  const problem = checked.problems.find((p) => p.severity === 'error') ?? (checked.expr ? undefined : checked.problems[0]);
  if (!checked.expr || problem) {
    throw new EvalError(problem ? promqlErrorText(expr, problem) : '1:1: parse error: no expression found in input');
  }
  const v = evaluateInstant(checked.expr, ts, storage.storage, { subqueryStepMs: ctx.evaluationIntervalMs, checkpoint: ctx.checkpoint });
  if (v.type === 'vector') {
    return v.samples;
  }
  if (v.type === 'scalar') {
    return [{ labels: [], v: v.v }];
  }
  throw new EvalError('rule result is not a vector or scalar');
}
