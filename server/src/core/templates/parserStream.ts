/**
 * The parser's token stream and error reporting (text/template/parse/parse.go: next/backup/peek, errorf,
 * unexpected), shared by the pipeline and control-structure halves of the parser.
 */
import type { Definition, ListNode, Span, VariableNode } from './ast';
import { Lexer, type Token, type TokenType, tokenString } from './lexer';

export interface ParseOptions {
  /** The template's name, as Go prints it in messages (`template: NAME:1: …`). */
  name?: string;
  /** Whether a function name is defined; when absent, any name is accepted (Go's SkipFuncCheck). */
  isFunction?: (name: string) => boolean;
  /** Variables in scope before the text (Prometheus prepends `{{$labels := .Labels}}` …). */
  predeclared?: readonly string[];
  /** Maximum nesting of control structures, definitions and parentheses (default 1000). */
  maxDepth?: number;
  /** Accept `{{else with …}}` (Go 1.23 and later; the Go 1.19 of promtool 2.42 rejects it). */
  elseWith?: boolean;
}

export type ParseErrorCode = 'syntax' | 'unknown-function' | 'undefined-variable' | 'too-deep';

export interface ParseError extends Span {
  code: ParseErrorCode;
  /** The message as Go words it, without the `template: NAME:LINE: ` prefix. */
  message: string;
  /** Go's line number for the message. */
  line: number;
}

export interface ParseResult {
  /** The top-level list; undefined after a syntax error (as in Go, the tree is then unusable). */
  root?: ListNode;
  definitions: Definition[];
  /** In source order; `errors[0]` is the one Go reports. */
  errors: ParseError[];
  /** Assignments (`$x = …`) to variables never declared: Go accepts them and fails when executing. */
  undeclaredAssignments: VariableNode[];
}

export const DEFAULT_MAX_DEPTH = 1000;

/** Thrown to unwind after a syntax error (recorded first). */
export class Abort extends Error {}

export class TokenStream {
  /** Tokens lexed so far: the lexer runs only as far as the parser reads, so an early error stops it. */
  private readonly tokens: Token[] = [];
  private readonly lexer: Lexer;
  protected i = 0;
  private furthest = 0;
  protected vars: string[];
  protected rangeDepth = 0;
  protected depth = 0;
  protected actionLine = 0;
  private readonly newlines: number[] = [];
  protected readonly result: ParseResult = { definitions: [], errors: [], undeclaredAssignments: [] };
  protected readonly name: string;
  private readonly maxDepth: number;

  constructor(
    protected readonly text: string,
    protected readonly options: ParseOptions,
  ) {
    this.name = options.name ?? '';
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.vars = ['$', ...(options.predeclared ?? [])];
    this.lexer = new Lexer(text);
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) {
      this.newlines.push(k);
    }
  }

  // `furthest` plays Go's token[0]: the newest token read, whose line Go's messages show.
  private token(k: number): Token {
    while (this.tokens.length <= k) {
      const last = this.tokens[this.tokens.length - 1];
      if (last && (last.type === 'eof' || last.type === 'error')) {
        return last;
      }
      this.tokens.push(this.lexer.next());
    }
    return this.tokens[k];
  }

  protected next(): Token {
    const t = this.token(this.i);
    this.i++;
    this.furthest = Math.max(this.furthest, Math.min(this.i, this.tokens.length) - 1);
    return t;
  }

  protected backup(to?: number): void {
    this.i = to ?? this.i - 1;
  }

  protected peek(): Token {
    const t = this.next();
    this.backup();
    return t;
  }

  protected nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') {
      t = this.next();
    }
    return t;
  }

  protected peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  /** The token just consumed. */
  protected last(): Token {
    return this.token(this.i - 1);
  }

  protected expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) {
      this.unexpected(t, context);
    }
    return t;
  }

  protected lineAt(offset: number): number {
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid] < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo + 1;
  }

  /** Records a problem Go reports as a parse error, without stopping. */
  protected record(code: ParseErrorCode, message: string, at: Span): void {
    const line = this.lineAt(this.tokens[this.furthest].from);
    this.result.errors.push({ code, message, from: at.from, to: Math.max(at.to, at.from), line });
  }

  protected errorf(message: string, at: Span = this.tokens[this.furthest], code: ParseErrorCode = 'syntax'): never {
    this.record(code, message, at);
    throw new Abort();
  }

  protected unexpected(token: Token, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      const line = this.lineAt(token.from);
      if (this.actionLine !== 0 && this.actionLine !== line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (token.val.endsWith(' action')) {
          extra = extra.slice(' in action'.length);
        }
      }
      return this.errorf(token.val + extra, token);
    }
    return this.errorf(`unexpected ${tokenString(token)} in ${context}`, token);
  }

  /** Counts one level of nesting; parentheses get the message of Go's own (10000-level) limit. */
  protected enter(at: Span, paren = false): void {
    if (++this.depth > this.maxDepth) {
      const message = paren ? 'max expression depth exceeded' : `nesting deeper than ${this.maxDepth} levels`;
      this.errorf(message, at, 'too-deep');
    }
  }

  protected leave(): void {
    this.depth--;
  }
}
