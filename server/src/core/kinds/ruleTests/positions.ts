import type { Problem } from '../../problem';
import { docSpan, embeddedText } from '../../promql/embed';
import type { AstNode } from '../../syntax/ast';

/** A problem covering a whole node. */
export function nodeProblem(node: AstNode, code: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { offset: node.offset, length: node.length, code, message, severity };
}

/** The text of a scalar as Go's yaml decodes it into a string field; undefined for collections and null. */
export function scalarText(node: AstNode | undefined): string | undefined {
  return node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean') ? String(node.value) : undefined;
}

/**
 * A problem inside a scalar, positioned on the characters `[from, to)` of its decoded text: quotes, escapes and
 * block scalars are mapped back to the document. Falls back to the whole node when the text cannot be mapped.
 */
export function innerProblem(node: AstNode, docText: string, from: number, to: number, code: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  const e = embeddedText(node, docText);
  if (!e) {
    return nodeProblem(node, code, message, severity);
  }
  let end = Math.min(Math.max(to, from), e.text.length);
  let start = Math.min(from, end);
  if (start === end) {
    // An empty span (the end of the text) covers the character before it, or the one after it at the start.
    [start, end] = start > 0 && start === e.text.length ? [start - 1, start] : [start, Math.min(start + 1, e.text.length)];
  }
  const span = docSpan(e, { from: start, to: end });
  return { offset: span.from, length: Math.max(span.to - span.from, 0), code, message, severity };
}

/** The document range of a scalar's content, without quotes (for edits that replace the value). */
export function contentRange(node: AstNode, docText: string): { offset: number; length: number } {
  const e = embeddedText(node, docText);
  if (!e) {
    return { offset: node.offset, length: node.length };
  }
  const span = docSpan(e, { from: 0, to: e.text.length });
  return { offset: span.from, length: span.to - span.from };
}
