import { propertyKey, propertyValue, type AstNode } from '../syntax/ast';
import type { Problem } from '../problem';
import { isOlder } from '../version';
import type { ResolvedSchema } from './resolved';

/**
 * Walks a document alongside its schema and reports fields newer than the target version ("needs Prometheus ≥ X"
 * instead of a false "unknown key"), deprecated fields (with a quick fix when there is a replacement) and fields
 * behind feature flags.
 */
export function versionProblems(rs: ResolvedSchema, node: AstNode | undefined, product: string, target: string, skip?: Set<string>): Problem[] {
  const out: Problem[] = [];
  walk(rs, node, { product, target, out, skip }, 0);
  return out;
}

interface Walk {
  product: string;
  target: string;
  out: Problem[];
  /** Keys of the top-level object that are walked elsewhere. */
  skip?: Set<string>;
}

function walk(rs: ResolvedSchema, node: AstNode | undefined, w: Walk, depth: number): void {
  if (!node || !rs.known || depth > 64) {
    return;
  }
  if (node.type === 'object') {
    for (const prop of node.children ?? []) {
      if (prop.merged || (depth === 0 && w.skip?.has(propertyKey(prop)))) {
        continue;
      }
      const sub = rs.prop(propertyKey(prop));
      // Below a field the target version does not know, its children would only repeat the same news.
      if (!checkProperty(prop, sub, w)) {
        walk(sub, propertyValue(prop), w, depth + 1);
      }
    }
  } else if (node.type === 'array') {
    const children = node.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const sub = rs.item(i);
      checkEnumValue(children[i], sub, w);
      walk(sub, children[i], w, depth + 1);
    }
  }
}

/** Reports what the property's schema says about versions; true when the field is too new for the target. */
function checkProperty(prop: AstNode, rs: ResolvedSchema, w: Walk): boolean {
  const { since, deprecated, replacedBy, featureFlag } = rs.info;
  if (!since && !deprecated && !featureFlag && !rs.info.enumSince && !rs.info.enumRemoved) {
    return false;
  }
  const keyNode = prop.children![0];
  const key = propertyKey(prop);
  const at = (code: string, message: string, severity: Problem['severity']): Problem => ({
    offset: keyNode.offset,
    length: keyNode.length,
    code,
    message,
    severity,
  });
  if (isOlder(w.target, since)) {
    w.out.push(at('version/too-new', `"${key}" needs ${w.product} ≥ ${since} (the target version is ${w.target}).`, 'error'));
    return true;
  }
  if (deprecated) {
    const p = at('schema/deprecated', `"${key}" is deprecated: ${deprecated}`, 'warning');
    if (replacedBy) {
      p.fix = { title: `Rename to "${replacedBy}"`, replacement: replacedBy };
    }
    w.out.push(p);
  }
  if (featureFlag) {
    w.out.push(at('version/feature-flag', `"${key}" takes effect only with --enable-feature=${featureFlag}.`, 'info'));
  }
  checkEnumValue(propertyValue(prop), rs, w);
  return false;
}

/** An enum value the target version does not know yet (`x-enumSince`) or no longer knows (`x-enumRemoved`). */
function checkEnumValue(value: AstNode | undefined, rs: ResolvedSchema, w: Walk): void {
  if (value?.type !== 'string') {
    return;
  }
  const name = String(value.value);
  const since = rs.info.enumSince?.[name];
  const removed = rs.info.enumRemoved?.[name];
  const at = (message: string): Problem => ({ offset: value.offset, length: value.length, code: 'version/too-new', severity: 'error', message });
  if (isOlder(w.target, since)) {
    w.out.push(at(`"${name}" needs ${w.product} ≥ ${since} (the target version is ${w.target}).`));
  } else if (removed && !isOlder(w.target, removed)) {
    w.out.push({ ...at(`"${name}" was removed in ${w.product} ${removed} (the target version is ${w.target}).`), code: 'version/removed' });
  }
}
