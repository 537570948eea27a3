import type { CompletionItem, Position, Range } from 'vscode-languageserver-types';
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { DocumentContext } from '../kinds/context';
import { nodeAtPath, properties, propertyKey, type Path } from '../syntax/ast';
import { keyItems } from './keyItems';
import { alternatives, schemasAtPath, type SchemaAt, type SchemaRegistry } from './registry';

/**
 * Schema-driven completion in a JSON document (Grafana dashboards): the keys of the object at the cursor, quoted and
 * with a value skeleton, or the values a key allows. Where the cursor is comes from jsonc-parser's scanner, which
 * copes with the half-typed text an editor holds.
 */
export function completeJson(ctx: DocumentContext, reg: SchemaRegistry, schemaId: string, pos: Position, product: string): CompletionItem[] {
  const offset = ctx.lines.offsetAt(pos);
  // Loaded on the first completion in JSON: the CLI and YAML-only work never need jsonc-parser.
  const loc = (require('jsonc-parser') as typeof import('jsonc-parser')).getLocation(ctx.text, offset);
  const prev = loc.previousNode;
  const inPrev = prev && offset >= prev.offset && offset <= prev.offset + prev.length;
  const root = { schema: reg.get(schemaId)!, baseId: schemaId };
  if (loc.isAtPropertyKey) {
    const path = loc.path.slice(0, -1);
    // The key being typed (jsonc-parser reports it as a `property` node), quotes included.
    const typed = inPrev && (prev.type === 'property' || prev.type === 'string');
    const from = typed ? prev.offset : offset;
    const to = typed ? prev.offset + prev.length : offset;
    const comma = /^\s*"/.test(ctx.text.slice(to)) ? ',' : '';
    return keyItems(reg, schemasAtPath(reg, root, path), siblings(ctx, path), ctx.lines.range(from, to - from), product, undefined, {
      text: (key, _at, resolved) => `${JSON.stringify(key)}: ${skeleton(resolved)}${comma}`,
      filterText: (key) => `"${key}"`,
    });
  }
  const literal = inPrev && prev.type !== 'object' && prev.type !== 'array' && prev.type !== 'property';
  const range = literal ? ctx.lines.range(prev.offset, prev.length) : ctx.lines.range(offset, 0);
  return valueItems(reg, schemasAtPath(reg, root, loc.path), range);
}

function siblings(ctx: DocumentContext, path: Path): Set<string> {
  const doc = ctx.docs[0];
  return new Set(properties(nodeAtPath(doc?.root, path)).map(propertyKey));
}

/** The value placeholder a key completion inserts, by the schema's type. */
function skeleton(alts: SchemaAt[]): string {
  const values = alts.flatMap((a) => a.schema.enum ?? []);
  if (values.length) {
    return `\${1|${values.map((v) => JSON.stringify(v).replace(/[,|\\$}]/g, (c) => '\\' + c)).join(',')}|}`;
  }
  const types = new Set(alts.flatMap((a) => (Array.isArray(a.schema.type) ? a.schema.type : a.schema.type ? [a.schema.type] : a.schema.properties ? ['object'] : [])));
  if (types.size === 1 || (types.size === 2 && types.has('null'))) {
    const t = [...types].find((x) => x !== 'null');
    switch (t) {
      case 'string':
        return '"$1"';
      case 'boolean':
        return '${1|true,false|}';
      case 'integer':
      case 'number':
        return '${1:0}';
      case 'object':
        return '{$1}';
      case 'array':
        return '[$1]';
    }
  }
  return '$1';
}

function valueItems(reg: SchemaRegistry, subs: SchemaAt[], range: Range): CompletionItem[] {
  const out = new Map<string, CompletionItem>();
  const add = (value: unknown, detail: string, kind: CompletionItemKind): void => {
    const text = JSON.stringify(value);
    if (!out.has(text)) {
      out.set(text, { label: text, detail, kind, filterText: text, textEdit: { range, newText: text } });
    }
  };
  for (const alt of subs.flatMap((s) => alternatives(reg, s))) {
    const s = alt.schema;
    (s.enum ?? []).forEach((e) => add(e, 'allowed value', CompletionItemKind.EnumMember));
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('boolean')) {
      add(true, 'boolean', CompletionItemKind.Keyword);
      add(false, 'boolean', CompletionItemKind.Keyword);
    }
    if (s.default !== undefined && typeof s.default !== 'object') {
      add(s.default, 'default', CompletionItemKind.Value);
    }
    (s.examples ?? []).filter((e) => typeof e !== 'object').forEach((e) => add(e, 'example', CompletionItemKind.Value));
  }
  return [...out.values()];
}
