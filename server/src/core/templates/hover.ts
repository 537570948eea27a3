/**
 * Hover inside the actions of a template: functions (signature, arguments, result, example), keywords, the
 * alert variables, fields of the data, and `$labels.x` — whether the rule's expression keeps label x.
 */
import type { Span } from './ast';
import { actionAt, wordAt, type ActionCursor } from './cursor';
import { ALERT_VARIABLE_DOCS, functionMarkdown, KEYWORD_DOCS } from './docs';
import { isAlertLabels, membersOf, resolveParts, scopeOf, type AlertLabels, type TemplateEditorContext } from './editorScope';
import { availableIn, functionsFor } from './functions';
import { isAlphaNumeric } from './lexerStates';

export interface TemplateHover {
  markdown: string;
  span: Span;
}

export function hoverTemplate(text: string, offset: number, ctx: TemplateEditorContext): TemplateHover | undefined {
  const cur = actionAt(text, offset);
  if (!cur || cur.string) {
    return undefined;
  }
  // A cursor on the first character of a name belongs to it.
  const ch = text[offset];
  const probe = ch === '$' || ch === '.' || (ch !== undefined && isAlphaNumeric(ch.codePointAt(0)!)) ? offset + 1 : offset;
  const word = wordAt(text, probe, cur.actionFrom);
  const part = word?.parts[word.parts.length - 1];
  if (!word || !part || part.text === '') {
    return undefined;
  }
  const markdown = word.parts.length > 1 ? memberHover(word.parts.slice(0, -1).map((p) => p.text), part.text, cur, ctx) : nameHover(part.text, cur, ctx);
  return markdown ? { markdown, span: { from: part.from, to: part.to } } : undefined;
}

function nameHover(name: string, cur: ActionCursor, ctx: TemplateEditorContext): string | undefined {
  if (name.startsWith('$')) {
    return variableHover(name, cur, ctx);
  }
  if (Object.hasOwn(KEYWORD_DOCS, name)) {
    return KEYWORD_DOCS[name];
  }
  const f = functionsFor(ctx.dialect).get(name);
  if (!f) {
    return undefined;
  }
  const missing = !availableIn(f, ctx.version) ? `\n\n**Not in the targeted release ${ctx.version}.**` : '';
  return functionMarkdown(f, ctx.dialect) + missing;
}

function variableHover(name: string, cur: ActionCursor, ctx: TemplateEditorContext): string {
  const known = !cur.inDefinition && !cur.declared.includes(name) ? ALERT_VARIABLE_DOCS.find((v) => v.name === name) : undefined;
  if (name === '$' && cur.inDefinition) {
    return '`$`: the data this template was called with (`{{ template "name" data }}`).';
  }
  if (!known || (name !== '$' && !(name in scopeOf(ctx).variables))) {
    return cur.declared.includes(name) ? `\`${name}\`: a variable declared earlier in this template.` : `\`${name}\`: not declared here.`;
  }
  const labels = name === '$labels' && ctx.labels ? labelSummary(ctx.labels) : '';
  return `\`${name}\` ${known.type}\n\n${known.doc}${labels}`;
}

function labelSummary(labels: AlertLabels): string {
  const names = [...labels.known.keys()].map((n) => `\`${n}\``).join(', ');
  if (labels.closed) {
    return names ? `\n\nThe expression keeps only: ${names}.` : '\n\nThe expression keeps no labels.';
  }
  return names ? `\n\nLabels seen in the expression: ${names} (the selected series may carry more).` : '';
}

function memberHover(base: string[], name: string, cur: ActionCursor, ctx: TemplateEditorContext): string | undefined {
  const scope = scopeOf(ctx);
  const t = resolveParts(base, cur, scope);
  if (!t) {
    return undefined;
  }
  if (isAlertLabels(t, scope)) {
    return labelHover(name, ctx.labels);
  }
  const m = membersOf(t).find((x) => x.name === name);
  return m && `\`.${name}\` ${m.type.name}${m.doc ? `\n\n${m.doc}` : ''}`;
}

function labelHover(name: string, labels: AlertLabels | undefined): string {
  const head = `Label \`${name}\` of the alert's series.`;
  if (!labels) {
    return `${head} Empty when the series has no such label.`;
  }
  const remover = labels.removedBy(name);
  if (remover) {
    return `${head}\n\n**Always empty here**: \`${remover}\` in the rule's expression removes it.`;
  }
  const where = labels.known.get(name);
  if (where) {
    return `${head}\n\nThe expression keeps it (${where}).`;
  }
  return `${head}\n\nThe expression does not remove it; it is set when the selected series carry it.`;
}
