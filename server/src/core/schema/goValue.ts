import type { AstNode } from '../syntax/ast';
import type { ResolvedSchema } from './resolved';
import type { VersionChecks } from './versionCheck';

const MAX_DEPTH = 200;
/** Version facts are looked for in collections no deeper than this. */
const MAX_VERSION_DEPTH = 64;

/**
 * The value the schema validator sees, decoded the way Go's yaml.v2 decodes into Prometheus's and
 * Alertmanager's structs: any scalar fits a string field as its source text (`target_label: y` is "y",
 * `job_name: 123` is "123"), and a null value leaves the field at its zero value, as if it were absent.
 *
 * The same walk, which looks up the schema of every property anyway, hands the fields to `versions` (when
 * given): one pass over a large document instead of two. Top-level keys in `skip` are validated item by item
 * elsewhere (see validation.ts): they become empty lists here, and their fields are not version-checked.
 */
export function goValue(rs: ResolvedSchema, node: AstNode | undefined, text: string, versions?: VersionChecks, skip?: Set<string>): unknown {
  return node ? decode(rs, node, text, 0, versions, skip) : null;
}

function decode(rs: ResolvedSchema, node: AstNode, text: string, depth: number, versions: VersionChecks | undefined, skip?: Set<string>): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = node.children!;
      const checked = versions !== undefined && depth <= MAX_VERSION_DEPTH ? versions : undefined;
      for (let i = 0; i < props.length; i++) {
        const prop = props[i];
        const kv = prop.children!;
        const value = kv[1];
        const k = kv[0].value;
        const key = typeof k === 'string' ? k : String(k ?? '');
        if (skip !== undefined && skip.has(key)) {
          if (value !== undefined && value.type !== 'null') {
            out[key] = [];
          }
          continue;
        }
        const sub = rs.prop(key);
        // Below a field the target version does not know, its children would only repeat the same news; merged
        // properties are checked where they are written.
        const below = checked === undefined || prop.merged || (sub.info.versioned && checked.property(prop, key, sub)) ? undefined : checked;
        // A property without a value node (an alias to an undefined anchor) is left out, like a null.
        if (value !== undefined && value.type !== 'null') {
          out[key] = depth < MAX_DEPTH ? decode(sub, value, text, depth + 1, below) : null;
        }
      }
      return out;
    }
    case 'array': {
      const children = node.children!;
      const out = new Array<unknown>(children.length);
      const checked = versions !== undefined && depth <= MAX_VERSION_DEPTH ? versions : undefined;
      for (let i = 0; i < children.length; i++) {
        const sub = rs.item(i);
        if (checked !== undefined && sub.info.enumVersioned) {
          checked.enumValue(children[i], sub);
        }
        out[i] = depth < MAX_DEPTH ? decode(sub, children[i], text, depth + 1, checked) : null;
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
