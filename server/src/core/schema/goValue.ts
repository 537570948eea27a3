import { propertyKey, propertyValue, type AstNode } from '../syntax/ast';
import { alternatives, itemSchemas, propertySchemas, type SchemaAt, type SchemaRegistry } from './registry';

/**
 * The value the schema validator sees, decoded the way Go's yaml.v2 decodes into Prometheus's and
 * Alertmanager's structs: any scalar fits a string field as its source text (`target_label: y` is "y",
 * `job_name: 123` is "123"), and a null value leaves the field at its zero value, as if it were absent.
 */
export function goValue(reg: SchemaRegistry, schemas: SchemaAt[], node: AstNode | undefined, text: string, depth = 0): unknown {
  if (!node) {
    return null;
  }
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const value = propertyValue(prop);
        if (!value || value.type === 'null') {
          continue;
        }
        const key = propertyKey(prop);
        const subs = depth < 200 ? schemas.flatMap((s) => propertySchemas(reg, s, key)) : [];
        out[key] = goValue(reg, subs, value, text, depth + 1);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((item, i) =>
        goValue(reg, depth < 200 ? schemas.flatMap((s) => itemSchemas(reg, s, i)) : [], item, text, depth + 1),
      );
    case 'number':
    case 'boolean':
      return wantsOnlyString(reg, schemas) ? text.slice(node.offset, node.offset + node.length) : node.value;
    default:
      return node.value ?? null;
  }
}

function wantsOnlyString(reg: SchemaRegistry, schemas: SchemaAt[]): boolean {
  if (!schemas.length) {
    return false;
  }
  let string = false;
  for (const alt of schemas.flatMap((s) => alternatives(reg, s))) {
    const t = alt.schema.type;
    const types = Array.isArray(t) ? t : t ? [t] : [];
    if (types.some((x) => x === 'number' || x === 'integer' || x === 'boolean') || alt.schema.enum?.some((e) => typeof e !== 'string')) {
      return false;
    }
    string ||= types.includes('string');
  }
  return string;
}
