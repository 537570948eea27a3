import type { CompletionItem, Position, Range } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import type { DocumentContext } from '../kinds/context';
import { alternatives, schemasAtPath, type SchemaAt, type SchemaRegistry } from './registry';
import { snippetForKey, snippetBody } from './snippets';
import { keyItems } from './keyItems';
import { yamlCursor } from './yamlContext';

/** Schema-driven completion in a YAML document: keys of the mapping at the cursor, or values of the key. */
export function completeYaml(ctx: DocumentContext, reg: SchemaRegistry, schemaId: string, pos: Position, product: string): CompletionItem[] {
  const cursor = yamlCursor(ctx.lines, pos.line, pos.character);
  if (!cursor) {
    return [];
  }
  const root = { schema: reg.get(schemaId)!, baseId: schemaId };
  const subs = schemasAtPath(reg, root, cursor.path);
  const range = ctx.lines.range(cursor.replaceStart, cursor.replaceEnd - cursor.replaceStart);
  const isObject = subs.some((s) => s.schema.properties || s.schema.type === 'object');
  if (cursor.kind === 'key' && isObject) {
    const keys = keyItems(reg, subs, new Set(cursor.siblings), range, product, ctx.settings.versions.prometheus, {
      text: (key, at) => snippetForKey(reg, key, at),
    });
    return cursor.newItem ? [...snippetItems(reg, subs, range), ...keys] : keys;
  }
  return valueItems(reg, subs, range);
}

function valueItems(reg: SchemaRegistry, subs: SchemaAt[], range: Range): CompletionItem[] {
  const out = new Map<string, CompletionItem>();
  const add = (label: string, detail: string, kind: CompletionItemKind = CompletionItemKind.Value, text = label): void => {
    if (!out.has(label)) {
      out.set(label, { label, detail, kind, textEdit: { range, newText: text }, insertTextFormat: InsertTextFormat.Snippet });
    }
  };
  for (const alt of subs.flatMap((s) => alternatives(reg, s))) {
    const s = alt.schema;
    for (const e of s.enum ?? []) {
      add(String(e), s['x-enumSince']?.[String(e)] ? `since ${s['x-enumSince'][String(e)]}` : 'allowed value', CompletionItemKind.EnumMember);
    }
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('boolean')) {
      add('true', 'boolean', CompletionItemKind.Keyword);
      add('false', 'boolean', CompletionItemKind.Keyword);
    }
    if (s.default !== undefined && typeof s.default !== 'object') {
      add(String(s.default), 'default');
    }
    for (const ex of s.examples ?? []) {
      if (typeof ex !== 'object') {
        add(String(ex), 'example');
      }
    }
  }
  return [...out.values(), ...snippetItems(reg, subs, range)];
}

/** The schema's `defaultSnippets` as completion items (a whole new list item, a whole value). */
function snippetItems(reg: SchemaRegistry, subs: SchemaAt[], range: Range): CompletionItem[] {
  return subs
    .flatMap((s) => alternatives(reg, s))
    .flatMap((alt) => alt.schema.defaultSnippets ?? [])
    .map((snip) => ({
      label: snip.label,
      detail: snip.description ?? 'snippet',
      kind: CompletionItemKind.Snippet,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: snippetBody(snip.body, 2) },
      sortText: '0' + snip.label,
    }));
}
