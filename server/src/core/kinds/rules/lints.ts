import type { Problem } from '../../problem';
import { checkFormat } from '../../schema/formats';
import { getProperty, getValue, type AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { conditionProblems, exprTypeProblems, ruleExpr } from './lintExpr';
import { absentForProblems, forProblems, groupInterval, groupTimingProblems, type GroupInterval } from './lintTiming';

/**
 * Checks of one rule file beyond what Prometheus rejects: the conventions alert routing and readers rely on
 * (severity, summary, description, recording rule names), and rules that load but misbehave — timing
 * (lintTiming.ts) and expressions (lintExpr.ts). Each has its own code, so `.o11y.yaml` `lints:` can re-level it.
 * These are a group's own lints; ruleLints are those of one rule item.
 */
export function groupLints(group: AstNode): Problem[] {
  return [...groupTimingProblems(group), ...metricNameLabel(getValue(group, 'labels'))];
}

/** The lints of one rule item; what they need of its group is `group` (ruleGroupContext). */
export function ruleLints(rule: AstNode, group: RuleGroupContext, ctx: DocumentContext): Problem[] {
  if (rule.type !== 'object') {
    return [];
  }
  const alert = getProperty(rule, 'alert');
  const record = getProperty(rule, 'record');
  const expr = ruleExpr(getValue(rule, 'expr'), ctx);
  const out = [...metricNameLabel(getValue(rule, 'labels')), ...(expr ? exprTypeProblems(expr) : [])];
  if (alert && !record) {
    out.push(...alertConventions(rule, alert, group.severity), ...forProblems(rule, group.interval));
    out.push(...(expr ? [...conditionProblems(expr), ...absentForProblems(rule, expr, ctx)] : []));
  } else if (record && !alert) {
    out.push(...recordName(record.children?.[1], ctx));
  }
  return out;
}

/** What the lints of a rule read of its group: whether the group sets a severity label, and its interval. */
export interface RuleGroupContext {
  severity: boolean;
  interval: GroupInterval;
}

export function ruleGroupContext(group: AstNode, ctx: DocumentContext): RuleGroupContext {
  return { severity: !!scalar(getValue(getValue(group, 'labels'), 'severity')), interval: groupInterval(group, ctx) };
}

function scalar(node: AstNode | undefined): string {
  return node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean') ? String(node.value) : '';
}

function problem(node: AstNode, code: string, severity: Problem['severity'], message: string): Problem {
  return { offset: node.offset, length: node.length, code, severity, message };
}

/** Missing severity label, summary and description: reported on `labels:`/`annotations:`, or on the alert's name. */
function alertConventions(rule: AstNode, alert: AstNode, groupSeverity: boolean): Problem[] {
  const name = scalar(alert.children?.[1]);
  const anchor = name ? alert.children![1] : alert.children![0];
  const what = name ? `Alert "${name}"` : 'This alert';
  const labels = getProperty(rule, 'labels');
  const annotations = getProperty(rule, 'annotations');
  const out: Problem[] = [];
  if (!scalar(getValue(labels?.children?.[1], 'severity')) && !groupSeverity) {
    const message = `${what} has no severity label: Alertmanager routes and silences usually select on it (e.g. severity: critical, or warning).`;
    out.push(problem(labels?.children?.[0] ?? anchor, 'rules/missing-severity', 'warning', message));
  }
  const has = (key: string): boolean => scalar(getValue(annotations?.children?.[1], key)).trim() !== '';
  if (!has('summary')) {
    const message = `${what} has no summary annotation: the one line that notifications show about the problem.`;
    out.push(problem(annotations?.children?.[0] ?? anchor, 'rules/missing-summary', 'info', message));
  }
  if (!has('description')) {
    const message = `${what} has no description annotation: tell whoever is notified what is wrong and what to look at.`;
    out.push(problem(annotations?.children?.[0] ?? anchor, 'rules/missing-description', 'info', message));
  }
  return out;
}

/** `__name__` in rule or group labels: Prometheus refuses it (model/rulefmt/rulefmt.go, "invalid label name"). */
function metricNameLabel(labels: AstNode | undefined): Problem[] {
  return (labels?.type === 'object' ? (labels.children ?? []) : [])
    .map((p) => p.children![0])
    .filter((key) => key.value === '__name__')
    .map((key) => problem(key, 'rules/invalid-label-name', 'error', 'invalid label name: __name__ (labels of a rule cannot set the metric name)'));
}

/**
 * The naming convention of Prometheus's recording rule documentation: `level:metric:operations`, i.e. the labels the
 * result keeps, the metric it is computed from, and what was applied. Invalid names are the schema's to report.
 */
const CONVENTION = /^[^:]*:[^:]+:.*[^:]$/;

function recordName(node: AstNode | undefined, ctx: DocumentContext): Problem[] {
  const name = scalar(node);
  if (CONVENTION.test(name) || !name || /[{}]/.test(name) || checkFormat('metricName', name, { prometheusVersion: ctx.settings.versions.prometheus })) {
    return [];
  }
  const message = `Recording rule names conventionally read level:metric:operations (e.g. job:http_requests:rate5m for sum by (job) (rate(http_requests_total[5m]))), so readers see where a series comes from.`;
  return [problem(node!, 'rules/record-name-convention', 'info', message)];
}
