import type { Problem } from '../../problem';
import { docSpan, embeddedText } from '../../promql/embed';
import { variableReferences } from '../../promql/grafanaVariables';
import { getValue, items, type AstNode } from '../../syntax/ast';
import { keyOf, stringNodes, text, type Panel, type Variable } from './model';

/** Strings where a `$name` is a variable Grafana interpolates (not Markdown, not a regex). */
const INTERPOLATED = new Set(['title', 'expr', 'legendFormat', 'interval', 'uid', 'query', 'definition', 'url', 'displayName', 'titleFormat', 'textFormat']);

/** Variables of the kinds Grafana applies without a reference (ad hoc filters, group by). */
const IMPLICIT = new Set(['adhoc', 'groupby', 'system']);

/**
 * References to variables the dashboard does not define (Grafana leaves `$name` in the query as written), and
 * variables nothing refers to (info). Built-ins (`$__interval` …) and export inputs (`${DS_PROMETHEUS}`) count as
 * defined.
 */
export function variableProblems(dash: AstNode, panels: Panel[], variables: Variable[], docText: string): Problem[] {
  const defined = new Set(variables.map((v) => v.name));
  for (const input of items(getValue(dash, '__inputs'))) {
    const name = text(input, 'name');
    if (name) {
      defined.add(name);
    }
  }
  const used = new Set<string>();
  const out: Problem[] = [];
  for (const node of interpolatedStrings(dash, panels, variables)) {
    const value = String(node.value);
    for (const ref of variableReferences(value)) {
      used.add(ref.name);
      if (!defined.has(ref.name) && !ref.name.startsWith('__')) {
        out.push(at(node, docText, ref, `The variable "${ref.name}" is not defined in this dashboard's templating; Grafana leaves "${value.slice(ref.from, ref.to)}" in the text as written.`));
      }
    }
  }
  for (const panel of panels) {
    const repeat = getValue(panel.node, 'repeat');
    if (repeat?.type === 'string' && repeat.value) {
      used.add(String(repeat.value));
      if (!defined.has(String(repeat.value))) {
        out.push({ offset: repeat.offset, length: repeat.length, severity: 'warning', code: 'grafana/undefined-variable', message: `The panel repeats over "${repeat.value}", which is not a variable of this dashboard.` });
      }
    }
  }
  if (!linksCarryVariables(dash, panels)) {
    out.push(...unused(dash, variables, used));
  }
  return out;
}

function at(node: AstNode, docText: string, span: { from: number; to: number }, message: string): Problem {
  const embedded = embeddedText(node, docText);
  const r = embedded ? docSpan(embedded, span) : { from: node.offset, to: node.offset + node.length };
  return { offset: r.from, length: r.to - r.from, severity: 'warning', code: 'grafana/undefined-variable', message };
}

/** Titles, queries, legends, data source uids and links of panels, variables and annotations. */
function interpolatedStrings(dash: AstNode, panels: Panel[], variables: Variable[]): AstNode[] {
  const sources: AstNode[] = [...panels.map((p) => p.node), ...variables.map((v) => v.node), ...items(getValue(getValue(dash, 'annotations'), 'list'))];
  const out: AstNode[] = [];
  for (const source of sources) {
    for (const node of stringNodes(source)) {
      const key = keyOf(node);
      if (key !== undefined && INTERPOLATED.has(key) && String(node.value).includes('$')) {
        out.push(node);
      }
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
function unused(dash: AstNode, variables: Variable[], used: Set<string>): Problem[] {
  const candidates = variables.filter((v) => !used.has(v.name) && !IMPLICIT.has(v.type));
  if (!candidates.length) {
    return [];
  }
  // Anything else that mentions them (text panels, data links, overrides) counts as a use.
  const own = new Set(variables.map((v) => v.node));
  const elsewhere = new Set<string>();
  for (const node of stringNodes(dash)) {
    if (!ownedBy(node, own) && String(node.value).includes('$')) {
      variableReferences(String(node.value)).forEach((r) => elsewhere.add(r.name));
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
