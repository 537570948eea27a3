import type { CompletionItem, Range } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import { isOlder } from '../version';
import { fieldDocs, typeSummary } from './describe';
import { alternatives, type SchemaAt, type SchemaRegistry } from './registry';

/** How a key is written in the document's syntax (YAML or JSON). */
export interface KeySyntax {
  /** The snippet that replaces the range: the key and a placeholder for its value. */
  text(key: string, at: SchemaAt, resolved: SchemaAt[]): string;
  filterText?(key: string): string;
}

/**
 * Completion items for the keys the schemas at the cursor allow and the object does not have yet: required keys
 * first, deprecated ones last and struck through, "needs ≥ X" when the target version is older than the key.
 */
export function keyItems(
  reg: SchemaRegistry,
  subs: SchemaAt[],
  existing: Set<string>,
  range: Range,
  product: string,
  target: string | undefined,
  syntax: KeySyntax,
): CompletionItem[] {
  const out = new Map<string, CompletionItem>();
  for (const alt of subs.flatMap((s) => alternatives(reg, s))) {
    for (const [key, prop] of Object.entries(alt.schema.properties ?? {})) {
      if (existing.has(key) || out.has(key)) {
        continue;
      }
      const at = { schema: prop, baseId: alt.baseId };
      const resolved = alternatives(reg, at);
      const since = resolved.map((r) => r.schema['x-since']).find(Boolean);
      const deprecated = resolved.some((r) => r.schema['x-deprecated']);
      out.set(key, {
        label: key,
        kind: CompletionItemKind.Property,
        detail: typeSummary(reg, at) + (target && isOlder(target, since) ? ` (needs ≥ ${since})` : ''),
        documentation: { kind: 'markdown', value: fieldDocs(reg, key, resolved, product) },
        insertTextFormat: InsertTextFormat.Snippet,
        filterText: syntax.filterText?.(key),
        textEdit: { range, newText: syntax.text(key, at, resolved) },
        sortText: `${alt.schema.required?.includes(key) ? 0 : deprecated ? 2 : 1}${key}`,
        tags: deprecated ? [1] : undefined,
      });
    }
  }
  return [...out.values()];
}
