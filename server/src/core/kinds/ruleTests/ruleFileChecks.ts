import type { Problem } from '../../problem';
import { getValue, items, type AstNode } from '../../syntax/ast';
import { closest } from '../../strings';
import { contentRange, nodeProblem, scalarText } from './positions';
import type { RuleFileSet } from './ruleFiles';

/**
 * `rule_files` entries that load nothing. promtool only prints a warning for a pattern that matches no file and
 * then runs the tests without those rules, so every alert test fails or passes vacuously: a missing plain path
 * is an error here, an empty glob a warning.
 */
export function checkRuleFiles(set: RuleFileSet): Problem[] {
  const out: Problem[] = [];
  for (const entry of set.entries) {
    if (entry.paths.length === 0) {
      out.push(
        /[*?[]/.test(entry.pattern)
          ? nodeProblem(entry.node, 'ruletests/rule-files-no-match', `"${entry.pattern}" matches no file (relative to this test file).`, 'warning')
          : nodeProblem(entry.node, 'ruletests/rule-file-not-found', `"${entry.pattern}" does not exist (relative to this test file).`),
      );
    } else if (entry.unreadable) {
      out.push(nodeProblem(entry.node, 'ruletests/invalid-rule-file', `${entry.unreadable}: promtool cannot load it.`));
    }
  }
  return out;
}

/** promtool refuses a group named twice in `group_eval_order`; a name no rule file defines orders nothing. */
export function checkGroupOrder(root: AstNode | undefined, docText: string, set: RuleFileSet | undefined): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const known = set?.complete ? [...set.groups] : undefined;
  for (const node of items(getValue(root, 'group_eval_order'))) {
    const name = scalarText(node);
    if (name === undefined) {
      continue;
    }
    if (seen.has(name)) {
      out.push(nodeProblem(node, 'ruletests/duplicate-group-order', `group name repeated in evaluation order: ${name}`));
    } else if (known && !set!.groups.has(name)) {
      const hint = closest(name, known);
      const p = nodeProblem(node, 'ruletests/unknown-group', `No rule group is named "${name}" in the rule files.${hint ? ` Did you mean "${hint}"?` : ''}`, 'warning');
      out.push(hint ? { ...p, fix: { title: `Change to "${hint}"`, replacement: hint, ...contentRange(node, docText) } } : p);
    }
    seen.add(name);
  }
  return out;
}
