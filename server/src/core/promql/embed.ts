import type { AstNode } from '../syntax/ast';
import { blockHeader, blockLines, decodeBlock } from './embedBlock';
import type { Span } from './types';

/**
 * The PromQL a user wrote inside a YAML or JSON string, and an exact map between offsets in that decoded text and
 * offsets in the document. Offsets are UTF-16 code units on both sides, as lezer and VS Code count them.
 */
export interface EmbeddedText {
  /** The decoded value of the scalar: what Prometheus or Grafana receives. */
  text: string;
  /**
   * Document offset of the source character that produced `text[offset]`; an escape sequence maps to its first
   * character (`\`), a folded line break to the break. `text.length` maps to just after the last character.
   */
  toDoc(offset: number): number;
  /** Document offset for the exclusive end of a span ending at `offset`: just after the source of `text[offset-1]`. */
  toDocEnd(offset: number): number;
  /**
   * Offset in `text` for a cursor at `docOffset`: the character there, or the next one when the cursor is in source
   * that produced nothing (indentation, folded whitespace); undefined outside the scalar's content (quotes, header).
   */
  fromDoc(docOffset: number): number | undefined;
}

/**
 * Decodes a string scalar (or a plain scalar that YAML typed as a number/boolean/null) and maps its offsets.
 * Mirrors the `yaml` package's own scalar resolution (compose/resolve-flow-scalar.js and
 * resolve-block-scalar.js), which is the parser behind our AST, so the text equals `node.value` exactly.
 */
export function embeddedText(node: AstNode, docText: string): EmbeddedText | undefined {
  if (node.type === 'object' || node.type === 'array' || node.type === 'property') {
    return undefined;
  }
  const b = new MapBuilder(docText, node.offset, node.offset + node.length);
  const style = node.type === 'string' ? (node.style ?? 'plain') : 'plain';
  switch (style) {
    case 'plain':
      unfold(b, node.offset, node.offset + node.length, false);
      break;
    case 'single':
      decodeSingle(b);
      break;
    case 'double':
      decodeDouble(b);
      break;
    case 'json':
      decodeJson(b);
      break;
    case 'literal':
    case 'folded':
      return decodeBlockChecked(node, docText);
  }
  return b.finish(node);
}

/**
 * The document range of a span of the embedded text (a PromQL problem): from the source of its first character to
 * just after the source of its last, so an escape or a folded line inside it is covered whole.
 */
export function docSpan(e: EmbeddedText, span: Span): Span {
  const from = e.toDoc(span.from);
  return { from, to: span.to > span.from ? Math.max(from, e.toDocEnd(span.to)) : from };
}

/**
 * Collects the decoded text and where each UTF-16 unit came from, as runs: a *linear* run maps unit i to the one
 * source character `[doc + i, doc + i + 1)` (text copied as written, the usual case), a *fixed* run maps all its
 * units to one source span `[doc, end)` (an escape sequence, a folded break). A scalar written as-is is one run.
 */
class MapBuilder {
  text = '';
  /** Per run: its first unit in `text`, its source offset, and the end of its source span for a fixed run (-1: linear). */
  private readonly runText: number[] = [];
  private readonly runDoc: number[] = [];
  private readonly runEnd: number[] = [];
  contentStart: number;
  contentEnd: number;

  constructor(
    readonly doc: string,
    readonly from: number,
    readonly to: number,
  ) {
    this.contentStart = from;
    this.contentEnd = to;
  }

  /** Source characters copied unchanged. With `quotes`, `''` becomes one `'` (single-quoted YAML). */
  verbatim(from: number, to: number, quotes = false): void {
    let i = from;
    while (i < to) {
      const quote = quotes ? this.doc.indexOf("''", i) : -1;
      const stop = quote >= 0 && quote + 1 < to ? quote : to;
      if (stop > i) {
        this.linear(this.doc.slice(i, stop), i);
      }
      if (stop === to) {
        return;
      }
      this.emit("'", stop, stop + 2);
      i = stop + 2;
    }
  }

  /** Decoded characters that all come from one source span (an escape sequence). */
  emit(chars: string, start: number, end: number): void {
    if (chars.length === 1 && end === start + 1) {
      this.linear(chars, start);
      return;
    }
    const last = this.runText.length - 1;
    if (last < 0 || this.runEnd[last] !== end || this.runDoc[last] !== start) {
      this.runText.push(this.text.length);
      this.runDoc.push(start);
      this.runEnd.push(end);
    }
    this.text += chars;
  }

  /**
   * The characters YAML produces for a run of line breaks (one space, or n-1 newlines for n breaks): they map, in
   * order, to the last of the breaks, so offsets stay in source order.
   */
  fold(chars: string, breaks: number[]): void {
    for (let k = 0; k < chars.length; k++) {
      const at = breaks[Math.max(0, breaks.length - chars.length + k)] ?? this.to;
      // A break past the scalar's end is one the parser adds without a source character (`|` at the end of file).
      const width = at >= this.to ? 0 : this.doc[at] === '\r' && this.doc[at + 1] === '\n' ? 2 : 1;
      this.emit(chars[k], at, at + width);
    }
  }

  finish(node: AstNode): EmbeddedText {
    if (typeof node.value === 'string' && node.type === 'string' && node.value !== this.text) {
      // Never expected (the decoders mirror the parser); stay usable with a coarse map rather than mislead.
      return coarseMap(node.value, this.contentStart, this.contentEnd);
    }
    return new RunMap(this.text, Int32Array.from(this.runText), Int32Array.from(this.runDoc), Int32Array.from(this.runEnd), this);
  }

  /** Characters copied from `start` on, one source character each. */
  private linear(chars: string, start: number): void {
    const last = this.runText.length - 1;
    const continues = last >= 0 && this.runEnd[last] < 0 && this.runDoc[last] + (this.text.length - this.runText[last]) === start;
    if (!continues) {
      this.runText.push(this.text.length);
      this.runDoc.push(start);
      this.runEnd.push(-1);
    }
    this.text += chars;
  }
}

/** The offset map of MapBuilder's runs. */
class RunMap implements EmbeddedText {
  private readonly n: number;
  private readonly contentStart: number;
  private readonly contentEnd: number;

  constructor(
    readonly text: string,
    private readonly runText: Int32Array,
    private readonly runDoc: Int32Array,
    private readonly runEnd: Int32Array,
    range: { contentStart: number; contentEnd: number },
  ) {
    this.n = text.length;
    this.contentStart = range.contentStart;
    this.contentEnd = range.contentEnd;
  }

  toDoc(offset: number): number {
    if (this.n === 0) {
      return this.contentStart;
    }
    return offset < this.n ? this.startOf(Math.max(0, offset)) : this.endOf(this.n - 1);
  }

  toDocEnd(offset: number): number {
    if (offset <= 0) {
      return this.n > 0 ? this.startOf(0) : this.contentStart;
    }
    return this.endOf(Math.min(offset, this.n) - 1);
  }

  fromDoc(d: number): number | undefined {
    if (d < this.contentStart || d > this.contentEnd) {
      return undefined;
    }
    // The run holding the last unit whose source starts at or before d.
    let lo = 0;
    let hi = this.runText.length - 1;
    let run = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.runDoc[mid] <= d) {
        run = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (run < 0) {
      return 0;
    }
    const first = this.runText[run];
    const last = (run + 1 < this.runText.length ? this.runText[run + 1] : this.n) - 1;
    let found = this.runEnd[run] < 0 ? Math.min(first + d - this.runDoc[run], last) : last;
    if (d >= this.endOf(found)) {
      return found + 1;
    }
    while (found > 0 && this.startOf(found - 1) === this.startOf(found)) {
      found--; // units decoded from one escape (a surrogate pair): the cursor is before the first
    }
    return found;
  }

  /** The run holding unit i. */
  private runOf(i: number): number {
    let lo = 0;
    let hi = this.runText.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runText[mid] <= i) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private startOf(i: number): number {
    const r = this.runOf(i);
    return this.runEnd[r] < 0 ? this.runDoc[r] + (i - this.runText[r]) : this.runDoc[r];
  }

  private endOf(i: number): number {
    const r = this.runOf(i);
    return this.runEnd[r] < 0 ? this.runDoc[r] + (i - this.runText[r]) + 1 : this.runEnd[r];
  }
}

/** A map that only keeps offsets inside the scalar: used if decoding ever disagrees with the parser's value. */
function coarseMap(text: string, contentStart: number, contentEnd: number): EmbeddedText {
  const clamp = (d: number): number => Math.min(contentEnd, Math.max(contentStart, d));
  return {
    text,
    toDoc: (offset) => clamp(contentStart + offset),
    toDocEnd: (offset) => clamp(contentStart + offset),
    fromDoc: (d) => (d < contentStart || d > contentEnd ? undefined : Math.min(text.length, d - contentStart)),
  };
}

const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/**
 * Plain and single-quoted line folding (the `yaml` package's `unfoldLines`): the first line loses trailing
 * blanks, inner lines both, the last line leading blanks; one break becomes a space, n breaks n-1 newlines.
 */
function unfold(b: MapBuilder, from: number, to: number, quotes: boolean): void {
  const doc = b.doc;
  let nl = doc.indexOf('\n', from);
  if (nl < 0 || nl >= to) {
    b.verbatim(from, to, quotes);
    return;
  }
  let end = nl > from && doc[nl - 1] === '\r' ? nl - 1 : nl;
  b.verbatim(from, trimEnd(doc, from, end), quotes);
  let sep = ' ';
  let gap = '';
  let breaks = [end];
  let pos = nl + 1;
  while ((nl = doc.indexOf('\n', pos)) >= 0 && nl < to) {
    end = nl > pos && doc[nl - 1] === '\r' ? nl - 1 : nl;
    const s = trimStart(doc, pos, end);
    const e = trimEnd(doc, s, end);
    if (s === e) {
      if (sep === '\n') {
        gap += sep;
      } else {
        sep = '\n';
      }
    } else {
      b.fold(gap + sep, breaks);
      b.verbatim(s, e, quotes);
      sep = ' ';
      gap = '';
      breaks = [];
    }
    breaks.push(end);
    pos = nl + 1;
  }
  b.fold(gap + sep, breaks);
  b.verbatim(trimStart(doc, pos, to), to, quotes);
}

function trimEnd(doc: string, from: number, to: number): number {
  while (to > from && isBlank(doc[to - 1])) {
    to--;
  }
  return to;
}

function trimStart(doc: string, from: number, to: number): number {
  while (from < to && isBlank(doc[from])) {
    from++;
  }
  return from;
}

function closingQuote(b: MapBuilder, quote: string): number {
  const terminated = b.to - b.from > 1 && b.doc[b.to - 1] === quote;
  return terminated ? b.to - 1 : b.to;
}

function decodeSingle(b: MapBuilder): void {
  // The parser drops the last character even when it is not the closing quote (the value of an unterminated
  // scalar): slice(1, -1).
  const end = Math.max(b.from + 1, b.to - 1);
  b.contentStart = b.from + 1;
  b.contentEnd = closingQuote(b, "'");
  unfold(b, b.from + 1, end, true);
}

/** YAML's single-character escapes (`\0 \a \b \e \f \n \r \t \v \N \_ \L \P`, escaped blanks, `"`, `/`, `\`). */
const YAML_ESCAPES = escapeTable('0abefnrtvN_LP "/\\\t', '\0\x07\b\x1b\f\n\r\t\v\u0085\u00a0\u2028\u2029 "/\\\t');
const JSON_ESCAPES = escapeTable('"\\/bfnrt', '"\\/\b\f\n\r\t');

function escapeTable(keys: string, values: string): Record<string, string> {
  return Object.fromEntries([...keys].map((k, i) => [k, values[i]]));
}

/** Double-quoted YAML, index for index as the `yaml` package's `doubleQuotedValue`. */
function decodeDouble(b: MapBuilder): void {
  const doc = b.doc;
  b.contentStart = b.from + 1;
  b.contentEnd = closingQuote(b, '"');
  for (let i = b.from + 1; i < b.to - 1; ++i) {
    const ch = doc[i];
    if (ch === '\r' && doc[i + 1] === '\n') {
      continue;
    }
    if (ch === '\n') {
      i = foldDoubleNewline(b, i);
    } else if (ch === '\\') {
      i = doubleEscape(b, i);
    } else if (isBlank(ch)) {
      const wsStart = i;
      while (isBlank(doc[i + 1])) {
        ++i;
      }
      if (doc[i + 1] !== '\n' && !(doc[i + 1] === '\r' && doc[i + 2] === '\n')) {
        b.verbatim(wsStart, i + 1);
      }
    } else {
      let end = i + 1;
      while (end < b.to - 1 && !DOUBLE_SPECIAL.has(doc[end])) {
        end++;
      }
      b.verbatim(i, end);
      i = end - 1;
    }
  }
}

/** Characters of a double-quoted scalar that decodeDouble treats one by one; runs of others are copied as they are. */
const DOUBLE_SPECIAL = new Set(['\\', '\n', '\r', ' ', '\t']);

/** A line break inside double quotes: one space, or a newline per further break; leading blanks dropped. */
function foldDoubleNewline(b: MapBuilder, at: number): number {
  const doc = b.doc;
  const breaks = [at];
  let fold = '';
  let ch = doc[at + 1];
  while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
    if (ch === '\r' && doc[at + 2] !== '\n') {
      break;
    }
    if (ch === '\n') {
      fold += '\n';
      breaks.push(at + 1);
    }
    at += 1;
    ch = doc[at + 1];
  }
  b.fold(fold || ' ', breaks);
  return at;
}

/** One escape sequence starting at the backslash `at`; returns the index of its last character. */
function doubleEscape(b: MapBuilder, at: number): number {
  const doc = b.doc;
  let i = at + 1;
  let next = doc[i];
  const code = YAML_ESCAPES[next];
  if (code) {
    b.emit(code, at, i + 1);
  } else if (next === '\n' || (next === '\r' && doc[i + 1] === '\n')) {
    // An escaped line break joins the lines; the next line's leading blanks still go.
    if (next === '\r') {
      ++i;
    }
    next = doc[i + 1];
    while (isBlank(next)) {
      next = doc[++i + 1];
    }
  } else if (next === 'x' || next === 'u' || next === 'U') {
    const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
    const hex = doc.slice(i + 1, Math.min(i + 1 + length, b.to));
    const cp = hex.length === length && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
    if (Number.isInteger(cp) && cp <= 0x10ffff) {
      b.emit(String.fromCodePoint(cp), at, i + 1 + length);
    } else {
      b.verbatim(at, Math.min(at + length + 2, b.to));
    }
    i += length;
  } else {
    b.verbatim(at, Math.min(at + 2, b.to));
  }
  return i;
}

/** A JSON string: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` and `\uXXXX` (surrogate pairs are two escapes). */
function decodeJson(b: MapBuilder): void {
  const doc = b.doc;
  b.contentStart = b.from + 1;
  b.contentEnd = closingQuote(b, '"');
  for (let i = b.from + 1; i < b.contentEnd; i++) {
    const ch = doc[i];
    if (ch !== '\\') {
      const backslash = doc.indexOf('\\', i);
      const end = backslash < 0 || backslash > b.contentEnd ? b.contentEnd : backslash;
      b.verbatim(i, end);
      i = end - 1;
      continue;
    }
    const next = doc[i + 1];
    const simple = JSON_ESCAPES[next];
    const hex = next === 'u' ? doc.substr(i + 2, 4) : '';
    if (simple !== undefined) {
      b.emit(simple, i, i + 2);
      i += 1;
    } else if (/^[0-9a-fA-F]{4}$/.test(hex)) {
      b.emit(String.fromCharCode(parseInt(hex, 16)), i, i + 6);
      i += 5;
    } else {
      // Invalid escape: the JSON parser reports it; keep the characters as written.
      b.emit(ch, i, i + 1);
    }
  }
}

/** Block scalars: literal `|` keeps line breaks, folded `>` joins lines as YAML folds them; chomping and indicators. */
function decodeBlockChecked(node: AstNode, doc: string): EmbeddedText {
  const from = node.offset;
  const to = node.offset + node.length;
  const header = blockHeader(doc, from, to);
  const nl = doc.indexOf('\n', from);
  const bodyStart = nl < 0 || nl >= to ? to : nl + 1;
  const lines = blockLines(doc, bodyStart, to);
  const expected = typeof node.value === 'string' ? node.value : undefined;
  let b = new MapBuilder(doc, from, to);
  decodeBlock(b, header, lines, parentIndent(node, doc));
  // With an indentation indicator the indentation of the parent collection matters; our AST only approximates it
  // (anchors or tags before a key), so confirm against the parser's value and try the other plausible levels.
  for (let base = 0; header.indent > 0 && expected !== undefined && b.text !== expected && base <= 100; base++) {
    b = new MapBuilder(doc, from, to);
    decodeBlock(b, header, lines, base);
  }
  b.contentStart = bodyStart;
  return b.finish(node);
}

/** The indentation of the block collection holding the node, as the `yaml` lexer records it for the scalar. */
function parentIndent(node: AstNode, doc: string): number {
  const parent = node.parent;
  const at = parent?.type === 'property' || parent?.type === 'array' ? parent.offset : undefined;
  return at === undefined ? 0 : at - (doc.lastIndexOf('\n', at - 1) + 1);
}

