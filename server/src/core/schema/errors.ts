import type { ErrorObject } from 'ajv';
import { getProperty, items, propertyValue, type AstNode } from '../syntax/ast';
import type { Problem, Severity } from '../problem';
import type { JsonSchema } from './types';
import { closest } from '../strings';
import { checkFormat, type FormatContext, type FormatName } from './formats';

/**
 * Turns ajv errors into problems on the smallest correct range with a plain-language message. For `anyOf` /
 * `oneOf`, only the branch that came closest is reported, so a user never sees a cascade of alternatives.
 */
export function schemaProblems(errors: ErrorObject[], root: AstNode | undefined, formats: FormatContext): Problem[] {
  const kept = pruneAlternatives(errors);
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const p = toProblem(e, root, formats);
    const key = p && `${p.offset}:${p.length}:${p.message}`;
    if (p && !seen.has(key!)) {
      seen.add(key!);
      out.push(p);
    }
  }
  return out;
}

function pruneAlternatives(errors: ErrorObject[]): ErrorObject[] {
  let list = errors.filter((e) => e.keyword !== 'propertyNames' && e.keyword !== 'if');
  const unions = list
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (!list.includes(union)) {
      continue;
    }
    const prefix = union.schemaPath + '/';
    const branches = new Map<string, ErrorObject[]>();
    for (const e of list) {
      if (e.schemaPath.startsWith(prefix)) {
        const idx = e.schemaPath.slice(prefix.length).split('/')[0];
        branches.set(idx, [...(branches.get(idx) ?? []), e]);
      }
    }
    const all = [...branches.values()];
    const onlyTypes = all.every((b) => b.every((e) => e.keyword === 'type' && e.instancePath === union.instancePath));
    let keep: ErrorObject[];
    if (onlyTypes && all.length > 0) {
      const types = [...new Set(all.flat().map((e) => String(e.params.type)))].join(',');
      keep = [{ ...all[0][0], params: { type: types } }];
    } else {
      keep = all.sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0] ?? [union];
    }
    const drop = new Set(all.flat());
    drop.add(union);
    list = list.filter((e) => !drop.has(e)).concat(keep);
  }
  return list;
}

function depth(errs: ErrorObject[]): number {
  return Math.max(...errs.map((e) => e.instancePath.split('/').length + (e.keyword === 'type' ? 0 : 0.5)));
}

function locate(root: AstNode | undefined, instancePath: string): AstNode | undefined {
  let node = root;
  for (const raw of instancePath.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.type === 'array') {
      node = items(node)[Number(seg)];
    } else {
      const prop = getProperty(node, seg);
      node = prop && propertyValue(prop);
    }
  }
  return node;
}

function keyNode(obj: AstNode | undefined, key: string): AstNode | undefined {
  return getProperty(obj, key)?.children?.[0];
}

/** Where to report something about a whole object: the key that holds it, else its first key. */
function anchorOf(node: AstNode | undefined): AstNode | undefined {
  if (node?.parent?.type === 'property') {
    return node.parent.children?.[0];
  }
  return node?.children?.[0]?.children?.[0] ?? node;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value pairs)',
  array: 'a list',
  null: 'nothing',
};

function describe(node: AstNode | undefined): string {
  if (!node || node.type === 'null') {
    return 'nothing';
  }
  if (node.type === 'string') {
    return `the string "${node.value}"`;
  }
  return TYPE_WORDS[node.type === 'property' ? 'object' : node.type] ?? node.type;
}

function problem(node: AstNode | undefined, code: string, message: string, severity: Severity = 'error'): Problem | undefined {
  return node ? { offset: node.offset, length: node.length, code, message, severity } : undefined;
}

function toProblem(e: ErrorObject, root: AstNode | undefined, formats: FormatContext): Problem | undefined {
  const node = locate(root, e.instancePath);
  const schema = (e.parentSchema ?? {}) as JsonSchema;
  // An error inside `propertyNames` is reported at the object, with the offending key as its (verbose) data.
  const propertyName = node?.type === 'object' && typeof e.data === 'string' ? e.data : undefined;
  if (propertyName !== undefined) {
    const msg =
      e.keyword === 'format'
        ? (checkFormat(e.params.format as FormatName, propertyName, formats) ?? `"${propertyName}" is not allowed as a key here.`)
        : (schema['x-patternMessage'] ?? `"${propertyName}" is not allowed as a key here.`);
    return problem(keyNode(node, propertyName), 'schema/invalid-key', msg.replace('{value}', propertyName));
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const hint = closest(key, Object.keys(schema.properties ?? {}));
      // Products that ignore unknown keys (Grafana) mark their objects `x-unknownKeys: warning`.
      const ignored = schema['x-unknownKeys'] === 'warning';
      const message = `Unknown key "${key}"${ignored ? ', which is ignored' : ''}.${hint ? ` Did you mean "${hint}"?` : ''}`;
      const p = problem(keyNode(node, key), 'schema/unknown-key', message, ignored ? 'warning' : 'error');
      return p && hint ? { ...p, fix: { title: `Change to "${hint}"`, replacement: hint } } : p;
    }
    case 'required':
      return problem(anchorOf(node), 'schema/missing-key', `Missing required key "${e.params.missingProperty}".`);
    case 'type': {
      const want = String(e.params.type).split(',').map((t) => TYPE_WORDS[t] ?? t);
      return problem(node, 'schema/wrong-type', `Expected ${want.join(' or ')}, found ${describe(node)}.`);
    }
    case 'enum':
      return problem(node, 'schema/invalid-value', `${describe(node)} is not allowed here; expected one of: ${(schema.enum ?? []).join(', ')}.`.replace(/^the s/, 'The s'));
    case 'const':
      return problem(node, 'schema/invalid-value', `Expected ${JSON.stringify(schema.const)}.`);
    case 'minimum':
    case 'maximum':
      // Durations and sizes accept the bare number 0 (Go reads it as "0"); any other number is a bad duration.
      if (schema.format) {
        return toProblem({ ...e, keyword: 'format', params: { format: schema.format } }, root, formats);
      }
      return problem(node, `schema/${e.keyword}`, capitalize(e.message ?? 'Invalid value') + '.');
    case 'format': {
      const format = String(e.params.format);
      const code = 'schema/invalid-' + format.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
      const message = checkFormat(format as FormatName, String(e.data), formats) ?? `"${e.data}" is not a valid ${format}.`;
      return problem(node, code, message, format === 'hostPort' ? 'warning' : 'error');
    }
    case 'not':
      return problem(node, 'schema/not', 'This value is not allowed here.');
    case 'x-mutuallyExclusive': {
      // One error per pair of a group that are both set (see scripts/generateValidators.ts).
      const { first, second } = e.params as { first: string; second: string };
      return problem(keyNode(node, second), 'schema/mutually-exclusive', `"${second}" cannot be used together with "${first}": set only one of them.`);
    }
    case 'pattern':
      return problem(node, 'schema/pattern', (schema['x-patternMessage'] ?? `"{value}" does not match the pattern ${e.params.pattern}.`).replace('{value}', String(node?.value)));
    default:
      return problem(node, `schema/${e.keyword}`, capitalize(e.message ?? 'Invalid value') + '.');
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}


