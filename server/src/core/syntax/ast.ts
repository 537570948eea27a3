/**
 * One node model for YAML and JSON documents (the shape of jsonc-parser's `Node`), with byte offsets into the
 * document text. Object children are `property` nodes whose children are `[key, value]`.
 */
export type NodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'json';

export interface AstNode {
  type: NodeType;
  offset: number;
  length: number;
  parent?: AstNode;
  children?: AstNode[];
  value?: string | number | boolean | null;
  /** How a string scalar is written: needed to map offsets inside embedded languages. */
  style?: ScalarStyle;
  /** Set on properties that reached this object through a YAML merge key (`<<: *anchor`). */
  merged?: boolean;
}

/**
 * Creates a node with every field present in one fixed order, so all nodes share one hidden class: walks over
 * large documents then stay monomorphic (object spreads here made validation several times slower).
 */
export function makeNode(
  type: NodeType,
  offset: number,
  length: number,
  parent?: AstNode,
  value?: AstNode['value'],
  style?: ScalarStyle,
): AstNode {
  return { type, offset, length, parent, children: undefined, value, style, merged: undefined };
}

// Parsers write `parent`, `children` and `length` after creating a node. The first such write makes V8 mark the
// field mutable and throw away all optimized code that relied on it being constant: in the middle of parsing a
// large document, the whole parser. Writing every field once here, before any code is optimized, spares that.
const settled = makeNode('null', 0, 0);
settled.type = 'object';
settled.offset = 1;
settled.length = 1;
settled.parent = settled;
settled.children = [];
settled.value = '';
settled.style = 'plain';
settled.merged = true;

export interface SyntaxError {
  offset: number;
  length: number;
  message: string;
  code: string;
}

/** One YAML document of a stream, or the single JSON document of a file. */
export interface ParsedDocument {
  root: AstNode | undefined;
  errors: SyntaxError[];
  /** Offsets of the document's text inside the file. */
  offset: number;
  length: number;
}

export type Path = (string | number)[];

export function propertyKey(prop: AstNode): string {
  const v = prop.children![0].value;
  return typeof v === 'string' ? v : String(v ?? '');
}

export function propertyValue(prop: AstNode): AstNode | undefined {
  return prop.children?.[1];
}

export function properties(node: AstNode | undefined): AstNode[] {
  return node?.type === 'object' ? (node.children ?? []) : [];
}

/**
 * The first property of each of `keys`, in one pass over an object's fields: for hot paths that read several keys
 * of thousands of objects (a look-up per key walks the fields again each time).
 */
export function propertiesByKey<K extends string>(node: AstNode | undefined, keys: readonly K[]): Partial<Record<K, AstNode>> {
  const out: Partial<Record<K, AstNode>> = {};
  for (const prop of properties(node)) {
    const key = prop.children![0].value as K;
    if (keys.includes(key) && out[key] === undefined) {
      out[key] = prop;
    }
  }
  return out;
}

export function getProperty(node: AstNode | undefined, key: string): AstNode | undefined {
  if (node?.type !== 'object') {
    return undefined;
  }
  // The checks of a large document call this hundreds of thousands of times, much of it before V8 optimizes
  // them: an indexed loop, where a for-of would step an iterator, and the key compared in place (propertyKey).
  const props = node.children!;
  for (let i = 0; i < props.length; i++) {
    const v = props[i].children![0].value;
    if (v === key || (typeof v !== 'string' && String(v ?? '') === key)) {
      return props[i];
    }
  }
  return undefined;
}

export function getValue(node: AstNode | undefined, key: string): AstNode | undefined {
  const prop = getProperty(node, key);
  return prop && propertyValue(prop);
}

export function items(node: AstNode | undefined): AstNode[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

/** The plain JavaScript value of a node, as a schema validator sees it. */
export function toValue(node: AstNode | undefined): unknown {
  if (!node) {
    return null;
  }
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        out[propertyKey(prop)] = toValue(propertyValue(prop));
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(toValue);
    case 'property':
      return toValue(propertyValue(node));
    default:
      return node.value ?? null;
  }
}

/** The deepest node whose range contains `offset` (end inclusive, so a cursor right after a token finds it). */
export function nodeAt(root: AstNode | undefined, offset: number): AstNode | undefined {
  let node = root;
  if (!node || offset < node.offset || offset > node.offset + node.length) {
    return undefined;
  }
  for (;;) {
    const child: AstNode | undefined = node.children?.find(
      (c) => !c.merged && offset >= c.offset && offset <= c.offset + c.length,
    );
    if (!child) {
      return node;
    }
    node = child;
  }
}

/** The path of a node from the root: property names and array indexes. */
export function pathOf(node: AstNode): Path {
  const path: Path = [];
  let cur: AstNode | undefined = node;
  while (cur?.parent) {
    const parent: AstNode = cur.parent;
    if (parent.type === 'property') {
      path.unshift(propertyKey(parent));
      cur = parent.parent;
      continue;
    }
    if (parent.type === 'array') {
      path.unshift((parent.children ?? []).indexOf(cur));
    }
    cur = parent;
  }
  return path;
}

/** The value node at a path of property names and array indexes. */
export function nodeAtPath(root: AstNode | undefined, path: Path): AstNode | undefined {
  let node = root;
  for (const seg of path) {
    node = typeof seg === 'number' ? items(node)[seg] : getValue(node, seg);
  }
  return node;
}
