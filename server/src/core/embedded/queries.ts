import { propertyKey, propertyValue, type AstNode, type ParsedDocument } from '../syntax/ast';
import { embeddedText, type EmbeddedText } from '../promql/embed';

/**
 * Where a file kind keeps PromQL: paths of keys and list items. `*` is any key or list index, `**` any depth
 * (Grafana nests panels in rows). E.g. `['groups', '*', 'rules', '*', 'expr']`.
 */
export type PathPattern = string[];

/** A PromQL string in a document, decoded, with its offset map. */
export interface EmbeddedQuery {
  node: AstNode;
  embedded: EmbeddedText;
}

/** The string nodes at the patterns' paths, not yet decoded (decoding thousands for one cursor is wasted work). */
export function queryNodes(docs: ParsedDocument[], patterns: PathPattern[]): AstNode[] {
  const out: AstNode[] = [];
  for (const d of docs) {
    for (const pattern of patterns) {
      collect(d.root, pattern, 0, out);
    }
  }
  return out;
}

function collect(node: AstNode | undefined, pattern: PathPattern, i: number, out: AstNode[]): void {
  if (!node) {
    return;
  }
  if (i === pattern.length) {
    if (node.type === 'string') {
      out.push(node);
    }
    return;
  }
  const seg = pattern[i];
  if (seg === '**') {
    collect(node, pattern, i + 1, out);
    for (const child of children(node)) {
      collect(child, pattern, i, out);
    }
    return;
  }
  if (node.type === 'array' && seg === '*') {
    node.children!.forEach((item) => collect(item, pattern, i + 1, out));
  } else if (node.type === 'object') {
    for (const prop of node.children!) {
      if (seg === '*' || propertyKey(prop) === seg) {
        collect(propertyValue(prop), pattern, i + 1, out);
      }
    }
  }
}

function children(node: AstNode): AstNode[] {
  if (node.type === 'array') {
    return node.children!;
  }
  return node.type === 'object' ? node.children!.map(propertyValue).filter((v): v is AstNode => !!v) : [];
}

/** The query whose string holds a document offset (cursor), if any, decoded. */
export function queryAt(nodes: AstNode[], text: string, offset: number): { query: EmbeddedQuery; at: number } | undefined {
  for (const node of nodes) {
    if (offset < node.offset || offset > node.offset + node.length) {
      continue;
    }
    const embedded = embeddedText(node, text);
    const at = embedded && (embedded.fromDoc(offset) ?? (offset >= node.offset + node.length ? embedded.text.length : undefined));
    if (embedded && at !== undefined) {
      return { query: { node, embedded }, at };
    }
  }
  return undefined;
}
