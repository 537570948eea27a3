import type { Problem } from '../../problem';
import { parseSeriesSelector } from '../../ruletest/seriesNotation';
import { durationMs } from '../../schema/formats';
import { closest } from '../../strings';
import { getValue, items, type AstNode } from '../../syntax/ast';
import { contentRange, innerProblem, nodeProblem, scalarText } from './positions';
import type { RuleFileSet } from './ruleFiles';

/** Prometheus 2.x's default lookback: an instant selector still sees a sample this long after it (inclusive). */
const LOOKBACK_MS = 5 * 60_000;

export interface GroupTiming {
  /** The group's input interval in milliseconds (its `interval`, else the file's `evaluation_interval`). */
  intervalMs?: number;
  /** Step of the latest input sample; undefined when unknown. */
  lastSample?: number;
}

/** Checks of one test group's `alert_rule_test` entries. */
export function checkAlertTests(testGroup: AstNode, docText: string, rules: RuleFileSet | undefined, timing: GroupTiming): Problem[] {
  const out: Problem[] = [];
  const names = rules?.complete ? [...new Set(rules.alerts.map((a) => a.name))] : undefined;
  for (const test of items(getValue(testGroup, 'alert_rule_test'))) {
    const nameNode = getValue(test, 'alertname');
    const name = scalarText(nameNode);
    if (nameNode && name === '') {
      out.push(nodeProblem(nameNode, 'ruletests/missing-alertname', 'an item under alert_rule_test misses required attribute alertname'));
    } else if (nameNode && name && names && !names.includes(name)) {
      out.push(unknownAlert(nameNode, name, names, docText));
    }
    out.push(...evalTimeProblems(getValue(test, 'eval_time'), timing));
  }
  return out;
}

function unknownAlert(node: AstNode, name: string, names: string[], docText: string): Problem {
  const hint = closest(name, names);
  const message = names.length
    ? `No alerting rule in the rule files is named "${name}".${hint ? ` Did you mean "${hint}"?` : ''}`
    : `The rule files define no alerting rule, so no "${name}" alert can fire.`;
  const p = nodeProblem(node, 'ruletests/unknown-alert', message);
  return hint ? { ...p, fix: { title: `Change to "${hint}"`, replacement: hint, ...contentRange(node, docText) } } : p;
}

/** Checks of one test group's `promql_expr_test` entries (the expressions themselves are checked as PromQL). */
export function checkExprTests(testGroup: AstNode, docText: string, timing: GroupTiming): Problem[] {
  const out: Problem[] = [];
  for (const test of items(getValue(testGroup, 'promql_expr_test'))) {
    out.push(...evalTimeProblems(getValue(test, 'eval_time'), timing));
    for (const sample of items(getValue(test, 'exp_samples'))) {
      out.push(...sampleLabelProblems(getValue(sample, 'labels'), docText));
    }
  }
  return out;
}

/** promtool reads `labels` with ParseMetric: empty (a scalar result) or a series with only `=` matchers. */
function sampleLabelProblems(node: AstNode | undefined, docText: string): Problem[] {
  const text = scalarText(node);
  if (!node || text === undefined || /^\s*(\{\s*\})?\s*$/.test(text)) {
    return [];
  }
  return parseSeriesSelector(text).problems.map((p) => innerProblem(node, docText, p.from, p.to, 'ruletests/invalid-sample-labels', p.message));
}

/** An `eval_time` after the input series ended (last sample plus the lookback): no instant selector sees them. */
function evalTimeProblems(node: AstNode | undefined, timing: GroupTiming): Problem[] {
  const text = scalarText(node);
  const at = text === undefined ? undefined : durationMs(text);
  if (!node || at === undefined || timing.intervalMs === undefined || timing.lastSample === undefined) {
    return [];
  }
  const lastMs = timing.lastSample * timing.intervalMs;
  if (at <= lastMs + LOOKBACK_MS) {
    return [];
  }
  return [
    nodeProblem(
      node,
      'ruletests/eval-time-after-input',
      `eval_time ${text} is after the input series end: the last sample is at ${formatMs(lastMs)}, and instant queries see it only until ${formatMs(lastMs + LOOKBACK_MS)}.`,
      'warning',
    ),
  ];
}

/** A duration in Prometheus's short notation (`1h30m`, `45s`, `0s`). */
export function formatMs(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  let rest = ms;
  let out = '';
  for (const [unit, size] of units) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
