import type { CodeLens, Location, Position } from 'vscode-languageserver-types';
import { getProperty, getValue, items, propertyValue } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { ruleGroups } from './validate';

/**
 * The command clients run for these lenses, with arguments [uri, position, locations, alertname] (LSP types):
 * show the locations as references at the position, or, when there are none, say that no unit test covers the alert.
 */
export const SHOW_RULE_TESTS_COMMAND = 'o11y.showRuleTests';

/** `Tested in N cases` or `No tests` on the `alert:` line of each alerting rule of a rule file. */
export function ruleTestCoverageLenses(ctx: DocumentContext): CodeLens[] {
  if (ctx.kind !== 'rules' || !ctx.ruleTests) {
    return [];
  }
  const casesOf = ctx.ruleTests.casesFor(ctx.path, ctx.env.fs);
  const out: CodeLens[] = [];
  for (const rule of ctx.docs.flatMap((d) => ruleGroups(d.root)).flatMap((g) => items(getValue(g, 'rules')))) {
    const alert = getProperty(rule, 'alert');
    const value = alert && propertyValue(alert);
    if (!alert || (value?.type !== 'string' && value?.type !== 'number') || value.value === '') {
      continue;
    }
    const at = ctx.lines.positionAt(alert.offset);
    const name = String(value.value);
    const cases = casesOf(name);
    const args: [string, Position, Location[], string] = [ctx.uri, at, cases, name];
    const title = !cases.length ? 'No tests' : `Tested in ${cases.length} case${cases.length === 1 ? '' : 's'}`;
    out.push({ range: { start: at, end: at }, command: { title, command: SHOW_RULE_TESTS_COMMAND, arguments: args } });
  }
  return out;
}
