import type { CompletionItem, Hover, Position, SignatureHelp } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import type { DocumentContext } from '../kinds/context';
import type { AstNode } from '../syntax/ast';
import type { Problem } from '../problem';
import { checkPromQL, type CheckOptions } from '../promql/check';
import { memoByText } from '../memo';
import { completePromQL, LSP_ITEM_KIND } from '../promql/complete';
import { docSpan, embeddedText, type EmbeddedText } from '../promql/embed';
import { formatPromQL } from '../promql/format';
import { substituteVariables } from '../promql/grafanaVariables';
import { hoverPromQL } from '../promql/hover';
import { signatureHelp } from '../promql/signature';
import type { MetricSource, PromQLProblem, Span } from '../promql/types';
import type { Expr } from '../promql/ast';
import { lintPromQL, type LintOptions } from '../promql/lint';
import { queryAt, queryNodes, type EmbeddedQuery, type PathPattern } from './queries';

/** Where a file kind keeps PromQL, and how it is written there. */
export interface PromQLSpec {
  paths: PathPattern[];
  /** Grafana dashboards: `$var`, `${var}`, `$__rate_interval` … stand for values. */
  grafanaVariables?: boolean;
  /** What the expression is for, which some lints depend on (an alert's topk flaps, a dashboard's does not). */
  use: LintOptions['context'] | ((node: AstNode) => LintOptions['context']);
  /** Whether a string at those paths is PromQL (a dashboard's Loki targets also have an `expr`). */
  accept?(node: AstNode, ctx: DocumentContext): boolean;
}

/** Problems of every PromQL expression of a document, on document offsets: errors, then lints of valid ones. */
export function promqlProblems(ctx: DocumentContext, spec: PromQLSpec): Problem[] {
  const out: Problem[] = [];
  const options = { prometheusVersion: ctx.settings.versions.prometheus, ...ctx.settings.promqlFeatures };
  const scrapeInterval = ctx.workspace?.scrapeInterval();
  // One memo per use (alert, record, …) in this document: looked up once, not per expression.
  const memos = new Map<LintOptions['context'], (text: string) => PromQLProblem[]>();
  for (const node of queryNodes(ctx.docs, spec.paths)) {
    if (spec.accept && !spec.accept(node, ctx)) {
      continue;
    }
    const use = typeof spec.use === 'function' ? spec.use(node) : spec.use;
    let memo = memos.get(use);
    if (!memo) {
      const family = JSON.stringify([options, spec.grafanaVariables ?? false, use, scrapeInterval]);
      memo = memoFamily(family, (text) => problemsOfText(text, spec, options, { context: use, scrapeInterval }));
      memos.set(use, memo);
    }
    // Most expressions have no problem: the source map of the string is built only for those that do.
    const found = memo(String(node.value));
    const embedded = found.length ? embeddedText(node, ctx.text) : undefined;
    if (embedded) {
      out.push(...found.map((p) => toDocument(embedded, p)));
    }
  }
  return out;
}

const memoFamilies = new Map<string, (text: string) => PromQLProblem[]>();

/** One memo per combination of settings, shared by every document and kept across validations. */
function memoFamily(family: string, compute: (text: string) => PromQLProblem[]): (text: string) => PromQLProblem[] {
  let memo = memoFamilies.get(family);
  if (!memo) {
    memo = memoByText(compute);
    memoFamilies.set(family, memo);
  }
  return memo;
}

/** The problems of one expression, on offsets of its text as written (before Grafana variables are substituted). */
function problemsOfText(written: string, spec: PromQLSpec, options: CheckOptions, lintOptions: LintOptions): PromQLProblem[] {
  let text = written;
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
    found.push(...lints(checked.expr, text, lintOptions).filter((p) => !variables.some((v) => p.from < v.to && v.from < p.to)));
  }
  return found.map((p) => ({ ...p, ...back(p), fix: p.fix && { ...p.fix, ...back(p.fix) } }));
}

function lints(expr: Expr, text: string, options: LintOptions): PromQLProblem[] {
  const found = lintPromQL(expr, text, options);
  // Without a prometheus.yml in the workspace the scrape interval is a guess: no range-length advice then.
  return options.scrapeInterval === undefined ? found.filter((p) => p.code !== 'promql/range-too-short') : found;
}

function toDocument(embedded: EmbeddedText, p: PromQLProblem): Problem {
  const at = docSpan(embedded, p);
  const problem: Problem = { offset: at.from, length: at.to - at.from, severity: p.severity, code: p.code, message: p.message };
  if (p.fix) {
    const fixAt = docSpan(embedded, p.fix);
    problem.fix = { title: p.fix.title, replacement: p.fix.replacement, offset: fixAt.from, length: fixAt.to - fixAt.from };
  }
  return problem;
}

/** The PromQL under the cursor, if any. */
function at(ctx: DocumentContext, spec: PromQLSpec, pos: Position): { query: EmbeddedQuery; at: number } | undefined {
  const nodes = queryNodes(ctx.docs, spec.paths);
  return queryAt(spec.accept ? nodes.filter((n) => spec.accept!(n, ctx)) : nodes, ctx.text, ctx.lines.offsetAt(pos));
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
