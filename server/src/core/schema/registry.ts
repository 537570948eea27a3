import type { JsonSchema } from './types';
import type { Path } from '../syntax/ast';

/**
 * A set of schemas that reference each other by file name. `x-mixins` (see schemas/README.md) are expanded so both
 * ajv and our navigation see closed objects with all their properties: lazily, as navigation reaches a schema
 * (every walk goes through `resolve` and `alternatives`), so that a process pays only for the definitions its
 * documents use. The registry owns the schema objects it is given: expansion changes them in place.
 */
export class SchemaRegistry {
  private readonly byId = new Map<string, JsonSchema>();
  /** Schema objects whose `x-mixins` are merged in (or that have none), and those being expanded. */
  private readonly expanded = new WeakSet<object>();

  constructor(schemas: JsonSchema[]) {
    for (const s of schemas) {
      this.byId.set(s.$id ?? '', s);
    }
  }

  /** Every schema, expanded throughout (ajvSchemas.ts compiles them all). */
  get schemas(): JsonSchema[] {
    for (const [id, s] of this.byId) {
      this.expandDeep(s, id, new Set());
    }
    return [...this.byId.values()];
  }

  get(id: string): JsonSchema | undefined {
    const s = this.byId.get(id);
    return s && this.expand(s, id);
  }

  /** Resolves a `$ref` (`file#/pointer` or `#/pointer`) relative to the schema file `baseId`. */
  resolve(ref: string, baseId: string): { schema: JsonSchema; baseId: string } | undefined {
    const [file, pointer = ''] = ref.split('#');
    const id = file || baseId;
    let node: unknown = this.byId.get(id);
    for (const part of pointer.split('/').filter(Boolean)) {
      if (node && typeof node === 'object') {
        this.expand(node as JsonSchema, id);
      }
      node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return node ? { schema: this.expand(node as JsonSchema, id), baseId: id } : undefined;
  }

  /** Merges the `x-mixins` of one schema object into it (once); `baseId` is the file it belongs to. */
  expand(schema: JsonSchema, baseId: string): JsonSchema {
    if (this.expanded.has(schema)) {
      return schema;
    }
    this.expanded.add(schema);
    if (schema['x-mixins']) {
      for (const ref of schema['x-mixins']) {
        const target = this.resolve(ref, baseId);
        if (!target) {
          throw new Error(`schema ${baseId}: x-mixins reference ${ref} does not resolve`);
        }
        mergeMixin(schema, target.schema, target.baseId === baseId ? undefined : target.baseId);
      }
      delete schema['x-mixins'];
    }
    return schema;
  }

  private expandDeep(schema: unknown, baseId: string, seen: Set<unknown>): void {
    if (!schema || typeof schema !== 'object' || seen.has(schema)) {
      return;
    }
    seen.add(schema);
    if (!Array.isArray(schema)) {
      this.expand(schema as JsonSchema, baseId);
    }
    for (const value of Object.values(schema)) {
      this.expandDeep(value, baseId, seen);
    }
  }
}

/** Copies a mixin's properties into `into`; refs inside a mixin from another file are made absolute. */
function mergeMixin(into: JsonSchema, mixin: JsonSchema, mixinFile: string | undefined): void {
  const props = mixinFile ? absolutize(mixin.properties ?? {}, mixinFile) : (mixin.properties ?? {});
  into.properties = { ...props, ...into.properties };
  if (mixin.required?.length) {
    into.required = [...new Set([...(into.required ?? []), ...mixin.required])];
  }
  if (mixin['x-mutuallyExclusive']) {
    into['x-mutuallyExclusive'] = [...(into['x-mutuallyExclusive'] ?? []), ...mixin['x-mutuallyExclusive']];
  }
}

function absolutize<T>(value: T, file: string): T {
  if (Array.isArray(value)) {
    return value.map((v) => absolutize(v, file)) as T;
  }
  if (!value || typeof value !== 'object') {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string') {
      out[key] = absoluteRef(v, file);
    } else if (key === 'x-mixins' && Array.isArray(v)) {
      out[key] = v.map((ref: string) => absoluteRef(ref, file));
    } else {
      out[key] = absolutize(v, file);
    }
  }
  return out as T;
}

function absoluteRef(ref: string, file: string): string {
  return ref.startsWith('#') ? file + ref : ref;
}

/** A schema together with the file its relative `$ref`s resolve against. */
export interface SchemaAt {
  schema: JsonSchema;
  baseId: string;
}

/** Follows `$ref`s and flattens `allOf` / `anyOf` / `oneOf` into the list of alternatives. */
export function alternatives(reg: SchemaRegistry, at: SchemaAt, depth = 0): SchemaAt[] {
  if (depth > 20) {
    return [];
  }
  reg.expand(at.schema, at.baseId);
  let cur = at;
  // A `$ref` holder keeps its own annotations (description, x-since …) in our schemas: it stays in the list,
  // first, so its property-specific text wins over the referenced definition's.
  const out: SchemaAt[] = [];
  if (cur.schema.$ref) {
    const r = reg.resolve(cur.schema.$ref, cur.baseId);
    if (!r) {
      return [];
    }
    out.push(cur);
    cur = r;
    return [...out, ...alternatives(reg, cur, depth + 1)];
  }
  out.push(cur);
  // `then` / `else` of a condition (Grafana panel options by panel type) count as alternatives for navigation.
  for (const list of [cur.schema.allOf, cur.schema.anyOf, cur.schema.oneOf, [cur.schema.then, cur.schema.else]]) {
    for (const sub of list ?? []) {
      if (sub) {
        out.push(...alternatives(reg, { schema: sub, baseId: cur.baseId }, depth + 1));
      }
    }
  }
  return out;
}

// Navigation results per schema object: the walks over large documents ask the same questions thousands of times.
const propertyCache = new WeakMap<JsonSchema, Map<string, SchemaAt[]>>();

/** The schemas that describe a property of an object schema. */
export function propertySchemas(reg: SchemaRegistry, at: SchemaAt, key: string): SchemaAt[] {
  let byKey = propertyCache.get(at.schema);
  if (!byKey) {
    byKey = new Map();
    propertyCache.set(at.schema, byKey);
  }
  const cacheKey = at.baseId + '\0' + key;
  let hit = byKey.get(cacheKey);
  if (!hit) {
    hit = computePropertySchemas(reg, at, key);
    byKey.set(cacheKey, hit);
  }
  return hit;
}

function computePropertySchemas(reg: SchemaRegistry, at: SchemaAt, key: string): SchemaAt[] {
  if (key.startsWith('\u0001item')) {
    return computeItemSchemas(reg, at, Number(key.slice(5)));
  }
  const out: SchemaAt[] = [];
  for (const alt of alternatives(reg, at)) {
    const s = alt.schema;
    const direct = s.properties?.[key];
    if (direct) {
      out.push(...alternatives(reg, { schema: direct, baseId: alt.baseId }));
      continue;
    }
    const pattern = Object.entries(s.patternProperties ?? {}).find(([re]) => new RegExp(re, 'u').test(key));
    if (pattern) {
      out.push(...alternatives(reg, { schema: pattern[1], baseId: alt.baseId }));
    } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      out.push(...alternatives(reg, { schema: s.additionalProperties, baseId: alt.baseId }));
    }
  }
  return out;
}

/** The schemas of the items of an array schema. */
export function itemSchemas(reg: SchemaRegistry, at: SchemaAt, index: number): SchemaAt[] {
  return propertySchemas(reg, at, '\u0001item' + (Array.isArray(at.schema.items) ? index : 0));
}

function computeItemSchemas(reg: SchemaRegistry, at: SchemaAt, index: number): SchemaAt[] {
  const out: SchemaAt[] = [];
  for (const alt of alternatives(reg, at)) {
    const items = alt.schema.items;
    const item = Array.isArray(items) ? items[index] : items;
    if (item) {
      out.push(...alternatives(reg, { schema: item, baseId: alt.baseId }));
    }
  }
  return out;
}

/** The schemas that apply at a path below a root schema. */
export function schemasAtPath(reg: SchemaRegistry, root: SchemaAt, path: Path): SchemaAt[] {
  let cur = alternatives(reg, root);
  for (const seg of path) {
    cur = cur.flatMap((s) => (typeof seg === 'number' ? itemSchemas(reg, s, seg) : propertySchemas(reg, s, seg)));
    if (!cur.length) {
      break;
    }
  }
  return cur;
}
