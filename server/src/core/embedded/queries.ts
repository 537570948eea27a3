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

export function findQueries(docs: ParsedDocument[], text: string, patterns: PathPattern[]): EmbeddedQuery[] {
  const out: EmbeddedQuery[] = [];
  for (const d of docs) {
    for (const pattern of patterns) {
      collect(d.root, pattern, 0, out, text);
    }
  }
  return out;
}

function collect(node: AstNode | undefined, pattern: PathPattern, i: number, out: EmbeddedQuery[], text: string): void {
  if (!node) {
    return;
  }
  if (i === pattern.length) {
    const embedded = node.type === 'string' ? embeddedText(node, text) : undefined;
    if (embedded) {
      out.push({ node, embedded });
    }
    return;
  }
  const seg = pattern[i];
  if (seg === '**') {
    collect(node, pattern, i + 1, out, text);
    for (const child of children(node)) {
      collect(child, pattern, i, out, text);
    }
    return;
  }
  if (node.type === 'array' && seg === '*') {
    node.children!.forEach((item) => collect(item, pattern, i + 1, out, text));
  } else if (node.type === 'object') {
    for (const prop of node.children!) {
      if (seg === '*' || propertyKey(prop) === seg) {
        collect(propertyValue(prop), pattern, i + 1, out, text);
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

/** The query whose string holds a document offset (cursor), if any. */
export function queryAt(queries: EmbeddedQuery[], offset: number): { query: EmbeddedQuery; at: number } | undefined {
  for (const query of queries) {
    const { node, embedded } = query;
    if (offset >= node.offset && offset <= node.offset + node.length) {
      const at = embedded.fromDoc(offset) ?? (offset >= node.offset + node.length ? embedded.text.length : undefined);
      if (at !== undefined) {
        return { query, at };
      }
    }
  }
  return undefined;
}
