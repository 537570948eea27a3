/**
 * Duration expressions for the fast parser: inside `[…]` (arithmetic with the precedence of PromQL's operators,
 * step()/range()/min_of()/max_of(), parentheses) and after `offset` (signs and one primary only, as lezer-promql's
 * OffsetDurationExpr). Builds the nodes convertDurations.ts builds and gives up where it would report a problem.
 */
import type { DurationBinary, DurationExpr, DurationLiteral } from './ast';
import { literalValue } from './convertDurations';
import { Cursor, GIVE_UP } from './fastParseCursor';
import type { TokenType } from './lexer';
import { parseDuration, parseNumber } from './literals';

/** durationLiteralOutOfRange in parse.go: more seconds than a Go time.Duration holds. */
const MAX_SECONDS = 2 ** 63 / 1e9;

const BINARY: Partial<Record<TokenType, { op: DurationBinary['op']; prec: number }>> = {
  ADD: { op: '+', prec: 1 },
  SUB: { op: '-', prec: 1 },
  MUL: { op: '*', prec: 2 },
  DIV: { op: '/', prec: 2 },
  MOD: { op: '%', prec: 2 },
  POW: { op: '^', prec: 3 },
};
const UNARY_OPERAND = 3;

/** A duration expression inside brackets (a range, a subquery's range or step). */
export function bracketDuration(c: Cursor, minPrec = 0): DurationExpr {
  c.enter();
  const d = durationOperators(c, minPrec);
  c.leave();
  return d;
}

function durationOperators(c: Cursor, minPrec: number): DurationExpr {
  let lhs = durationUnary(c, bracketDuration);
  for (;;) {
    const info = BINARY[c.peek().type];
    if (!info || info.prec < minPrec) {
      return lhs;
    }
    const opToken = c.next();
    const rhs = bracketDuration(c, info.op === '^' ? info.prec : info.prec + 1);
    const d: DurationBinary = { kind: 'durationBinary', op: info.op, opSpan: { from: opToken.from, to: opToken.to }, lhs, rhs, from: lhs.from, to: rhs.to };
    if ((d.op === '/' || d.op === '%') && literalValue(rhs) === 0) {
      throw GIVE_UP;
    }
    lhs = d;
  }
}

/** The duration after `offset`: any number of signs, then one primary. */
export function offsetDuration(c: Cursor): DurationExpr {
  c.enter();
  const d = durationUnary(c, offsetDuration);
  c.leave();
  return d;
}

/** A signed operand, or a primary. `operand` parses what follows a sign. */
function durationUnary(c: Cursor, operand: (c: Cursor, minPrec?: number) => DurationExpr): DurationExpr {
  const t = c.peek();
  if (t.type === 'ADD' || t.type === 'SUB') {
    c.pos++;
    const expr = operand(c, UNARY_OPERAND);
    return { kind: 'durationUnary', op: t.type === 'SUB' ? '-' : '+', expr, from: t.from, to: expr.to };
  }
  return durationPrimary(c);
}

function durationPrimary(c: Cursor): DurationExpr {
  const t = c.next();
  switch (t.type) {
    case 'NUMBER':
    case 'DURATION':
      return durationLiteral(t.type, t.text, t.from, t.to);
    case 'LEFT_PAREN': {
      const expr = bracketDuration(c);
      return { kind: 'durationParen', expr, from: t.from, to: c.expect('RIGHT_PAREN').to };
    }
    case 'PREPROCESSOR':
      return durationCall(c, t.text, t.from);
    default:
      throw GIVE_UP;
  }
}

function durationCall(c: Cursor, name: string, from: number): DurationExpr {
  // lezer-promql's DurationStep/DurationRange/DurationMinOf/DurationMaxOf are spelled in lower case only.
  c.expect('LEFT_PAREN');
  if (name === 'step' || name === 'range') {
    return { kind: 'durationCall', name, args: [], from, to: c.expect('RIGHT_PAREN').to };
  }
  if (name !== 'min_of' && name !== 'max_of') {
    throw GIVE_UP;
  }
  const a = bracketDuration(c);
  c.expect('COMMA');
  const b = bracketDuration(c);
  return { kind: 'durationCall', name, args: [a, b], from, to: c.expect('RIGHT_PAREN').to };
}

function durationLiteral(type: TokenType, text: string, from: number, to: number): DurationLiteral {
  const isNumber = type !== 'DURATION';
  const seconds = (isNumber ? parseNumber(text) : parseDuration(text)).value;
  if (seconds === undefined || (isNumber && !(Math.abs(seconds) <= MAX_SECONDS) && !Number.isNaN(seconds))) {
    throw GIVE_UP;
  }
  return { kind: 'durationLiteral', text, seconds, isNumber, from, to };
}

/** positive_duration_expr: a literal range or step must be greater than zero (else the lezer path reports it). */
export function positive(d: DurationExpr): DurationExpr {
  const v = literalValue(d);
  if (v !== undefined && v <= 0) {
    throw GIVE_UP;
  }
  return d;
}
