/**
 * The lexer of Go's text/template, following text/template/parse/lex.go state by state (trim markers, comments,
 * the 3-way split of `.`/`$` names, numbers, quoted/raw strings, character constants) with the same error texts.
 * Offsets are UTF-16 offsets into the template; Go's byte positions are derived where messages need them.
 */
import { goQuote } from '../goStrconv';
import { EOF, hasRightTrimMarker, isSpace, KEYWORDS, lexInsideAction, lexText, RIGHT, type State } from './lexerStates';

export type TokenType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'complex' | 'assign' | 'declare' | 'eof' | 'field'
  | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim' | 'rightParen'
  | 'space' | 'string' | 'text' | 'variable' | Keyword;

export type Keyword = 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

export interface Token {
  type: TokenType;
  /** Start offset; for an error, where the item being scanned started. */
  from: number;
  to: number;
  /** The token's text; for text, the text after trimming; for an error, the message. */
  val: string;
}

/** Go's String() of an item, as parse errors print it (`unexpected "x" in operand`). */
export function tokenString(t: Token): string {
  if (t.type === 'eof') {
    return 'EOF';
  }
  if (t.type === 'error') {
    return t.val;
  }
  if (KEYWORDS[t.val] === t.type || t.type === 'dot') {
    return `<${t.val}>`;
  }
  const runes = Array.from(t.val);
  return runes.length > 10 ? `${goQuote(runes.slice(0, 10).join(''))}...` : goQuote(t.val);
}

/** A pull lexer: `next()` returns one token at a time; after an error or EOF it keeps returning EOF. */
export class Lexer {
  pos = 0;
  start = 0;
  private insideAction = false;
  private parenDepth = 0;
  item: Token | undefined;
  private done = false;

  constructor(readonly input: string) {}

  next(): Token {
    if (this.done) {
      return { type: 'eof', from: this.input.length, to: this.input.length, val: 'EOF' };
    }
    this.item = undefined;
    let state: State = this.insideAction ? lexInsideAction : lexText;
    while (state && !this.item) {
      state = state(this);
    }
    const item: Token = this.item ?? { type: 'eof', from: this.pos, to: this.pos, val: 'EOF' };
    if (item.type === 'eof' || item.type === 'error') {
      this.done = true;
    }
    return item;
  }

  peekRune(): number {
    return this.pos < this.input.length ? this.input.codePointAt(this.pos)! : EOF;
  }

  nextRune(): number {
    const r = this.peekRune();
    if (r !== EOF) {
      this.pos += r > 0xffff ? 2 : 1;
    }
    return r;
  }

  accept(valid: string): boolean {
    const r = this.peekRune();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) {
      this.nextRune();
      return true;
    }
    return false;
  }

  acceptRun(valid: string): void {
    while (this.accept(valid)) {
      // absorb
    }
  }

  emit(type: TokenType, val = this.input.slice(this.start, this.pos)): State {
    this.item = { type, from: this.start, to: this.pos, val };
    this.start = this.pos;
    return null;
  }

  emitToken(token: Token): State {
    this.item = token;
    return null;
  }

  errorf(message: string): State {
    this.item = { type: 'error', from: this.start, to: Math.max(this.pos, this.start), val: message };
    return null;
  }

  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) {
      return { delim: true, trim: true };
    }
    return { delim: this.input.startsWith(RIGHT, this.pos), trim: false };
  }

  /** Whether the input is at a character that may end an identifier (lex.go atTerminator). */
  atTerminator(): boolean {
    const r = this.peekRune();
    if (isSpace(r) || r === EOF) {
      return true;
    }
    if ('.,|:)('.includes(String.fromCodePoint(r))) {
      return true;
    }
    return this.input.startsWith(RIGHT, this.pos);
  }

  setInsideAction(v: boolean, resetParens = false): void {
    this.insideAction = v;
    if (resetParens) {
      this.parenDepth = 0;
    }
  }

  changeParens(delta: number): number {
    this.parenDepth += delta;
    return this.parenDepth;
  }

  get parens(): number {
    return this.parenDepth;
  }
}

export { isAlphaNumeric } from './lexerStates';
