/**
 * A forgiving tokenizer for completion, signature help and hover on half-written PromQL. Unlike lexer.ts (the
 * port of Prometheus's lexer, which stops at the first error so that diagnostics match Go's), it never fails:
 * an unterminated string runs to the end of the text, an unknown character becomes a one-character token.
 * It is linear in the length of the text.
 */
import type { Span } from './types';

export type ScanTokenType = 'ident' | 'number' | 'string' | 'punct' | 'comment';

export interface ScanToken extends Span {
  type: ScanTokenType;
  text: string;
  /** For strings: whether the closing quote is there. */
  closed?: boolean;
}

/** Multi-character operators, longest first within each leading character. */
const OPERATORS = ['==', '!=', '=~', '!~', '>=', '<=', '=', '>', '<', '+', '-', '*', '/', '%', '^', '(', ')', '{', '}', '[', ']', ',', '@', ':'];

const isIdentStart = (c: number): boolean => c === 95 || c === 58 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** All tokens of `text`, comments included (callers skip them). */
export function scan(text: string): ScanToken[] {
  const out: ScanToken[] = [];
  let i = 0;
  // Inside `[…]` a colon separates range and step; elsewhere it may start a metric name (lex.go does the same).
  let brackets = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const colon = c === 58 && brackets > 0;
    const end = colon ? { to: i + 1 } : tokenEnd(text, i, c);
    const token: ScanToken = { type: colon ? 'punct' : tokenType(text, i, c), from: i, to: end.to, text: text.slice(i, end.to) };
    brackets += token.text === '[' ? 1 : token.text === ']' && brackets > 0 ? -1 : 0;
    if (token.type === 'string') {
      token.closed = end.closed;
    }
    out.push(token);
    i = end.to;
  }
  return out;
}

function tokenType(text: string, i: number, c: number): ScanTokenType {
  if (c === 35) {
    return 'comment';
  }
  if (c === 34 || c === 39 || c === 96) {
    return 'string';
  }
  if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
    return 'number';
  }
  return isIdentStart(c) || isVariable(text, i, c) ? 'ident' : 'punct';
}

/** A Grafana variable such as `$__rate_interval` reads as one word, so completion can replace it whole. */
function isVariable(text: string, i: number, c: number): boolean {
  return c === 36 && isIdentStart(text.charCodeAt(i + 1)) && text.charCodeAt(i + 1) !== 58;
}

function tokenEnd(text: string, i: number, c: number): { to: number; closed?: boolean } {
  if (c === 35) {
    const nl = text.indexOf('\n', i);
    return { to: nl < 0 ? text.length : nl };
  }
  if (c === 34 || c === 39 || c === 96) {
    return stringEnd(text, i, text[i]);
  }
  if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
    return { to: numberEnd(text, i) };
  }
  if (isIdentStart(c) || isVariable(text, i, c)) {
    let j = i + 1;
    while (j < text.length && isIdentPart(text.charCodeAt(j))) {
      j++;
    }
    return { to: j };
  }
  const op = OPERATORS.find((o) => text.startsWith(o, i));
  return { to: i + (op ? op.length : text.codePointAt(i)! > 0xffff ? 2 : 1) };
}

function stringEnd(text: string, i: number, quote: string): { to: number; closed: boolean } {
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j];
    if (ch === quote) {
      return { to: j + 1, closed: true };
    }
    if (ch === '\\' && quote !== '`') {
      j += 2;
      continue;
    }
    if (ch === '\n' && quote !== '`') {
      // Go's lexer ends a quoted string at a line break with an error; so do we, without the error.
      return { to: j, closed: false };
    }
    j++;
  }
  return { to: Math.min(j, text.length), closed: false };
}

/** Numbers and durations: `5m`, `1h30m`, `0x1F`, `1e-3`, `1_000`, `.5`. */
function numberEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (isIdentPart(c) && c !== 58) {
      j++;
    } else if (c === 46) {
      j++;
    } else if ((c === 43 || c === 45) && /[eE]/.test(text[j - 1]) && !/^0[xX]/.test(text.slice(i, j))) {
      j++;
    } else {
      break;
    }
  }
  return j;
}

/** Index of the first token that ends after `offset` (tokens are sorted), or tokens.length. */
export function tokenIndexAt(tokens: ScanToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].to <= offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
