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

/** Collects the decoded text and, per UTF-16 unit, the source span `[start, end)` it came from. */
class MapBuilder {
  text = '';
  readonly starts: number[] = [];
  readonly ends: number[] = [];
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
    for (let i = from; i < to; i++) {
      const end = quotes && this.doc[i] === "'" && this.doc[i + 1] === "'" && i + 1 < to ? i + 2 : i + 1;
      this.emit(this.doc[i], i, end);
      i = end - 1;
    }
  }

  /** Decoded characters that all come from one source span (an escape sequence). */
  emit(chars: string, start: number, end: number): void {
    for (let k = 0; k < chars.length; k++) {
      this.text += chars[k];
      this.starts.push(start);
      this.ends.push(end);
    }
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
    return makeEmbedded(this.text, Int32Array.from(this.starts), Int32Array.from(this.ends), this);
  }
}

function makeEmbedded(
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  range: { contentStart: number; contentEnd: number },
): EmbeddedText {
  const n = text.length;
  const { contentStart, contentEnd } = range;
  const endOf = (i: number): number => (i <= 0 ? (n > 0 ? starts[0] : contentStart) : ends[Math.min(i, n) - 1]);
  return {
    text,
    toDoc: (offset) => (offset < n ? (n > 0 ? starts[Math.max(0, offset)] : contentStart) : endOf(n)),
    toDocEnd: endOf,
    fromDoc(d) {
      if (d < contentStart || d > contentEnd) {
        return undefined;
      }
      let lo = 0;
      let hi = n - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= d) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      if (found < 0) {
        return 0;
      }
      if (d >= ends[found]) {
        return found + 1;
      }
      while (found > 0 && starts[found - 1] === starts[found]) {
        found--; // both halves of a surrogate pair decoded from one escape: the cursor is before the first
      }
      return found;
    },
  };
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
      b.emit(ch, i, i + 1);
    }
  }
}

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
      b.emit(ch, i, i + 1);
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

