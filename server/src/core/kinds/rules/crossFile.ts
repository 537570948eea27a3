import type { Problem } from '../../problem';
import type { IndexedRule, RulesIndex } from '../../workspace/rules';

/**
 * Checks of one file against the rest of the workspace, from the rules index: rules that compute what another rule
 * already computes, recording rules nothing reads, and rules reading a metric whose recording rule went away.
 */
export function crossFileProblems(index: RulesIndex, key: string): Problem[] {
  const file = index.file(key);
  if (!file) {
    return [];
  }
  const out: Problem[] = [];
  for (const rule of file.rules) {
    const at = { offset: rule.nameFrom, length: rule.nameTo - rule.nameFrom };
    // Within one file the copies sit side by side; across files they are easy to miss (and the wording of
    // promtool's own duplicate check, same name and labels in a file, is another matter).
    const duplicates = index.duplicatesElsewhere(rule).sort((a, b) => a.file.relPath.localeCompare(b.file.relPath) || a.nameFrom - b.nameFrom);
    if (duplicates.length) {
      const more = duplicates.length > 1 ? ` (and ${duplicates.length - 1} more)` : '';
      out.push({
        ...at,
        severity: 'warning',
        code: 'rules/duplicate-rule',
        message: `Same expression and labels as ${describe(duplicates[0])} at ${where(duplicates[0])}${more}: the rules compute the same thing.`,
      });
    }
    if (rule.kind === 'record' && index.complete && !index.readByOthers(rule.name, rule)) {
      out.push({
        ...at,
        severity: 'info',
        code: 'rules/unused-recording-rule',
        message: `Nothing in the workspace reads "${rule.name}": no alert, recording rule, rule test or dashboard query uses it.`,
      });
    }
  }
  for (const use of file.uses) {
    const was = use.rule && index.formerlyRecordedIn(use.metric);
    if (was) {
      out.push({
        offset: use.from,
        length: use.to - use.from,
        severity: 'warning',
        code: 'rules/missing-recording-rule',
        message: `"${use.metric}" is no longer recorded by any rule in the workspace; it was recorded in ${was}.`,
      });
    }
  }
  return out;
}

export function describe(rule: IndexedRule): string {
  return `${rule.kind === 'alert' ? 'alert' : 'recording rule'} "${rule.name}"`;
}

/** `path:line` of a rule's name (1-based line). */
export function where(rule: IndexedRule): string {
  return `${rule.file.relPath}:${rule.file.lines.positionAt(rule.nameFrom).line + 1}`;
}
