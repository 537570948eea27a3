/**
 * Where in a rule-test file each failure of a run belongs, and what to say there: a failed alert or expression
 * case marks each expected entry (`exp_alerts` / `exp_samples` item) that did not match, with the got values in
 * the message, and marks its `alertname` / `expr` for what was got but not expected (or when nothing was
 * expected); a failure of a whole test group marks the group's first line. Every mark keeps the text of its case
 * (or group) as it ran, so that an edit of that case makes the mark stale (failureStore.ts).
 */
import { goQuote } from '../goStrconv';
import { getProperty, getValue, items, type AstNode } from '../syntax/ast';
import { parseYaml } from '../syntax/parseYaml';
import type { FieldChange, ItemDiff } from './diff';
import { modelDurationString } from './durations';
import type { CaseResult, Failure, FileResult, ResultItem } from './results';
import { dedent } from './runReport';

export interface CaseRef {
  kind: 'alert' | 'expr';
  index: number;
}

export interface FailureMark {
  group: number;
  /** The case; undefined for a failure of the test group as a whole. */
  case?: CaseRef;
  /** The case's (or group's) text when it ran. */
  anchorText: string;
  /** Where the mark starts, from the start of the anchor, and how long it is. */
  offset: number;
  length: number;
  message: string;
}

const CASE_KEYS = { alert: 'alert_rule_test', expr: 'promql_expr_test' } as const;
const NAME_KEYS = { alert: 'alertname', expr: 'expr' } as const;
const EXPECTED_KEYS = { alert: 'exp_alerts', expr: 'exp_samples' } as const;

/** The node of a test group, or of one of its cases, in a test file's YAML root. */
export function anchorNode(root: AstNode | undefined, group: number, ref?: CaseRef): AstNode | undefined {
  const g = items(getValue(root, 'tests'))[group];
  return ref ? items(getValue(g, CASE_KEYS[ref.kind]))[ref.index] : g;
}

/** The marks of a run of `text` (the test file's text that ran). */
export function failureMarks(text: string, result: FileResult): FailureMark[] {
  const root = parseYaml(text)[0]?.root;
  const out: FailureMark[] = [];
  for (const g of result.groups) {
    const ofCases = new Set<Failure>();
    for (const c of g.cases) {
      const node = anchorNode(root, g.index, c);
      if (c.failure && node) {
        ofCases.add(c.failure);
        out.push(...caseMarks(text, g.index, c, c.failure, node));
      }
    }
    const groupNode = anchorNode(root, g.index);
    for (const f of g.failures.filter((f) => !ofCases.has(f))) {
      if (groupNode) {
        out.push(mark(text, g.index, undefined, groupNode, firstLine(text, spanNode(groupNode, f) ?? groupNode), `Test group failed: ${dedent(f.message)}`));
      }
    }
  }
  return out;
}

/** The first line of a node (a block mapping's first key and value), trailing blanks left out. */
function firstLine(text: string, node: AstNode): { offset: number; length: number } {
  const nl = text.indexOf('\n', node.offset);
  const end = nl < 0 || nl > node.offset + node.length ? node.offset + node.length : nl;
  return { offset: node.offset, length: text.slice(node.offset, end).trimEnd().length };
}

/** The item of the group that a failure's span starts (an input series), if it is not the group itself. */
function spanNode(group: AstNode, f: Failure): AstNode | undefined {
  const at = f.span?.offset;
  if (at === undefined || at === group.offset) {
    return undefined;
  }
  return items(getValue(group, 'input_series')).find((n) => n.offset === at);
}

function mark(text: string, group: number, ref: CaseRef | undefined, anchor: AstNode, at: { offset: number; length: number }, message: string): FailureMark {
  return {
    group,
    ...(ref ? { case: { kind: ref.kind, index: ref.index } } : {}),
    anchorText: text.slice(anchor.offset, anchor.offset + anchor.length),
    offset: at.offset - anchor.offset,
    length: at.length,
    message,
  };
}

function caseMarks(text: string, group: number, c: CaseResult, f: Failure, node: AstNode): FailureMark[] {
  const nameProp = getProperty(node, NAME_KEYS[c.kind]);
  const nameAt = firstLine(text, nameProp ?? node);
  const at = `at ${modelDurationString(c.evalTimeMs)}`;
  const what = c.kind === 'alert' ? 'alert_rule_test' : 'promql_expr_test';
  if (!f.diff || !f.expected || !f.got) {
    // An evaluation error, or an expected sample whose labels do not parse (its own span).
    const entry = items(getValue(node, EXPECTED_KEYS[c.kind])).find((n) => n.offset === f.span?.offset);
    return [mark(text, group, c, node, entry ? firstLine(text, entry) : nameAt, `${what} failed ${at}: ${dedent(f.message)}`)];
  }
  const entries = items(getValue(node, EXPECTED_KEYS[c.kind]));
  const matched = expectedIndexes(f.expected, f.got, f.diff);
  const out: FailureMark[] = [];
  const unexpected: ItemDiff[] = [];
  f.diff.forEach((d, i) => {
    const entry = entries[matched[i] ?? -1];
    if (d.kind === 'unexpected' || !entry) {
      unexpected.push(d);
      return;
    }
    const message = d.kind === 'changed' ? `${what} failed ${at}: ${changedText(d)}` : `${what} failed ${at}: ${missingText(c.kind, f.got!)}`;
    out.push(mark(text, group, c, node, firstLine(text, entry), message));
  });
  if (unexpected.length) {
    const list = unexpected.map((d) => (d.kind === 'changed' ? changedText(d) : itemText(d))).join('; ');
    const message = f.expected.length
      ? `${what} failed ${at}: also got ${list}, which ${EXPECTED_KEYS[c.kind]} does not list`
      : `${what} failed ${at}: expected nothing, got ${list}`;
    out.push(mark(text, group, c, node, nameAt, message));
  }
  return out;
}

const itemKey = (i: { labels: string; annotations?: string; value?: string }): string => `${i.labels}\u0000${i.annotations ?? ''}\u0000${i.value ?? ''}`;

/**
 * For each diff entry, the index of the expected item it reports (changed and missing entries): items matching a
 * got item exactly are set aside first, as the diff does, then each entry takes the first remaining expected item
 * with its labels (and, when missing, its annotations and value).
 */
function expectedIndexes(expected: ResultItem[], got: ResultItem[], diff: ItemDiff[]): (number | undefined)[] {
  const used = new Set<number>();
  const gotKeys = got.map(itemKey);
  expected.forEach((e, i) => {
    const j = gotKeys.indexOf(itemKey(e));
    if (j >= 0) {
      used.add(i);
      gotKeys[j] = '';
    }
  });
  return diff.map((d) => {
    if (d.kind === 'unexpected') {
      return undefined;
    }
    const i = expected.findIndex((e, k) => !used.has(k) && e.labels === d.labels && (d.kind === 'changed' || itemKey(e) === itemKey(d)));
    if (i >= 0) {
      used.add(i);
    }
    return i >= 0 ? i : undefined;
  });
}

const shown = (v: string | undefined): string => (v === undefined ? '(none)' : goQuote(v));
const changes = (kind: string, list: FieldChange[]): string[] => list.map((c) => `${kind} ${c.name}: expected ${shown(c.expected)}, got ${shown(c.got)}`);

function changedText(d: Extract<ItemDiff, { kind: 'changed' }>): string {
  const parts = [...changes('label', d.labelChanges), ...changes('annotation', d.annotationChanges), ...(d.value ? [`value: expected ${d.value.expected}, got ${d.value.got}`] : [])];
  return `${d.labels} differs: ${parts.join('; ')}`;
}

function itemText(i: { labels: string; annotations?: string; value?: string }): string {
  const annotations = i.annotations && i.annotations !== '{}' ? ` annotations ${i.annotations}` : '';
  return `${i.labels}${annotations}${i.value !== undefined ? ` ${i.value}` : ''}`;
}

function missingText(kind: 'alert' | 'expr', got: ResultItem[]): string {
  const what = kind === 'alert' ? 'this alert is not firing' : 'no such sample';
  return `${what}; got ${got.length ? got.map(itemText).join('; ') : 'nothing'}`;
}
