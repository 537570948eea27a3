import * as ast from './ast';
import type { AstNode } from './ast';
import { FAIL, YamlCursor } from './yamlCursor';
import { MAX_ALIAS_NODES, MAX_DEPTH } from './yamlLimits';
import * as scalars from './yamlScalars';

// Local copies of imported bindings: compiled to CommonJS (as tsx runs tests and benchmarks), each access to an
// imported binding is a getter call, a tenth of the parse time on the hot path.
const { makeNode } = ast;
const { doubleQuoted, resolvePlain, singleQuoted } = scalars;
const UNSUPPORTED: typeof scalars.UNSUPPORTED = scalars.UNSUPPORTED;
const MERGE_KEY: typeof scalars.MERGE_KEY = scalars.MERGE_KEY;

/** Nodes deeper than this make the fast parser give up (the reference reports depth beyond MAX_DEPTH). */
export const DEPTH_LIMIT = MAX_DEPTH - 8;
/** The anchor of a node still being parsed: an alias to it would be recursive. */
const PENDING: AstNode = makeNode('null', -1, 0);

const SP = 32;
const HASH = 35;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;
const LBRACE = 123;
const RBRACE = 125;
const COMMA = 44;
const AMP = 38;
const STAR = 42;

/**
 * The node-building half of the fast YAML parser (`yamlFast.ts`, which adds the block structure): scalars,
 * anchors and aliases (expanded to copies, as the reference does), properties with the duplicate-key check, merge
 * keys, and flow collections. Children of the collections being built wait on a stack, so each collection gets
 * an array of its exact size.
 */
export class YamlNodes extends YamlCursor {
  protected anchors: Map<string, AstNode> | undefined;
  protected heights: Map<AstNode, number> | undefined;
  /** The deepest node depth reached, counting alias copies as the reference converts them. */
  protected deepest = 0;
  protected lastAlias: AstNode | undefined;
  /** Nodes copied by aliases so far (see MAX_ALIAS_NODES). */
  protected aliasNodes = 0;
  /** Children of the collections being parsed, innermost last. */
  protected readonly stack: AstNode[] = [];
  protected top = 0;
  /** Keys of the large maps, for the duplicate check. */
  private keySets: Map<AstNode, Set<unknown>> | undefined;

  /** Starts the anchor `name` of a node at `depth`; returns the depth reached before it. */
  protected openAnchor(name: string, depth: number): number {
    this.anchors ??= new Map();
    this.heights ??= new Map();
    this.anchors.set(name, PENDING);
    const saved = this.deepest;
    this.deepest = depth;
    return saved;
  }

  /**
   * Ends the anchor `name` on `node`, recording how deep the node goes. An alias names the last anchor before it
   * in document order, so the node does not take the name back from an anchor of the same name inside it.
   */
  protected closeAnchor(name: string, node: AstNode, depth: number, saved: number): void {
    if (this.anchors!.get(name) === PENDING) this.anchors!.set(name, node);
    this.heights!.set(node, this.deepest - depth);
    if (saved > this.deepest) this.deepest = saved;
  }

  // ---- flow collections -------------------------------------------------------------------------------------

  /** A flow collection at `q` (`[` or `{`); `indentNext` is the minimum indentation of its continuation lines. */
  protected flowNode(q: number, depth: number, indentNext: number, level: number): AstNode {
    if (depth + 1 > DEPTH_LIMIT) throw FAIL;
    if (depth + 1 > this.deepest) this.deepest = depth + 1;
    const t = this.t;
    const isMap = t.charCodeAt(q) === LBRACE;
    const close = isMap ? RBRACE : 93;
    const node = makeNode(isMap ? 'object' : 'array', q, 0);
    const base = this.top;
    let merges: AstNode[] | undefined;
    let p = this.flowSpace(q + 1, false, indentNext, level);
    if (t.charCodeAt(p) !== close) {
      for (;;) {
        if (isMap) {
          merges = this.flowPair(p, node, depth, indentNext, level, merges, base);
        } else {
          const item = this.flowItem(p, depth + 1, indentNext, level);
          item.parent = node;
          this.stack[this.top++] = item;
        }
        p = this.flowSpace(this.p, false, indentNext, level);
        const c = t.charCodeAt(p);
        if (c === COMMA) {
          p = this.flowSpace(p + 1, false, indentNext, level);
          if (t.charCodeAt(p) === close) break;
          continue;
        }
        if (c === close) break;
        throw FAIL;
      }
    }
    this.p = p + 1;
    node.length = p + 1 - q;
    this.close(node, base);
    if (merges) this.applyMerges(node, merges);
    return node;
  }

  /** One item of a flow collection at `p`: scalar, alias, nested collection, or anchor and node. */
  protected flowItem(p: number, depth: number, indentNext: number, level: number): AstNode {
    const t = this.t;
    const c = t.charCodeAt(p);
    switch (c) {
      case LBRACKET:
      case LBRACE:
        return this.flowNode(p, depth, indentNext, level + 1);
      case DQUOTE:
      case SQUOTE: {
        const close = c === DQUOTE ? this.scanDouble(p) : this.scanSingle(p);
        this.p = close + 1;
        return this.quoted(p, close);
      }
      case STAR:
        return this.alias(p, depth);
      case AMP: {
        const end = this.anchorEnd(p + 1);
        if (t.charCodeAt(end) !== SP) throw FAIL;
        const name = t.slice(p + 1, end);
        let r = end;
        while (t.charCodeAt(r) === SP) r++;
        const d = t.charCodeAt(r);
        if (d === AMP || d === STAR || d === HASH || d === COMMA || d === 93 || d === RBRACE || this.isEol(d, r)) {
          throw FAIL; // an anchored empty node, or an alias with an anchor
        }
        const saved = this.openAnchor(name, depth);
        const node = this.flowItem(r, depth, indentNext, level);
        this.closeAnchor(name, node, depth, saved);
        return node;
      }
    }
    if (!this.plainStart(p, true)) throw FAIL;
    const end = this.scanPlainFlow(p);
    this.p = end;
    return this.plain(p, end, false);
  }

  /** A `key: value` (or bare `key`) of a flow map at `p`, added to `map`. */
  protected flowPair(
    p: number,
    map: AstNode,
    depth: number,
    indentNext: number,
    level: number,
    merges: AstNode[] | undefined,
    base: number,
  ) {
    const t = this.t;
    const c = t.charCodeAt(p);
    let key: AstNode | undefined;
    let q: number;
    let quotedKey = false;
    if (c === DQUOTE || c === SQUOTE) {
      const close = c === DQUOTE ? this.scanDouble(p) : this.scanSingle(p);
      key = this.quoted(p, close);
      if (key.value === '<<') throw FAIL;
      q = close + 1;
      quotedKey = true;
    } else {
      if (!this.plainStart(p, true)) throw FAIL;
      q = this.scanPlainFlow(p);
      key = this.plain(p, q, true);
    }
    const keyEnd = q;
    while (t.charCodeAt(q) === SP) q++;
    let d = t.charCodeAt(q);
    let value: AstNode;
    if (d === COLON && (quotedKey || this.isEmptyAt(q + 1) || this.isFlowIndicator(t.charCodeAt(q + 1)))) {
      const colon = q;
      q = this.flowSpace(q + 1, false, indentNext, level);
      d = t.charCodeAt(q);
      if (d === COMMA || d === RBRACE) {
        let e = colon + 1;
        while (t.charCodeAt(e) === SP) e++;
        value = makeNode('null', e, 0, undefined, null);
        this.p = q;
      } else {
        value = this.flowItem(q, depth + 1, indentNext, level);
      }
    } else if (d === COMMA || d === RBRACE) {
      if (key === MERGE_NODE) throw FAIL;
      value = makeNode('null', keyEnd + 1, 0, undefined, null); // as yamlParse.ts builds a missing value
      this.p = q;
    } else {
      throw FAIL;
    }
    if (key === MERGE_NODE) {
      return this.mergeSources(value, merges);
    }
    this.addProperty(map, key, value, base);
    return merges;
  }

  // ---- scalars, aliases, properties -------------------------------------------------------------------------

  protected quoted(q: number, close: number): AstNode {
    if (this.t.charCodeAt(q) === DQUOTE) {
      const v = doubleQuoted(this.t, q + 1, close);
      if (v === UNSUPPORTED) throw FAIL;
      return makeNode('string', q, close + 1 - q, undefined, v, 'double');
    }
    return makeNode('string', q, close + 1 - q, undefined, singleQuoted(this.t, q + 1, close), 'single');
  }

  /** A plain scalar `text[q, end)`; in key position of a flow map, `<<` gives MERGE_NODE. */
  protected plain(q: number, end: number, atKey: boolean): AstNode {
    const s = this.t.slice(q, end);
    const v = resolvePlain(s, atKey);
    if (v === MERGE_KEY) return MERGE_NODE;
    return this.scalarNode(q, end, v);
  }

  protected scalarNode(q: number, end: number, v: ReturnType<typeof resolvePlain>): AstNode {
    if (v === UNSUPPORTED || v === MERGE_KEY) throw FAIL;
    if (v === null) return makeNode('null', q, end - q, undefined, null);
    if (typeof v === 'string') return makeNode('string', q, end - q, undefined, v, 'plain');
    return makeNode(typeof v === 'boolean' ? 'boolean' : 'number', q, end - q, undefined, v);
  }

  /** `*name` at `q`: a copy of the anchored node, as the reference expands aliases. */
  protected alias(q: number, depth: number): AstNode {
    const end = this.anchorEnd(q + 1);
    const target = this.anchors?.get(this.t.slice(q + 1, end));
    if (target === undefined || target === PENDING) throw FAIL;
    const d = depth + 1 + this.heights!.get(target)!;
    if (d > DEPTH_LIMIT) throw FAIL;
    if (d > this.deepest) this.deepest = d;
    this.p = end;
    const copy = cloneNode(target, undefined);
    // Past the reference's expansion budget, it reports an error: leave such documents to it.
    this.aliasNodes += countNodes(copy);
    if (this.aliasNodes > MAX_ALIAS_NODES) throw FAIL;
    this.lastAlias = copy;
    return copy;
  }

  /** Adds `key: value` to the properties of `map`, which are on the stack from `base`. */
  protected addProperty(map: AstNode, key: AstNode, value: AstNode, base: number): void {
    const stack = this.stack;
    const k = key.value;
    if (k === k) {
      // Keys must be unique, compared by value as the package does (NaN equals nothing).
      if (this.top - base < 16) {
        for (let i = base; i < this.top; i++) {
          if (stack[i].children![0].value === k) throw FAIL;
        }
      } else {
        this.keySets ??= new Map();
        let set = this.keySets.get(map);
        if (!set) {
          set = new Set();
          for (let i = base; i < this.top; i++) set.add(stack[i].children![0].value);
          this.keySets.set(map, set);
        }
        if (set.has(k)) throw FAIL;
        set.add(k);
      }
    }
    const keyEnd = key.offset + key.length;
    const end = value.offset + value.length;
    const prop = makeNode('property', key.offset, (end > keyEnd ? end : keyEnd) - key.offset, map);
    key.parent = prop;
    value.parent = prop;
    prop.children = [key, value];
    stack[this.top++] = prop;
  }

  /** Gives `node` the children on the stack from `base` (in an array of their exact size) and pops them. */
  protected close(node: AstNode, base: number): void {
    node.children = this.stack.slice(base, this.top);
    this.top = base;
  }

  /** The maps a merge key's value brings: an alias of a map, or a sequence whose maps are merged in order. */
  protected mergeSources(value: AstNode, merges: AstNode[] | undefined): AstNode[] {
    const out = merges ?? [];
    if (value === this.lastAlias) {
      if (value.type === 'object') out.push(value);
    } else if (value.type === 'array') {
      for (const item of value.children!) {
        if (item.type === 'object') out.push(item);
      }
    } else {
      throw FAIL; // yamlParse.ts would keep it as a property named "Symbol(<<)"
    }
    return out;
  }

  /**
   * Appends to `map`, after its own properties, those of each merge source whose key it lacks, flagged `merged`,
   * as yamlParse.ts does (whose copies share the source's children; here the children are moved to the copy).
   */
  protected applyMerges(map: AstNode, sources: AstNode[]): void {
    const props = map.children!;
    for (const source of sources) {
      for (const prop of source.children!) {
        const name = prop.children![0].value;
        if (!props.some((p) => p.children![0].value === name)) {
          const copy = makeNode('property', prop.offset, prop.length, map);
          copy.children = prop.children;
          copy.merged = true;
          for (const child of copy.children!) child.parent = copy;
          props.push(copy);
        }
      }
    }
  }
}

/** Stands for a plain `<<` key of a flow map. */
const MERGE_NODE: AstNode = makeNode('null', -1, 0);

function countNodes(node: AstNode): number {
  let n = 1;
  for (const child of node.children ?? []) {
    n += countNodes(child);
  }
  return n;
}

/** A deep copy of `node` (what an alias to it becomes), with its offsets. */
function cloneNode(node: AstNode, parent: AstNode | undefined): AstNode {
  const copy = makeNode(node.type, node.offset, node.length, parent, node.value, node.style);
  copy.merged = node.merged;
  if (node.children) {
    copy.children = node.children.map((child) => cloneNode(child, copy));
  }
  return copy;
}
