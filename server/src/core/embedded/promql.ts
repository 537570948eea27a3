import type { CompletionItem, Hover, Position, SignatureHelp } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import type { DocumentContext } from '../kinds/context';
import type { AstNode } from '../syntax/ast';
import type { Problem } from '../problem';
import { checkPromQL } from '../promql/check';
import { completePromQL, LSP_ITEM_KIND } from '../promql/complete';
import { docSpan } from '../promql/embed';
import { formatPromQL } from '../promql/format';
import { substituteVariables } from '../promql/grafanaVariables';
import { hoverPromQL } from '../promql/hover';
import { signatureHelp } from '../promql/signature';
import type { MetricSource, PromQLProblem, Span } from '../promql/types';
import type { Expr } from '../promql/ast';
import { lintPromQL, type LintOptions } from '../promql/lint';
import { findQueries, queryAt, queryNodes, type EmbeddedQuery, type PathPattern } from './queries';

/** Where a file kind keeps PromQL, and how it is written there. */
export interface PromQLSpec {
  paths: PathPattern[];
  /** Grafana dashboards: `$var`, `${var}`, `$__rate_interval` … stand for values. */
  grafanaVariables?: boolean;
  /** What the expression is for, which some lints depend on (an alert's topk flaps, a dashboard's does not). */
  use: LintOptions['context'] | ((node: AstNode) => LintOptions['context']);
}

function queries(ctx: DocumentContext, spec: PromQLSpec): EmbeddedQuery[] {
  return findQueries(ctx.docs, ctx.text, spec.paths);
}

/** Problems of every PromQL expression of a document, on document offsets: errors, then lints of valid ones. */
export function promqlProblems(ctx: DocumentContext, spec: PromQLSpec): Problem[] {
  const out: Problem[] = [];
  const options = { prometheusVersion: ctx.settings.versions.prometheus, ...ctx.settings.promqlFeatures };
  for (const q of queries(ctx, spec)) {
    let text = q.embedded.text;
    let back = (s: Span): Span => s;
    let variables: Span[] = [];
    if (spec.grafanaVariables) {
      const sub = substituteVariables(text);
      text = sub.text;
      back = (s) => sub.map.toOriginalSpan(s);
      variables = sub.variables.map((v) => ({ from: v.outFrom, to: v.outTo }));
    }
    const checked = checkPromQL(text, options);
    const found = [...checked.problems];
    if (checked.expr && !found.some((p) => p.severity === 'error')) {
      found.push(...lints(ctx, spec, q.node, checked.expr, text).filter((p) => !variables.some((v) => p.from < v.to && v.from < p.to)));
    }
    out.push(...found.map((p) => toDocument(q, p, back)));
  }
  return out;
}

function lints(ctx: DocumentContext, spec: PromQLSpec, node: AstNode, expr: Expr, text: string): PromQLProblem[] {
  const scrapeInterval = ctx.workspace?.scrapeInterval();
  const use = typeof spec.use === 'function' ? spec.use(node) : spec.use;
  const found = lintPromQL(expr, text, { context: use, scrapeInterval });
  // Without a prometheus.yml in the workspace the scrape interval is a guess: no range-length advice then.
  return scrapeInterval === undefined ? found.filter((p) => p.code !== 'promql/range-too-short') : found;
}

function toDocument(q: EmbeddedQuery, p: PromQLProblem, back: (s: Span) => Span): Problem {
  const at = docSpan(q.embedded, back(p));
  const problem: Problem = { offset: at.from, length: at.to - at.from, severity: p.severity, code: p.code, message: p.message };
  if (p.fix) {
    const fixAt = docSpan(q.embedded, back(p.fix));
    problem.fix = { title: p.fix.title, replacement: p.fix.replacement, offset: fixAt.from, length: fixAt.to - fixAt.from };
  }
  return problem;
}

/** The PromQL under the cursor, if any. */
function at(ctx: DocumentContext, spec: PromQLSpec, pos: Position): { query: EmbeddedQuery; at: number } | undefined {
  return queryAt(queryNodes(ctx.docs, spec.paths), ctx.text, ctx.lines.offsetAt(pos));
}

export async function promqlCompletion(ctx: DocumentContext, spec: PromQLSpec, pos: Position, source?: MetricSource): Promise<CompletionItem[] | undefined> {
  const hit = at(ctx, spec, pos);
  if (!hit) {
    return undefined;
  }
  const { embedded } = hit.query;
  const items = await completePromQL(embedded.text, hit.at, source, { grafanaVariables: spec.grafanaVariables });
  return items.map((item) => {
    const span = docSpan(embedded, item.replace);
    return {
      label: item.label,
      kind: LSP_ITEM_KIND[item.kind] ?? CompletionItemKind.Text,
      detail: item.detail,
      documentation: item.documentation ? { kind: 'markdown', value: item.documentation } : undefined,
      sortText: item.sortText,
      filterText: item.filterText,
      tags: item.deprecated ? [1] : undefined,
      insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: ctx.lines.range(span.from, span.to - span.from), newText: item.insertText },
    };
  });
}

export async function promqlHover(ctx: DocumentContext, spec: PromQLSpec, pos: Position, source?: MetricSource): Promise<Hover | null | undefined> {
  const hit = at(ctx, spec, pos);
  if (!hit) {
    return undefined;
  }
  const h = await hoverPromQL(hit.query.embedded.text, hit.at, { source });
  if (!h) {
    return null;
  }
  const span = docSpan(hit.query.embedded, h.span);
  return { contents: { kind: 'markdown', value: h.markdown }, range: ctx.lines.range(span.from, span.to - span.from) };
}

export function promqlSignature(ctx: DocumentContext, spec: PromQLSpec, pos: Position): SignatureHelp | null {
  const hit = at(ctx, spec, pos);
  const help = hit && signatureHelp(hit.query.embedded.text, hit.at);
  if (!help) {
    return null;
  }
  return {
    signatures: [
      {
        label: help.label,
        documentation: { kind: 'markdown', value: help.documentation },
        parameters: help.parameters.map((p) => ({ label: p.label, documentation: { kind: 'markdown', value: p.documentation } })),
      },
    ],
    activeSignature: 0,
    activeParameter: help.activeParameter,
  };
}

/**
 * "Format PromQL" for the expression under the cursor: the whole value rewritten with the formatted query — a
 * `|-` block when it spans lines in YAML, an escaped string in JSON.
 */
export function promqlFormatEdit(ctx: DocumentContext, spec: PromQLSpec, pos: Position): { offset: number; length: number; text: string } | undefined {
  const hit = at(ctx, spec, pos);
  if (!hit) {
    return undefined;
  }
  const { node, embedded } = hit.query;
  const formatted = formatPromQL(embedded.text);
  if (!formatted || formatted === embedded.text.trim()) {
    return undefined;
  }
  return { offset: node.offset, length: node.length, text: writeValue(ctx, node, formatted) };
}

const PLAIN_SAFE = /^[^\s!&*|>'"%@`#{[\]},?:-][^#]*$/;

function writeValue(ctx: DocumentContext, node: AstNode, query: string): string {
  if (node.style === 'json') {
    return JSON.stringify(query);
  }
  if (query.includes('\n')) {
    const keyNode = node.parent?.type === 'property' ? node.parent.children![0] : node;
    const indent = ' '.repeat(ctx.lines.positionAt(keyNode.offset).character + 2);
    // promtool's layout may start more indented than later lines: then YAML needs the indentation indicator.
    const header = query.startsWith(' ') ? '|2-' : '|-';
    return header + '\n' + query.split('\n').map((l) => (l ? indent + l : l)).join('\n');
  }
  if (node.style === 'plain' && PLAIN_SAFE.test(query) && !query.includes(': ') && !query.endsWith(':')) {
    return query;
  }
  return node.style === 'single' ? `'${query.replace(/'/g, "''")}'` : JSON.stringify(query);
}
