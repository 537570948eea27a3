import * as ast from './ast';
import type { AstNode, ParsedDocument } from './ast';
import { FAIL } from './yamlCursor';
import { DEPTH_LIMIT, YamlNodes } from './yamlNodes';
import * as scalars from './yamlScalars';

// Local copies of imported bindings: compiled to CommonJS (as tsx runs tests and benchmarks), each access to an
// imported binding is a getter call, a tenth of the parse time on the hot path.
const { makeNode } = ast;
const { blockScalar, blockScalarInfo, resolvePlain } = scalars;
const UNSUPPORTED: typeof scalars.UNSUPPORTED = scalars.UNSUPPORTED;
const MERGE_KEY: typeof scalars.MERGE_KEY = scalars.MERGE_KEY;

/**
 * A fast parser for the subset of YAML that configuration files use, producing exactly what `parseYamlReference`
 * (the `yaml` package) produces, offsets included, in one pass without the package's token objects.
 *
 * It returns `undefined` for anything outside the subset — tags, directives, complex keys, multi-line plain or
 * quoted scalars, tabs, anchors on keys or empty nodes, documents too deep — and for any syntax error, so the
 * caller can use the reference parser, which also reports errors.
 *
 * Offsets follow the package's ranges: a node's length is its `range[1] - range[0]`, where a block collection ends
 * where its last item's `range[2]` ends: after that item's line, the more-indented comment lines the package
 * attaches to it, and the trailing comment lines it keeps inside the collection (see `trivia`).
 */
export function parseYamlFast(text: string): ParsedDocument[] | undefined {
  try {
    return new FastYaml(text).stream();
  } catch {
    return undefined; // FAIL; and should anything else go wrong, the reference still gives the answer
  }
}

const SP = 32;
const LF = 10;
const CR = 13;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;
const LBRACE = 123;
const AMP = 38;
const STAR = 42;
const PIPE = 124;
const GT = 62;

class FastYaml extends YamlNodes {
  stream(): ParsedDocument[] {
    const docs: ParsedDocument[] = [];
    if (this.t.charCodeAt(0) === 0xfeff) {
      throw FAIL;
    }
    let p = this.streamTrivia(0);
    while (p < this.len) {
      docs.push(this.document(p));
      p = this.p;
    }
    return docs;
  }

  /** Skips blank and comment lines outside documents; returns where the next document starts. */
  private streamTrivia(p: number): number {
    const t = this.t;
    for (;;) {
      let j = p;
      while (t.charCodeAt(j) === SP) j++;
      const c = t.charCodeAt(j);
      if (j >= this.len) return this.len;
      if (c === HASH || c === LF || (c === CR && t.charCodeAt(j + 1) === LF)) {
        p = this.nextLine(j);
        continue;
      }
      if (c === TAB || c === 0xfeff || (j === p && c === 37) /* % directive */) throw FAIL;
      return p; // content, `---` or `...` (which makes an empty document)
    }
  }

  private document(ds: number): ParsedDocument {
    this.anchors = undefined;
    this.heights = undefined;
    this.deepest = 0;
    const t = this.t;
    let root: AstNode;
    let r2: number;
    if (this.isMarker(ds, 46)) {
      // `...` outside a document: the package makes an empty document of it.
      root = makeNode('null', ds, 0, undefined, null);
      this.p = ds;
      this.li = -1;
      r2 = ds;
    } else if (this.isMarker(ds, DASH)) {
      let q = ds + 3;
      while (t.charCodeAt(q) === SP) q++;
      const empty = q;
      const c = t.charCodeAt(q);
      let comment = c === HASH;
      if (!comment && !this.isEol(c, q)) throw FAIL;
      comment = this.emptyTrivia(this.nextLine(q)) || comment;
      if (this.li >= 0) {
        root = this.rootNode();
        r2 = this.r2;
      } else {
        root = makeNode('null', empty, 0, undefined, null);
        r2 = comment ? this.p : empty;
      }
    } else {
      let j = ds;
      while (t.charCodeAt(j) === SP) j++;
      this.p = j;
      this.li = j - ds;
      this.lineStart = ds;
      root = this.rootNode();
      r2 = this.r2;
    }
    if (this.li >= 0) throw FAIL; // content after the root node
    if (this.isMarker(this.p, 46)) {
      // `...`: the document ends after that line; then stream level again.
      r2 = this.endLine(this.p + 3, false);
      this.p = this.streamTrivia(r2);
    }
    return { root, errors: [], offset: ds, length: Math.min(r2, this.len) - ds };
  }

  /** The root node at `this.p`; sets `this.r2` to the document's content end. */
  private rootNode(): AstNode {
    const start = this.p;
    const node = this.inlineValue(start, -1, 0, true);
    if (node.type === 'object' || node.type === 'array') {
      if (this.t.charCodeAt(start) !== LBRACKET && this.t.charCodeAt(start) !== LBRACE) {
        if (this.pendStart >= 0) this.r2 = this.p; // trailing comment lines move to the document
        return node;
      }
    }
    // A one-line root: the document also takes the next line if it is blank or a comment, then no more content.
    let e = this.r2;
    let j = e;
    while (this.t.charCodeAt(j) === SP) j++;
    const c = this.t.charCodeAt(j);
    if (j >= this.len) e = this.len;
    else if (c === HASH || c === LF || (c === CR && this.t.charCodeAt(j + 1) === LF)) e = this.nextLine(j);
    this.r2 = e;
    this.emptyTrivia(e);
    return node;
  }

  /**
   * The node starting at `q` on the current line, in a collection indented `n` (-1 at the root): after `key: `
   * (`collections` false), after `- ` or at a line start (`collections` true, so a key opens a block map and `- `
   * a block sequence). One-line nodes consume their line and the trivia after it (see `trivia`).
   */
  private inlineValue(q: number, n: number, depth: number, collections: boolean): AstNode {
    const t = this.t;
    const c = t.charCodeAt(q);
    let node: AstNode;
    let absorb = true;
    switch (c) {
      case DASH:
        if (this.isEmptyAt(q + 1)) {
          if (!collections) throw FAIL;
          return this.blockSeq(q, q - this.lineStart, depth);
        }
        node = this.plainOrMap(q, depth, collections);
        if (node.type === 'object') return node;
        break;
      case LBRACKET:
      case LBRACE:
        node = this.flowNode(q, depth, n + 1, 1);
        this.r2 = this.endLine(this.p, true);
        break;
      case DQUOTE:
      case SQUOTE: {
        const close = c === DQUOTE ? this.scanDouble(q) : this.scanSingle(q);
        let k = close + 1;
        while (t.charCodeAt(k) === SP) k++;
        if (t.charCodeAt(k) === COLON && this.isEmptyAt(k + 1)) {
          if (!collections) throw FAIL;
          return this.blockMap(q, q - this.lineStart, depth, close + 1, k);
        }
        node = this.quoted(q, close);
        this.r2 = this.endLine(close + 1, true);
        break;
      }
      case STAR:
        if (n < 0) throw FAIL;
        node = this.alias(q, depth);
        this.r2 = this.endLine(this.p, true);
        break;
      case PIPE:
      case GT: {
        if (n < 0) throw FAIL;
        const value = blockScalar(t, q, n);
        if (value === UNSUPPORTED) throw FAIL;
        node = makeNode('string', q, blockScalarInfo.end - q, undefined, value, c === PIPE ? 'literal' : 'folded');
        this.r2 = blockScalarInfo.end;
        absorb = false; // the package attaches no comment to a block scalar
        break;
      }
      default:
        node = this.plainOrMap(q, depth, collections);
        if (node.type === 'object') return node;
    }
    if (n >= 0) {
      this.trivia(n, absorb, this.r2);
    }
    return node;
  }

  /** A plain scalar at `q` (consuming its line), or the block map it is the first key of. */
  private plainOrMap(q: number, depth: number, collections: boolean): AstNode {
    if (!this.plainStart(q, false)) throw FAIL;
    const end = this.scanPlain(q);
    if (this.stop === COLON) {
      if (!collections) throw FAIL;
      return this.blockMap(q, q - this.lineStart, depth, end, this.p);
    }
    const node = this.plain(q, end, false);
    this.r2 = this.endLine(end, true);
    return node;
  }

  /** A block map indented `n` whose first key, already scanned, is `text[start, keyEnd)` with its colon at `colon`. */
  private blockMap(start: number, n: number, depth: number, keyEnd: number, colon: number): AstNode {
    if (depth + 1 > DEPTH_LIMIT) throw FAIL;
    if (depth + 1 > this.deepest) this.deepest = depth + 1;
    const t = this.t;
    const map = makeNode('object', start, 0);
    const base = this.top;
    let merges: AstNode[] | undefined;
    let p = start;
    for (;;) {
      const key = this.key(p, keyEnd, colon);
      keyEnd = -1;
      const value = this.mapValue(n, depth + 1, this.p);
      if (key === undefined) {
        merges = this.mergeSources(value, merges);
      } else {
        this.addProperty(map, key, value, base);
      }
      const lastR2 = this.r2;
      if (this.li === n) {
        if (t.charCodeAt(this.p) === DASH && this.isEmptyAt(this.p + 1)) throw FAIL;
        this.pendStart = -1;
        p = this.p;
        continue;
      }
      if (this.li > n) throw FAIL;
      map.length = lastR2 - start;
      break;
    }
    this.close(map, base);
    if (merges) this.applyMerges(map, merges);
    this.endCollection(n, start + map.length);
    return map;
  }

  /**
   * The key at `p` (one line, then `:`), leaving `this.p` after the colon; undefined for a merge key `<<`. When
   * `keyEnd` is not -1, the key was scanned already: it ends there, and its colon is at `colon`.
   */
  private key(p: number, keyEnd: number, colon: number): AstNode | undefined {
    const t = this.t;
    const c = t.charCodeAt(p);
    let node: AstNode;
    if (c === DQUOTE || c === SQUOTE) {
      const close = keyEnd >= 0 ? keyEnd - 1 : c === DQUOTE ? this.scanDouble(p) : this.scanSingle(p);
      node = this.quoted(p, close);
      if (node.value === '<<') throw FAIL;
      if (keyEnd < 0) {
        colon = close + 1;
        while (t.charCodeAt(colon) === SP) colon++;
        if (t.charCodeAt(colon) !== COLON || !this.isEmptyAt(colon + 1)) throw FAIL;
      }
    } else {
      let end = keyEnd;
      if (end < 0) {
        if (!this.plainStart(p, false)) throw FAIL;
        end = this.scanPlain(p);
        if (this.stop !== COLON) throw FAIL;
        colon = this.p;
      }
      const s = t.slice(p, end);
      const v = resolvePlain(s, true);
      if (v === MERGE_KEY) {
        this.p = colon + 1;
        return undefined;
      }
      node = this.scalarNode(p, end, v);
    }
    // The package rejects a `:` over 1024 characters after the end of the previous node (about the line start).
    if (colon - this.lineStart > 1000) throw FAIL;
    this.p = colon + 1;
    return node;
  }

  /** The value after `key:` (`q` is right after the colon) of a map indented `n`. */
  private mapValue(n: number, depth: number, q: number): AstNode {
    const t = this.t;
    while (t.charCodeAt(q) === SP) q++;
    const c = t.charCodeAt(q);
    if (c === HASH || this.isEol(c, q)) {
      const comment = this.emptyTrivia(this.nextLine(q)) || c === HASH;
      if (this.li > n) return this.inlineValue(this.p, n, depth, true);
      if (this.li === n && t.charCodeAt(this.p) === DASH && this.isEmptyAt(this.p + 1)) {
        return this.blockSeq(this.p, n, depth);
      }
      if (n === 0 && this.li < 0 && this.isMarker(this.p, DASH)) {
        this.r2 = this.beforeDocStart(q);
      } else {
        this.r2 = comment ? this.p : q;
      }
      return makeNode('null', q, 0, undefined, null);
    }
    if (c === AMP) return this.anchored(q, n, depth, true);
    return this.inlineValue(q, n, depth, false);
  }

  /** `&name` at `q` and the node it anchors, on the same line or (a collection) on the next lines. */
  private anchored(q: number, n: number, depth: number, inMap: boolean): AstNode {
    const t = this.t;
    const end = this.anchorEnd(q + 1);
    const name = t.slice(q + 1, end);
    if (t.charCodeAt(end) !== SP && !this.isEol(t.charCodeAt(end), end)) throw FAIL;
    let r = end;
    while (t.charCodeAt(r) === SP) r++;
    const c = t.charCodeAt(r);
    const saved = this.openAnchor(name, depth);
    let node: AstNode;
    if (c === HASH || this.isEol(c, r)) {
      this.emptyTrivia(this.nextLine(r));
      if (this.li > n) {
        node = this.inlineValue(this.p, n, depth, true);
      } else if (inMap && this.li === n && t.charCodeAt(this.p) === DASH && this.isEmptyAt(this.p + 1)) {
        node = this.blockSeq(this.p, n, depth);
      } else {
        throw FAIL; // an anchored empty node
      }
    } else {
      if (c === AMP || c === STAR) throw FAIL;
      node = this.inlineValue(r, n, depth, false);
    }
    this.closeAnchor(name, node, depth, saved);
    return node;
  }

  private blockSeq(start: number, n: number, depth: number): AstNode {
    if (depth + 1 > DEPTH_LIMIT) throw FAIL;
    if (depth + 1 > this.deepest) this.deepest = depth + 1;
    const t = this.t;
    const seq = makeNode('array', start, 0);
    const base = this.top;
    let dash = start;
    let before = false;
    for (;;) {
      let r = dash + 1;
      while (t.charCodeAt(r) === SP) r++;
      const c = t.charCodeAt(r);
      let item: AstNode;
      if (c === HASH || this.isEol(c, r)) {
        // Comment lines kept apart before this `-` belong to it: they count as the empty item's comment.
        const comment = this.emptyTrivia(this.nextLine(r)) || c === HASH || before;
        if (this.li > n) {
          item = this.inlineValue(this.p, n, depth + 1, true);
        } else {
          item = makeNode('null', r, 0, undefined, null);
          this.r2 = comment ? this.p : r;
        }
      } else if (c === AMP) {
        item = this.anchored(r, n, depth + 1, false);
      } else {
        item = this.inlineValue(r, n, depth + 1, true);
      }
      item.parent = seq;
      this.stack[this.top++] = item;
      const lastR2 = this.r2;
      if (this.li === n && t.charCodeAt(this.p) === DASH && this.isEmptyAt(this.p + 1)) {
        before = this.pendStart >= 0 && this.pendIndent >= 0;
        this.pendStart = -1;
        dash = this.p;
        continue;
      }
      if (this.li > n) throw FAIL;
      seq.length = lastR2 - start;
      break;
    }
    this.close(seq, base);
    this.endCollection(n, start + seq.length);
    return seq;
  }

  /**
   * A block collection indented `n` ends at `end`; comment lines after it (`pendStart`) stay inside it, which
   * extends its `range[2]`, unless one of them is indented at least as much as it (the package's parser moves
   * them to the parent otherwise, and a collection at column 0 always passes them on).
   */
  private endCollection(n: number, end: number): void {
    if (this.pendStart >= 0 && n !== 0 && this.pendIndent >= n) {
      this.r2 = this.p;
      this.pendStart = -1;
    } else {
      this.r2 = end;
    }
  }
}
