/**
 * Scalar helpers of the fast YAML parser (`yamlFast.ts`): YAML 1.1 resolution of plain scalars, quoted scalar
 * decoding and block scalar reading, each a port of what the `yaml` package (the reference, see `yamlParse.ts`)
 * does with `version: '1.1'`, restricted to the cases the fast parser supports. Anything else is reported as
 * `UNSUPPORTED`, and the caller falls back to the reference parser.
 */

/** Returned when a scalar is outside the supported subset (or would be a syntax error). */
export const UNSUPPORTED: unique symbol = Symbol('unsupported');
/** A plain `<<` in key position: a YAML 1.1 merge key. */
export const MERGE_KEY: unique symbol = Symbol('<<');

export type ScalarValue = string | number | boolean | null;

// The yaml package's YAML 1.1 schema tests, in its order (yaml/dist/schema/yaml-1.1/*.js).
const INT_BIN = /^[-+]?0b[0-1_]+$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT_DEC = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;
const INT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/;
const FLOAT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/;
const TIMESTAMP = new RegExp(
  '^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' +
    '(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' +
    '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$',
);

function intResolve(str: string, offset: number, radix: number): number {
  const sign = str[0];
  if (sign === '-' || sign === '+') {
    offset += 1;
  }
  const n = parseInt(str.substring(offset).replace(/_/g, ''), radix);
  return sign === '-' ? -1 * n : n;
}

function sexagesimal(str: string): number {
  const sign = str[0];
  const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
  const res = parts
    .replace(/_/g, '')
    .split(':')
    .reduce((acc, p) => acc * 60 + Number(p), 0);
  return sign === '-' ? -1 * res : res;
}

/**
 * Whether `s` has only characters that occur in YAML 1.1 numbers and times (digits, signs, `.`, `_`, `:`, `x`,
 * `b`, hex digits, `e`) and at most one `.`: a quick test that spares most strings the schema's regular expressions.
 */
function numberish(s: string): boolean {
  let dots = 0;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (++dots > 1) return false;
    } else if (
      !(c >= 48 && c <= 58) && // 0-9 :
      !(c >= 97 && c <= 102) && // a-f
      !(c >= 65 && c <= 70) && // A-F
      c !== 95 && c !== 43 && c !== 45 && c !== 120 // _ + - x
    ) {
      return false;
    }
  }
  return true;
}

function resolveNumeric(s: string): ScalarValue | typeof UNSUPPORTED {
  const c = s.charCodeAt(0);
  if ((c === 46 || c === 43 || c === 45) && s.length <= 5 && FLOAT_NAN.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : c === 45 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (s.length >= 8 && s.charCodeAt(4) === 45 && TIMESTAMP.test(s)) {
    return UNSUPPORTED; // a Date: the reference turns it into a time-zone dependent string
  }
  if (!numberish(s)) {
    return s;
  }
  if (INT_BIN.test(s)) return intResolve(s, 2, 2);
  if (INT_OCT.test(s)) return intResolve(s, 1, 8);
  if (INT_DEC.test(s)) return intResolve(s, 0, 10);
  if (INT_HEX.test(s)) return intResolve(s, 2, 16);
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s.replace(/_/g, ''));
  if (INT_TIME.test(s) || FLOAT_TIME.test(s)) return sexagesimal(s);
  return s;
}

/** The value of a plain scalar under the YAML 1.1 schema: null, boolean, number or string. */
export function resolvePlain(s: string, atKey: boolean): ScalarValue | typeof UNSUPPORTED | typeof MERGE_KEY {
  if (s.length === 0) {
    return null;
  }
  switch (s.charCodeAt(0)) {
    case 126: // ~
      return s.length === 1 ? null : s;
    case 110: // n
    case 78: // N
      switch (s) {
        case 'null': case 'Null': case 'NULL':
          return null;
        case 'n': case 'N': case 'no': case 'No': case 'NO':
          return false;
      }
      return s;
    case 121: // y
    case 89: // Y
      switch (s) {
        case 'y': case 'Y': case 'yes': case 'Yes': case 'YES':
          return true;
      }
      return s;
    case 116: // t
    case 84: // T
      return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
    case 102: // f
    case 70: // F
      return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
    case 111: // o
    case 79: // O
      switch (s) {
        case 'on': case 'On': case 'ON':
          return true;
        case 'off': case 'Off': case 'OFF':
          return false;
      }
      return s;
    case 60: // <
      return atKey && s === '<<' ? MERGE_KEY : s;
    case 43: // +
    case 45: // -
    case 46: // .
    case 101: // e (`e5` is a float to the package)
    case 69: // E
      return resolveNumeric(s);
    default: {
      const c = s.charCodeAt(0);
      return c >= 48 && c <= 57 ? resolveNumeric(s) : s;
    }
  }
}

const ESCAPES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
});
const HEX = /^[0-9a-fA-F]+$/;

/**
 * The value of a one-line double-quoted scalar whose content is `text[start, end)` (between the quotes), or
 * `UNSUPPORTED` for an invalid escape.
 */
export function doubleQuoted(text: string, start: number, end: number): string | typeof UNSUPPORTED {
  let i = start;
  while (i < end && text.charCodeAt(i) !== 92) i++;
  if (i === end) {
    return text.slice(start, end);
  }
  let res = text.slice(start, i);
  for (; i < end; i++) {
    const ch = text[i];
    if (ch !== '\\') {
      res += ch;
      continue;
    }
    const next = text[++i];
    const esc = ESCAPES[next];
    if (esc !== undefined) {
      res += esc;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const cc = text.substr(i + 1, length);
      if (i + 1 + length > end || !HEX.test(cc)) {
        return UNSUPPORTED;
      }
      const code = parseInt(cc, 16);
      if (code > 0x10ffff) {
        return UNSUPPORTED;
      }
      res += String.fromCodePoint(code);
      i += length;
    } else {
      return UNSUPPORTED;
    }
  }
  return res;
}

/** The value of a one-line single-quoted scalar whose content is `text[start, end)`. */
export function singleQuoted(text: string, start: number, end: number): string {
  let i = text.indexOf("'", start);
  if (i >= end) {
    return text.slice(start, end);
  }
  let res = '';
  let from = start;
  while (i !== -1 && i < end) {
    res += text.slice(from, i + 1); // keep one quote of the pair
    from = i + 2;
    i = text.indexOf("'", from);
  }
  return res + text.slice(from, end);
}

/** Where the last block scalar read by `blockScalar` ends (its range's end). */
export const blockScalarInfo = { end: 0 };

/**
 * Reads the block scalar whose header (`|` or `>`) is at `start`, in a collection whose indentation is
 * `parentIndent`: the yaml package's lexer (`parseBlockScalar`, minimum indentation `parentIndent + 1`) and
 * composer (`resolveBlockScalar`) ported. Returns its value and sets `blockScalarInfo.end`, or `UNSUPPORTED`.
 */
export function blockScalar(text: string, start: number, parentIndent: number): string | typeof UNSUPPORTED {
  const len = text.length;
  let i = start + 1;
  let chomp = '';
  let explicit = 0;
  for (; i < len; i++) {
    const ch = text[i];
    if (!chomp && (ch === '-' || ch === '+')) {
      chomp = ch;
    } else if (ch >= '1' && ch <= '9' && !explicit) {
      explicit = ch.charCodeAt(0) - 48;
    } else {
      break;
    }
  }
  // Header end: only spaces, then a comment after a space, or the line end.
  let c = text.charCodeAt(i);
  if (c === 32) {
    while (c === 32) c = text.charCodeAt(++i);
    if (c === 35) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? len : nl;
      c = text.charCodeAt(i);
    }
  }
  if (c === 13 && text.charCodeAt(i + 1) === 10) {
    i += 2;
  } else if (c === 10) {
    i += 1;
  } else if (i < len) {
    return UNSUPPORTED;
  }
  const pos = i; // body start
  // Lexer: find the first content line and its indentation.
  let nl = pos - 1;
  let indent = 0;
  for (i = pos; i < len; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 32) {
      indent += 1;
    } else if (ch === 10) {
      nl = i;
      indent = 0;
    } else if (!(ch === 13 && text.charCodeAt(i + 1) === 10)) {
      break;
    }
  }
  let indentNext = parentIndent + 1;
  if (indent >= indentNext) {
    indentNext = explicit === 0 ? indent : explicit - 1 + indentNext;
    do {
      const cs = continueBlock(text, nl + 1, indentNext);
      if (cs === -1) break;
      nl = text.indexOf('\n', cs);
    } while (nl !== -1);
    if (nl === -1) nl = len;
  }
  i = nl + 1;
  c = text.charCodeAt(i);
  while (c === 32) c = text.charCodeAt(++i);
  if (c === 9) {
    return UNSUPPORTED;
  }
  if (chomp !== '+') {
    for (;;) {
      let j = nl - 1;
      let ch = text.charCodeAt(j);
      if (ch === 13) ch = text.charCodeAt(--j);
      const lastChar = j;
      while (ch === 32) ch = text.charCodeAt(--j);
      if (ch === 10 && j >= pos && j + 1 + indent > lastChar) nl = j;
      else break;
    }
  }
  const source = text.slice(pos, nl + 1);
  blockScalarInfo.end = pos + source.length;
  if (/\t|\r(?!\n)/.test(source)) {
    return UNSUPPORTED;
  }
  return blockValue(source, text[start] === '>', chomp, explicit, parentIndent);
}

function continueBlock(text: string, offset: number, indentNext: number): number {
  let indent = 0;
  let ch = text.charCodeAt(offset);
  while (ch === 32) ch = text.charCodeAt(++indent + offset);
  if (ch === 13 && text.charCodeAt(indent + offset + 1) === 10) {
    return offset + indent + 1;
  }
  return ch === 10 || indent >= indentNext ? offset + indent : -1;
}

/** `resolveBlockScalar` of the yaml package, for a block scalar inside a collection. */
function blockValue(
  source: string,
  folded: boolean,
  chomp: string,
  explicit: number,
  parentIndent: number,
): string | typeof UNSUPPORTED {
  const lines: [string, string][] = [];
  if (source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = /^( *)/.exec(first);
    lines.push(m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]);
    for (let i = 1; i < split.length; i += 2) lines.push([split[i], split[i + 1]]);
  }
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const content = lines[i][1];
    if (content === '' || content === '\r') chompStart = i;
    else break;
  }
  if (chompStart === 0) {
    return chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  }
  let trimIndent = parentIndent + explicit;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content === '' || content === '\r') {
      if (explicit === 0 && indent.length > trimIndent) trimIndent = indent.length;
    } else {
      if (indent.length < trimIndent) return UNSUPPORTED;
      if (explicit === 0) trimIndent = indent.length;
      contentStart = i;
      if (trimIndent === 0) return UNSUPPORTED;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i][0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i][0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const indent = lines[i][0];
    let content = lines[i][1];
    if (content[content.length - 1] === '\r') content = content.slice(0, -1);
    if (content && indent.length < trimIndent) return UNSUPPORTED;
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i][0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp !== '-') {
    value += '\n';
  }
  return value;
}
