import type { Problem } from '../../problem';
import { docSpan, embeddedText } from '../../promql/embed';
import { variableReferences } from '../../promql/grafanaVariables';
import { getValue, items, type AstNode } from '../../syntax/ast';
import { keyOf, stringNodes, text, type Panel, type Variable } from './model';

/** Strings where a `$name` is a variable Grafana interpolates (not Markdown, not a regex). */
const INTERPOLATED = new Set(['title', 'expr', 'legendFormat', 'interval', 'uid', 'query', 'definition', 'url', 'displayName', 'titleFormat', 'textFormat']);

/** Variables of the kinds Grafana applies without a reference (ad hoc filters, group by). */
const IMPLICIT = new Set(['adhoc', 'groupby', 'system']);

/** What one panel says about variables: references to undefined ones, the ones it uses, any it mentions at all. */
export interface PanelVariables {
  problems: Problem[];
  /** Referenced in interpolated strings or repeated over. */
  used: string[];
  /** Referenced in any string (text panels, data links, overrides): enough not to call a variable unused. */
  mentioned: string[];
}

/** The names a reference may use: the variables, and the inputs of an export (`${DS_PROMETHEUS}`). */
export function definedNames(dash: AstNode, variables: Variable[]): Set<string> {
  const defined = new Set(variables.map((v) => v.name));
  for (const input of items(getValue(dash, '__inputs'))) {
    const name = text(input, 'name');
    if (name) {
      defined.add(name);
    }
  }
  return defined;
}

/**
 * A panel's references to variables the dashboard does not define (Grafana leaves `$name` in the query as
 * written), and its repeat variable. Built-ins (`$__interval` …) count as defined.
 */
export function panelVariables(panel: Panel, defined: Set<string>, docText: string): PanelVariables {
  const used = new Set<string>();
  const mentioned = new Set<string>();
  const problems = undefinedReferences(interpolatedIn(panel.node, [], 0, mentioned), defined, docText, used);
  const repeat = getValue(panel.node, 'repeat');
  if (repeat?.type === 'string' && repeat.value) {
    used.add(String(repeat.value));
    if (!defined.has(String(repeat.value))) {
      problems.push({ offset: repeat.offset, length: repeat.length, severity: 'warning', code: 'grafana/undefined-variable', message: `The panel repeats over "${repeat.value}", which is not a variable of this dashboard.` });
    }
  }
  return { problems, used: [...used], mentioned: [...mentioned] };
}

/**
 * Undefined references in the variables' and annotations' own strings, and variables nothing refers to (info),
 * given what the panels use and mention (see `panelVariables`).
 */
export function variableProblems(dash: AstNode, panels: Panel[], variables: Variable[], defined: Set<string>, fromPanels: { used: Set<string>; mentioned: Set<string> }, docText: string): Problem[] {
  const used = new Set(fromPanels.used);
  const sources = [...variables.map((v) => v.node), ...items(getValue(getValue(dash, 'annotations'), 'list'))];
  const out = undefinedReferences(
    sources.flatMap((s) => interpolatedIn(s, [], 0)),
    defined,
    docText,
    used,
  );
  if (!linksCarryVariables(dash, panels)) {
    out.push(...unused(dash, variables, used, fromPanels.mentioned));
  }
  return out;
}

function undefinedReferences(nodes: AstNode[], defined: Set<string>, docText: string, used: Set<string>): Problem[] {
  const out: Problem[] = [];
  for (const node of nodes) {
    const value = String(node.value);
    for (const ref of variableReferences(value)) {
      used.add(ref.name);
      if (!defined.has(ref.name) && !ref.name.startsWith('__')) {
        out.push(at(node, docText, ref, `The variable "${ref.name}" is not defined in this dashboard's templating; Grafana leaves "${value.slice(ref.from, ref.to)}" in the text as written.`));
      }
    }
  }
  return out;
}

function at(node: AstNode, docText: string, span: { from: number; to: number }, message: string): Problem {
  const embedded = embeddedText(node, docText);
  const r = embedded ? docSpan(embedded, span) : { from: node.offset, to: node.offset + node.length };
  return { offset: r.from, length: r.to - r.from, severity: 'warning', code: 'grafana/undefined-variable', message };
}

/**
 * The interpolated strings (titles, queries, legends, data source uids, links …) below `node`, with a `$` in them;
 * with `mentioned`, also the names any string below refers to. A row's nested panels are left out: they are panels
 * of their own.
 */
function interpolatedIn(node: AstNode, out: AstNode[], depth: number, mentioned?: Set<string>): AstNode[] {
  if (depth > 64 || !node.children) {
    return out;
  }
  for (const child of node.children) {
    const value = node.type === 'object' ? child.children?.[1] : child;
    if (!value) {
      continue;
    }
    if (value.type === 'string') {
      const textValue = String(value.value);
      if (!textValue.includes('$')) {
        continue;
      }
      if (node.type === 'object' && INTERPOLATED.has(String(child.children![0].value))) {
        out.push(value);
      }
      variableReferences(textValue).forEach((r) => mentioned?.add(r.name));
    } else if (!(depth === 0 && node.type === 'object' && child.children![0].value === 'panels')) {
      interpolatedIn(value, out, depth + 1, mentioned);
    }
  }
  return out;
}

/** A link with `includeVars` passes every variable on: none is then unused. */
function linksCarryVariables(dash: AstNode, panels: Panel[]): boolean {
  const links = [...items(getValue(dash, 'links')), ...panels.flatMap((p) => items(getValue(p.node, 'links')))];
  return links.some((l) => getValue(l, 'includeVars')?.value === true);
}

/** Variables that no text of the dashboard refers to, other than their own definition. */
function unused(dash: AstNode, variables: Variable[], used: Set<string>, mentionedInPanels: Set<string>): Problem[] {
  const candidates = variables.filter((v) => !used.has(v.name) && !IMPLICIT.has(v.type) && !mentionedInPanels.has(v.name));
  if (!candidates.length) {
    return [];
  }
  // Anything else outside the panels that mentions them (dashboard links, annotations, other variables) counts as a use.
  const own = new Set(variables.map((v) => v.node));
  const elsewhere = new Set<string>();
  for (const prop of dash.children ?? []) {
    if (prop.children?.[0].value === 'panels') {
      continue;
    }
    for (const node of stringNodes(prop.children?.[1])) {
      if (!ownedBy(node, own) && String(node.value).includes('$')) {
        variableReferences(String(node.value)).forEach((r) => elsewhere.add(r.name));
      }
    }
  }
  for (const v of variables) {
    for (const node of stringNodes(v.node)) {
      if (keyOf(node) !== 'name' && String(node.value).includes('$')) {
        variableReferences(String(node.value)).forEach((r) => r.name !== v.name && elsewhere.add(r.name));
      }
    }
  }
  return candidates
    .filter((v) => !elsewhere.has(v.name))
    .map((v) => ({
      offset: v.nameNode.offset,
      length: v.nameNode.length,
      severity: 'info' as const,
      code: 'grafana/unused-variable',
      message: `The variable "${v.name}" is not used by any panel, query, title or link of this dashboard.`,
    }));
}

function ownedBy(node: AstNode, owners: Set<AstNode>): boolean {
  for (let n: AstNode | undefined = node; n; n = n.parent) {
    if (owners.has(n)) {
      return true;
    }
  }
  return false;
}
