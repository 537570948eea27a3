/** Shared state and helpers of the lezer → AST conversion (convert.ts, convertDurations.ts). */
import type { SyntaxNode } from '@lezer/common';
import type { Token } from './lexer';
import type { PromQLProblem, Span } from './types';

export interface ConvertContext {
  /** The original text (lezer saw a copy where some tokens were replaced by stand-ins of the same length). */
  text: string;
  tokens: Token[];
  problems: PromQLProblem[];
}

/** Thrown when the lezer tree has a shape the converter does not expect; parse.ts reports it as a syntax error. */
export class ConvertError extends Error {
  constructor(readonly node: Span) {
    super('unexpected syntax tree');
  }
}

/** The children of a lezer node, without comments. */
export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'LineComment') {
      out.push(c);
    }
  }
  return out;
}

export function span(n: Span): Span {
  return { from: n.from, to: n.to };
}

export function textOf(ctx: ConvertContext, n: Span): string {
  return ctx.text.slice(n.from, n.to);
}

export function problem(ctx: ConvertContext, at: Span, code: string, message: string): void {
  ctx.problems.push({ from: at.from, to: at.to, severity: 'error', code, message });
}

/** Index of the first token that starts at or after `offset`. */
export function tokenIndex(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].from < offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The first token of a type at or after `offset`. */
export function tokenAfter(ctx: ConvertContext, offset: number, type: Token['type']): Token | undefined {
  for (let i = tokenIndex(ctx.tokens, offset); i < ctx.tokens.length; i++) {
    if (ctx.tokens[i].type === type) {
      return ctx.tokens[i];
    }
  }
  return undefined;
}

/** The last token that ends at or before `offset`. */
export function tokenEndingAt(ctx: ConvertContext, offset: number): Token | undefined {
  const i = tokenIndex(ctx.tokens, offset);
  return ctx.tokens[i - 1];
}

export function child(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return kids(node).find((c) => c.name === name);
}

export function need<T>(value: T | undefined, at: Span): T {
  if (value === undefined) {
    throw new ConvertError(at);
  }
  return value;
}
