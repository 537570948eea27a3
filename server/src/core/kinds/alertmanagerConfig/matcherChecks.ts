import { matcherMode, matcherString, parseMatchers, regexError, type MatcherMode } from '../../alertmanager/matchers';
import type { Problem } from '../../problem';
import { getProperty, items, properties, propertyKey, propertyValue, type AstNode } from '../../syntax/ast';
import { problem, problemInside, scalarText } from './nodes';

const CLASSIC_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Each entry of a `matchers` list (routes) or `source_matchers` / `target_matchers` (inhibit rules). */
export function matcherListProblems(list: AstNode | undefined, text: string, version: string): Problem[] {
  const mode = matcherMode(version);
  return items(list).flatMap((entry) => matcherEntryProblems(entry, text, mode));
}

function matcherEntryProblems(entry: AstNode, text: string, mode: MatcherMode): Problem[] {
  const input = scalarText(entry, text);
  if (input === undefined) {
    return [];
  }
  const parsed = parseMatchers(input, mode);
  if (parsed.error) {
    const { offset, length, message } = parsed.error;
    return [problemInside(entry, text, offset, length, { code: 'alertmanager/bad-matcher', severity: 'error', message })];
  }
  if (parsed.classicOnly) {
    const { offset, length, message, suggestion } = parsed.classicOnly;
    const p = problemInside(entry, text, offset, length, {
      code: 'alertmanager/classic-matcher',
      severity: 'warning',
      message: `Only Alertmanager's classic matcher parser accepts this (UTF-8 parser: ${message}); write it as ${suggestion}.`,
    });
    p.fix = { title: `Rewrite as ${suggestion}`, replacement: JSON.stringify(suggestion), offset: entry.offset, length: entry.length };
    return [p];
  }
  return [];
}

/**
 * Deprecated `match` / `match_re` maps (and `source_match…` / `target_match…` of inhibit rules): Alertmanager's
 * own checks (classic label names, compilable regexes, no empty regex), plus the deprecation with a quick fix
 * that rewrites both maps into one matchers list.
 */
export function matchMapProblems(owner: AstNode, prefix: '' | 'source_' | 'target_', text: string): Problem[] {
  const out: Problem[] = [];
  const eq = getProperty(owner, `${prefix}match`);
  const re = getProperty(owner, `${prefix}match_re`);
  if (!eq && !re) {
    return out; // most routes: nothing to check, no fix to build
  }
  for (const prop of [eq, re]) {
    for (const entry of properties(prop && propertyValue(prop))) {
      const name = propertyKey(entry);
      const value = propertyValue(entry);
      if (!CLASSIC_LABEL.test(name)) {
        out.push(problem(entry.children![0], 'alertmanager/invalid-label-name', `invalid label name "${name}"`));
      } else if (prop === re) {
        const source = scalarText(value, text);
        if (source === undefined) {
          out.push(problem(entry, 'alertmanager/invalid-regex', `invalid regexp value for "${name}"`));
        } else {
          out.push(...regexProblems(value!, source));
        }
      }
    }
  }
  const fix = rewriteFix(owner, prefix, eq, re, text);
  for (const prop of [eq, re]) {
    if (prop) {
      const key = prop.children![0];
      const target = `${prefix}matchers`;
      out.push({
        ...problem(key, 'alertmanager/deprecated-match', `"${propertyKey(prop)}" is deprecated: write its conditions in "${target}".`, 'warning'),
        ...(fix ? { fix } : {}),
      });
    }
  }
  return out;
}

function regexProblems(node: AstNode, source: string): Problem[] {
  const err = regexError(source);
  return err ? [problem(node, 'alertmanager/invalid-regex', err)] : [];
}

/**
 * Replaces `match` and `match_re` by one `matchers` flow list: offered when no `matchers` key exists and, with both
 * maps present, only blank text lies between them (one edit then covers both).
 */
function rewriteFix(owner: AstNode, prefix: string, eq: AstNode | undefined, re: AstNode | undefined, text: string): Problem['fix'] | undefined {
  const props = [eq, re].filter((p): p is AstNode => !!p).sort((a, b) => a.offset - b.offset);
  if (props.length === 0 || getProperty(owner, `${prefix}matchers`)) {
    return undefined;
  }
  // Where a property's text ends: at its last scalar (a block mapping's range may run on over blank lines).
  const end = (n: AstNode): number => {
    const last = n.children?.[n.children.length - 1];
    return last ? end(last) : n.offset + n.length;
  };
  if (props.length === 2 && text.slice(end(props[0]), props[1].offset).trim() !== '') {
    return undefined;
  }
  const list: string[] = [];
  for (const prop of [eq, re]) {
    const map = prop && propertyValue(prop);
    if (prop && map?.type !== 'object') {
      return undefined;
    }
    for (const entry of map?.children ?? []) {
      const value = scalarText(propertyValue(entry), text);
      if (value === undefined) {
        return undefined;
      }
      list.push(matcherString({ name: propertyKey(entry), op: prop === eq ? '=' : '=~', value }));
    }
  }
  const replacement = `${prefix}matchers: [${list.map((m) => `'${m.replace(/'/g, "''")}'`).join(', ')}]`;
  const from = props[0].offset;
  return { title: `Rewrite as ${prefix}matchers`, replacement, offset: from, length: end(props[props.length - 1]) - from };
}
