/**
 * Go's text conventions as Prometheus's error messages print them (quoting comes from ../goStrconv.ts),
 * and the unquoting of PromQL string literals (Go's escapes, as promql/parser/lex.go `lexEscape` accepts them).
 */

import { goQuote, goQuoteRune as quoteRune, goUnicode as unicodeOf } from '../goStrconv';

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
export { goQuote };

/** Go's `%.Nq` of a string followed by "..." as lex.go's Item.String prints long values (more than 10 bytes). */
export function goQuoteTruncated(s: string, runes = 10): string {
  return goQuote(Array.from(s).slice(0, runes).join(''));
}

/** Go's `%q` of a rune. */
export function goQuoteRune(ch: string): string {
  return quoteRune(ch.codePointAt(0)!);
}

/** Go's `%#U` of a rune: `U+0071 'q'`. */
export function goUnicode(ch: string): string {
  return unicodeOf(ch.codePointAt(0)!);
}

/**
 * The value of a PromQL string literal (with its quotes). The lexer has already rejected bad escapes, so this
 * only decodes them; an undecodable escape is kept as written.
 */
export function unquote(raw: string): string {
  const quote = raw[0];
  const end = raw.length > 1 && raw[raw.length - 1] === quote ? raw.length - 1 : raw.length;
  const body = raw.slice(1, end);
  if (quote === '`' || !body.includes('\\')) {
    return body;
  }
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const e = body[++i];
    if (SIMPLE_ESCAPES[e] !== undefined) {
      out += SIMPLE_ESCAPES[e];
    } else if (e === quote) {
      out += e;
    } else {
      const [len, base] = e === 'x' ? [2, 16] : e === 'u' ? [4, 16] : e === 'U' ? [8, 16] : /[0-7]/.test(e) ? [3, 8] : [0, 0];
      const start = base === 8 ? i : i + 1;
      const digits = body.slice(start, start + len);
      const cp = parseInt(digits, base);
      if (!len || digits.length < len || Number.isNaN(cp) || cp > 0x10ffff) {
        out += `\\${e}`;
        continue;
      }
      // Go's \x and octal escapes produce bytes; values ≥ 0x80 are shown as the code point of the same number.
      out += String.fromCodePoint(cp);
      i = start + len - 1;
    }
  }
  return out;
}
