import type { CodeLens } from 'vscode-languageserver-types';
import { getProperty, items, propertyValue } from '../../syntax/ast';
import type { DocumentContext } from '../context';

/** The command clients run for these lenses; its one argument is a RunRuleTestsArgs. */
export const RUN_RULE_TESTS_COMMAND = 'o11y.runRuleTests';

export interface RunRuleTestsArgs {
  uri: string;
  /** Indexes of the test groups to run; all when absent. */
  groups?: number[];
  /** One case of the (single) group to run alone. */
  case?: { kind: 'alert' | 'expr'; index: number };
}

/** `▶ Run all tests` on `tests:` and `▶ Run test` on each test group of a rule-test file. */
export function ruleTestLenses(ctx: DocumentContext): CodeLens[] {
  if (ctx.kind !== 'ruleTests') {
    return [];
  }
  const tests = getProperty(ctx.docs[0]?.root, 'tests');
  const groups = items(tests && propertyValue(tests));
  if (!tests || !groups.length) {
    return [];
  }
  const lens = (offset: number, title: string, args: RunRuleTestsArgs): CodeLens => {
    const at = ctx.lines.positionAt(offset);
    return { range: { start: at, end: at }, command: { title, command: RUN_RULE_TESTS_COMMAND, arguments: [args] } };
  };
  return [
    lens(tests.offset, '▶ Run all tests', { uri: ctx.uri }),
    ...groups.map((group, index) => lens(group.offset, '▶ Run test', { uri: ctx.uri, groups: [index] })),
  ];
}
