/**
 * Postfix parts for the fast parser: `[range]`, `[range:step]`, `offset`, `@`, `anchored`, `smoothed`. The lezer
 * path applies them to the rightmost operand of what precedes them (convert.ts `postfix`), with the checks of
 * convert.ts and convertModifiers.ts; this module does the same and gives up wherever those would report a problem.
 */
import type { AtModifier, Expr, MatrixSelector, Modifiers, Subquery, VectorSelector } from './ast';
import { Cursor, GIVE_UP, span } from './fastParseCursor';
import { bracketDuration, offsetDuration, positive } from './fastParseDurations';
import type { Token, TokenType } from './lexer';
import { parseDuration, parseNumber } from './literals';

type Target = VectorSelector | MatrixSelector | Subquery;

/** Precedence given to a unary sign on the path to the operand a modifier lands on (that of `*`). */
const UNARY_PREC = 5;

/** Tokens after which an operand is complete; parse.ts only lets `offset` be the modifier after one of them. */
export const ENDS_OPERAND = new Set<TokenType>(['IDENTIFIER', 'METRIC_IDENTIFIER', 'NUMBER', 'DURATION', 'STRING', 'RIGHT_PAREN', 'RIGHT_BRACE', 'RIGHT_BRACKET']);

/** Whether the current token starts a postfix part. */
export function atPostfix(c: Cursor): boolean {
  const t = c.peek();
  if (t.type === 'LEFT_BRACKET' || t.type === 'AT') {
    return true;
  }
  return t.type === 'KEYWORD' && (c.isWord('KEYWORD', 'offset') || c.isWord('KEYWORD', 'anchored') || c.isWord('KEYWORD', 'smoothed'));
}

/**
 * Parses one postfix part and applies it to the rightmost operand of `e`. Returns the expression and the lowest
 * operator precedence on the path down to that operand (Infinity when `e` itself is the operand).
 */
export function applyPostfix(c: Cursor, e: Expr): { expr: Expr; pathPrec: number } {
  const path: Expr[] = [];
  let pathPrec = Infinity;
  let operand = e;
  while (operand.kind === 'binary' || operand.kind === 'unary') {
    path.push(operand);
    pathPrec = Math.min(pathPrec, operand.kind === 'unary' ? UNARY_PREC : binaryPrec(operand.op));
    operand = operand.kind === 'binary' ? operand.rhs : operand.expr;
  }
  let result = postfixOn(c, operand);
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i];
    if (p.kind === 'binary') {
      p.rhs = result;
    } else if (p.kind === 'unary') {
      p.expr = result;
    }
    p.to = result.to;
    result = p;
  }
  return { expr: result, pathPrec };
}

function postfixOn(c: Cursor, operand: Expr): Expr {
  const t = c.next();
  if (t.type === 'LEFT_BRACKET') {
    return brackets(c, operand, t);
  }
  if (t.type === 'AT') {
    return at(c, operand, t);
  }
  if (t.text.toLowerCase() === 'offset') {
    // parse.ts shows lezer the word as a metric name unless an operand (or the metric `offset`) ends before it.
    const before = c.tokens[c.pos - 2];
    if (!ENDS_OPERAND.has(before?.type) && before?.text.toLowerCase() !== 'offset') {
      throw GIVE_UP;
    }
    const duration = offsetDuration(c);
    const target = targetOf(operand);
    if (target.offset) {
      throw GIVE_UP;
    }
    target.offset = { keyword: span(t), duration, from: t.from, to: duration.to };
    return extend(target, duration.to);
  }
  return rangeModifier(operand, t, t.text.toLowerCase() === 'anchored' ? 'anchored' : 'smoothed');
}

function brackets(c: Cursor, operand: Expr, open: Token): Expr {
  const range = positive(bracketDuration(c));
  if (c.peek().type === 'COLON') {
    c.pos++;
    const step = c.peek().type === 'RIGHT_BRACKET' ? undefined : positive(bracketDuration(c));
    const close = c.expect('RIGHT_BRACKET');
    const sq: Subquery = { kind: 'subquery', expr: operand, range, brackets: { from: open.from, to: close.to }, from: operand.from, to: close.to };
    if (step) {
      sq.step = step;
    }
    return sq;
  }
  const close = c.expect('RIGHT_BRACKET');
  // matrix_selector in generated_parser.y: only a vector selector without offset or @ takes a range.
  if (operand.kind !== 'vectorSelector' || operand.offset || operand.at) {
    throw GIVE_UP;
  }
  return { kind: 'matrixSelector', selector: operand, range, brackets: { from: open.from, to: close.to }, from: operand.from, to: close.to };
}

function at(c: Cursor, operand: Expr, atToken: Token): Expr {
  const t = c.next();
  let modifier: AtModifier;
  if (t.type === 'PREPROCESSOR' && (t.text.toLowerCase() === 'start' || t.text.toLowerCase() === 'end')) {
    c.expect('LEFT_PAREN');
    modifier = { from: atToken.from, to: c.expect('RIGHT_PAREN').to, preprocessor: t.text.toLowerCase() === 'end' ? 'end' : 'start' };
  } else {
    // One optional sign, then a number or duration (lezer-promql's NumberDurationLiteral).
    const signed = t.type === 'ADD' || t.type === 'SUB';
    const literal = signed ? c.next() : t;
    if (literal.type !== 'NUMBER' && literal.type !== 'DURATION') {
      throw GIVE_UP;
    }
    const duration = literal.type === 'DURATION';
    const magnitude = (duration ? parseDuration(literal.text) : parseNumber(literal.text)).value;
    if (magnitude === undefined) {
      throw GIVE_UP;
    }
    const value = t.type === 'SUB' ? -magnitude : magnitude;
    // setTimestamp in parse.go refuses what does not fit an int64 of milliseconds.
    if (!Number.isFinite(value) || value >= 2 ** 63 || value <= -(2 ** 63)) {
      throw GIVE_UP;
    }
    modifier = { from: atToken.from, to: literal.to, text: c.slice(t.from, literal.to), duration, value };
  }
  const target = targetOf(operand);
  if (target.at) {
    throw GIVE_UP;
  }
  target.at = modifier;
  return extend(target, modifier.to);
}

function rangeModifier(operand: Expr, keyword: Token, which: 'anchored' | 'smoothed'): Expr {
  const target = targetOf(operand);
  if (target.kind === 'subquery') {
    throw GIVE_UP;
  }
  const other = which === 'anchored' ? 'smoothed' : 'anchored';
  const holder: Modifiers = target.kind === 'matrixSelector' && target.selector.kind === 'vectorSelector' ? target.selector : target;
  if (holder[other] || target[other]) {
    throw GIVE_UP;
  }
  target[which] = span(keyword);
  return extend(target, keyword.to);
}

function targetOf(e: Expr): Target {
  if (e.kind === 'vectorSelector' || e.kind === 'matrixSelector' || e.kind === 'subquery') {
    return e;
  }
  throw GIVE_UP;
}

function extend<T extends Target>(t: T, to: number): T {
  t.to = Math.max(t.to, to);
  return t;
}

/** Binding strength of binary operators, loosest first, as generated_parser.y's %left/%right lines. */
export function binaryPrec(op: string): number {
  switch (op) {
    case 'or':
      return 1;
    case 'and':
    case 'unless':
      return 2;
    case '+':
    case '-':
      return 4;
    case '*':
    case '/':
    case '%':
    case 'atan2':
      return 5;
    case '^':
      return 6;
    default:
      return 3;
  }
}
