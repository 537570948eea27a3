/**
 * The fast path of parse.ts: a precedence-climbing parser over our lexer's tokens that builds, for input the lezer
 * path accepts without a problem, exactly the AST that path builds (lezer-promql + convert.ts), several times
 * faster. It follows Prometheus's grammar (promql/parser/generated_parser.y) where the two agree and gives up
 * (returns undefined, and parse.ts runs the lezer path) on anything else: syntax errors, the checks convert.ts
 * makes, deep nesting. test/core/promql/fastParse.test.ts holds it to the lezer path.
 *
 * Where lezer-promql's tree differs from Go's, the lezer path wins: it gives `[…]`, `offset`, `@`, `anchored` and
 * `smoothed` the lowest precedence and then moves them onto the rightmost operand, so `a + b offset 1m * c` is
 * `(a + b offset 1m) * c` there; the fast parser gives up when an operator binding tighter than one on that path
 * follows such a modifier, the only case in which the result differs from Go's.
 */
import type { Aggregate, Binary, BinaryOp, Call, Expr, FillModifier, Grouping, NumberLiteral, VectorMatching } from './ast';
import { Cursor, GIVE_UP, span } from './fastParseCursor';
import { groupingLabels, vectorSelector } from './fastParseLabels';
import { applyPostfix, atPostfix, binaryPrec, ENDS_OPERAND } from './fastParseModifiers';
import { getAggregation } from './functions';
import { unquote } from './goText';
import type { Token, TokenType } from './lexer';
import { parseDuration, parseNumber } from './literals';
import type { Span } from './types';

const BINARY_TOKENS = new Set<TokenType>(['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'POW', 'ATAN2', 'EQLC', 'NEQ', 'LTE', 'LSS', 'GTE', 'GTR', 'TRIM_UPPER', 'TRIM_LOWER', 'LAND', 'LOR', 'LUNLESS']);
const POW_PREC = 6;
/** Words before `(` that lezer-promql reads as a function name (its FunctionIdentifier is case-sensitive). */
const CALLABLE_PREPROCESSORS = new Set(['step', 'range', 'start', 'end', 'min_of', 'max_of']);

/** The AST of `text` from its tokens (lexed without error), or undefined when the lezer path must decide. */
export function fastParse(text: string, tokens: Token[]): Expr | undefined {
  const c = new Cursor(text, tokens);
  try {
    const e = expression(c, 0);
    return c.peek().type === 'EOF' ? e : undefined;
  } catch (err) {
    if (err === GIVE_UP) {
      return undefined;
    }
    throw err;
  }
}

/** Operators binding at least `minPrec`, one nesting level deeper. */
function expression(c: Cursor, minPrec: number): Expr {
  c.enter();
  const e = operators(c, minPrec);
  c.leave();
  return e;
}

/** Operators binding at least `minPrec`; postfix parts only at the outermost level, as the lezer path reads them. */
function operators(c: Cursor, minPrec: number): Expr {
  let lhs = unary(c);
  let pathPrec = Infinity;
  for (;;) {
    if (minPrec === 0 && atPostfix(c)) {
      const applied = applyPostfix(c, lhs);
      lhs = applied.expr;
      pathPrec = Math.min(pathPrec, applied.pathPrec);
      continue;
    }
    const t = c.peek();
    if (!BINARY_TOKENS.has(t.type)) {
      return lhs;
    }
    const op = t.text.toLowerCase() as BinaryOp;
    const prec = binaryPrec(op);
    if (prec < minPrec) {
      return lhs;
    }
    // Go would bind this operator to the operand the modifier landed on; the lezer path binds it to all of lhs.
    if (prec > pathPrec || (prec === pathPrec && op === '^')) {
      throw GIVE_UP;
    }
    pathPrec = Infinity;
    c.pos++;
    lhs = binary(c, lhs, t, op, prec);
  }
}

function binary(c: Cursor, lhs: Expr, opToken: Token, op: BinaryOp, prec: number): Binary {
  const bool = c.isWord('KEYWORD', 'bool') ? span(c.next()) : undefined;
  const matching = c.isWord('KEYWORD', 'on') || c.isWord('KEYWORD', 'ignoring') ? vectorMatching(c) : undefined;
  const fill = isFill(c) ? fillModifier(c) : undefined;
  // `^` is right-associative, the others left-associative.
  const rhs = expression(c, op === '^' ? prec : prec + 1);
  const b: Binary = { kind: 'binary', op, opSpan: span(opToken), lhs, rhs, from: lhs.from, to: rhs.to };
  if (bool) {
    b.bool = bool;
  }
  if (matching) {
    b.matching = matching;
  }
  if (fill) {
    b.fill = fill;
  }
  return b;
}

function vectorMatching(c: Cursor): VectorMatching {
  const keyword = c.next();
  const { labels, close } = groupingLabels(c);
  const vm: VectorMatching = { on: keyword.text.toLowerCase() === 'on', labels, card: 'one-to-one', include: [], from: keyword.from, to: close.to };
  const left = c.isWord('KEYWORD', 'group_left');
  if (left || c.isWord('KEYWORD', 'group_right')) {
    const group = c.next();
    vm.card = left ? 'many-to-one' : 'one-to-many';
    let to = group.to;
    if (c.peek().type === 'LEFT_PAREN') {
      const include = groupingLabels(c);
      vm.include = include.labels;
      to = include.close.to;
    }
    vm.group = { from: group.from, to };
    vm.to = to;
  }
  return vm;
}

function isFill(c: Cursor): boolean {
  return c.isWord('KEYWORD', 'fill') || c.isWord('KEYWORD', 'fill_left') || c.isWord('KEYWORD', 'fill_right');
}

/** `fill(v)`, `fill_left(v)`, `fill_right(v)`, or one clause of each side in either order. */
function fillModifier(c: Cursor): FillModifier {
  const fill: FillModifier = { from: c.peek().from, to: 0 };
  const first = fillClause(c, fill);
  if (first !== 'fill' && c.isWord('KEYWORD', first === 'fill_left' ? 'fill_right' : 'fill_left')) {
    fillClause(c, fill);
  }
  return fill;
}

function fillClause(c: Cursor, fill: FillModifier): string {
  const which = c.next().text.toLowerCase();
  c.expect('LEFT_PAREN');
  const value = signedNumber(c).value;
  fill.to = c.expect('RIGHT_PAREN').to;
  fill.lhs = which === 'fill_right' ? fill.lhs : value;
  fill.rhs = which === 'fill_left' ? fill.rhs : value;
  return which;
}

/** lezer-promql's NumberDurationLiteral: one optional sign, then a number or duration. */
function signedNumber(c: Cursor): NumberLiteral {
  const t = c.peek();
  if (t.type !== 'ADD' && t.type !== 'SUB') {
    return numberLiteral(c.next());
  }
  c.pos++;
  const n = numberLiteral(c.next());
  return { ...n, value: t.type === 'SUB' ? -n.value : n.value, text: c.slice(t.from, n.to), from: t.from };
}

function numberLiteral(t: Token): NumberLiteral {
  if (t.type !== 'NUMBER' && t.type !== 'DURATION') {
    throw GIVE_UP;
  }
  const duration = t.type === 'DURATION';
  const { value } = duration ? parseDuration(t.text) : parseNumber(t.text);
  if (value === undefined) {
    throw GIVE_UP;
  }
  return { kind: 'number', value, text: t.text, duration, from: t.from, to: t.to };
}

/**
 * A sign binds like `*`, looser than `^` (`-2 ^ 2` is `-(2 ^ 2)`); a sign before a number literal becomes part of
 * it, as unary_expr in generated_parser.y does.
 */
function unary(c: Cursor): Expr {
  const t = c.peek();
  if (t.type !== 'ADD' && t.type !== 'SUB') {
    return primary(c);
  }
  c.pos++;
  const expr = expression(c, POW_PREC);
  const op = t.type === 'SUB' ? '-' : '+';
  if (expr.kind === 'number') {
    return { ...expr, value: op === '-' ? -expr.value : expr.value, text: c.slice(t.from, expr.to), from: t.from, to: expr.to };
  }
  return { kind: 'unary', op, expr, from: t.from, to: expr.to };
}

function primary(c: Cursor): Expr {
  const t = c.next();
  switch (t.type) {
    case 'NUMBER':
    case 'DURATION':
      return numberLiteral(t);
    case 'STRING':
      return { kind: 'string', value: unquote(t.text), raw: t.text, from: t.from, to: t.to };
    case 'LEFT_PAREN': {
      const expr = expression(c, 0);
      return { kind: 'paren', expr, from: t.from, to: c.expect('RIGHT_PAREN').to };
    }
    case 'LEFT_BRACE':
      c.pos--;
      return vectorSelector(c, undefined);
    case 'IDENTIFIER':
      if (c.peek().type !== 'LEFT_PAREN') {
        return vectorSelector(c, t);
      }
      // parse.ts hands lezer a stand-in for calls of functions it lacks, except for one-letter names.
      if (t.text.length < 2) {
        throw GIVE_UP;
      }
      return call(c, t);
    case 'METRIC_IDENTIFIER':
      return vectorSelector(c, t);
    case 'AGGREGATOR':
      return c.peek().type === 'LEFT_PAREN' || isGrouping(c) ? aggregate(c, t) : vectorSelector(c, t);
    case 'PREPROCESSOR':
      if (c.peek().type !== 'LEFT_PAREN') {
        return vectorSelector(c, t);
      }
      if (!CALLABLE_PREPROCESSORS.has(t.text)) {
        throw GIVE_UP;
      }
      return call(c, t);
    default:
      return keywordSelector(c, t);
  }
}

/** Contextual keywords lezer-promql also reads as a metric name (Go's metric_identifier takes them too). */
const KEYWORD_METRICS = new Set(['by', 'without', 'anchored', 'smoothed', 'offset']);

function keywordSelector(c: Cursor, t: Token): Expr {
  const word = t.type === 'LAND' || t.type === 'LOR' || t.type === 'LUNLESS' || (t.type === 'KEYWORD' && KEYWORD_METRICS.has(t.text.toLowerCase()));
  // parse.ts shows lezer `offset` as a metric name only where no operand ends before it.
  const offsetAfterOperand = t.text.toLowerCase() === 'offset' && ENDS_OPERAND.has(c.tokens[c.pos - 2]?.type);
  if (!word || offsetAfterOperand || c.peek().type === 'LEFT_PAREN') {
    throw GIVE_UP;
  }
  return vectorSelector(c, t);
}

/** `( expr, … )`: the arguments of a call or an aggregation (no trailing comma). */
function callBody(c: Cursor): { args: Expr[]; parens: Span } {
  const open = c.expect('LEFT_PAREN');
  const args: Expr[] = [];
  if (c.peek().type !== 'RIGHT_PAREN') {
    args.push(expression(c, 0));
    while (c.peek().type === 'COMMA') {
      c.pos++;
      args.push(expression(c, 0));
    }
  }
  return { args, parens: { from: open.from, to: c.expect('RIGHT_PAREN').to } };
}

function call(c: Cursor, name: Token): Call {
  const { args, parens } = callBody(c);
  return { kind: 'call', name: name.text, nameSpan: span(name), args, parens, from: name.from, to: parens.to };
}

/** `op [by|without (…)] (args) [by|without (…)]`, with newAggregateExpr's argument count (parse.go). */
function aggregate(c: Cursor, opToken: Token): Aggregate {
  let grouping = isGrouping(c) ? groupingClause(c) : undefined;
  const { args, parens } = callBody(c);
  if (!grouping && isGrouping(c)) {
    grouping = groupingClause(c);
  }
  const op = opToken.text.toLowerCase();
  const to = Math.max(parens.to, grouping?.to ?? 0);
  const agg: Aggregate = { kind: 'aggregate', op, opSpan: span(opToken), args, parens, from: opToken.from, to };
  if (grouping) {
    agg.grouping = grouping;
  }
  const wanted = getAggregation(op)?.param ? 2 : 1;
  if (args.length !== wanted) {
    throw GIVE_UP;
  }
  agg.param = wanted === 2 ? args[0] : undefined;
  agg.expr = args[wanted - 1];
  return agg;
}

function isGrouping(c: Cursor): boolean {
  return c.isWord('KEYWORD', 'by') || c.isWord('KEYWORD', 'without');
}

function groupingClause(c: Cursor): Grouping {
  const keyword = c.next();
  const { labels, close } = groupingLabels(c);
  return { without: keyword.text.toLowerCase() === 'without', labels, from: keyword.from, to: close.to };
}
