/**
 * Completion inside the actions of a template: `$labels.` → the labels the rule's expression keeps, `$` →
 * variables, `.` → fields of the data, names → functions (and keywords where an action starts), and the key
 * of `index $labels "…"`. Pure: template text, cursor offset and context in, items with replace spans out.
 */
import type { Span } from './ast';
import { actionAt, wordAt, type ActionCursor, type Word } from './cursor';
import { ALERT_VARIABLE_DOCS, functionMarkdown, KEYWORD_DOCS } from './docs';
import { isAlertLabels, membersOf, resolveParts, scopeOf, type TemplateEditorContext } from './editorScope';
import { availableIn, functionsFor, signature } from './functions';
import type { TemplateScope } from './scope';

export type TemplateItemKind = 'label' | 'variable' | 'field' | 'method' | 'function' | 'keyword';

export interface TemplateCompletionItem {
  label: string;
  kind: TemplateItemKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** The template text the item replaces (the typed part of the name, and the rest of it after the cursor). */
  replace: Span;
  sortText?: string;
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

export function completeTemplate(text: string, offset: number, ctx: TemplateEditorContext): TemplateCompletionItem[] {
  const cur = actionAt(text, offset);
  if (!cur) {
    return [];
  }
  if (cur.string) {
    return indexKeyItems(cur, ctx, { from: cur.string.from, to: Math.max(offset, cur.string.to) });
  }
  const word = wordAt(text, offset, cur.actionFrom);
  if (!word) {
    return [];
  }
  const last = word.parts[word.parts.length - 1];
  const replace = { from: last.from, to: word.to };
  if (word.parts.length > 1) {
    return memberItems(word, cur, ctx, replace);
  }
  if (last.text.startsWith('$')) {
    return variableItems(cur, ctx, replace);
  }
  if (last.text !== '' && !IDENTIFIER.test(last.text)) {
    return [];
  }
  const items = [...functionItems(ctx, replace), ...(atActionStart(cur, word) ? keywordItems(cur, replace) : [])];
  return last.text === '' ? [...variableItems(cur, ctx, replace), ...items] : items;
}

/** Nothing but `{{` (or `{{ else`) before the word: a keyword may go here. */
function atActionStart(cur: ActionCursor, word: Word): boolean {
  const before = cur.before.filter((t) => t.to <= word.from);
  return before.length === 0 || (before.length === 1 && before[0].type === 'else');
}

function memberItems(word: Word, cur: ActionCursor, ctx: TemplateEditorContext, replace: Span): TemplateCompletionItem[] {
  const scope = scopeOf(ctx);
  const base = resolveParts(word.parts.slice(0, -1).map((p) => p.text), cur, scope);
  if (!base) {
    return [];
  }
  if (isAlertLabels(base, scope)) {
    return labelItems(ctx, replace).filter((i) => IDENTIFIER.test(i.label));
  }
  return membersOf(base).map((m) => ({
    label: m.name,
    kind: m.method ? 'method' : 'field',
    detail: m.type.name,
    documentation: m.doc,
    insertText: m.name,
    replace,
  }));
}

function labelItems(ctx: TemplateEditorContext, replace: Span): TemplateCompletionItem[] {
  return [...(ctx.labels?.known ?? [])].map(([name, detail]) => ({ label: name, kind: 'label', detail, insertText: name, replace, sortText: `0${name}` }));
}

/** `index $labels "…"`, `index .Labels "…"`, `index $.Labels "…"`: any label name, identifier or not. */
function indexKeyItems(cur: ActionCursor, ctx: TemplateEditorContext, replace: Span): TemplateCompletionItem[] {
  const tokens = cur.before.filter((t) => t.to <= replace.from - 1);
  const i = tokens.map((t) => t.val).lastIndexOf('index');
  const target = tokens.slice(i + 1).map((t) => t.val);
  if (i < 0 || target.length === 0) {
    return [];
  }
  const scope = scopeOf(ctx);
  const parts = target.join('').split('.');
  return isAlertLabels(resolveParts(parts, cur, scope), scope) ? labelItems(ctx, replace) : [];
}

/** The alert variables (not inside a definition, which is a template of its own), then the declared ones. */
function variableItems(cur: ActionCursor, ctx: TemplateEditorContext, replace: Span): TemplateCompletionItem[] {
  const scope: TemplateScope = scopeOf(ctx);
  const item = (label: string, detail: string, documentation?: string): TemplateCompletionItem => ({
    label,
    kind: 'variable',
    detail,
    documentation,
    insertText: label,
    replace,
    sortText: `0${label}`,
  });
  const predeclared = cur.inDefinition ? [] : ALERT_VARIABLE_DOCS.filter((v) => v.name === '$' || v.name in scope.variables);
  const out = predeclared.map((v) => item(v.name, v.name === '$' ? 'the template data' : v.type, v.doc));
  for (const name of cur.declared.filter((n) => !out.some((o) => o.label === n))) {
    out.push(item(name, 'declared in this template'));
  }
  return out;
}

function functionItems(ctx: TemplateEditorContext, replace: Span): TemplateCompletionItem[] {
  return [...functionsFor(ctx.dialect).values()]
    .filter((f) => availableIn(f, ctx.version))
    .map((f) => ({
      label: f.name,
      kind: 'function',
      detail: signature(f),
      documentation: functionMarkdown(f, ctx.dialect),
      insertText: f.name,
      replace,
      sortText: `2${f.name}`,
    }));
}

/** The keywords that fit the open structures: `else` inside if/range/with, `break` and `continue` in a range. */
function keywordItems(cur: ActionCursor, replace: Span): TemplateCompletionItem[] {
  const top = cur.open[cur.open.length - 1];
  const inRange = cur.open.slice(Math.max(cur.open.lastIndexOf('define'), cur.open.lastIndexOf('block'), 0)).includes('range');
  const fits: Record<string, boolean> = { else: top === 'if' || top === 'range' || top === 'with', end: !!top, break: inRange, continue: inRange };
  return Object.entries(KEYWORD_DOCS)
    .filter(([k]) => fits[k] ?? true)
    .map(([k, doc]) => ({ label: k, kind: 'keyword', documentation: doc, insertText: k, replace, sortText: `1${k}` }));
}
