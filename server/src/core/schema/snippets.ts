import { alternatives, type SchemaAt, type SchemaRegistry } from './registry';

/**
 * The text a key completion inserts: the key with a value skeleton that fills required children (so a new
 * scrape job arrives with `job_name` and `static_configs`), or the schema's own `defaultSnippets`.
 */
export function snippetForKey(reg: SchemaRegistry, key: string, at: SchemaAt): string {
  const alts = alternatives(reg, at);
  const snippet = alts.flatMap((a) => a.schema.defaultSnippets ?? [])[0];
  if (snippet) {
    return `${key}:${renderValue(snippet.body, 0)}`;
  }
  const itemSnippet = alts
    .map((a) => (a.schema.items && !Array.isArray(a.schema.items) ? { schema: a.schema.items, baseId: a.baseId } : undefined))
    .flatMap((item) => (item ? alternatives(reg, item) : []))
    .flatMap((a) => a.schema.defaultSnippets ?? [])[0];
  if (itemSnippet) {
    return `${key}:${renderValue([itemSnippet.body], 0)}`;
  }
  const counter = { n: 1 };
  return `${key}:${skeleton(reg, alts, 0, counter, 0)}`;
}

/**
 * The text of a `defaultSnippets` body inserted at the cursor: its first line as it is, the following lines
 * indented by `follow` more than the cursor's line (editors keep that line's indentation for the rest).
 */
export function snippetBody(body: unknown, follow: number): string {
  return renderValue(body, -2).replace(/^[ \n]/, '').replace(/\n/g, '\n' + ' '.repeat(follow));
}

function types(alts: SchemaAt[]): Set<string> {
  const out = new Set<string>();
  for (const a of alts) {
    const t = a.schema.type;
    (Array.isArray(t) ? t : t ? [t] : []).forEach((x) => out.add(x));
    if (a.schema.properties) {
      out.add('object');
    }
  }
  return out;
}

function skeleton(reg: SchemaRegistry, alts: SchemaAt[], indent: number, counter: { n: number }, depth: number): string {
  const pad = ' '.repeat(indent + 2);
  const t = types(alts);
  const enumValues = alts.flatMap((a) => a.schema.enum ?? []).map(String);
  if (enumValues.length) {
    return ` \${${counter.n++}|${enumValues.map(escapeChoice).join(',')}|}`;
  }
  if (t.has('boolean') && t.size === 1) {
    const def = alts.map((a) => a.schema.default).find((d) => d !== undefined);
    return ` \${${counter.n++}|${def === false ? 'false,true' : 'true,false'}|}`;
  }
  if (t.has('object') && !t.has('string')) {
    const required = alts.flatMap((a) => (a.schema.required ?? []).map((k) => ({ k, a })));
    if (!required.length || depth > 2) {
      return `\n${pad}$${counter.n++}`;
    }
    return required
      .map(({ k, a }) => `\n${pad}${k}:${skeleton(reg, alternatives(reg, { schema: a.schema.properties?.[k] ?? {}, baseId: a.baseId }), indent + 2, counter, depth + 1)}`)
      .join('');
  }
  if (t.has('array')) {
    const item = alts.map((a) => (Array.isArray(a.schema.items) ? undefined : a.schema.items && { schema: a.schema.items, baseId: a.baseId })).find(Boolean);
    const itemAlts = item ? alternatives(reg, item) : [];
    const inner = skeleton(reg, itemAlts, indent + 2, counter, depth + 1);
    return `\n${pad}-${inner.startsWith('\n') ? ' ' + inner.trimStart().replace(new RegExp(`\\n {${indent + 4}}`, 'g'), `\n${pad}  `) : inner}`;
  }
  const def = alts.map((a) => a.schema.default).find((d) => d !== undefined && typeof d !== 'object');
  return def !== undefined ? ` \${${counter.n++}:${String(def)}}` : ` $${counter.n++}`;
}

function escapeChoice(s: string): string {
  return s.replace(/[,|\\$}]/g, (c) => '\\' + c);
}

function renderValue(v: unknown, indent: number): string {
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(v)) {
    return v.map((item) => `\n${pad}-${renderValue(item, indent + 2).replace(/^\n {1,}/, ' ')}`).join('');
  }
  if (v && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, val]) => `\n${pad}${k}:${renderValue(val, indent + 2)}`)
      .join('');
  }
  return ` ${String(v)}`;
}
