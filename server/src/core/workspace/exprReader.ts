import { docSpan, embeddedText } from '../promql/embed';
import type { Span } from '../promql/types';
import { makeNode, type AstNode } from '../syntax/ast';
import { exprFacts, type ExprUse } from './exprFacts';
import type { CachedExpr } from './rules';

/** Decodes expressions and reads their facts, reusing those of the previous read of the same file. */
export class ExprReader {
  constructor(
    readonly text: string,
    private readonly previous: Map<string, CachedExpr> | undefined,
    private readonly next: Map<string, CachedExpr>,
  ) {}

  /** Facts of an expression node; use offsets relative to the node. */
  read(node: AstNode, use: ExprUse): CachedExpr | undefined {
    if (node.type !== 'string') {
      return undefined;
    }
    const raw = this.text.slice(node.offset, node.offset + node.length);
    // Decoding a block scalar depends on the indentation of its key: part of the cache key then.
    const key = node.style === 'literal' || node.style === 'folded' ? `${column(this.text, node.parent?.offset ?? node.offset)}\0${raw}` : raw;
    let facts = this.next.get(key) ?? this.previous?.get(key);
    if (!facts) {
      facts = decode(node, this.text, use);
      if (!facts) {
        return undefined;
      }
    }
    this.next.set(key, facts);
    return facts;
  }
}

function decode(node: AstNode, text: string, use: ExprUse): CachedExpr | undefined {
  const embedded = embeddedText(node, text);
  if (!embedded) {
    return undefined;
  }
  const found = exprFacts(embedded.text, use);
  const uses = found.uses.map((u) => {
    const s = docSpan(embedded, u);
    return { metric: u.metric, from: s.from - node.offset, to: s.to - node.offset };
  });
  return { text: embedded.text, canonical: found.canonical, uses };
}

export function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The document span of a scalar's characters: inside the quotes, and exact through escapes. */
export function contentSpan(node: AstNode, text: string): Span | undefined {
  if (node.type !== 'string' || node.style === 'plain') {
    return { from: node.offset, to: node.offset + node.length };
  }
  const inner = text.slice(node.offset + 1, node.offset + node.length - 1);
  if ((node.style === 'single' || node.style === 'double' || node.style === 'json') && inner === node.value) {
    return { from: node.offset + 1, to: node.offset + node.length - 1 };
  }
  const e = embeddedText(node, text);
  return e && docSpan(e, { from: 0, to: e.text.length });
}

const JSON_EXPR = /"expr"\s*:\s*("(?:[^"\\\n]|\\.)*")/g;

/** `"expr": "…"` string nodes of a JSON text, found without parsing the whole document. */
export function jsonExprs(text: string): AstNode[] {
  const out: AstNode[] = [];
  for (const m of text.matchAll(JSON_EXPR)) {
    const literal = m[1];
    let value: unknown;
    try {
      value = JSON.parse(literal);
    } catch {
      continue;
    }
    if (typeof value === 'string' && value.trim()) {
      out.push(makeNode('string', m.index + m[0].length - literal.length, literal.length, undefined, value, 'json'));
    }
  }
  return out;
}
