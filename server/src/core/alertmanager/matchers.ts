/**
 * Alertmanager's label matchers (`severity="critical"`, `service=~"api|web"`, `{a="b", c!="d"}`), parsed the way
 * each release does: the classic parser of pkg/labels/parse.go (the only one before 0.27), and from 0.27 on the
 * UTF-8 parser of matcher/parse with the classic one as a fallback (matcher/compat/parse.go, the default mode):
 * input only the classic parser accepts still works there, but Alertmanager logs that it will stop working.
 */
import { goUnquote } from '../goStrconv';
import { memoByText } from '../memo';
import { compileAnchored } from '../ruletest/engine/regex';
import { compileGoRegexp, GoRegexpError } from '../templates/goRegexp';
import { compareVersions } from '../version';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

/** A problem at `offset`/`length` of the parsed input (UTF-16 units). */
export interface MatcherError {
  offset: number;
  length: number;
  message: string;
}

export interface ParsedMatchers {
  matchers: Matcher[];
  error?: MatcherError;
  /** Fallback mode: what the UTF-8 parser says about input that only the classic parser took (or read differently). */
  classicOnly?: MatcherError & { suggestion: string };
}

/** `classic`: Alertmanager before 0.27; `fallback`: 0.27 and later (UTF-8 parser first, then the classic one). */
export type MatcherMode = 'classic' | 'fallback';

export function matcherMode(alertmanagerVersion: string): MatcherMode {
  return compareVersions(alertmanagerVersion, '0.27') < 0 ? 'classic' : 'fallback';
}

const classicMemo = memoByText((input) => parseMatchersUncached(input, 'classic'));
const fallbackMemo = memoByText((input) => parseMatchersUncached(input, 'fallback'));

/**
 * One `matchers:` entry (which may hold several comma-separated matchers) as the given release reads it. Memoised
 * (results are shared: read-only): the routing tree, the checks and the routing lints of a big configuration each
 * read every entry again after each edit.
 */
export function parseMatchers(input: string, mode: MatcherMode): ParsedMatchers {
  return mode === 'classic' ? classicMemo(input) : fallbackMemo(input);
}

/**
 * `name="value"` with a plain label name and printable ASCII in the quotes (no quote, backslash or comma): the form
 * of most matchers, which both parsers read alike, so thousands of routes need not go through both.
 */
const SIMPLE = /^([a-zA-Z_][a-zA-Z0-9_]*)(=~|=|!=|!~)"([\x20\x21\x23-\x2b\x2d-\x5b\x5d-\x7e]*)"$/;

function parseMatchersUncached(input: string, mode: MatcherMode): ParsedMatchers {
  const simple = SIMPLE.exec(input);
  if (simple) {
    const op = simple[2] as MatchOp;
    if ((op !== '=~' && op !== '!~') || regexError(simple[3]) === undefined) {
      return { matchers: [{ name: simple[1], op, value: simple[3] }] };
    }
  }
  const classic = parseClassic(input);
  if (mode === 'classic') {
    return classic;
  }
  const utf8 = parseUtf8(input);
  if (!utf8.error) {
    if (classic.error || sameMatchers(utf8.matchers, classic.matchers)) {
      return utf8;
    }
    const suggestion = classic.matchers.map(matcherString).join(',');
    const message = `the classic and the UTF-8 matcher parsers read this differently; Alertmanager uses the classic reading (${suggestion})`;
    return { matchers: classic.matchers, classicOnly: { offset: 0, length: input.length, message, suggestion } };
  }
  if (classic.error) {
    return classic;
  }
  return { matchers: classic.matchers, classicOnly: { ...utf8.error, suggestion: classic.matchers.map(matcherString).join(',') } };
}

function sameMatchers(a: Matcher[], b: Matcher[]): boolean {
  return a.length === b.length && a.every((m, i) => m.name === b[i].name && m.op === b[i].op && m.value === b[i].value);
}

/** Whether a label value satisfies a matcher (regexes anchored at both ends, as Alertmanager compiles them). */
export function matches(m: Matcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return fullMatch(m.value, value);
    case '!~':
      return !fullMatch(m.value, value);
  }
}

function fullMatch(pattern: string, value: string): boolean {
  const re = compileAnchored(pattern);
  return typeof re !== 'string' && re.test(value);
}

/** A matcher written back as Alertmanager prints it (pkg/labels Matcher.String). */
export function matcherString(m: Matcher): string {
  if ([...m.name].some(isReserved)) {
    return `${JSON.stringify(m.name)}${m.op}${JSON.stringify(m.value)}`;
  }
  return `${m.name}${m.op}"${m.value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`;
}

/** Go regexp compile error of a regex (anchored as Alertmanager anchors it) (in Go's words where we know them), or undefined. */
export function regexError(value: string): string | undefined {
  if (typeof compileAnchored(value) !== 'string') {
    return undefined;
  }
  try {
    compileGoRegexp(`^(?:${value})$`);
  } catch (e) {
    if (e instanceof GoRegexpError) {
      return e.message;
    }
  }
  return `error parsing regexp: ${String(compileAnchored(value))}`;
}

// ---- The classic parser (pkg/labels/parse.go): split at commas outside quotes, then one regex per matcher.

// Go's \s is ASCII whitespace without \v.
const CLASSIC = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/;

function parseClassic(input: string): ParsedMatchers {
  let from = input.startsWith('{') ? 1 : 0;
  const to = input.length > from && input.endsWith('}') ? input.length - 1 : input.length;
  const tokens: { text: string; offset: number }[] = [];
  let inQuotes = false;
  let escaped = false;
  for (let i = from; i < to; i++) {
    const c = input[i];
    if (c === ',' && !inQuotes) {
      const token = input.slice(from, i);
      // Positions skip leading blanks; the text stays as the parser reads it.
      tokens.push({ text: token, offset: from + token.length - token.trimStart().length });
      from = i + 1;
      continue;
    }
    if (c === '"') {
      inQuotes = escaped ? inQuotes : !inQuotes;
      escaped = false;
    } else if (c === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
  }
  const last = input.slice(from, to);
  if (last.trim() !== '') {
    const lead = last.length - last.trimStart().length;
    tokens.push({ text: last.trim(), offset: from + lead });
  }
  const matchers: Matcher[] = [];
  for (const t of tokens) {
    const parsed = classicMatcher(t.text);
    if ('message' in parsed) {
      return { matchers: [], error: { offset: t.offset, length: Math.max(1, t.text.trim().length), message: parsed.message } };
    }
    matchers.push(parsed);
  }
  return { matchers };
}

function classicMatcher(s: string): Matcher | { message: string } {
  const m = CLASSIC.exec(s);
  if (!m) {
    return { message: `bad matcher format: ${s}` };
  }
  const raw = m[3];
  let rest = raw;
  let expectQuote = false;
  if (rest.startsWith('"')) {
    rest = rest.slice(1);
    expectQuote = true;
  }
  if (/[\uD800-\uDFFF]/.test(rest.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
    return { message: `matcher value not valid UTF-8: ${raw}` };
  }
  let value = '';
  let escaped = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (escaped) {
      escaped = false;
      value += c === 'n' ? '\n' : c === '"' || c === '\\' ? c : '\\' + c;
      continue;
    }
    if (c === '\\') {
      if (i < rest.length - 1) {
        escaped = true;
        continue;
      }
      value += '\\';
    } else if (c === '"') {
      if (!expectQuote || i < rest.length - 1) {
        return { message: `matcher value contains unescaped double quote: ${raw}` };
      }
      expectQuote = false;
    } else {
      value += c;
    }
  }
  if (expectQuote) {
    return { message: `matcher value contains unescaped double quote: ${raw}` };
  }
  const op = m[2] as MatchOp;
  const err = op === '=~' || op === '!~' ? regexError(value) : undefined;
  return err ? { message: err } : { name: m[1], op, value };
}

// ---- The UTF-8 parser (matcher/parse): tokens, then `{`? matcher (`,` matcher)* `,`? `}`?.

type TokenKind = '{' | '}' | ',' | 'op' | 'quoted' | 'unquoted' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
}

class Utf8Error extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message);
  }
}

function isReserved(c: string): boolean {
  return isSpace(c) || '{}!=~,\\"\'`'.includes(c);
}

/** Unicode white space (`\s`), without a regular expression for ASCII: the lexer asks this of every character. */
function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x80 ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : /\s/u.test(c);
}

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === '{' || c === '}' || c === ',') {
      tokens.push({ kind: c, text: c, offset: i++ });
    } else if (c === '=' || c === '!') {
      const op = input.startsWith('=~', i) || input.startsWith('!=', i) || input.startsWith('!~', i) ? input.slice(i, i + 2) : c;
      if (op === '!') {
        throw new Utf8Error(`${input.slice(i, i + 2)}: expected one of '=~'`, i, Math.min(2, input.length - i));
      }
      tokens.push({ kind: 'op', text: op, offset: i });
      i += op.length;
    } else if (c === '"') {
      let j = i + 1;
      for (let escaped = false; j < input.length; j++) {
        if (escaped) {
          escaped = false;
        } else if (input[j] === '\\') {
          escaped = true;
        } else if (input[j] === '"') {
          break;
        }
      }
      if (j >= input.length) {
        throw new Utf8Error(`${input.slice(i)}: missing end "`, i, input.length - i);
      }
      tokens.push({ kind: 'quoted', text: input.slice(i, j + 1), offset: i });
      i = j + 1;
    } else if (isSpace(c)) {
      i++;
    } else if (!isReserved(c)) {
      let j = i;
      for (const ch of input.slice(i)) {
        if (isReserved(ch)) {
          break;
        }
        j += ch.length;
      }
      tokens.push({ kind: 'unquoted', text: input.slice(i, j), offset: i });
      i = j;
    } else {
      throw new Utf8Error(`${c}: invalid input`, i, 1);
    }
  }
  tokens.push({ kind: 'eof', text: '', offset: input.length });
  return tokens;
}

function unquote(t: Token): string {
  if (t.kind !== 'quoted') {
    return t.text;
  }
  try {
    return goUnquote(t.text);
  } catch {
    throw new Utf8Error(`${t.text}: invalid input`, t.offset, t.text.length);
  }
}

function parseUtf8(input: string): ParsedMatchers {
  try {
    return { matchers: utf8Matchers(lex(input)) };
  } catch (e) {
    if (e instanceof Utf8Error) {
      return { matchers: [], error: { offset: e.offset, length: Math.max(1, e.length), message: e.message } };
    }
    throw e;
  }
}

function utf8Matchers(tokens: Token[]): Matcher[] {
  let pos = 0;
  const next = (): Token => tokens[pos++];
  const peek = (): Token => tokens[pos];
  const unexpected = (t: Token, expected: string): Utf8Error =>
    t.kind === 'eof' ? new Utf8Error(`end of input: ${expected}`, t.offset, 0) : new Utf8Error(`unexpected ${t.text}: ${expected}`, t.offset, t.text.length);
  const matchers: Matcher[] = [];
  const braced = peek().kind === '{';
  if (braced) {
    next();
  }
  while (peek().kind === 'quoted' || peek().kind === 'unquoted') {
    const nameTok = next();
    const name = unquote(nameTok);
    const opTok = next();
    if (opTok.kind !== 'op') {
      throw unexpected(opTok, "expected an operator such as '=', '!=', '=~' or '!~'");
    }
    const valueTok = next();
    if (valueTok.kind !== 'quoted' && valueTok.kind !== 'unquoted') {
      throw unexpected(valueTok, 'expected label value');
    }
    const value = unquote(valueTok);
    const op = opTok.text as MatchOp;
    const err = op === '=~' || op === '!~' ? regexError(value) : undefined;
    if (err) {
      throw new Utf8Error(`failed to create matcher: ${err}`, valueTok.offset, valueTok.text.length);
    }
    matchers.push({ name, op, value });
    const after = peek();
    if (after.kind === ',') {
      next();
      const k = peek().kind;
      if (k !== 'quoted' && k !== 'unquoted' && k !== '}' && k !== 'eof') {
        throw unexpected(peek(), 'expected a matcher or close brace after comma');
      }
    } else if (after.kind !== '}' && after.kind !== 'eof') {
      throw unexpected(after, 'expected a comma or close brace');
    }
  }
  const end = next();
  if (end.kind === '}') {
    if (!braced) {
      throw new Utf8Error('}: expected opening brace', end.offset, 1);
    }
    const tail = next();
    if (tail.kind !== 'eof') {
      throw new Utf8Error(`${tail.text}: expected end of input`, tail.offset, tail.text.length);
    }
  } else if (end.kind === 'eof') {
    if (braced) {
      throw unexpected(end, 'expected close brace');
    }
  } else {
    throw unexpected(end, 'expected label name');
  }
  return matchers;
}
