import type { CodeAction, CodeLens, Position } from 'vscode-languageserver-types';
import { getProperty, getValue, items, propertyValue, type AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { ruleGroups } from './validate';

/** The command clients run to generate a test; its one argument is a GenerateRuleTestArgs. */
export const GENERATE_RULE_TEST_COMMAND = 'o11y.generateRuleTest';
export const GENERATE_RULE_TEST_TITLE = 'Generate test for this alert';

export interface GenerateRuleTestArgs {
  /** The rule file. */
  uri: string;
  alertname: string;
}

interface AlertRule {
  name: string;
  rule: AstNode;
  at: Position;
}

function alertRules(ctx: DocumentContext): AlertRule[] {
  const out: AlertRule[] = [];
  for (const rule of ctx.docs.flatMap((d) => ruleGroups(d.root)).flatMap((g) => items(getValue(g, 'rules')))) {
    const alert = getProperty(rule, 'alert');
    const value = alert && propertyValue(alert);
    if (alert && (value?.type === 'string' || value?.type === 'number') && value.value !== '') {
      out.push({ name: String(value.value), rule, at: ctx.lines.positionAt(alert.offset) });
    }
  }
  return out;
}

const command = (ctx: DocumentContext, name: string): { title: string; command: string; arguments: [GenerateRuleTestArgs] } => ({
  title: GENERATE_RULE_TEST_TITLE,
  command: GENERATE_RULE_TEST_COMMAND,
  arguments: [{ uri: ctx.uri, alertname: name }],
});

/** `Generate test` beside the `No tests` lens of each alerting rule that no test case covers (a file on disk only). */
export function generateTestLenses(ctx: DocumentContext): CodeLens[] {
  if (ctx.kind !== 'rules' || !ctx.ruleTests || !ctx.path) {
    return [];
  }
  const casesOf = ctx.ruleTests.casesFor(ctx.path, ctx.env.fs);
  return alertRules(ctx)
    .filter((r) => !casesOf(r.name).length)
    .map((r) => ({ range: { start: r.at, end: r.at }, command: { ...command(ctx, r.name), title: 'Generate test' } }));
}

/** The code action on an alerting rule under the cursor. */
export function generateTestActions(ctx: DocumentContext, offset: number): CodeAction[] {
  if (ctx.kind !== 'rules' || !ctx.path) {
    return [];
  }
  const hit = alertRules(ctx).find((r) => offset >= r.rule.offset && offset <= r.rule.offset + r.rule.length);
  return hit ? [{ title: GENERATE_RULE_TEST_TITLE, kind: 'refactor', command: command(ctx, hit.name) }] : [];
}
