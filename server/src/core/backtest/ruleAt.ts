// The alerting rule a backtest runs: found by a position in a rule file, read into the rule-test engine's shape
// (LoadedRule), with the group around it. A rule that cannot run says why, at the place to fix.
import type { Position, Range } from 'vscode-languageserver-types';
import type { DocumentContext } from '../kinds/context';
import { ruleGroups } from '../kinds/rules/validate';
import { checkPromQL } from '../promql/check';
import { parseModelDuration } from '../ruletest/durations';
import { compareStrings, type Label, type Labels } from '../ruletest/labels';
import type { LoadedRule } from '../ruletest/ruleFiles';
import { promqlErrorText } from '../ruletest/promqlErrors';
import { getValue, items, properties, propertyKey, propertyValue, type AstNode } from '../syntax/ast';

export interface RuleToBacktest {
  rule: LoadedRule;
  /** The expression as written (decoded from YAML). */
  exprText: string;
  groupName: string;
  /** The group's own `interval:`, in milliseconds, when it sets one. */
  groupIntervalMs?: number;
  /** The rule's range in the document (from its first key to its end). */
  at: Range;
  /** The `alert:` key's position, where lenses sit. */
  alertAt: Position;
}

export type RuleLookup = RuleToBacktest | { error: string; at?: Range };

function scalar(text: string, node: AstNode | undefined): string {
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'null') {
    return '';
  }
  return node.type === 'string' ? String(node.value) : text.slice(node.offset, node.offset + node.length);
}

/** Every alerting rule of the document with its group: the nodes a lens or a position lookup needs. */
export function alertingRuleNodes(ctx: DocumentContext): { group: AstNode; rule: AstNode; alert: AstNode }[] {
  if (ctx.kind !== 'rules') {
    return [];
  }
  const out: { group: AstNode; rule: AstNode; alert: AstNode }[] = [];
  for (const group of ctx.docs.flatMap((d) => ruleGroups(d.root))) {
    for (const rule of items(getValue(group, 'rules'))) {
      const alert = properties(rule).find((p) => propertyKey(p) === 'alert');
      if (alert && scalar(ctx.text, propertyValue(alert)) !== '') {
        out.push({ group, rule, alert });
      }
    }
  }
  return out;
}

function rangeOf(ctx: DocumentContext, node: AstNode): Range {
  return ctx.lines.range(node.offset, node.length);
}

/** The duration of a `for`-like field in milliseconds, or an error naming the field. */
function durationField(ctx: DocumentContext, rule: AstNode, key: string): number | { error: string; at: Range } {
  const node = getValue(rule, key);
  const text = scalar(ctx.text, node);
  if (!node || text === '') {
    return 0;
  }
  const parsed = parseModelDuration(text);
  return 'ms' in parsed ? parsed.ms : { error: `${key}: ${parsed.error}`, at: rangeOf(ctx, node) };
}

function labelSet(ctx: DocumentContext, node: AstNode | undefined): Labels {
  const out: Label[] = properties(node).map((p) => ({ name: propertyKey(p), value: scalar(ctx.text, propertyValue(p)) }));
  return Object.freeze(out.sort((a, b) => compareStrings(a.name, b.name)));
}

/** The alerting rule whose text holds `pos` (or whose `alert:` line it is on). */
export function ruleAt(ctx: DocumentContext, pos: Position): RuleLookup {
  if (ctx.kind !== 'rules') {
    return { error: 'backtests run on alerting rules, and this is not a rule file' };
  }
  const offset = ctx.lines.offsetAt(pos);
  const found = alertingRuleNodes(ctx).find(({ rule, alert }) => {
    const line = ctx.lines.positionAt(alert.offset).line;
    return (rule.offset <= offset && offset <= rule.offset + rule.length) || line === pos.line;
  });
  if (!found) {
    return { error: `there is no alerting rule at line ${pos.line + 1}` };
  }
  const { group, rule, alert } = found;
  const at = rangeOf(ctx, rule);
  const name = scalar(ctx.text, propertyValue(alert));
  const exprNode = getValue(rule, 'expr');
  const exprText = scalar(ctx.text, exprNode);
  if (!exprText.trim()) {
    return { error: `alert ${name} has no expr to backtest`, at: exprNode ? rangeOf(ctx, exprNode) : at };
  }
  const version = ctx.settings.versions.prometheus;
  const checked = checkPromQL(exprText, { prometheusVersion: version });
  const problem = checked.problems.find((p) => p.severity === 'error') ?? (checked.expr ? undefined : checked.problems[0]);
  if (!checked.expr || problem) {
    return { error: `the expr of ${name} does not parse: ${problem ? promqlErrorText(exprText, problem) : 'empty'}`, at: rangeOf(ctx, exprNode!) };
  }
  const forMs = durationField(ctx, rule, 'for');
  const keepMs = durationField(ctx, rule, 'keep_firing_for');
  for (const d of [forMs, keepMs]) {
    if (typeof d !== 'number') {
      return d;
    }
  }
  const interval = durationField(ctx, group, 'interval');
  if (typeof interval !== 'number') {
    return interval;
  }
  const loaded: LoadedRule = {
    kind: 'alert',
    name,
    expr: checked.expr,
    forMs: forMs as number,
    keepFiringForMs: keepMs as number,
    labels: labelSet(ctx, getValue(rule, 'labels')),
    annotations: labelSet(ctx, getValue(rule, 'annotations')),
  };
  return {
    rule: loaded,
    exprText,
    groupName: scalar(ctx.text, getValue(group, 'name')),
    groupIntervalMs: interval > 0 ? interval : undefined,
    at,
    alertAt: ctx.lines.positionAt(alert.offset),
  };
}
