/**
 * Go's strconv for template text: quoting (`%q`, `strconv.Quote`), unquoting of string and character literals
 * (`strconv.Unquote`, `strconv.UnquoteChar`) and UTF-8 byte lengths (Go strings are bytes; ours are UTF-16).
 */

const QUOTE_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
const SIMPLE_UNESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) {
    // ASCII without the Unicode tables (their first use compiles them, which costs milliseconds).
    return cp >= 0x20 && cp < 0x7f;
  }
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function quoteCodePoint(cp: number, quote: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') {
    return `\\${ch}`;
  }
  if (cp >= 0xd800 && cp <= 0xdfff) {
    return '\\ufffd';
  }
  if (isPrint(cp) && (!asciiOnly || cp < 0x80)) {
    return ch;
  }
  if (QUOTE_ESCAPES[cp]) {
    return QUOTE_ESCAPES[cp];
  }
  if (cp < 0x80) {
    return `\\x${cp.toString(16).padStart(2, '0')}`;
  }
  return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** strconv.Quote (and `%q` of a string); `%+q` passes asciiOnly. */
export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) {
    out += quoteCodePoint(ch.codePointAt(0)!, '"', asciiOnly);
  }
  return `${out}"`;
}

/** `%q` of a rune (strconv.QuoteRune). */
export function goQuoteRune(cp: number, asciiOnly = false): string {
  const valid = cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
  return `'${quoteCodePoint(valid ? cp : 0xfffd, "'", asciiOnly)}'`;
}

/** strconv.CanBackquote: no control characters (but tab), no backquote, no U+FEFF. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if ((cp < 0x20 && cp !== 9) || cp === 0x7f || ch === '`' || cp === 0xfeff) {
      return false;
    }
  }
  return true;
}

/** `%#U` of a rune: `U+0071 'q'`. */
export function goUnicode(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrint(cp) ? `${hex} '${String.fromCodePoint(cp)}'` : hex;
}

/** The number of bytes of the UTF-8 encoding of s (Go's len of a string). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      n += 1;
    } else if (c < 0x800) {
      n += 2;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else {
      n += 3;
    }
  }
  return n;
}

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export class SyntaxError extends Error {}

/** Decodes one (possibly escaped) character at `s[i]`; returns the code point or bytes and the next index. */
function unquoteChar(s: string, i: number, quote: string): { bytes: number[]; next: number } {
  const c = s[i];
  if (c === quote && (quote === "'" || quote === '"')) {
    throw new SyntaxError('invalid syntax');
  }
  if (c !== '\\') {
    const cp = s.codePointAt(i)!;
    return { bytes: Array.from(encoder.encode(String.fromCodePoint(cp))), next: i + (cp > 0xffff ? 2 : 1) };
  }
  const e = s[i + 1];
  if (e === undefined) {
    throw new SyntaxError('invalid syntax');
  }
  if (SIMPLE_UNESCAPES[e] !== undefined) {
    return { bytes: [SIMPLE_UNESCAPES[e]], next: i + 2 };
  }
  if (e === "'" || e === '"') {
    if (e !== quote) {
      throw new SyntaxError('invalid syntax');
    }
    return { bytes: [e.charCodeAt(0)], next: i + 2 };
  }
  const spec: Record<string, [number, number]> = { x: [2, 16], u: [4, 16], U: [8, 16] };
  if (spec[e]) {
    const [len, base] = spec[e];
    const digits = s.slice(i + 2, i + 2 + len);
    if (digits.length < len || !/^[0-9a-fA-F]+$/.test(digits)) {
      throw new SyntaxError('invalid syntax');
    }
    const v = parseInt(digits, base);
    if (e === 'x') {
      return { bytes: [v], next: i + 2 + len };
    }
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
      throw new SyntaxError('invalid syntax');
    }
    return { bytes: Array.from(encoder.encode(String.fromCodePoint(v))), next: i + 2 + len };
  }
  if (/[0-7]/.test(e)) {
    const digits = s.slice(i + 1, i + 4);
    const v = parseInt(digits, 8);
    if (!/^[0-7]{3}$/.test(digits) || v > 255) {
      throw new SyntaxError('invalid syntax');
    }
    return { bytes: [v], next: i + 4 };
  }
  throw new SyntaxError('invalid syntax');
}

/** strconv.Unquote of a "…" or `…` literal; throws SyntaxError('invalid syntax') as Go does. */
export function goUnquote(lit: string): string {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) {
    throw new SyntaxError('invalid syntax');
  }
  const body = lit.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) {
      throw new SyntaxError('invalid syntax');
    }
    return body.replace(/\r/g, '');
  }
  if (q !== '"' || body.includes('\n')) {
    throw new SyntaxError('invalid syntax');
  }
  if (!body.includes('\\') && !body.includes('"')) {
    return body;
  }
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) {
    const r = unquoteChar(body, i, '"');
    bytes.push(...r.bytes);
    i = r.next;
  }
  return fromUtf8(Uint8Array.from(bytes));
}

/** The value of a character constant such as `'a'` or `'\n'`; throws with Go's messages. */
export function goUnquoteChar(lit: string): number {
  const r = unquoteChar(lit, 1, "'");
  if (lit.slice(r.next) !== "'") {
    throw new SyntaxError(`malformed character constant: ${lit}`);
  }
  if (r.bytes.length === 1) {
    return r.bytes[0];
  }
  return fromUtf8(Uint8Array.from(r.bytes)).codePointAt(0)!;
}

/** Compares strings by code point, which orders them as Go orders their UTF-8 bytes. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) {
      return ca < cb ? -1 : 1;
    }
    if (ca > 0xffff) {
      i++;
    }
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
