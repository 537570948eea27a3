import { propertyKey, propertyValue, type AstNode } from '../syntax/ast';
import type { ResolvedSchema } from './resolved';

const MAX_DEPTH = 200;

/**
 * The value the schema validator sees, decoded the way Go's yaml.v2 decodes into Prometheus's and
 * Alertmanager's structs: any scalar fits a string field as its source text (`target_label: y` is "y",
 * `job_name: 123` is "123"), and a null value leaves the field at its zero value, as if it were absent.
 */
export function goValue(rs: ResolvedSchema, node: AstNode | undefined, text: string, depth = 0, skip?: Set<string>): unknown {
  if (!node) {
    return null;
  }
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const value = propertyValue(prop);
        if (value && value.type !== 'null') {
          const key = propertyKey(prop);
          // Skipped keys are validated item by item elsewhere (see validation/chunks.ts): an empty list here.
          out[key] = skip?.has(key) ? [] : depth < MAX_DEPTH ? goValue(rs.prop(key), value, text, depth + 1) : null;
        }
      }
      return out;
    }
    case 'array': {
      const children = node.children ?? [];
      const out = new Array<unknown>(children.length);
      for (let i = 0; i < children.length; i++) {
        out[i] = depth < MAX_DEPTH ? goValue(rs.item(i), children[i], text, depth + 1) : null;
      }
      return out;
    }
    case 'number':
    case 'boolean':
      return rs.info.onlyString ? text.slice(node.offset, node.offset + node.length) : node.value;
    default:
      return node.value ?? null;
  }
}
