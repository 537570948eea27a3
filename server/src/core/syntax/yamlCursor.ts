/**
 * The character-level half of the fast YAML parser (`yamlFast.ts`): scanning lines, comments, plain and quoted
 * scalars and the blank or comment lines between nodes, with the rules of the `yaml` package's lexer and parser.
 * Anything it does not support throws `FAIL`.
 */

/** Thrown when the text is outside the supported subset; the caller then uses the reference parser. */
export const FAIL = new Error('YAML outside the fast subset');

const SP = 32;
const LF = 10;
const CR = 13;
const TAB = 9;
const HASH = 35;
const COLON = 58;

export class YamlCursor {
  protected readonly len: number;
  /** Current position. */
  protected p = 0;
  /** Indentation of the content line at `p`, or -1 at the end of the text or at a document marker line. */
  protected li = -1;
  /** Start of the line `p` is on. */
  protected lineStart = 0;
  /** The `range[2]` of the node just parsed: where the trivia attached to it ends. */
  protected r2 = 0;
  /**
   * Blank and comment lines after the last node of a collection that the package's parser keeps apart from it
   * (they start at `pendStart`, end at `p`); -1 when there are none. `pendIndent` is their deepest comment indent.
   */
  protected pendStart = -1;
  protected pendIndent = -1;
  /** Why the last `scanPlain` stopped: COLON (a `: ` indicator), HASH (a comment) or LF (line end). */
  protected stop = 0;

  constructor(protected readonly t: string) {
    this.len = t.length;
  }

  protected isEol(c: number, at: number): boolean {
    return c === LF || (c === CR && this.t.charCodeAt(at + 1) === LF) || at >= this.len;
  }

  /** Whether the character at `at` ends a token: space, line end, end of text (a tab is not supported). */
  protected isEmptyAt(at: number): boolean {
    const c = this.t.charCodeAt(at);
    if (c === TAB) throw FAIL;
    return c === SP || c === LF || c === CR || at >= this.len;
  }

  protected isFlowIndicator(c: number): boolean {
    return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
  }

  /** A `---` (`ch` = `-`) or `...` (`ch` = `.`) document marker at line start `at`. */
  protected isMarker(at: number, ch: number): boolean {
    const t = this.t;
    if (t.charCodeAt(at) !== ch || t.charCodeAt(at + 1) !== ch || t.charCodeAt(at + 2) !== ch) return false;
    const c = t.charCodeAt(at + 3);
    return c === SP || c === LF || c === CR || c === TAB || at + 3 >= this.len;
  }

  /** The start of the line after the one containing `at`. */
  protected nextLine(at: number): number {
    const nl = this.t.indexOf('\n', at);
    return nl === -1 ? this.len : nl + 1;
  }

  /** After a node ending at `p`: spaces, an optional comment, the line end. Returns the next line's start. */
  protected endLine(p: number, spaceBeforeComment: boolean): number {
    const t = this.t;
    let i = p;
    while (t.charCodeAt(i) === SP) i++;
    const c = t.charCodeAt(i);
    if (c === HASH) {
      if (i === p && spaceBeforeComment) throw FAIL;
      return this.nextLine(i);
    }
    if (c === LF) return i + 1;
    if (c === CR && t.charCodeAt(i + 1) === LF) return i + 2;
    if (i >= this.len) return this.len;
    throw FAIL;
  }

  /**
   * Skips blank and comment lines from line start `ls` to the next content line (setting `p`, `li`,
   * `lineStart`), a document marker or the end. Returns whether there was a comment.
   */
  protected emptyTrivia(ls: number): boolean {
    const t = this.t;
    let comment = false;
    this.pendStart = -1;
    for (;;) {
      let j = ls;
      while (t.charCodeAt(j) === SP) j++;
      const c = t.charCodeAt(j);
      if (j >= this.len) {
        this.p = this.len;
        this.li = -1;
        return comment;
      }
      if (c === HASH) {
        comment = true;
      } else if (c === TAB || (c === CR && t.charCodeAt(j + 1) !== LF)) {
        throw FAIL;
      } else if (c !== LF && c !== CR) {
        if (j === ls && (this.isMarker(ls, 45) || this.isMarker(ls, 46))) {
          this.p = ls;
          this.li = -1;
        } else {
          this.p = j;
          this.li = j - ls;
          this.lineStart = ls;
        }
        return comment;
      }
      ls = this.nextLine(j);
    }
  }

  /**
   * The blank and comment lines after a one-line node (whose line ends at `e`) in a collection indented `n`, as
   * the package's parser distributes them: a comment line indented more than the collection, possibly after
   * blank lines, joins the node (`r2` grows) when `absorb`; anything from the first other blank or comment line
   * on stays apart (`pendStart`), with the indentation of the next content line.
   */
  protected trivia(n: number, absorb: boolean, e: number): void {
    const t = this.t;
    let r2 = e;
    let ls = e;
    let state = 0; // 0: right after the node, 1: after blank lines, 2: after a comment kept apart
    let start = -1;
    let indent = -1;
    for (;;) {
      let j = ls;
      while (t.charCodeAt(j) === SP) j++;
      const c = t.charCodeAt(j);
      if (j >= this.len) {
        if (j > ls && state === 0) start = ls;
        this.p = this.len;
        this.li = -1;
        break;
      }
      if (c === LF || c === CR) {
        if (c === CR && t.charCodeAt(j + 1) !== LF) throw FAIL;
        if (state === 0) {
          start = ls;
          state = 1;
        }
        ls = this.nextLine(j);
        continue;
      }
      if (c === HASH) {
        const next = this.nextLine(j);
        const k = j - ls;
        if (absorb && state !== 2 && k > n) {
          r2 = next;
          state = 0;
          start = -1;
        } else {
          if (state === 0) start = ls;
          state = 2;
          if (k > indent) indent = k;
        }
        ls = next;
        continue;
      }
      if (c === TAB) throw FAIL;
      if (j === ls && (this.isMarker(ls, 45) || this.isMarker(ls, 46))) {
        this.p = ls;
        this.li = -1;
        break;
      }
      if (state === 0 && j > ls) start = ls;
      this.p = j;
      this.li = j - ls;
      this.lineStart = ls;
      break;
    }
    this.r2 = r2;
    this.pendStart = start;
    this.pendIndent = indent;
  }

  /**
   * The `range[2]` of the empty value of the last key of a map at column 0 that a `---` line (at `p`) ends, the
   * value's trivia starting at `q`. Meeting `---` at the map's column, the package's parser splits the trivia at
   * the second line break after the last comment indented more than the map (giving the rest to a following
   * item that never comes): the value ends there if what is left has a comment, else at `q`.
   */
  protected beforeDocStart(q: number): number {
    const t = this.t;
    let firstComment = -1;
    let breaks = 0; // line breaks since the last comment indented more than the map
    let second = -1;
    for (let i = q; i < this.p; ) {
      let j = i;
      while (t.charCodeAt(j) === SP) j++;
      let nl = j;
      if (t.charCodeAt(j) === HASH) {
        if (firstComment < 0) firstComment = j;
        if (i !== q && j > i) breaks = 0;
        nl = t.indexOf('\n', j);
        if (t.charCodeAt(nl - 1) === CR) nl--;
      }
      if (++breaks === 2) second = nl;
      i = this.nextLine(j);
    }
    if (breaks >= 2) {
      return firstComment >= 0 && firstComment < second ? second : q;
    }
    return firstComment >= 0 ? this.p : q;
  }

  /** Whether a plain scalar may start at `q` (in a flow collection when `flow`). */
  protected plainStart(q: number, flow: boolean): boolean {
    const c = this.t.charCodeAt(q);
    switch (c) {
      case 44: case 91: case 93: case 123: case 125: // , [ ] { }
      case HASH: case 38: case 42: case 33: case 124: case 62: // # & * ! | >
      case 39: case 34: case 37: case 64: case 96: // ' " % @ `
      case SP: case TAB: case LF: case CR: case 0xfeff:
        return false;
      case 45: case 63: case COLON: { // - ? :
        const d = this.t.charCodeAt(q + 1);
        return !this.isEmptyAt(q + 1) && !(flow && this.isFlowIndicator(d));
      }
    }
    return q < this.len;
  }

  /**
   * Scans a one-line plain scalar of block context from `q`; returns its end (trailing spaces excluded) and sets
   * `stop` and `p` (at the `:` of a `: ` indicator, the `#` of a comment, or the line end).
   */
  protected scanPlain(q: number): number {
    const t = this.t;
    let i = q;
    let end = q;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === COLON) {
        const d = t.charCodeAt(i + 1);
        if (d === SP || d === LF || d === CR || i + 1 >= this.len) {
          this.stop = COLON;
          break;
        }
        if (d === TAB) throw FAIL;
        end = ++i;
      } else if (c === SP) {
        if (t.charCodeAt(i + 1) === HASH) {
          this.stop = HASH;
          i++;
          break;
        }
        i++;
      } else if (c === LF || i >= this.len) {
        this.stop = LF;
        break;
      } else if (c === CR) {
        if (t.charCodeAt(i + 1) !== LF) throw FAIL;
        this.stop = LF;
        break;
      } else if (c === TAB) {
        throw FAIL;
      } else {
        end = ++i;
      }
    }
    this.p = i;
    return end;
  }

  /** Scans a plain scalar inside a flow collection; returns its end (trailing spaces excluded). */
  protected scanPlainFlow(q: number): number {
    const t = this.t;
    let i = q;
    let end = q;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === COLON) {
        const d = t.charCodeAt(i + 1);
        if (this.isEmptyAt(i + 1) || this.isFlowIndicator(d)) break;
        end = ++i;
      } else if (c === SP) {
        const d = t.charCodeAt(i + 1);
        if (d === HASH || this.isFlowIndicator(d)) break;
        i++;
      } else if (c === LF || c === CR || i >= this.len || this.isFlowIndicator(c)) {
        break;
      } else if (c === TAB) {
        throw FAIL;
      } else {
        end = ++i;
      }
    }
    return end;
  }

  /** The index of the closing quote of the one-line double-quoted scalar at `q`. */
  protected scanDouble(q: number): number {
    const t = this.t;
    for (let i = q + 1; i < this.len; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) return i;
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === LF || c === CR) throw FAIL;
    }
    throw FAIL;
  }

  /** The index of the closing quote of the one-line single-quoted scalar at `q`. */
  protected scanSingle(q: number): number {
    const t = this.t;
    for (let i = q + 1; i < this.len; i++) {
      const c = t.charCodeAt(i);
      if (c === 39) {
        if (t.charCodeAt(i + 1) !== 39) return i;
        i++;
      } else if (c === LF || c === CR) {
        throw FAIL;
      }
    }
    throw FAIL;
  }

  /** The end of the anchor or alias name starting at `q` (after `&` or `*`); only ordinary names are supported. */
  protected anchorEnd(q: number): number {
    const t = this.t;
    let i = q;
    for (;;) {
      const c = t.charCodeAt(i);
      if (
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
        c === 95 || c === 45 || c === 46 || c === 47 || c > 127
      ) {
        i++;
        continue;
      }
      if (i === q || !(c === SP || c === LF || c === CR || c === 44 || c === 93 || c === 125 || i >= this.len)) {
        throw FAIL;
      }
      return i;
    }
  }

  /**
   * Skips spaces, line breaks and comments inside a flow collection from `p` (`sp`: whether a space precedes
   * `p`), checking each new line's indentation like the package's lexer. Returns the next token's position.
   */
  protected flowSpace(p: number, sp: boolean, indentNext: number, level: number): number {
    const t = this.t;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === SP) {
        p++;
        sp = true;
      } else if (c === LF || (c === CR && t.charCodeAt(p + 1) === LF)) {
        const ls = (p += c === CR ? 2 : 1);
        while (t.charCodeAt(p) === SP) p++;
        const d = t.charCodeAt(p);
        sp = true;
        if (d !== LF && d !== CR && d !== HASH && p < this.len) {
          const indent = p - ls;
          if (indent < indentNext && !(indent === indentNext - 1 && level === 1 && (d === 93 || d === 125))) throw FAIL;
          if (indent === 0 && (this.isMarker(ls, 45) || this.isMarker(ls, 46))) throw FAIL;
        }
      } else if (c === HASH) {
        if (!sp) throw FAIL;
        const nl = t.indexOf('\n', p);
        p = nl === -1 ? this.len : nl;
      } else if (c === TAB || c === CR || p >= this.len) {
        throw FAIL;
      } else {
        return p;
      }
    }
  }
}
