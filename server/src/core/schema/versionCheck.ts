import { propertyKey, propertyValue, type AstNode } from '../syntax/ast';
import type { Problem } from '../problem';
import { isOlder } from '../version';
import { itemSchemas, propertySchemas, type SchemaAt, type SchemaRegistry } from './registry';

/**
 * Walks a document alongside its schema and reports fields newer than the target version ("needs Prometheus ≥ X"
 * instead of a false "unknown key"), deprecated fields (with a quick fix when there is a replacement) and fields
 * behind feature flags.
 */
export function versionProblems(reg: SchemaRegistry, root: SchemaAt, node: AstNode | undefined, product: string, target: string): Problem[] {
  const out: Problem[] = [];
  walk(reg, [root], node, { product, target, out }, 0);
  return out;
}

interface Walk {
  product: string;
  target: string;
  out: Problem[];
}

function walk(reg: SchemaRegistry, schemas: SchemaAt[], node: AstNode | undefined, w: Walk, depth: number): void {
  if (!node || !schemas.length || depth > 64) {
    return;
  }
  if (node.type === 'object') {
    for (const prop of node.children ?? []) {
      if (prop.merged) {
        continue;
      }
      const key = propertyKey(prop);
      const subs = schemas.flatMap((s) => propertySchemas(reg, s, key));
      // Below a field the target version does not know, its children would only repeat the same news.
      if (!checkProperty(prop, key, subs, w)) {
        walk(reg, subs, propertyValue(prop), w, depth + 1);
      }
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((item, i) => {
      const subs = schemas.flatMap((s) => itemSchemas(reg, s, i));
      checkEnumValue(item, subs, w);
      walk(reg, subs, item, w, depth + 1);
    });
  }
}

/** Reports what the property's schema says about versions; true when the field is too new for the target. */
function checkProperty(prop: AstNode, key: string, subs: SchemaAt[], w: Walk): boolean {
  const keyNode = prop.children![0];
  const at = (code: string, message: string, severity: Problem['severity']): Problem => ({
    offset: keyNode.offset,
    length: keyNode.length,
    code,
    message,
    severity,
  });
  const since = subs.map((s) => s.schema['x-since']).find(Boolean);
  if (isOlder(w.target, since)) {
    w.out.push(at('version/too-new', `"${key}" needs ${w.product} ≥ ${since} (the target version is ${w.target}).`, 'error'));
    return true;
  }
  const deprecated = subs.find((s) => s.schema['x-deprecated'])?.schema;
  if (deprecated) {
    const p = at('schema/deprecated', `"${key}" is deprecated: ${deprecated['x-deprecated']}`, 'warning');
    if (deprecated['x-replacedBy']) {
      p.fix = { title: `Rename to "${deprecated['x-replacedBy']}"`, replacement: deprecated['x-replacedBy'] };
    }
    w.out.push(p);
  }
  const flag = subs.map((s) => s.schema['x-featureFlag']).find(Boolean);
  if (flag) {
    w.out.push(at('version/feature-flag', `"${key}" takes effect only with --enable-feature=${flag}.`, 'info'));
  }
  checkEnumValue(propertyValue(prop), subs, w);
  return false;
}

/** An enum value the target version does not know yet (`x-enumSince`). */
function checkEnumValue(value: AstNode | undefined, subs: SchemaAt[], w: Walk): void {
  if (value?.type !== 'string') {
    return;
  }
  const since = subs.map((s) => s.schema['x-enumSince']?.[String(value.value)]).find(Boolean);
  if (isOlder(w.target, since)) {
    w.out.push({
      offset: value.offset,
      length: value.length,
      code: 'version/too-new',
      severity: 'error',
      message: `"${value.value}" needs ${w.product} ≥ ${since} (the target version is ${w.target}).`,
    });
  }
}
