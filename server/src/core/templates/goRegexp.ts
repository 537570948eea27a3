/**
 * Go's regexp (RE2 syntax) on top of JavaScript's engine, for `match` and `reReplaceAll`: the syntax is
 * translated (named groups, flags, `\z`, `\Q…\E`, POSIX classes, Go's `.` and `\s`), the common compile
 * errors get Go's wording (`error parsing regexp: missing closing ): `(``), and ReplaceAllString follows
 * Go's rules for empty matches and `$1` / `${name}` expansion (regexp.go replaceAll, expand, extract).
 */

import { canBackquote, goQuote } from '../goStrconv';
import { GoFuncError } from './values';

export class GoRegexpError extends Error {}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const GO_SPACE = '\\t\\n\\f\\r ';
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

function fail(code: string, expr: string): never {
  throw new GoRegexpError(`error parsing regexp: ${code}: \`${expr}\``);
}

const ESCAPABLE_LETTERS = new Set('aftnrvxpPdDsSwWbBAzQEC0'.split(''));
const PUNCT = /[!-/:-@[-`{-~]/;

/** The end (index of `]`) of the character class starting at re[i]; -1 when unclosed. */
function classEnd(re: string, i: number): number {
  let j = i + 1;
  if (re[j] === '^') {
    j++;
  }
  for (let first = true; j < re.length; first = false) {
    if (re[j] === ']' && !first) {
      return j;
    }
    const posix = /^\[:\^?[a-z]+:\]/.exec(re.slice(j));
    j += posix ? posix[0].length : re[j] === '\\' ? 2 : 1;
  }
  return -1;
}

/** Go's checks for the mistakes people make, with Go's messages; JavaScript's parser catches the rest. */
function checkSyntax(re: string): void {
  let depth = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      const e = re[i + 1];
      if (e === undefined) {
        fail('trailing backslash at end of expression', '');
      }
      if (e === 'Q') {
        const end = re.indexOf('\\E', i + 2);
        i = end < 0 ? re.length : end + 1;
        continue;
      }
      if (!PUNCT.test(e) && !ESCAPABLE_LETTERS.has(e)) {
        fail('invalid escape sequence', `\\${e}`);
      }
      i++;
    } else if (c === '[') {
      const end = classEnd(re, i);
      if (end < 0) {
        fail('missing closing ]', re.slice(i));
      }
      i = end;
    } else if (c === '(') {
      const look = /^\(\?<?[=!]/.exec(re.slice(i));
      if (look) {
        fail('invalid or unsupported Perl syntax', look[0]);
      }
      depth++;
    } else if (c === ')') {
      if (--depth < 0) {
        fail('unexpected )', re);
      }
    } else if ('*+?'.includes(c)) {
      checkRepeat(re, i);
    }
  }
  if (depth > 0) {
    fail('missing closing )', re);
  }
}

function checkRepeat(re: string, i: number): void {
  const c = re[i];
  const prev = re[i - 1];
  if (c === '?' && prev === '(' && re[i - 2] !== '\\') {
    return;
  }
  if (i === 0 || prev === '(' || prev === '|') {
    fail('missing argument to repetition operator', c);
  }
  const escaped = re[i - 2] === '\\';
  if ('*+?'.includes(prev) && !escaped && !(c === '?' && !'*+?'.includes(re[i - 2] ?? ''))) {
    fail('invalid nested repetition operator', re.slice(i - 1, i + 1));
  }
}

function translateClass(re: string, i: number): [string, number] {
  const end = classEnd(re, i);
  let out = '[';
  let j = i + 1;
  if (re[j] === '^') {
    out += '^';
    j++;
  }
  while (j < end) {
    const posix = /^\[:([a-z]+):\]/.exec(re.slice(j));
    if (posix && POSIX[posix[1]]) {
      out += POSIX[posix[1]];
      j += posix[0].length;
    } else if (re[j] === '\\') {
      out += escapeInJs(re[j + 1], true);
      j += 2;
    } else {
      out += re[j] === '[' || re[j] === '/' ? `\\${re[j]}` : re[j];
      j++;
    }
  }
  return [`${out}]`, end];
}

/** A Go escape `\e` as JavaScript (unicode mode) accepts it. */
function escapeInJs(e: string, inClass: boolean): string {
  const map: Record<string, string> = { a: '\\x07', s: inClass ? GO_SPACE : `[${GO_SPACE}]`, S: `[^${GO_SPACE}]`, z: '$(?![\\s\\S])', A: '(?<![\\s\\S])', C: '[\\s\\S]' };
  if (map[e] && (!inClass || e === 'a' || e === 's')) {
    return map[e];
  }
  if (/[a-zA-Z0-9]/.test(e) || JS_SYNTAX.has(e) || e === '-') {
    return `\\${e}`;
  }
  return e;
}

/** Translates RE2 syntax into an equivalent JavaScript source (used with the `u` flag). */
function translate(re: string): { source: string; flags: string } {
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(re);
  if (lead) {
    flags = lead[1].replace('U', '');
    re = re.slice(lead[0].length);
  }
  const dotAll = flags.includes('s');
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    const rest = re.slice(i);
    if (c === '\\') {
      const e = re[i + 1];
      if (e === 'Q') {
        const end = re.indexOf('\\E', i + 2);
        const lit = re.slice(i + 2, end < 0 ? re.length : end);
        out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? re.length : end + 1;
        continue;
      }
      if ((e === 'p' || e === 'P') && re[i + 2] !== '{') {
        out += `\\${e}{${re[i + 2]}}`;
        i += 2;
        continue;
      }
      if (e === 'x' && re[i + 2] === '{') {
        out += '\\u';
        i++;
        continue;
      }
      out += escapeInJs(e, false);
      i++;
    } else if (c === '[') {
      const [cls, j] = translateClass(re, i);
      out += cls;
      i = j;
    } else if (rest.startsWith('(?P<')) {
      out += '(?<';
      i += 3;
    } else if (/^\(\?[imsU-]*:/.test(rest)) {
      out += '(?:';
      i = re.indexOf(':', i);
    } else if (c === '{' || c === '}') {
      const rep = /^\{[0-9]+(?:,[0-9]*)?\}/.exec(rest);
      out += rep ? rep[0] : `\\${c}`;
      i += rep ? rep[0].length - 1 : 0;
    } else {
      out += c === '.' && !dotAll ? '[^\\n]' : c;
    }
  }
  return { source: out, flags };
}

const cache = new Map<string, RegExp | GoRegexpError>();

/** regexp.Compile: a global, unicode JavaScript RegExp behaving as Go's, or a GoRegexpError. */
export function compileGoRegexp(pattern: string): RegExp {
  let r = cache.get(pattern);
  if (!r) {
    try {
      checkSyntax(pattern);
      const { source, flags } = translate(pattern);
      r = new RegExp(source, `gu${flags}`);
    } catch (e) {
      r = e instanceof GoRegexpError ? e : new GoRegexpError(`error parsing regexp: invalid syntax: \`${pattern}\``);
    }
    if (cache.size > 500) {
      cache.clear();
    }
    cache.set(pattern, r);
  }
  if (r instanceof GoRegexpError) {
    throw r;
  }
  return r;
}

/** regexp.MatchString: whether the pattern matches anywhere. */
export function goMatch(pattern: string, text: string): boolean {
  const re = compileGoRegexp(pattern);
  re.lastIndex = 0;
  return re.test(text);
}

/** regexp.go extract: a leading `name` or `{name}`; num is its group number, or -1 for a name. */
function extract(s: string): { name: string; num: number; rest: string } | undefined {
  let brace = false;
  if (s[0] === '{') {
    brace = true;
    s = s.slice(1);
  }
  const m = /^[\p{L}\p{Nd}_]+/u.exec(s);
  if (!m) {
    return undefined;
  }
  const name = m[0];
  let i = name.length;
  if (brace) {
    if (s[i] !== '}') {
      return undefined;
    }
    i++;
  }
  let num = /^[0-9]+$/.test(name) && name.length <= 8 ? Number(name) : -1;
  if (name[0] === '0' && name.length > 1) {
    num = -1;
  }
  return { name, num, rest: s.slice(i) };
}

function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  for (;;) {
    const k = template.indexOf('$');
    if (k < 0) {
      return out + template;
    }
    out += template.slice(0, k);
    template = template.slice(k + 1);
    if (template[0] === '$') {
      out += '$';
      template = template.slice(1);
      continue;
    }
    const x = extract(template);
    if (!x) {
      out += '$';
      continue;
    }
    template = x.rest;
    out += (x.num >= 0 ? m[x.num] : m.groups?.[x.name]) ?? '';
  }
}

/** Regexp.ReplaceAllString(src, repl): empty matches right after a match are skipped, as in Go. */
export function goReplaceAll(pattern: string, src: string, repl: string): string {
  const re = compileGoRegexp(pattern);
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    re.lastIndex = searchPos;
    const m = re.exec(src);
    if (!m) {
      break;
    }
    const [a0, a1] = [m.index, m.index + m[0].length];
    out += src.slice(lastMatchEnd, a0);
    if (a1 > lastMatchEnd || a0 === 0) {
      out += expand(repl, m);
    }
    lastMatchEnd = a1;
    const width = searchPos < src.length ? (src.codePointAt(searchPos)! > 0xffff ? 2 : 1) : 0;
    searchPos = searchPos + width > a1 ? searchPos + width : searchPos + 1 > a1 ? searchPos + 1 : a1;
  }
  return out + src.slice(lastMatchEnd);
}

/**
 * Runs a regexp function for a template: a compile error becomes the function's error, worded as Go's
 * MatchString returns it, or (panics: true) as MustCompile's panic, which text/template reports the same way.
 */
export function regexpCall<T>(f: () => T, pattern: string, panics: boolean): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof GoRegexpError)) {
      throw e;
    }
    const quoted = canBackquote(pattern) ? `\`${pattern}\`` : goQuote(pattern);
    throw new GoFuncError(panics ? `regexp: Compile(${quoted}): ${e.message}` : e.message);
  }
}
