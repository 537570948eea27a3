/**
 * Go's case functions on strings: strings.ToUpper/ToLower (simple, one-rune case mapping, so `ß` stays `ß`),
 * strings.Title (Prometheus before 3.2: upper-cases the letter after each separator) and
 * golang.org/x/text/cases.Title (Alertmanager; Prometheus from 3.2 with NoLower): word-based title case.
 */

function mapRunes(s: string, f: (ch: string) => string): string {
  let out = '';
  for (const ch of s) {
    const m = f(ch);
    // Go maps rune to rune: a mapping that would produce several runes (ß → SS) leaves the rune alone.
    out += Array.from(m).length === 1 ? m : ch;
  }
  return out;
}

/** unicode.ToTitle differs from ToUpper only for the digraphs that have a title-case form. */
const TITLE_CASE: Record<string, string> = {
  '\u01C4': '\u01C5',
  '\u01C5': '\u01C5',
  '\u01C6': '\u01C5',
  '\u01C7': '\u01C8',
  '\u01C8': '\u01C8',
  '\u01C9': '\u01C8',
  '\u01CA': '\u01CB',
  '\u01CB': '\u01CB',
  '\u01CC': '\u01CB',
  '\u01F1': '\u01F2',
  '\u01F2': '\u01F2',
  '\u01F3': '\u01F2',
};

function toTitleRune(ch: string): string {
  return TITLE_CASE[ch] ?? goToUpper(ch);
}

export function goToUpper(s: string): string {
  return mapRunes(s, (c) => c.toUpperCase());
}

export function goToLower(s: string): string {
  return mapRunes(s, (c) => (c === '\u0130' ? 'i' : c.toLowerCase()));
}

const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const SPACE = /\s/u;

/** strings.go isSeparator: what ends a word for strings.Title. */
function isSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0x7f) {
    return !/[0-9A-Za-z_]/.test(ch);
  }
  if (LETTER_OR_DIGIT.test(ch)) {
    return false;
  }
  return SPACE.test(ch);
}

/** strings.Title (deprecated in Go, used by Prometheus until 3.2). */
export function stringsTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? toTitleRune(ch) : ch;
    prev = ch;
  }
  return out;
}

/** Word characters for cases.Title: letters, digits, marks, connector punctuation and in-word apostrophes/dots. */
const WORD = /[\p{L}\p{N}\p{M}_]+(?:['’.:][\p{L}\p{N}\p{M}_]+)*/gu;

/**
 * cases.Title(language.AmericanEnglish): in each word the first letter in title case (`1st` → `1St`) and,
 * unless `noLower`, the letters after it in lower case. Word boundaries approximate Unicode's word
 * segmentation (UAX #29): `o'neil` and `x.y` are one word each, `foo-bar` two.
 */
export function casesTitle(s: string, noLower: boolean): string {
  return s.replace(WORD, (word) => {
    const chars = Array.from(word);
    const i = chars.findIndex((c) => /\p{L}/u.test(c));
    if (i < 0) {
      return word;
    }
    const rest = chars.slice(i + 1).join('');
    return chars.slice(0, i).join('') + toTitleRune(chars[i]) + (noLower ? rest : goToLower(rest));
  });
}
