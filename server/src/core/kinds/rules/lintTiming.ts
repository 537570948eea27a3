import type { Problem } from '../../problem';
import { DEFAULT_SCRAPE_INTERVAL, formatDuration } from '../../promql/lintContext';
import { durationMs } from '../../schema/formats';
import { getValue, type AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { absentCall, exprProblem, type RuleExpr } from './lintExpr';

/** Prometheus's default `global.evaluation_interval` (config/config.go DefaultGlobalConfig). */
const DEFAULT_EVALUATION_INTERVAL = 60;
/** PromQL's default lookback delta (`--query.lookback-delta`, promql/engine.go defaultLookbackDelta). */
const LOOKBACK_DELTA = 300;

/** How often a group's rules are evaluated (seconds), and where that number comes from. */
export interface GroupInterval {
  seconds: number;
  source: string;
}

function seconds(node: AstNode | undefined): number | undefined {
  const ms = node && (node.type === 'string' || node.type === 'number') ? durationMs(String(node.value)) : undefined;
  return ms === undefined ? undefined : ms / 1000;
}

/** The group's `interval`, else the workspace Prometheus configuration's `evaluation_interval`, else Prometheus's default. */
export function groupInterval(group: AstNode, ctx: DocumentContext): GroupInterval {
  const own = seconds(getValue(group, 'interval'));
  if (own) {
    return { seconds: own, source: "the group's interval" };
  }
  const global = ctx.workspace?.evaluationInterval();
  return global
    ? { seconds: global, source: "evaluation_interval of the workspace's Prometheus configuration" }
    : { seconds: DEFAULT_EVALUATION_INTERVAL, source: "Prometheus's default evaluation_interval" };
}

/** A group evaluated less often than the lookback delta: its results vanish from queries between evaluations. */
export function groupTimingProblems(group: AstNode): Problem[] {
  const node = getValue(group, 'interval');
  const s = seconds(node);
  if (!node || s === undefined || s <= LOOKBACK_DELTA) {
    return [];
  }
  return [
    {
      offset: node.offset,
      length: node.length,
      severity: 'warning',
      code: 'rules/interval-over-staleness',
      message: `Rules evaluated every ${formatDuration(s)} write a sample only every ${formatDuration(s)}, but PromQL looks back at most 5m (the default lookback delta) for a series' latest sample: for the rest of each interval this group's results are missing from queries, so graphs show gaps and rules that read them see nothing. Use 5m or less.`,
    },
  ];
}

/**
 * An alert is checked once per evaluation and fires at the first evaluation at which it has been pending for
 * `for` (rules/alerting.go Eval): a non-zero `for` below the interval therefore waits one whole interval.
 */
export function forProblems(rule: AstNode, interval: GroupInterval): Problem[] {
  const node = getValue(rule, 'for');
  const s = seconds(node);
  if (!node || !s || s >= interval.seconds) {
    return [];
  }
  const every = formatDuration(interval.seconds);
  return [
    {
      offset: node.offset,
      length: node.length,
      severity: 'warning',
      code: 'rules/for-shorter-than-interval',
      message: `"for: ${formatDuration(s)}" is shorter than the evaluation interval (${every}, ${interval.source}): the alert is checked only every ${every}, so it fires one interval after it starts pending, as with "for: ${every}". Write "for: ${every}" or more, or leave "for" out to fire on the first evaluation.`,
    },
  ];
}

/**
 * absent() is briefly true although the series is fine (right after Prometheus starts, before the first scrape,
 * or when a scrape comes late); a `for` of two scrape intervals rides that out.
 */
export function absentForProblems(rule: AstNode, e: RuleExpr, ctx: DocumentContext): Problem[] {
  const call = absentCall(e);
  if (!call) {
    return [];
  }
  const scrape = ctx.workspace?.scrapeInterval();
  const needed = 2 * (scrape ?? DEFAULT_SCRAPE_INTERVAL);
  const node = getValue(rule, 'for');
  const s = seconds(node) ?? 0;
  if (s >= needed) {
    return [];
  }
  const why = `${call.name}() is true for a moment although the series is fine (right after Prometheus starts, or when a scrape is late), so this alert needs "for: ${formatDuration(needed)}" or more: twice the ${scrape === undefined ? 'default ' : ''}scrape interval of ${formatDuration(needed / 2)}.`;
  if (node && s > 0) {
    return [{ offset: node.offset, length: node.length, severity: 'warning', code: 'rules/absent-without-for', message: `"for: ${formatDuration(s)}" is too short: ${why}` }];
  }
  return [exprProblem(e, call.nameSpan, 'rules/absent-without-for', `Without "for", ${why}`)];
}
