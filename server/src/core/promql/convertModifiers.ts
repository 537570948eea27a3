/**
 * `offset`, `@`, `anchored` and `smoothed` attach to the selector or subquery before them, as addOffset,
 * setTimestamp, setAtModifierPreprocessor, setAnchored and setSmoothed do in promql/parser/parse.go, with the same
 * errors for misplaced or repeated modifiers. Whether anchored/smoothed are enabled is check.ts's business.
 */
import type { SyntaxNode } from '@lezer/common';
import type { AtModifier, Expr, MatrixSelector, Modifiers, Subquery, VectorSelector } from './ast';
import { ConvertError, kids, need, problem, span, textOf, tokenEndingAt, type ConvertContext } from './convertContext';
import { convertDuration } from './convertDurations';
import { goFloat, parseDuration, parseNumber } from './literals';

const MODIFIER = 'promql/modifier';
type Target = VectorSelector | MatrixSelector | Subquery;

/** Applies the modifier of an OffsetExpr/StepInvariantExpr/AnchoredExpr/SmoothedExpr node to `expr`. */
export function applyModifier(ctx: ConvertContext, expr: Expr, node: SyntaxNode, rest: SyntaxNode[]): Expr {
  switch (node.name) {
    case 'OffsetExpr':
      return offset(ctx, expr, node, rest);
    case 'StepInvariantExpr':
      return at(ctx, expr, node, rest);
    default:
      return rangeModifier(ctx, expr, node, node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed');
  }
}

function target(expr: Expr): Target | undefined {
  return expr.kind === 'vectorSelector' || expr.kind === 'matrixSelector' || expr.kind === 'subquery' ? expr : undefined;
}

function offset(ctx: ConvertContext, expr: Expr, node: SyntaxNode, rest: SyntaxNode[]): Expr {
  const [keyword, duration] = rest;
  const d = convertDuration(ctx, need(duration, node));
  const modifier = { from: keyword.from, to: node.to };
  const t = target(expr);
  if (!t) {
    problem(ctx, modifier, MODIFIER, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery');
    return expr;
  }
  if (t.offset) {
    problem(ctx, modifier, MODIFIER, 'offset may not be set multiple times');
    return expr;
  }
  t.offset = { keyword: span(keyword), duration: d, ...modifier };
  return extend(t, node.to);
}

function at(ctx: ConvertContext, expr: Expr, node: SyntaxNode, rest: SyntaxNode[]): Expr {
  const value = need(rest[1], node);
  const modifier: AtModifier = { from: rest[0].from, to: node.to };
  if (value.name === 'AtModifierPreprocessors') {
    modifier.preprocessor = textOf(ctx, value).toLowerCase() === 'end' ? 'end' : 'start';
  } else if (value.name === 'NumberDurationLiteral') {
    modifier.text = textOf(ctx, value);
    modifier.duration = tokenEndingAt(ctx, value.to)?.type === 'DURATION';
    modifier.value = timestamp(modifier.text, modifier.duration);
    const ts = modifier.value;
    // setTimestamp in parse.go.
    if (!Number.isFinite(ts) || ts >= 2 ** 63 || ts <= -(2 ** 63)) {
      problem(ctx, value, MODIFIER, `timestamp out of bounds for @ modifier: ${goFloat(ts)}`);
    }
  } else {
    throw new ConvertError(value);
  }
  const t = target(expr);
  if (!t) {
    problem(ctx, modifier, MODIFIER, '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery');
    return expr;
  }
  if (t.at) {
    problem(ctx, modifier, MODIFIER, '@ <timestamp> may not be set multiple times');
    return expr;
  }
  t.at = modifier;
  return extend(t, node.to);
}

function timestamp(text: string, duration: boolean): number {
  const sign = (text.match(/^[\s+-]*/)![0].match(/-/g)?.length ?? 0) % 2 === 1 ? -1 : 1;
  const body = text.replace(/^[\s+-]*/, '');
  return sign * ((duration ? parseDuration(body) : parseNumber(body)).value ?? 0);
}

function rangeModifier(ctx: ConvertContext, expr: Expr, node: SyntaxNode, which: 'anchored' | 'smoothed'): Expr {
  const other = which === 'anchored' ? 'smoothed' : 'anchored';
  const keyword = need(kids(node)[1], node);
  const t = target(expr);
  if (!t) {
    problem(ctx, keyword, MODIFIER, `${which} modifier not implemented`);
    return expr;
  }
  if (t.kind === 'subquery') {
    problem(ctx, keyword, MODIFIER, `${which} modifier is not supported for subqueries`);
    return expr;
  }
  const holder: Modifiers = t.kind === 'matrixSelector' && t.selector.kind === 'vectorSelector' ? t.selector : t;
  if (holder[other] || t[other]) {
    problem(ctx, keyword, MODIFIER, 'anchored and smoothed modifiers cannot be used together');
  }
  t[which] = span(keyword);
  return extend(t, node.to);
}

function extend<T extends Target>(t: T, to: number): T {
  t.to = Math.max(t.to, to);
  return t;
}
