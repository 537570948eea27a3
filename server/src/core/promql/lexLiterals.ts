/** Literals of the PromQL lexer: strings with Go escapes, numbers and durations (promql/parser/lex.go). */
import { goQuote, goUnicode } from './goText';
import { EOF, isAlpha, isAlphaNumeric, type Lexer, type State } from './lexState';

const DECIMAL = '0123456789';
const HEXADECIMAL = '0123456789abcdefABCDEF';
const DECIMAL_PARTS = `${DECIMAL}._eE`;
const HEXADECIMAL_PARTS = `${HEXADECIMAL}._eE`;
const DURATION_KEYWORDS = new Set(['step', 'range', 'max_of', 'min_of']);

/** lex.go `lexEscape`: the backslash has been read. */
function lexEscape(l: Lexer): State {
  let ch = l.next();
  let n: number;
  let base: number;
  let max: number;
  if (ch === EOF) {
    return l.errorf('escape sequence not terminated');
  }
  if ('abfnrtv\\'.includes(ch) || ch === l.stringOpen) {
    return lexString;
  }
  if (ch >= '0' && ch <= '7') {
    [n, base, max] = [3, 8, 255];
  } else if (ch === 'x' || ch === 'u' || ch === 'U') {
    [n, base, max] = ch === 'x' ? [2, 16, 255] : [ch === 'u' ? 4 : 8, 16, 0x10ffff];
    ch = l.next();
  } else {
    return l.errorf(`unknown escape sequence ${goUnicode(ch)}`);
  }
  let x = 0;
  while (n > 0) {
    const d = ch === EOF ? 16 : parseInt(ch, 16);
    if (Number.isNaN(d) || d >= base) {
      return l.errorf(ch === EOF ? 'escape sequence not terminated' : `illegal character ${goUnicode(ch)} in escape sequence`);
    }
    x = x * base + d;
    n--;
    if (n > 0) {
      ch = l.next();
    }
  }
  if (x > max || (x >= 0xd800 && x < 0xe000)) {
    return l.errorf('escape sequence is an invalid Unicode code point');
  }
  return lexString;
}

export function lexString(l: Lexer): State {
  const input = l.input;
  const quote = l.stringOpen.charCodeAt(0);
  for (;;) {
    // Characters with nothing to decide (no backslash, line break, closing quote or surrogate) skipped in one loop;
    // past the end, charCodeAt's NaN is no such character and stops it.
    let pos = l.pos;
    for (let c = input.charCodeAt(pos); c !== 92 && c !== 10 && c !== quote && (c < 0xd800 || c > 0xdfff); c = input.charCodeAt(++pos)) {
      // consume
    }
    l.pos = pos;
    const r = l.next();
    if (r === '\\') {
      return lexEscape;
    }
    if (r === EOF || r === '\n') {
      return l.errorf('unterminated quoted string');
    }
    if (r.length === 1 && r >= '\ud800' && r <= '\udfff') {
      return l.errorf('invalid UTF-8 rune');
    }
    if (r === l.stringOpen) {
      break;
    }
  }
  l.emit('STRING');
  return l.resume;
}

export function lexRawString(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (r === EOF) {
      return l.errorf('unterminated raw string');
    }
    if (r.length === 1 && r >= '\ud800' && r <= '\udfff') {
      return l.errorf('invalid UTF-8 rune');
    }
    if (r === l.stringOpen) {
      break;
    }
  }
  l.emit('STRING');
  return l.resume;
}

export function lexNumberOrDuration(l: Lexer): State {
  if (scanNumber(l)) {
    l.emit('NUMBER');
    return l.resume;
  }
  if (acceptRemainingDuration(l)) {
    l.backup();
    l.emit('DURATION');
    return l.resume;
  }
  return l.errorf(`bad number or duration syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
}

function acceptRemainingDuration(l: Lexer): boolean {
  if (!l.accept('smhdwy')) {
    return false;
  }
  l.accept('s');
  while (l.accept('0123456789')) {
    l.acceptRun('0123456789');
    if (!l.accept('smhdw')) {
      return false;
    }
    l.accept('s');
  }
  return !isAlphaNumeric(l.next());
}

/** lex.go `scanNumber`: decimal, hexadecimal, floats and `_` digit separators (Prometheus ≥ 2.54). */
function scanNumber(l: Lexer): boolean {
  const initial = l.pos;
  let digits = DECIMAL;
  if (l.accept('0') && l.accept('xX')) {
    l.accept('_');
    digits = HEXADECIMAL;
  }
  l.accept('.');
  l.accept(digits);
  let dot = false;
  let exponent = false;
  while (l.is(digits === DECIMAL ? DECIMAL_PARTS : HEXADECIMAL_PARTS)) {
    if (l.is('.') && dot) {
      l.accept('.');
      return false;
    }
    if (l.is('eE') && exponent) {
      l.accept('eE');
      return false;
    }
    if (l.accept('.')) {
      dot = true;
      if (l.accept('_.') || digits.length > 10) {
        return false;
      }
      continue;
    }
    if (l.accept('eE')) {
      exponent = true;
      l.accept('+-');
      if (l.accept('._eE') || l.peek() === EOF) {
        return false;
      }
      continue;
    }
    if (l.accept('_')) {
      if (l.accept('._eE') || l.peek() === EOF) {
        return false;
      }
      continue;
    }
    l.acceptRun(digits);
  }
  if (l.pos === initial) {
    return false;
  }
  return !isAlphaNumeric(l.peek());
}

export function scanDurationKeyword(l: Lexer): boolean {
  while (isAlpha(l.peek())) {
    l.next();
  }
  const word = l.input.slice(l.start, l.pos).toLowerCase();
  if (DURATION_KEYWORDS.has(word)) {
    l.emit('PREPROCESSOR');
    return true;
  }
  return false;
}

