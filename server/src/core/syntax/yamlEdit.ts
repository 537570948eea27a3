import { makeNode, type AstNode, type ParsedDocument } from './ast';
import { parseYamlFast } from './yamlFast';

/**
 * The parse of a YAML text after an edit, from the parse before it, when the edit only retyped part of one scalar
 * on one line (what typing in a value does): that line is parsed alone, its new scalar replaces the old node, and
 * the nodes after it move by the edit's length. The previous parse is updated in place (its text is gone).
 *
 * Undefined whenever that cannot be sure to give what a full parse gives — a line break, tab or anchor involved,
 * syntax errors, an edit that reaches beyond the scalar or changes where it ends — and the caller parses anew.
 */
export function reparseScalarEdit(oldText: string, docs: ParsedDocument[], newText: string): ParsedDocument[] | undefined {
  if (docs.length === 0 || docs.some((d) => d.errors.length > 0 || !d.root) || newText.includes('&') || oldText.includes('&')) {
    return undefined; // anchors: alias copies elsewhere would keep the old value
  }
  const { from, oldEnd, newEnd } = changedRange(oldText, newText);
  if (from === oldEnd && from === newEnd) {
    return docs;
  }
  const lineStart = oldText.lastIndexOf('\n', from - 1) + 1;
  const lineEnd = lineEndAt(oldText, oldEnd);
  const delta = newText.length - oldText.length;
  const newLine = newText.slice(lineStart, lineEnd + delta);
  if (/[\r\t]/.test(newLine) || newText.slice(from, newEnd).includes('\n') || oldText.slice(from, oldEnd).includes('\n')) {
    return undefined;
  }
  const doc = docs.find((d) => d.offset <= from && oldEnd <= d.offset + d.length);
  const node = doc && deepest(doc.root!, from, oldEnd);
  const parent = node?.parent;
  if (!doc || !node || !parent || !isScalar(node) || node.offset < lineStart || node.offset + node.length > lineEnd) {
    return undefined;
  }
  const parsed = parseLine(newLine, from - lineStart, newEnd - lineStart);
  const fresh = parsed?.node;
  // The scalar must start where it did and end where the edit moved its end: else the edit changed the line's shape.
  if (!fresh || !sameSlot(node, parent, parsed) || fresh.offset + lineStart !== node.offset || fresh.length !== node.length + delta) {
    return undefined;
  }
  const replacement = makeNode(fresh.type, node.offset, fresh.length, parent, fresh.value, fresh.style);
  parent.children![parent.children!.indexOf(node)] = replacement;
  for (const d of docs) {
    shift(d.root!, oldEnd, delta, replacement);
    if (d.offset >= oldEnd) {
      d.offset += delta;
    } else if (d.offset + d.length >= oldEnd) {
      d.length += delta;
    }
  }
  return docs;
}

/** The edit as one replaced range: old text [from, oldEnd) became new text [from, newEnd). */
function changedRange(a: string, b: string): { from: number; oldEnd: number; newEnd: number } {
  const min = Math.min(a.length, b.length);
  // Equal stretches are skipped a block at a time (native comparisons), then the last block unit by unit.
  let from = 0;
  for (let block = 4096; block >= 1; block >>= 3) {
    while (from + block <= min && a.startsWith(b.slice(from, from + block), from)) {
      from += block;
    }
  }
  let tail = 0;
  for (let block = 4096; block >= 1; block >>= 3) {
    while (tail + block <= min - from && a.endsWith(b.slice(b.length - tail - block, b.length - tail), a.length - tail)) {
      tail += block;
    }
  }
  return { from, oldEnd: a.length - tail, newEnd: b.length - tail };
}

function lineEndAt(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl;
}

const isScalar = (n: AstNode): boolean =>
  !n.children && n.type !== 'object' && n.type !== 'array' && n.type !== 'property' && (n.style === undefined || n.style === 'plain' || n.style === 'single' || n.style === 'double');

/** The deepest node whose range holds [from, to]. */
function deepest(root: AstNode, from: number, to: number): AstNode | undefined {
  if (from < root.offset || to > root.offset + root.length) {
    return undefined;
  }
  let node = root;
  for (;;) {
    const next = node.children?.find((c) => c.offset <= from && to <= c.offset + c.length);
    if (!next) {
      return node;
    }
    node = next;
  }
}

/** The scalar of a line parsed alone (without its indentation) that spans [from, to] of the line, with its slot. */
function parseLine(line: string, from: number, to: number): { node: AstNode; key?: string } | undefined {
  const indent = line.length - line.trimStart().length;
  const docs = parseYamlFast(line.slice(indent));
  const root = docs?.length === 1 && docs[0].errors.length === 0 ? docs[0].root : undefined;
  const node = root && deepest(root, from - indent, to - indent);
  const parent = node?.parent;
  if (!node || !parent || !isScalar(node) || (parent.type === 'property' && parent.children?.[1] !== node)) {
    return undefined;
  }
  const key = parent.type === 'property' ? String(parent.children![0].value) : undefined;
  return { node: makeNode(node.type, node.offset + indent, node.length, undefined, node.value, node.style), key };
}

/** Whether the new scalar sits where the old one did: the value of a property of the same key, or a list item. */
function sameSlot(old: AstNode, parent: AstNode, fresh: { key?: string }): boolean {
  if (parent.type === 'property') {
    return parent.children?.[1] === old && fresh.key !== undefined && fresh.key === String(parent.children[0].value);
  }
  return parent.type === 'array' && fresh.key === undefined;
}

/**
 * Moves the nodes after the edit (old offsets at or past `oldEnd`) by `delta` and lengthens the ones around it;
 * `replacement` already has its new length.
 */
function shift(root: AstNode, oldEnd: number, delta: number, replacement: AstNode): void {
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== replacement) {
      if (n.offset >= oldEnd) {
        n.offset += delta;
      } else if (n.offset + n.length >= oldEnd) {
        n.length += delta;
      } else {
        continue; // before the edit: neither it nor its children move
      }
    }
    if (n.children) {
      for (let i = 0; i < n.children.length; i++) {
        stack.push(n.children[i]);
      }
    }
  }
}
