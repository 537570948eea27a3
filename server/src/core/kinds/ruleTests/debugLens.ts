import type { CodeLens } from 'vscode-languageserver-types';
import { getProperty, getValue, items, propertyValue } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { RUN_RULE_TESTS_COMMAND, type RunRuleTestsArgs } from './codeLens';

/** The command clients run to show what the engine saw; its one argument is a RunRuleTestsArgs. */
export const DEBUG_RULE_TEST_COMMAND = 'o11y.debugRuleTest';

const CASE_LISTS = [
  ['alert_rule_test', 'alert'],
  ['promql_expr_test', 'expr'],
] as const;

/**
 * `Debug output` beside `▶ Run test` on each test group, and `▶ Run` with `Debug output` on each
 * `alert_rule_test` / `promql_expr_test` case of a rule-test file.
 */
export function ruleTestDebugLenses(ctx: DocumentContext): CodeLens[] {
  if (ctx.kind !== 'ruleTests') {
    return [];
  }
  const tests = getProperty(ctx.docs[0]?.root, 'tests');
  const out: CodeLens[] = [];
  const lens = (offset: number, title: string, command: string, args: RunRuleTestsArgs): void => {
    const at = ctx.lines.positionAt(offset);
    out.push({ range: { start: at, end: at }, command: { title, command, arguments: [args] } });
  };
  items(tests && propertyValue(tests)).forEach((group, g) => {
    lens(group.offset, 'Debug output', DEBUG_RULE_TEST_COMMAND, { uri: ctx.uri, groups: [g] });
    for (const [key, kind] of CASE_LISTS) {
      items(getValue(group, key)).forEach((c, index) => {
        const args: RunRuleTestsArgs = { uri: ctx.uri, groups: [g], case: { kind, index } };
        lens(c.offset, '▶ Run', RUN_RULE_TESTS_COMMAND, args);
        lens(c.offset, 'Debug output', DEBUG_RULE_TEST_COMMAND, args);
      });
    }
  });
  return out;
}
