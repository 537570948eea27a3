import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { getProperty, getValue, items, type AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { ruleGroups } from './validate';

/**
 * The outline of a rule file: groups, and in each its rules (alerts and recording rules). A PrometheusRule
 * resource is one more level, named after its `metadata.name`, so the resources of a stream stay apart.
 */
export function ruleSymbols(ctx: DocumentContext): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const d of ctx.docs) {
    const groups = ruleGroups(d.root).map((g) => groupSymbol(ctx, g)).filter((s): s is DocumentSymbol => !!s);
    if (!groups.length || !d.root) {
      continue;
    }
    if (getValue(d.root, 'kind')?.value !== 'PrometheusRule') {
      out.push(...groups);
      continue;
    }
    const nameNode = getValue(getValue(d.root, 'metadata'), 'name');
    out.push({
      name: text(nameNode) ?? 'PrometheusRule',
      detail: 'PrometheusRule',
      kind: SymbolKind.Module,
      range: range(ctx, d.root),
      selectionRange: selection(ctx, d.root, nameNode ?? getProperty(d.root, 'kind')),
      children: groups,
    });
  }
  return out;
}

function groupSymbol(ctx: DocumentContext, group: AstNode): DocumentSymbol | undefined {
  if (group.type !== 'object') {
    return undefined;
  }
  const nameNode = getValue(group, 'name');
  const rules = items(getValue(group, 'rules'))
    .map((r) => ruleSymbol(ctx, r))
    .filter((s): s is DocumentSymbol => !!s);
  return {
    name: text(nameNode) ?? '(unnamed group)',
    detail: `${rules.length} rule${rules.length === 1 ? '' : 's'}`,
    kind: SymbolKind.Namespace,
    range: range(ctx, group),
    selectionRange: selection(ctx, group, nameNode ?? group.children?.[0]),
    children: rules,
  };
}

function ruleSymbol(ctx: DocumentContext, rule: AstNode): DocumentSymbol | undefined {
  if (rule.type !== 'object') {
    return undefined;
  }
  const record = getValue(rule, 'record');
  const nameNode = record ?? getValue(rule, 'alert');
  const expr = text(getValue(rule, 'expr'))?.replace(/\s+/g, ' ').trim();
  return {
    name: text(nameNode) ?? '(unnamed rule)',
    detail: expr && expr.length > 80 ? expr.slice(0, 79) + '…' : expr,
    kind: record ? SymbolKind.Variable : SymbolKind.Event,
    range: range(ctx, rule),
    selectionRange: selection(ctx, rule, nameNode ?? rule.children?.[0]),
  };
}

function text(node: AstNode | undefined): string | undefined {
  return node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean') && node.value !== '' ? String(node.value) : undefined;
}

function range(ctx: DocumentContext, node: AstNode): DocumentSymbol['range'] {
  return ctx.lines.range(node.offset, node.length);
}

/** The range of `inner` when it lies inside `outer` (an alias may point elsewhere), as LSP requires; else `outer`'s. */
function selection(ctx: DocumentContext, outer: AstNode, inner: AstNode | undefined): DocumentSymbol['range'] {
  const inside = inner && inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
  return range(ctx, inside ? inner : outer);
}
