import { alternatives, itemSchemas, propertySchemas, type SchemaAt, type SchemaRegistry } from './registry';
import type { JsonSchema } from './types';

/**
 * The schemas that apply at one place of a document, flattened once and memoised with the places below it, so
 * that walking a 40,000-line document asks each schema question once rather than once per node.
 */
export class ResolvedSchema {
  readonly alts: SchemaAt[];
  private readonly props = new Map<string, ResolvedSchema>();
  private readonly itemsAt = new Map<number, ResolvedSchema>();
  private facts?: Facts;
  /** Whether the item schemas differ by position (`items` as a list, a tuple). */
  private tuple?: boolean;

  constructor(
    private readonly reg: SchemaRegistry,
    schemas: SchemaAt[],
  ) {
    // The same schema can arrive twice (a `$ref` holder expands to itself and its target, which is also listed):
    // kept once, or a recursive schema (Alertmanager's route → routes → route) would multiply at every level.
    const seen = new Set<object>();
    this.alts = schemas.flatMap((s) => alternatives(reg, s)).filter((a) => !seen.has(a.schema) && seen.add(a.schema));
  }

  /** The schema at an id, with an optional fragment: `prometheus-config.schema.json#/definitions/scrape_config`. */
  static at(reg: SchemaRegistry, id: string): ResolvedSchema {
    const [file] = id.split('#');
    const found = reg.resolve(id.includes('#') ? id : id + '#', file);
    return new ResolvedSchema(reg, found ? [found] : []);
  }

  get known(): boolean {
    return this.alts.length > 0;
  }

  prop(key: string): ResolvedSchema {
    let hit = this.props.get(key);
    if (!hit) {
      hit = new ResolvedSchema(this.reg, this.alts.flatMap((s) => propertySchemas(this.reg, s, key)));
      this.props.set(key, hit);
    }
    return hit;
  }

  item(index: number): ResolvedSchema {
    this.tuple ??= this.alts.some((a) => Array.isArray(a.schema.items));
    const i = this.tuple ? index : 0;
    let hit = this.itemsAt.get(i);
    if (!hit) {
      hit = new ResolvedSchema(this.reg, this.alts.flatMap((s) => itemSchemas(this.reg, s, i)));
      this.itemsAt.set(i, hit);
    }
    return hit;
  }

  get info(): Facts {
    this.facts ??= facts(this.alts.map((a) => a.schema));
    return this.facts;
  }
}

export interface Facts {
  /** Only a string fits here (so Go would decode any scalar as its text). */
  onlyString: boolean;
  since?: string;
  deprecated?: string;
  replacedBy?: string;
  featureFlag?: string;
  enumSince?: Record<string, string>;
  enumRemoved?: Record<string, string>;
  /** Some enum values have version facts. */
  enumVersioned: boolean;
  /** The field has version facts of its own or of its enum values (see versionCheck.ts). */
  versioned: boolean;
}

function facts(schemas: JsonSchema[]): Facts {
  const first = <K extends keyof JsonSchema>(k: K): JsonSchema[K] | undefined => schemas.map((s) => s[k]).find((v) => v !== undefined);
  let string = false;
  let other = false;
  for (const s of schemas) {
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    other ||= types.some((t) => t === 'number' || t === 'integer' || t === 'boolean') || !!s.enum?.some((e) => typeof e !== 'string');
    string ||= types.includes('string');
  }
  const since = first('x-since');
  const deprecated = first('x-deprecated');
  const featureFlag = first('x-featureFlag');
  const enumSince = first('x-enumSince');
  const enumRemoved = first('x-enumRemoved');
  const enumVersioned = !!enumSince || !!enumRemoved;
  return {
    onlyString: string && !other,
    since,
    deprecated,
    replacedBy: first('x-replacedBy'),
    featureFlag,
    enumSince,
    enumRemoved,
    enumVersioned,
    versioned: !!since || !!deprecated || !!featureFlag || enumVersioned,
  };
}
