/**
 * Duration expressions (`[5m]`, `[300]`, `offset -1h`, Prometheus 3.4+ arithmetic, step()/range()/min_of()/max_of())
 * from the lezer tree, with the checks generated_parser.y makes while building them: "duration out of range",
 * "division by zero", "modulo by zero", "duration must be greater than 0".
 */
import type { SyntaxNode } from '@lezer/common';
import type { DurationBinary, DurationCall, DurationExpr, DurationLiteral } from './ast';
import { ConvertError, kids, need, problem, span, textOf, tokenEndingAt, type ConvertContext } from './convertContext';
import { parseDuration, parseNumber } from './literals';

const DURATION = 'promql/duration';
/** durationLiteralOutOfRange in parse.go: more seconds than a Go time.Duration holds. */
const MAX_SECONDS = 2 ** 63 / 1e9;

const BINARY: Record<string, DurationBinary['op']> = { Pow: '^', Mul: '*', Div: '/', Mod: '%', Add: '+', Sub: '-' };
const CALLS: Record<string, DurationCall['name']> = { DurationStep: 'step', DurationRange: 'range', DurationMinOf: 'min_of', DurationMaxOf: 'max_of' };

/** Converts a DurationExpr or OffsetDurationExpr node. */
export function convertDuration(ctx: ConvertContext, node: SyntaxNode): DurationExpr {
  const k = kids(node);
  const first = need(k[0], node);
  if (first.name === 'NumberDurationLiteralInDurationContext') {
    return literal(ctx, first);
  }
  if (first.name === 'UnaryOp') {
    const op = textOf(ctx, first) === '-' ? '-' : '+';
    return { kind: 'durationUnary', op, expr: convertDuration(ctx, need(k[1], node)), ...span(node) };
  }
  if (CALLS[first.name]) {
    return { kind: 'durationCall', name: CALLS[first.name], args: k.slice(1).map((c) => convertDuration(ctx, c)), ...span(node) };
  }
  if (k.length === 3 && BINARY[k[1].name]) {
    const d: DurationBinary = { kind: 'durationBinary', op: BINARY[k[1].name], opSpan: span(k[1]), lhs: convertDuration(ctx, k[0]), rhs: convertDuration(ctx, k[2]), ...span(node) };
    checkDivision(ctx, d);
    return d;
  }
  if (k.length === 1 && (first.name === 'DurationExpr' || first.name === 'OffsetDurationExpr')) {
    // A parenthesised duration, or lezer's wrapper around a primary.
    const inner = convertDuration(ctx, first);
    return first.from > node.from ? { kind: 'durationParen', expr: inner, ...span(node) } : inner;
  }
  throw new ConvertError(node);
}

function literal(ctx: ConvertContext, node: SyntaxNode): DurationLiteral {
  const text = textOf(ctx, node);
  const token = tokenEndingAt(ctx, node.to);
  const isNumber = token?.type !== 'DURATION';
  const parsed = isNumber ? parseNumber(text) : parseDuration(text);
  const seconds = parsed.value ?? 0;
  if (isNumber && !(Math.abs(seconds) <= MAX_SECONDS) && !Number.isNaN(seconds)) {
    problem(ctx, node, DURATION, 'duration out of range');
  }
  return { kind: 'durationLiteral', text, seconds, isNumber, ...span(node) };
}

/** A literal, or a sign applied to a literal, as Go folds them into one NumberLiteral; its signed value. */
export function literalValue(d: DurationExpr): number | undefined {
  if (d.kind === 'durationLiteral') {
    return d.seconds;
  }
  if (d.kind === 'durationUnary') {
    const v = literalValue(d.expr);
    return v === undefined ? undefined : d.op === '-' ? -v : v;
  }
  return undefined;
}

function checkDivision(ctx: ConvertContext, d: DurationBinary): void {
  if ((d.op === '/' || d.op === '%') && literalValue(d.rhs) === 0) {
    problem(ctx, d.opSpan, DURATION, d.op === '/' ? 'division by zero' : 'modulo by zero');
  }
}

/** positive_duration_expr in generated_parser.y: a literal range or step must be greater than zero. */
export function checkPositive(ctx: ConvertContext, d: DurationExpr): void {
  const v = literalValue(d);
  if (v !== undefined && v <= 0) {
    problem(ctx, d, DURATION, 'duration must be greater than 0');
  }
}
