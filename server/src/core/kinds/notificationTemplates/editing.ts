/**
 * Completion and hover in notification template files: fields and methods of the notification data where dot
 * or a variable holds a known type (`.Alerts`, `.Labels.SortedPairs`, `$.CommonLabels`), Alertmanager's
 * functions, keywords, and template names in `{{ template "…" }}`.
 */
import * as nodePath from 'node:path';
import type { CompletionItem, Hover, Position } from 'vscode-languageserver-types';
import type { Span } from '../../templates/ast';
import { completeTemplate, type TemplateCompletionItem } from '../../templates/complete';
import { actionAt, wordAt } from '../../templates/cursor';
import { defaultScope } from '../../templates/check';
import { membersOf, type TemplateEditorContext } from '../../templates/editorScope';
import { hoverTemplate } from '../../templates/hover';
import type { StaticType } from '../../templates/scope';
import { alertmanagerVersion } from '../alertmanagerConfig/nodes';
import type { DocumentContext } from '../context';
import { templateCompletionItem } from '../templateCompletionItem';
import { dotAt, memberType, variableType, type DotScope } from './dotAt';
import { builtInBody, builtInTemplateNames } from './knownTemplates';
import { templateNameAt } from './templateNames';
import { definitionsOf, type SetFile } from './templateSet';
import { definitionDots, templateSetOf } from './validate';

const ROOT_DOC = 'The notification\'s data: `.Receiver`, `.Status`, `.Alerts`, `.GroupLabels`, `.CommonLabels`, `.CommonAnnotations`, `.ExternalURL`.';

export function notificationTemplateCompletion(ctx: DocumentContext, pos: Position): CompletionItem[] {
  const offset = ctx.lines.offsetAt(pos);
  return itemsAt(ctx, offset).map((item) => templateCompletionItem(item, ctx.lines.range(item.replace.from, item.replace.to - item.replace.from)));
}

function itemsAt(ctx: DocumentContext, offset: number): TemplateCompletionItem[] {
  const site = templateNameAt(ctx.text, offset);
  if (site) {
    return site.keyword === 'template' ? nameItems(templateSetOf(ctx), site.span.from, offset, site.span.to) : [];
  }
  const cur = actionAt(ctx.text, offset);
  const word = cur && !cur.string ? wordAt(ctx.text, offset, cur.actionFrom) : undefined;
  if (word && word.parts.length > 1) {
    const last = word.parts[word.parts.length - 1];
    const base = resolve(word.parts.slice(0, -1).map((p) => p.text), scopeAt(ctx, offset));
    return base ? memberItems(base, { from: last.from, to: word.to }) : [];
  }
  return completeTemplate(ctx.text, offset, editorContext(ctx)).map((i) => (i.label === '$' ? { ...i, detail: 'the data', documentation: ROOT_DOC } : i));
}

function nameItems(set: SetFile[], from: number, offset: number, to: number): TemplateCompletionItem[] {
  const replace = { from, to: Math.max(offset, to) };
  const out = new Map<string, TemplateCompletionItem>();
  for (const name of builtInTemplateNames()) {
    out.set(name, { label: name, kind: 'function', detail: 'Alertmanager default template', insertText: name, replace, sortText: `1${name}` });
  }
  for (const [name, { file }] of definitionsOf(set)) {
    out.set(name, { label: name, kind: 'function', detail: `defined in ${nodePath.basename(file.path)}`, insertText: name, replace, sortText: `0${name}` });
  }
  return [...out.values()];
}

function memberItems(base: StaticType, replace: Span): TemplateCompletionItem[] {
  return membersOf(base).map((m) => ({ label: m.name, kind: m.method ? 'method' : 'field', detail: m.type.name, documentation: m.doc, insertText: m.name, replace }));
}

export function notificationTemplateHover(ctx: DocumentContext, pos: Position): Hover | null {
  const offset = ctx.lines.offsetAt(pos);
  const site = templateNameAt(ctx.text, offset);
  if (site) {
    const markdown = nameHover(site.name, templateSetOf(ctx));
    return markdown ? { contents: { kind: 'markdown', value: markdown }, range: ctx.lines.range(site.span.from, site.span.to - site.span.from) } : null;
  }
  const member = memberHover(ctx, offset);
  const h = member ?? hoverTemplate(ctx.text, offset, editorContext(ctx));
  return h ? { contents: { kind: 'markdown', value: h.markdown }, range: ctx.lines.range(h.span.from, h.span.to - h.span.from) } : null;
}

function nameHover(name: string, set: SetFile[]): string | undefined {
  const at = definitionsOf(set).get(name);
  if (at) {
    const body = at.file.text.slice(at.def.root.from, at.def.root.to).trim();
    return `Template \`${name}\`, defined in \`${nodePath.basename(at.file.path)}\`.\n\n\`\`\`gotmpl\n${clip(body)}\n\`\`\``;
  }
  const builtIn = builtInBody(name);
  if (builtIn !== undefined) {
    return `Template \`${name}\`: one of Alertmanager's defaults, loaded before your files (a \`define\` of the same name replaces it).\n\n\`\`\`gotmpl\n${clip(builtIn.trim())}\n\`\`\``;
  }
  return `Template \`${name}\` is not defined in the files loaded with this one.`;
}

function clip(s: string): string {
  const lines = s.split('\n');
  return lines.length > 12 ? [...lines.slice(0, 12), '…'].join('\n') : s;
}

/** `.Alerts.Firing`, `$a.Labels` …: the member under the cursor and its doc, when its receiver's type is known. */
function memberHover(ctx: DocumentContext, offset: number): { markdown: string; span: Span } | undefined {
  const cur = actionAt(ctx.text, offset);
  if (!cur || cur.string) {
    return undefined;
  }
  let end = offset;
  while (end < ctx.text.length && /[\p{L}\p{Nd}_]/u.test(ctx.text[end])) {
    end++;
  }
  const word = wordAt(ctx.text, end, cur.actionFrom);
  const part = word?.parts.find((p) => p.from <= offset && offset <= p.to);
  if (!word || !part || part === word.parts[0] || part.text === '') {
    return undefined;
  }
  const index = word.parts.indexOf(part);
  const base = resolve(word.parts.slice(0, index).map((p) => p.text), scopeAt(ctx, word.from));
  const m = base && membersOf(base).find((x) => x.name === part.text);
  return m && { markdown: `\`.${m.name}\` ${m.type.name}${m.doc ? `\n\n${m.doc}` : ''}`, span: { from: part.from, to: part.to } };
}

function editorContext(ctx: DocumentContext): TemplateEditorContext {
  return { dialect: 'alertmanager', version: alertmanagerVersion(ctx.settings) };
}

function scopeAt(ctx: DocumentContext, offset: number): DotScope {
  const data = defaultScope('alertmanager', alertmanagerVersion(ctx.settings)).dot;
  return dotAt(ctx.text, offset, data, definitionDots(templateSetOf(ctx), data));
}

/** The type of a word's leading parts: `` (dot), `$`, or a variable, then field by field. */
function resolve(parts: string[], scope: DotScope): StaticType | undefined {
  const [head, ...rest] = parts;
  let t = head === '' ? scope.dot : head.startsWith('$') ? variableType(head, scope) : undefined;
  for (const name of rest) {
    t = t && memberType(t, name);
  }
  return t;
}
