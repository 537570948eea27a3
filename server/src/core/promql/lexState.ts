/** The lexer's state and token types, shared by lexer.ts and lexLiterals.ts (a port of promql/parser/lex.go). */

export type TokenType =
  | 'EOF' | 'IDENTIFIER' | 'METRIC_IDENTIFIER' | 'NUMBER' | 'DURATION' | 'STRING'
  | 'LEFT_PAREN' | 'RIGHT_PAREN' | 'LEFT_BRACE' | 'RIGHT_BRACE' | 'LEFT_BRACKET' | 'RIGHT_BRACKET' | 'COMMA' | 'EQL' | 'COLON'
  | 'ADD' | 'SUB' | 'MUL' | 'DIV' | 'MOD' | 'POW' | 'EQLC' | 'NEQ' | 'LTE' | 'LSS' | 'GTE' | 'GTR' | 'TRIM_UPPER' | 'TRIM_LOWER'
  | 'EQL_REGEX' | 'NEQ_REGEX' | 'AT' | 'LAND' | 'LOR' | 'LUNLESS' | 'ATAN2'
  | 'AGGREGATOR' | 'KEYWORD' | 'PREPROCESSOR';

export interface Token {
  type: TokenType;
  from: number;
  to: number;
  text: string;
}

export interface LexError {
  message: string;
  /** Where the error is shown: the offending text, or the unclosed opener for errors found at the end. */
  from: number;
  to: number;
  /** Where the lexer noticed it (the end of the input for "unclosed …"); syntax errors before it come first. */
  at: number;
}

export const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
export const isDigit = (c: string): boolean => c >= '0' && c <= '9';
export const isAlpha = (c: string): boolean => c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
export const isAlphaNumeric = (c: string): boolean => isAlpha(c) || isDigit(c);
export const EOF = '';
/** isAlpha of a UTF-16 unit: [A-Za-z_] (charCodeAt past the end gives NaN: false). */
export const isWordStartUnit = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
export const isSpaceUnit = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

export type State = ((l: Lexer) => State) | null;

/** The lexer's state, field for field as lex.go's `Lexer` (without the series-description fields). */
export class Lexer {
  pos = 0;
  start = 0;
  width = 0;
  parenDepth = 0;
  braceOpen = false;
  bracketOpen = false;
  gotColon = false;
  gotDuration = false;
  stringOpen = '';
  readonly tokens: Token[] = [];
  error?: LexError;
  /** Offsets of the unclosed `(`, `[` and `{`, so that "unclosed …" errors point at the opener. */
  readonly parens: number[] = [];
  lastBracket = -1;
  lastBrace = -1;
  /** The state to return to after a literal: lexStatements (kept here so lexLiterals.ts needs no import of it). */
  resume: State = null;

  constructor(readonly input: string) {}

  next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    // One UTF-16 unit unless it starts a surrogate pair; `input[i]` reuses V8's cached one-character strings.
    const unit = this.input.charCodeAt(this.pos);
    if (unit < 0xd800 || unit > 0xdbff || this.pos + 1 >= this.input.length) {
      this.width = 1;
      return this.input[this.pos++];
    }
    this.width = this.input.codePointAt(this.pos)! > 0xffff ? 2 : 1;
    const ch = this.input.slice(this.pos, this.pos + this.width);
    this.pos += this.width;
    return ch;
  }

  peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    this.pos -= this.width;
  }

  emit(type: TokenType): void {
    this.emitText(type, this.input.slice(this.start, this.pos));
  }

  /** emit() of a token whose text (input from start to pos) the caller has already cut. */
  emitText(type: TokenType, text: string): void {
    this.tokens.push({ type, from: this.start, to: this.pos, text });
    this.start = this.pos;
  }

  ignore(): void {
    this.start = this.pos;
  }

  /** Moves past spaces, tabs and line breaks and drops them. */
  skipSpaces(): void {
    while (isSpaceUnit(this.input.charCodeAt(this.pos))) {
      this.pos++;
    }
    this.start = this.pos;
  }

  /** Moves past word characters (and colons when `colons`). */
  skipWord(colons: boolean): void {
    const input = this.input;
    let pos = this.pos;
    // [A-Za-z0-9_] (and `:`) written out: this loop runs for every character of every name.
    for (let c = input.charCodeAt(pos); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (colons && c === 58); c = input.charCodeAt(++pos)) {
      // consume
    }
    this.pos = pos;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(r)) {
      return true;
    }
    this.backup();
    return false;
  }

  is(valid: string): boolean {
    const r = this.peek();
    return r !== EOF && valid.includes(r);
  }

  acceptRun(valid: string): void {
    while (this.accept(valid)) {
      // consume
    }
  }

  errorf(message: string, from = this.start, to = Math.max(this.pos, from + 1), at = from): State {
    this.error = { message, from, to: Math.min(to, Math.max(this.input.length, from)), at };
    return null;
  }
}

