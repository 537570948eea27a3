/**
 * The tests of one rule-test file as an editor lists them (Test Explorer, CodeLens): test groups and their alert
 * and expression cases with where they are written, and the selection of some of them for a run.
 */
import type { Range } from 'vscode-languageserver-types';
import { LineIndex } from '../text';
import { modelDurationString } from './durations';
import { loadTestFile, type TestGroup } from './testFile';
import type { SourceSpan } from './yamlDecode';

export interface RuleTestCaseItem {
  kind: 'alert' | 'expr';
  /** Index within the group's `alert_rule_test` or `promql_expr_test`. */
  index: number;
  label: string;
  range: Range;
}

export interface RuleTestGroupItem {
  index: number;
  /** The `name:`, or `unnamed#INDEX` as promtool calls a group without one. */
  name: string;
  range: Range;
  cases: RuleTestCaseItem[];
}

export interface RuleTestFileItem {
  uri: string;
  groups: RuleTestGroupItem[];
  /** Why the file cannot be run (not valid YAML, a wrong field), as promtool would report it. */
  error?: { message: string; range?: Range };
}

/** Which tests of a file to run: all (empty), some groups by index or name, or one case of the chosen group. */
export interface TestSelection {
  groups?: (number | string)[];
  case?: { kind: 'alert' | 'expr'; index: number };
}

export function spanRange(lines: LineIndex, span: SourceSpan): Range {
  return { start: lines.positionAt(span.offset), end: lines.positionAt(span.offset + span.length) };
}

export function groupName(group: { name: string; index: number }): string {
  return group.name || `unnamed#${group.index}`;
}

/** The test groups and cases of a rule-test file's text; `version` is the promtool release to follow. */
export function listRuleTests(uri: string, text: string, version: string): RuleTestFileItem {
  const lines = new LineIndex(text);
  const loaded = loadTestFile(text, version);
  if (loaded.error !== undefined) {
    return { uri, groups: [], error: { message: loaded.error, range: loaded.span && spanRange(lines, loaded.span) } };
  }
  const groups = loaded.file.tests.map((g): RuleTestGroupItem => ({
    index: g.index,
    name: groupName(g),
    range: spanRange(lines, g.span),
    cases: [
      ...g.alertTests.map((t): RuleTestCaseItem => ({
        kind: 'alert',
        index: t.index,
        label: `${t.alertname || '(no alertname)'} at ${modelDurationString(t.evalTimeMs)}`,
        range: spanRange(lines, t.span),
      })),
      ...g.exprTests.map((t): RuleTestCaseItem => ({
        kind: 'expr',
        index: t.index,
        label: `${t.expr.replace(/\s+/g, ' ').trim() || '(no expr)'} at ${modelDurationString(t.evalTimeMs)}`,
        range: spanRange(lines, t.span),
      })),
    ],
  }));
  return { uri, groups };
}

/**
 * The runner's `select` for a selection: the chosen groups, and for a single case its group with only that case
 * (the rules are then evaluated only up to that case's eval_time).
 */
export function selectTests(selection: TestSelection): (group: TestGroup) => TestGroup | undefined {
  const chosen = selection.groups?.length ? new Set(selection.groups) : undefined;
  const only = selection.case;
  return (group) => {
    if (chosen && !chosen.has(group.index) && !chosen.has(groupName(group))) {
      return undefined;
    }
    if (!only) {
      return group;
    }
    return {
      ...group,
      alertTests: only.kind === 'alert' ? group.alertTests.filter((t) => t.index === only.index) : [],
      exprTests: only.kind === 'expr' ? group.exprTests.filter((t) => t.index === only.index) : [],
    };
  };
}
