/**
 * The states of the template lexer (text/template/parse/lex.go lexText, lexLeftDelim, lexComment,
 * lexInsideAction …), each consuming input and emitting at most one token, with lex.go's error texts.
 */
import { goQuote, goUnicode } from '../goStrconv';
import type { Keyword, Lexer } from './lexer';

export type State = ((l: Lexer) => State) | null;

export const KEYWORDS: Record<string, Keyword> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

export const EOF = -1;
export const LEFT = '{{';
export const RIGHT = '}}';

export function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

const ALNUM = /[\p{L}\p{Nd}_]/u;
export function isAlphaNumeric(r: number): boolean {
  if (r < 0x80) {
    return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || r === 0x5f;
  }
  return ALNUM.test(String.fromCodePoint(r));
}

export function hasLeftTrimMarker(s: string, i: number): boolean {
  return s[i] === '-' && isSpace(s.charCodeAt(i + 1));
}

export function hasRightTrimMarker(s: string, i: number): boolean {
  return isSpace(s.charCodeAt(i)) && s[i + 1] === '-';
}

export function trimmedRight(s: string, from: number, to: number): number {
  while (to > from && isSpace(s.charCodeAt(to - 1))) {
    to--;
  }
  return to;
}

export function trimmedLeft(s: string, from: number): number {
  while (from < s.length && isSpace(s.charCodeAt(from))) {
    from++;
  }
  return from;
}

export function lexText(l: Lexer): State {
  const x = l.input.indexOf(LEFT, l.pos);
  if (x < 0) {
    l.pos = l.input.length;
    return l.pos > l.start ? l.emit('text') : l.emit('eof', 'EOF');
  }
  if (x > l.pos) {
    // `{{- ` trims the white space before it: the text item ends earlier, the trimmed part is skipped.
    const end = hasLeftTrimMarker(l.input, x + LEFT.length) ? trimmedRight(l.input, l.start, x) : x;
    const from = l.start;
    l.pos = x;
    l.start = x;
    if (end > from) {
      return l.emitToken({ type: 'text', from, to: end, val: l.input.slice(from, end) });
    }
  }
  return lexLeftDelim;
}

function lexLeftDelim(l: Lexer): State {
  l.pos += LEFT.length;
  const trim = hasLeftTrimMarker(l.input, l.pos);
  const after = trim ? 2 : 0;
  if (l.input.startsWith('/*', l.pos + after)) {
    l.pos += after;
    l.start = l.pos;
    return lexComment;
  }
  const state = l.emit('leftDelim');
  l.setInsideAction(true, true);
  l.pos += after;
  l.start = l.pos;
  return state;
}

function lexComment(l: Lexer): State {
  l.pos += 2;
  const x = l.input.indexOf('*/', l.pos);
  if (x < 0) {
    return l.errorf('unclosed comment');
  }
  l.pos = x + 2;
  const { delim, trim } = l.atRightDelim();
  if (!delim) {
    return l.errorf('comment ends before closing delimiter');
  }
  l.pos += (trim ? 2 : 0) + RIGHT.length;
  if (trim) {
    l.pos = trimmedLeft(l.input, l.pos);
  }
  l.start = l.pos;
  return lexText;
}

function lexRightDelim(l: Lexer): State {
  const { trim } = l.atRightDelim();
  if (trim) {
    l.pos += 2;
    l.start = l.pos;
  }
  l.pos += RIGHT.length;
  const state = l.emit('rightDelim');
  if (trim) {
    l.pos = trimmedLeft(l.input, l.pos);
    l.start = l.pos;
  }
  l.setInsideAction(false);
  return state;
}

export function lexInsideAction(l: Lexer): State {
  if (l.parens < 0) {
    // Go 1.19 emits the `)` first and fails on the next item, so the parser reports the paren itself.
    return l.errorf(`unexpected right paren ${goUnicode(0x29)}`);
  }
  if (l.atRightDelim().delim) {
    return l.parens === 0 ? lexRightDelim : l.errorf('unclosed left paren');
  }
  const r = l.nextRune();
  const ch = r === EOF ? '' : String.fromCodePoint(r);
  if (r === EOF) {
    return l.errorf('unclosed action');
  }
  if (isSpace(r)) {
    l.pos--;
    return lexSpace;
  }
  switch (ch) {
    case '=':
      return l.emit('assign');
    case ':':
      return l.nextRune() === 0x3d ? l.emit('declare') : l.errorf('expected :=');
    case '|':
      return l.emit('pipe');
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '(':
      l.changeParens(1);
      return l.emit('leftParen');
    case ')':
      l.changeParens(-1);
      return l.emit('rightParen');
  }
  return lexOther(l, r);
}

function lexOther(l: Lexer, r: number): State {
  if (r === 0x2e && l.pos < l.input.length) {
    const n = l.input.charCodeAt(l.pos);
    if (!(n >= 0x30 && n <= 0x39)) {
      return lexFieldOrVariable(l, 'field');
    }
  }
  if (r === 0x2e || r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.pos = l.start;
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.pos = l.start;
    return lexIdentifier;
  }
  if (r < 0x80 && r >= 0x20 && r !== 0x7f) {
    return l.emit('char');
  }
  return l.errorf(`unrecognized character in action: ${goUnicode(r)}`);
}

function lexSpace(l: Lexer): State {
  let n = 0;
  while (isSpace(l.peekRune())) {
    l.nextRune();
    n++;
  }
  // A trim-marked right delimiter starts with a space: leave that space to the delimiter.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT, l.pos + 1)) {
    l.pos--;
    if (n === 1) {
      return lexRightDelim;
    }
  }
  return l.emit('space');
}

function lexIdentifier(l: Lexer): State {
  while (isAlphaNumeric(l.peekRune())) {
    l.nextRune();
  }
  const word = l.input.slice(l.start, l.pos);
  if (!l.atTerminator()) {
    return l.errorf(`bad character ${goUnicode(l.peekRune())}`);
  }
  if (KEYWORDS[word] && word !== '.') {
    return l.emit(KEYWORDS[word]);
  }
  if (word === 'true' || word === 'false') {
    return l.emit('bool');
  }
  return l.emit('identifier');
}

function lexVariable(l: Lexer): State {
  return l.atTerminator() ? l.emit('variable') : lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): State {
  if (l.atTerminator()) {
    return l.emit(type === 'variable' ? 'variable' : 'dot');
  }
  while (isAlphaNumeric(l.peekRune())) {
    l.nextRune();
  }
  if (!l.atTerminator()) {
    return l.errorf(`bad character ${goUnicode(l.peekRune())}`);
  }
  return l.emit(type);
}

function lexQuoted(l: Lexer, quote: number, type: 'charConstant' | 'string', message: string): State {
  for (;;) {
    const r = l.nextRune();
    if (r === 0x5c) {
      const e = l.nextRune();
      if (e !== EOF && e !== 0x0a) {
        continue;
      }
      return l.errorf(message);
    }
    if (r === EOF || r === 0x0a) {
      return l.errorf(message);
    }
    if (r === quote) {
      return l.emit(type);
    }
  }
}

function lexChar(l: Lexer): State {
  return lexQuoted(l, 0x27, 'charConstant', 'unterminated character constant');
}

function lexQuote(l: Lexer): State {
  return lexQuoted(l, 0x22, 'string', 'unterminated quoted string');
}

function lexRawQuote(l: Lexer): State {
  const x = l.input.indexOf('`', l.pos);
  if (x < 0) {
    l.pos = l.input.length;
    return l.errorf('unterminated raw quoted string');
  }
  l.pos = x + 1;
  return l.emit('rawString');
}

function lexNumber(l: Lexer): State {
  if (!scanNumber(l)) {
    return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  }
  const sign = l.peekRune();
  if (sign === 0x2b || sign === 0x2d) {
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    }
    return l.emit('complex');
  }
  return l.emit('number');
}

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) {
      digits = '0123456789abcdefABCDEF_';
    } else if (l.accept('oO')) {
      digits = '01234567_';
    } else if (l.accept('bB')) {
      digits = '01_';
    }
  }
  l.acceptRun(digits);
  if (l.accept('.')) {
    l.acceptRun(digits);
  }
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peekRune())) {
    l.nextRune();
    return false;
  }
  return true;
}
