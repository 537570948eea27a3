import type { CompletionItem, Hover, Position } from 'vscode-languageserver-types';
import { getProperty, getValue, items, nodeAt, propertyKey, type AstNode } from '../../syntax/ast';
import type { Expr, VectorSelector } from '../../promql/ast';
import { docSpan, embeddedText, type EmbeddedText } from '../../promql/embed';
import { describeRemover, LabelAnalysis, removedBy, type LabelSet } from '../../promql/lintLabels';
import { parsePromQL } from '../../promql/parse';
import { completeTemplate } from '../../templates/complete';
import type { AlertLabels, TemplateEditorContext } from '../../templates/editorScope';
import { hoverTemplate } from '../../templates/hover';
import type { DocumentContext } from '../context';
import { templateCompletionItem } from '../templateCompletionItem';
import { MAX_CHECKED_TEMPLATE } from './templates';
import { ruleGroups } from './validate';

/**
 * Completion and hover in the Go templates of alerting rules' `labels` and `annotations` values: finds the value
 * under the cursor, maps the cursor into the decoded string (quotes, escapes, block scalars), and tells the
 * template engine which labels the rule's expression keeps.
 */

interface TemplateSite {
  rule: AstNode;
  embedded: EmbeddedText;
  /** The cursor in the decoded text. */
  at: number;
}

/** Undefined when the cursor is not in a rule template, so that other completion applies. */
export async function ruleTemplateCompletion(ctx: DocumentContext, pos: Position): Promise<CompletionItem[] | undefined> {
  const site = templateSite(ctx, ctx.lines.offsetAt(pos));
  if (!site) {
    return undefined;
  }
  const items = completeTemplate(site.embedded.text, site.at, await editorContext(ctx, site.rule));
  return items.map((item) => {
    const span = docSpan(site.embedded, item.replace);
    return templateCompletionItem(item, ctx.lines.range(span.from, span.to - span.from));
  });
}

/** Undefined when the cursor is not in a rule template or there is nothing to tell about the word there. */
export async function ruleTemplateHover(ctx: DocumentContext, pos: Position): Promise<Hover | undefined> {
  const site = templateSite(ctx, ctx.lines.offsetAt(pos));
  if (!site) {
    return undefined;
  }
  const h = hoverTemplate(site.embedded.text, site.at, await editorContext(ctx, site.rule));
  if (!h) {
    return undefined;
  }
  const span = docSpan(site.embedded, h.span);
  return { contents: { kind: 'markdown', value: h.markdown }, range: ctx.lines.range(span.from, span.to - span.from) };
}

/** The label or annotation value of an alerting rule at a document offset, with the offset in its decoded text. */
function templateSite(ctx: DocumentContext, offset: number): TemplateSite | undefined {
  for (const d of ctx.docs) {
    const node = offset >= d.offset && offset <= d.offset + d.length ? nodeAt(d.root, offset) : undefined;
    const prop = node?.parent;
    const section = prop?.parent?.parent;
    const rule = section?.parent;
    if (node?.type !== 'string' || prop?.children?.[1] !== node || section?.type !== 'property' || !rule || node.length > MAX_CHECKED_TEMPLATE) {
      continue;
    }
    if (!['labels', 'annotations'].includes(propertyKey(section)) || !getProperty(rule, 'alert') || !isRule(d.root, rule)) {
      continue;
    }
    const embedded = embeddedText(node, ctx.text);
    const at = embedded?.fromDoc(offset) ?? (offset >= node.offset + node.length ? embedded?.text.length : undefined);
    return embedded && at !== undefined ? { rule, embedded, at } : undefined;
  }
  return undefined;
}

function isRule(root: AstNode | undefined, node: AstNode): boolean {
  return ruleGroups(root).some((g) => items(getValue(g, 'rules')).includes(node));
}

async function editorContext(ctx: DocumentContext, rule: AstNode): Promise<TemplateEditorContext> {
  return { dialect: 'prometheusAlert', version: ctx.settings.versions.prometheus, labels: await alertLabels(ctx, rule) };
}

/** What the rule's expression tells about `$labels`; undefined when the expression is missing or invalid. */
async function alertLabels(ctx: DocumentContext, rule: AstNode): Promise<AlertLabels | undefined> {
  const exprNode = getValue(rule, 'expr');
  const expr = exprNode?.type === 'string' ? parsePromQL(String(exprNode.value)).expr : undefined;
  const set = expr && new LabelAnalysis().of(expr);
  if (!expr || !set) {
    return undefined;
  }
  const known = new Map<string, string>();
  const keep = (name: string, where: string): void => {
    if (name !== '__name__' && !removedBy(set, name) && !known.has(name)) {
      known.set(name, where);
    }
  };
  if (set.closed) {
    set.labels.forEach((name) => keep(name, 'kept by the expression'));
  } else {
    const source = ctx.workspace?.source();
    for (const sel of resultSelectors(expr)) {
      sel.matchers.filter((m) => m.op === '=').forEach((m) => keep(m.name, `the selector matches ${m.name}="${m.value}"`));
      for (const name of sel.name && source ? await source.labelNames(sel.name) : []) {
        keep(name, `a label of ${sel.name} in the workspace`);
      }
    }
  }
  return { known, closed: set.closed, removedBy: (name) => describeRemoved(set, name) };
}

function describeRemoved(set: LabelSet, name: string): string | undefined {
  const node = removedBy(set, name);
  return node && describeRemover(node);
}

/** The selectors whose series reach the result (and so the alert's labels): the "many" side of a match, etc. */
function resultSelectors(e: Expr): VectorSelector[] {
  switch (e.kind) {
    case 'vectorSelector':
      return [e];
    case 'matrixSelector':
      return resultSelectors(e.selector);
    case 'paren':
    case 'unary':
    case 'subquery':
      return resultSelectors(e.expr);
    case 'aggregate':
      return e.expr ? resultSelectors(e.expr) : [];
    case 'call':
      return e.args.flatMap(resultSelectors);
    case 'binary':
      if (e.op === 'or') {
        return [...resultSelectors(e.lhs), ...resultSelectors(e.rhs)];
      }
      // The result takes its labels from the "many" side, or from the vector side of a scalar comparison.
      const [main, other] = e.matching?.card === 'one-to-many' ? [e.rhs, e.lhs] : [e.lhs, e.rhs];
      const found = resultSelectors(main);
      return found.length ? found : resultSelectors(other);
    default:
      return [];
  }
}
