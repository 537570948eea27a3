import { alternatives, type SchemaAt, type SchemaRegistry } from './registry';
import type { JsonSchema } from './types';

/** A short type summary for completion details and hover: "duration", "list of scrape_config", "true | false". */
export function typeSummary(reg: SchemaRegistry, at: SchemaAt): string {
  const parts = new Set<string>();
  for (const alt of alternatives(reg, at)) {
    const s = alt.schema;
    if (s.enum) {
      parts.add(s.enum.map((e) => String(e)).join(' | '));
    } else if (s['x-format']) {
      parts.add(s['x-format']);
    } else if (s.type) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      for (const t of types) {
        parts.add(t === 'array' ? `list of ${itemName(reg, alt)}` : t === 'object' ? 'mapping' : t === 'boolean' ? 'true | false' : t);
      }
    }
  }
  return [...parts].join(' or ') || 'any';
}

function itemName(reg: SchemaRegistry, at: SchemaAt): string {
  const items = at.schema.items;
  if (!items || Array.isArray(items)) {
    return 'values';
  }
  const ref = items.$ref?.split('/').pop();
  return ref ?? typeSummary(reg, { schema: items, baseId: at.baseId });
}

/** Markdown documentation of a field: description, type, default, version facts. */
export function fieldDocs(reg: SchemaRegistry, name: string, subs: SchemaAt[], product: string): string {
  const first = (k: keyof JsonSchema): unknown => subs.map((s) => s.schema[k]).find((v) => v !== undefined);
  const lines: string[] = [`**${name}** — \`${subs.length ? typeSummary(reg, subs[0]) : 'any'}\``, ''];
  const doc = (first('markdownDescription') ?? first('description')) as string | undefined;
  if (doc) {
    lines.push(doc, '');
  }
  const def = first('default');
  if (def !== undefined && !(doc ?? '').toLowerCase().includes('default')) {
    lines.push(`Default: \`${JSON.stringify(def)}\``, '');
  }
  const since = first('x-since');
  if (since) {
    lines.push(`Since ${product} ${since}.`);
  }
  const deprecated = first('x-deprecated');
  if (deprecated) {
    lines.push(`**Deprecated:** ${deprecated}`);
  }
  const flag = first('x-featureFlag');
  if (flag) {
    lines.push(`Needs \`--enable-feature=${flag}\`.`);
  }
  return lines.join('\n').trim();
}
