/**
 * Builds our AST (ast.ts) from a lezer-promql tree that has no error nodes. Besides translating, it reports the
 * errors that promql/parser/generated_parser.y raises while building nodes, independent of version and flags:
 * aggregation argument counts, ranges on non-selectors, modifiers before a range (convertModifiers.ts) ….
 */
import type { SyntaxNode } from '@lezer/common';
import type { Aggregate, Binary, BinaryOp, Call, Expr, Grouping, LabelMatcher, LabelName, MatchOp, MatrixSelector, NumberLiteral, Subquery, VectorMatching, VectorSelector } from './ast';
import { child, ConvertError, kids, need, problem, span, textOf, tokenAfter, tokenEndingAt, tokenIndex, type ConvertContext } from './convertContext';
import { checkPositive, convertDuration } from './convertDurations';
import { applyModifier } from './convertModifiers';
import { getAggregation } from './functions';
import { unquote } from './goText';
import { parseDuration, parseNumber } from './literals';

const MODIFIER_NODES = new Set(['OffsetExpr', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr']);

export function convertExpr(ctx: ConvertContext, node: SyntaxNode): Expr {
  switch (node.name) {
    case 'NumberDurationLiteral':
      return numberLiteral(ctx, node);
    case 'StringLiteral':
      return { kind: 'string', value: unquote(textOf(ctx, node)), raw: textOf(ctx, node), ...span(node) };
    case 'VectorSelector':
      return vectorSelector(ctx, node);
    case 'MatrixSelector':
      return matrixSelector(ctx, node);
    case 'SubqueryExpr':
      return subquery(ctx, node);
    case 'FunctionCall':
      return call(ctx, node);
    case 'AggregateExpr':
      return aggregate(ctx, node);
    case 'BinaryExpr':
      return binary(ctx, node);
    case 'UnaryExpr':
      return unary(ctx, node);
    case 'ParenExpr':
      return { kind: 'paren', expr: convertExpr(ctx, need(kids(node)[0], node)), ...span(node) };
    default:
      if (MODIFIER_NODES.has(node.name)) {
        const [inner, ...rest] = kids(node);
        return postfix(convertExpr(ctx, need(inner, node)), (operand) => applyModifier(ctx, operand, node, rest));
      }
      throw new ConvertError(node);
  }
}

function numberLiteral(ctx: ConvertContext, node: SyntaxNode): NumberLiteral {
  const text = textOf(ctx, node);
  const token = need(tokenEndingAt(ctx, node.to), node);
  const parsed = token.type === 'DURATION' ? parseDuration(token.text) : parseNumber(token.text);
  const negative = (text.slice(0, token.from - node.from).match(/-/g)?.length ?? 0) % 2 === 1;
  const value = parsed.value ?? 0;
  return { kind: 'number', value: negative ? -value : value, text, duration: token.type === 'DURATION', ...span(node) };
}

function vectorSelector(ctx: ConvertContext, node: SyntaxNode): VectorSelector {
  const vs: VectorSelector = { kind: 'vectorSelector', matchers: [], ...span(node) };
  for (const c of kids(node)) {
    if (c.name === 'Identifier') {
      vs.name = textOf(ctx, c);
      vs.nameSpan = span(c);
      if (vs.name.toLowerCase() === 'atan2') {
        // Lezer takes the operator word for a metric name; Go's metric_identifier rule does not.
        problem(ctx, c, 'promql/syntax', `unexpected <op:${vs.name}>`);
      }
    } else if (c.name === 'LabelMatchers') {
      vs.braces = span(c);
      vs.matchers = kids(c).map((m) => labelMatcher(ctx, m));
    } else {
      throw new ConvertError(c);
    }
  }
  return vs;
}

function labelMatcher(ctx: ConvertContext, node: SyntaxNode): LabelMatcher {
  if (node.name === 'QuotedLabelName') {
    const raw = textOf(ctx, node);
    return { name: '__name__', nameSpan: span(node), quotedName: true, op: '=', value: unquote(raw), valueSpan: span(node), metricName: true, ...span(node) };
  }
  const [name, op, value] = kids(node);
  need(value, node);
  const quoted = name.name === 'QuotedLabelName';
  return {
    name: quoted ? unquote(textOf(ctx, name)) : textOf(ctx, name),
    nameSpan: span(name),
    quotedName: quoted,
    op: textOf(ctx, op) as MatchOp,
    value: unquote(textOf(ctx, value)),
    valueSpan: span(value),
    ...span(node),
  };
}

const MODIFIER = 'promql/modifier';

/**
 * Lezer gives `[…]`, `offset`, `@`, `anchored` and `smoothed` a lower precedence than operators (`a + b[5m]` would be
 * `(a + b)[5m]`); in Go's grammar they bind tightest, to the rightmost operand. Apply them there.
 */
function postfix(e: Expr, apply: (operand: Expr) => Expr): Expr {
  if (e.kind === 'binary') {
    e.rhs = postfix(e.rhs, apply);
    e.to = e.rhs.to;
    return e;
  }
  if (e.kind === 'unary') {
    e.expr = postfix(e.expr, apply);
    e.to = e.expr.to;
    return e;
  }
  return apply(e);
}

function matrixSelector(ctx: ConvertContext, node: SyntaxNode): Expr {
  const [inner, range] = kids(node);
  return postfix(convertExpr(ctx, need(inner, node)), (selector) => buildMatrix(ctx, node, selector, need(range, node)));
}

function buildMatrix(ctx: ConvertContext, node: SyntaxNode, selector: Expr, range: SyntaxNode): MatrixSelector {
  const open = need(tokenAfter(ctx, selector.to, 'LEFT_BRACKET'), node);
  const brackets = { from: open.from, to: node.to };
  // matrix_selector in generated_parser.y.
  if (selector.kind !== 'vectorSelector') {
    problem(ctx, brackets, MODIFIER, 'ranges only allowed for vector selectors');
  } else if (selector.offset) {
    problem(ctx, brackets, MODIFIER, 'no offset modifiers allowed before range');
  } else if (selector.at) {
    problem(ctx, brackets, MODIFIER, 'no @ modifiers allowed before range');
  }
  const d = convertDuration(ctx, range);
  checkPositive(ctx, d);
  return { kind: 'matrixSelector', selector, range: d, brackets, from: selector.from, to: node.to };
}

function subquery(ctx: ConvertContext, node: SyntaxNode): Expr {
  const [inner, range, step] = kids(node);
  return postfix(convertExpr(ctx, need(inner, node)), (expr) => buildSubquery(ctx, node, expr, need(range, node), step));
}

function buildSubquery(ctx: ConvertContext, node: SyntaxNode, expr: Expr, range: SyntaxNode, step: SyntaxNode | undefined): Subquery {
  const open = need(tokenAfter(ctx, expr.to, 'LEFT_BRACKET'), node);
  const sq: Subquery = { kind: 'subquery', expr, range: convertDuration(ctx, range), brackets: { from: open.from, to: node.to }, from: expr.from, to: node.to };
  checkPositive(ctx, sq.range);
  if (step) {
    sq.step = convertDuration(ctx, step);
    checkPositive(ctx, sq.step);
  }
  return sq;
}

function call(ctx: ConvertContext, node: SyntaxNode): Call {
  const [ident, body] = kids(node);
  // The name comes from our tokens: lezer may have seen a stand-in for a function it does not know.
  const nameToken = need(ctx.tokens[tokenIndex(ctx.tokens, ident.from)], node);
  const args = kids(need(body, node)).map((c) => convertExpr(ctx, c));
  return { kind: 'call', name: nameToken.text, nameSpan: span(nameToken), args, parens: span(body), ...span(node) };
}

function aggregate(ctx: ConvertContext, node: SyntaxNode): Aggregate {
  const opNode = need(child(node, 'AggregateOp'), node);
  const body = need(child(node, 'FunctionCallBody'), node);
  const modifier = child(node, 'AggregateModifier');
  const op = textOf(ctx, opNode).toLowerCase();
  const agg: Aggregate = { kind: 'aggregate', op, opSpan: span(opNode), args: kids(body).map((c) => convertExpr(ctx, c)), parens: span(body), ...span(node) };
  if (modifier) {
    const [keyword, labels] = kids(modifier);
    agg.grouping = { without: keyword.name === 'Without', labels: groupingLabels(ctx, need(labels, modifier)), ...span(modifier) } satisfies Grouping;
  }
  // newAggregateExpr in parse.go.
  const wanted = getAggregation(op)?.param ? 2 : 1;
  if (agg.args.length === 0) {
    problem(ctx, agg, 'promql/arguments', 'no arguments for aggregate expression provided');
  } else if (agg.args.length !== wanted) {
    problem(ctx, agg, 'promql/arguments', `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${agg.args.length}`);
  } else {
    agg.param = wanted === 2 ? agg.args[0] : undefined;
    agg.expr = agg.args[wanted - 1];
  }
  return agg;
}

export function groupingLabels(ctx: ConvertContext, node: SyntaxNode): LabelName[] {
  return kids(node).map((c) => {
    const raw = textOf(ctx, c);
    return c.name === 'QuotedLabelName' ? { name: unquote(raw), quoted: true, ...span(c) } : { name: raw, quoted: false, ...span(c) };
  });
}

function binary(ctx: ConvertContext, node: SyntaxNode): Expr {
  const k = kids(node);
  const [lhsNode, opNode, rhsNode] = [k[0], k[1], k[k.length - 1]];
  need(k.length >= 3 ? rhsNode : undefined, node);
  const op = textOf(ctx, opNode).toLowerCase() as BinaryOp;
  const lhs = convertExpr(ctx, lhsNode);
  const b: Binary = { kind: 'binary', op, opSpan: span(opNode), lhs, rhs: convertExpr(ctx, rhsNode), ...span(node) };
  for (const m of k.slice(2, -1)) {
    if (m.name === 'BoolModifier') {
      b.bool = span(m);
    } else if (m.name === 'MatchingModifierClause') {
      b.matching = vectorMatching(ctx, m);
    } else if (m.name === 'FillModifier') {
      b.fill = { ...span(m) };
      for (const clause of kids(m)) {
        const value = numberLiteral(ctx, need(child(clause, 'NumberDurationLiteral'), clause)).value;
        b.fill.lhs = clause.name === 'FillRightClause' ? b.fill.lhs : value;
        b.fill.rhs = clause.name === 'FillLeftClause' ? b.fill.rhs : value;
      }
    }
  }
  return op === '^' ? signedBase(b) : b;
}

/**
 * Lezer reads `-2 ^ 2` as `(-2) ^ 2`; Go's grammar gives unary minus the precedence of `*`, below `^`, so it means
 * `-(2 ^ 2)`. Rebuild that shape.
 */
function signedBase(b: Binary): Expr {
  const l = b.lhs;
  if (l.kind !== 'number' || !/^[+-]/.test(l.text)) {
    return b;
  }
  const digits = l.text.replace(/^[\s+-]+/, '');
  const unsignedFrom = l.to - digits.length;
  const base: NumberLiteral = { ...l, value: Math.abs(l.value), text: digits, from: unsignedFrom };
  const sign = (l.text.slice(0, l.text.length - digits.length).match(/-/g)?.length ?? 0) % 2 === 1 ? '-' : '+';
  return { kind: 'unary', op: sign, expr: { ...b, lhs: base, from: unsignedFrom }, from: b.from, to: b.to };
}

function vectorMatching(ctx: ConvertContext, node: SyntaxNode): VectorMatching {
  const k = kids(node);
  const vm: VectorMatching = { on: k[0].name === 'On', labels: groupingLabels(ctx, need(k[1], node)), card: 'one-to-one', include: [], ...span(node) };
  const group = k[2];
  if (group) {
    vm.card = group.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
    vm.group = { from: group.from, to: k[3]?.to ?? group.to };
    vm.include = k[3] ? groupingLabels(ctx, k[3]) : [];
  }
  return vm;
}

function unary(ctx: ConvertContext, node: SyntaxNode): Expr {
  const [opNode, inner] = kids(node);
  const op = textOf(ctx, opNode) === '-' ? '-' : '+';
  const expr = convertExpr(ctx, need(inner, node));
  // unary_expr in generated_parser.y folds a sign into a number literal.
  if (expr.kind === 'number') {
    return { ...expr, value: op === '-' ? -expr.value : expr.value, text: textOf(ctx, node), ...span(node) };
  }
  return { kind: 'unary', op, expr, ...span(node) };
}
