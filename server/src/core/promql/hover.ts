/**
 * Hover for PromQL: docs of the function, aggregation, operator or keyword under the caret (from the single
 * table, functions.ts, and completeDocs.ts), the length of a duration in seconds, what a metric source knows about
 * a metric (TYPE/HELP), and the value type of the sub-expression under the caret when the text parses.
 * Word-level hovers work on text that does not parse (completeScan.ts).
 */
import { nodeAt, typeOf, type Expr, type Node } from './ast';
import { checkExpr } from './check';
import { aggregationMarkdown, functionMarkdown, isKeyword, keywordMarkdown, operatorMarkdown, secondsText, secondsToDuration } from './completeDocs';
import { metricMarkdown } from './completeItems';
import { scan, tokenIndexAt, type ScanToken } from './completeScan';
import { analyzeStructure, lower, nextIndex, prevIndex } from './completeStructure';
import { exprText } from './formatString';
import { getAggregation, getBinaryOperator, getFunction } from './functions';
import { parseDuration, parseNumber } from './literals';
import { AGGREGATOR_WORDS } from './lexer';
import { parsePromQL } from './parse';
import { VALUE_TYPE_WORDS, type MetricSource, type Span, type ValueType } from './types';

export interface PromQLHover {
  /** Markdown. */
  markdown: string;
  /** The part of the PromQL text the hover is about. */
  span: Span;
}

export interface HoverOptions {
  /** Where TYPE/HELP of metrics come from (the workspace, a live Prometheus). */
  source?: MetricSource;
}

interface Target {
  tokens: ScanToken[];
  index: number;
  token: ScanToken;
  /** The innermost expression at the caret, when the text parses. */
  expr?: Expr;
}

const MATCH_OPERATORS: Record<string, string> = { '=': 'is equal to', '!=': 'is not equal to', '=~': 'matches the fully anchored regular expression', '!~': 'does not match the fully anchored regular expression' };

export async function hoverPromQL(text: string, offset: number, options: HoverOptions = {}): Promise<PromQLHover | undefined> {
  const tokens = scan(text);
  const index = tokenAt(tokens, offset);
  const token = tokens[index] as ScanToken | undefined;
  if (!token || token.type === 'comment') {
    return undefined;
  }
  const target: Target = { tokens, index, token, expr: expressionAt(text, offset) };
  const body = await describeToken(target, options);
  const type = valueTypeLine(target);
  if (!body && !type) {
    return undefined;
  }
  return { markdown: [body, type].filter(Boolean).join('\n\n---\n\n'), span: { from: token.from, to: token.to } };
}

/** The token under the caret: the one containing it, else one ending right at it (the caret after a word). */
function tokenAt(tokens: ScanToken[], offset: number): number {
  const i = tokenIndexAt(tokens, offset);
  if (tokens[i] && tokens[i].from <= offset) {
    return i;
  }
  return i > 0 && tokens[i - 1].to === offset ? i - 1 : -1;
}

function describeToken(t: Target, options: HoverOptions): string | undefined | Promise<string | undefined> {
  switch (t.token.type) {
    case 'ident':
      return describeWord(t, options);
    case 'number':
      return describeNumber(t);
    case 'punct':
      return describePunct(t);
    default:
      return undefined;
  }
}

function describeWord(t: Target, options: HoverOptions): string | undefined | Promise<string | undefined> {
  const word = t.token.text;
  const w = word.toLowerCase();
  const after = t.tokens[nextIndex(t.tokens, t.index + 1)] as ScanToken | undefined;
  const next = after?.text;
  const prev = t.tokens[prevIndex(t.tokens, t.index)]?.text;
  const context = analyzeStructure(t.tokens, t.index).open.at(-1)?.role;
  if (context === 'selector' || context === 'grouping' || context === 'matching' || context === 'include') {
    return `**${word}** — label`;
  }
  if (next === '(' && getFunction(word) && prev !== '@' && context !== 'range') {
    return functionMarkdown(getFunction(word)!);
  }
  if (AGGREGATOR_WORDS.has(w) && (next === '(' || lower(after) === 'by' || lower(after) === 'without')) {
    return aggregationMarkdown(getAggregation(w)!);
  }
  if ((w === 'start' || w === 'end') && prev === '@') {
    return keywordMarkdown(`${w}()`);
  }
  if (isKeyword(w) && w !== '@') {
    return keywordMarkdown(w);
  }
  const op = getBinaryOperator(w);
  if (op && /^[a-z]/.test(op.name)) {
    return operatorMarkdown(op);
  }
  if (w === 'inf' || w === 'nan') {
    return `**${word}** — the number ${w === 'inf' ? 'infinity' : 'not-a-number'}`;
  }
  return metricHover(word, options.source);
}

async function metricHover(name: string, source: MetricSource | undefined): Promise<string> {
  if (source) {
    try {
      const info = source.describe ? await source.describe(name) : (await source.metricNames(name)).find((m) => m.name === name);
      if (info) {
        return metricMarkdown(info);
      }
    } catch {
      // A failing source just means less to show.
    }
  }
  return `**${name}** — metric`;
}

function describeNumber(t: Target): string | undefined {
  const text = t.token.text;
  const structure = analyzeStructure(t.tokens, t.index);
  const inDuration = structure.open.at(-1)?.role === 'range' || structure.open.at(-1)?.role === 'durationCall' || isAfterOffset(t);
  if (/[a-zA-Z]$/.test(text) && !/^0x/i.test(text) && !/e\d*$/i.test(text)) {
    const d = parseDuration(text);
    return d.value === undefined ? undefined : `duration \`${text}\` = ${secondsText(d.value)}`;
  }
  const n = parseNumber(text);
  if (n.value === undefined) {
    return undefined;
  }
  if (inDuration) {
    return `duration \`${text}\` = ${secondsText(n.value)} (${secondsToDuration(n.value)})`;
  }
  return String(n.value) === text ? undefined : `number \`${text}\` = ${n.value}`;
}

function isAfterOffset(t: Target): boolean {
  const p = prevIndex(t.tokens, t.index);
  const before = t.tokens[p];
  return lower(before) === 'offset' || ((before?.text === '-' || before?.text === '+') && lower(t.tokens[prevIndex(t.tokens, p)]) === 'offset');
}

function describePunct(t: Target): string | undefined {
  const p = t.token.text;
  const frame = analyzeStructure(t.tokens, t.index).open.at(-1);
  if (frame?.role === 'selector' && MATCH_OPERATORS[p]) {
    return `**\`${p}\`** — label matcher: the label value ${MATCH_OPERATORS[p]}`;
  }
  if (p === '@') {
    return keywordMarkdown('@');
  }
  if (frame?.role === 'range' || frame?.role === 'durationCall') {
    return undefined;
  }
  const op = getBinaryOperator(p);
  if (op && isBinary(t)) {
    return operatorMarkdown(op);
  }
  if ((p === '-' || p === '+') && !isBinary(t)) {
    return `**\`${p}\`** — unary ${p === '-' ? 'minus: negates' : 'plus: keeps'} the value of the expression after it`;
  }
  return undefined;
}

function isBinary(t: Target): boolean {
  const before = t.tokens[prevIndex(t.tokens, t.index)];
  if (!before) {
    return false;
  }
  return before.type === 'number' || before.type === 'string' || before.text === ')' || before.text === '}' || before.text === ']' || (before.type === 'ident' && !/^(by|without|on|ignoring|bool|offset|and|or|unless|atan2)$/i.test(before.text));
}

/** The innermost expression at the offset, when the text parses; a selector inside `foo[5m]` counts as the range. */
function expressionAt(text: string, offset: number): Expr | undefined {
  const { expr } = parsePromQL(text);
  if (!expr) {
    return undefined;
  }
  const found = nodeAt(expr, offset);
  if (!found) {
    return undefined;
  }
  const chain: Node[] = [...found.ancestors, found.node];
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i];
    if (isExpr(n)) {
      const parent = chain[i - 1];
      return n.kind === 'vectorSelector' && parent?.kind === 'matrixSelector' ? parent : n;
    }
  }
  return undefined;
}

function isExpr(n: Node): n is Expr {
  return !n.kind.startsWith('duration');
}

/**
 * The value type of an expression, from the checker (check.ts) so that hover and diagnostics agree; ast.ts's
 * `typeOf` (the `Type()` methods of promql/parser/ast.go) if the checker gives up on it.
 */
export function valueTypeOf(e: Expr): ValueType | undefined {
  try {
    return checkExpr(e, { prometheusVersion: '' }).type ?? typeOf(e);
  } catch {
    return typeOf(e);
  }
}

function valueTypeLine(t: Target): string | undefined {
  if (!t.expr) {
    return undefined;
  }
  const type = valueTypeOf(t.expr);
  if (!type) {
    return undefined;
  }
  const text = exprText(t.expr);
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  // exprText writes strings with double quotes, so the expression holds no backquote.
  return `${VALUE_TYPE_WORDS[type]}: \`${shown}\``;
}
