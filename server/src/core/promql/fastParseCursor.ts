/**
 * The token cursor of the fast parser (fastParse.ts and its helpers). The fast parser only builds what it is sure
 * the lezer path would build without a problem; on anything else it throws GIVE_UP and parse.ts takes the lezer path.
 */
import type { Token, TokenType } from './lexer';
import type { Span } from './types';

/** Thrown (a plain object: no stack is captured) when the fast parser leaves an input to the lezer path. */
export const GIVE_UP = { giveUp: true } as const;

/** Nesting the fast parser follows before it gives up, far below what could exhaust the stack. */
const MAX_NESTING = 200;

export class Cursor {
  pos = 0;
  private nesting = 0;

  constructor(
    readonly text: string,
    readonly tokens: Token[],
  ) {}

  peek(): Token {
    return this.tokens[this.pos];
  }

  next(): Token {
    return this.tokens[this.pos++];
  }

  expect(type: TokenType): Token {
    const t = this.tokens[this.pos];
    if (t.type !== type) {
      throw GIVE_UP;
    }
    this.pos++;
    return t;
  }

  /** Whether the current token is a word token of `type` spelled `lower` in any case (keywords are case-insensitive). */
  isWord(type: TokenType, lower: string): boolean {
    const t = this.tokens[this.pos];
    return t.type === type && t.text.length === lower.length && t.text.toLowerCase() === lower;
  }

  slice(from: number, to: number): string {
    return this.text.slice(from, to);
  }

  /** Goes one nesting level deeper (`leave` comes back); deep input is left to the lezer path and its guards. */
  enter(): void {
    if (++this.nesting > MAX_NESTING) {
      throw GIVE_UP;
    }
  }

  leave(): void {
    this.nesting--;
  }
}

export function span(t: Span): Span {
  return { from: t.from, to: t.to };
}
