import { docSpan, embeddedText } from '../../promql/embed';
import type { Problem } from '../../problem';
import { LATEST_ALERTMANAGER } from '../../version';
import type { ProjectSettings } from '../../settings';
import type { AstNode } from '../../syntax/ast';

/** The Alertmanager release a file is checked against. */
export function alertmanagerVersion(settings: ProjectSettings): string {
  return settings.versions.alertmanager ?? LATEST_ALERTMANAGER;
}

export function problem(node: AstNode, code: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { offset: node.offset, length: node.length, code, message, severity };
}

/** The text of a scalar as Go's yaml.v2 puts it into a string field (its source for numbers and booleans). */
export function scalarText(node: AstNode | undefined, text: string): string | undefined {
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property' || node.type === 'null') {
    return undefined;
  }
  return node.type === 'string' ? String(node.value) : text.slice(node.offset, node.offset + node.length);
}

/** The key node of a property (for problems about a field as a whole). */
export function keyOf(prop: AstNode): AstNode {
  return prop.children![0];
}

/** A problem at `offset`/`length` of a scalar's decoded text, mapped to the document through quoting and escapes. */
export function problemInside(node: AstNode, text: string, offset: number, length: number, p: Omit<Problem, 'offset' | 'length'>): Problem {
  const embedded = node.type === 'string' ? embeddedText(node, text) : undefined;
  if (!embedded) {
    return { ...p, offset: node.offset, length: node.length };
  }
  const span = docSpan(embedded, { from: offset, to: offset + Math.max(length, 0) });
  return { ...p, offset: span.from, length: Math.max(1, span.to - span.from) };
}
