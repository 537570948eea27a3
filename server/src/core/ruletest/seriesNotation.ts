/**
 * promtool's series notation for `input_series`: the `values` string (expanding notation) and the `series`
 * selector. The grammar and messages follow promql/parser (lex.go `lexValueSequence`, generated_parser.y
 * `series_values`/`series_item`, parse.go `ParseSeriesDesc`):
 *
 * - items are separated by spaces; `_` is a missing sample, `_xN` N missing samples;
 * - `a` is one sample, `axN` N+1 samples of `a`, `a+bxN` / `a-bxN` N+1 samples starting at `a`, each adding `b`
 *   to the previous one (repeated addition, as Go does, so rounding matches);
 * - a value is a number (decimal, scientific, `Inf`, `NaN`, optionally signed) or `stale` (a staleness marker).
 *
 * Errors carry offsets into the text. Native-histogram values (`{{…}}`) are not supported.
 */
import type { MatchOp } from '../promql/ast';
import { goQuote } from '../promql/goText';
import { parseNumber } from '../promql/literals';
import { parsePromQL } from '../promql/parse';
import { labelsFrom, type Labels } from './labels';

export type SeriesValue = { kind: 'value'; value: number } | { kind: 'stale' } | { kind: 'omitted' };

export interface SeriesProblem {
  from: number;
  to: number;
  message: string;
}

export interface ParsedValues {
  values: SeriesValue[];
  problems: SeriesProblem[];
}

/** More expanded values than this are refused rather than allocated. */
const MAX_SERIES_VALUES = 10_000_000;

type TokenType = 'SPACE' | 'ADD' | 'SUB' | 'TIMES' | 'BLANK' | 'NUMBER' | 'IDENTIFIER' | 'EOF' | 'ERROR';
interface Token {
  type: TokenType;
  text: string;
  from: number;
  to: number;
}

const SPACE = /[ \t\r\n]/;
/** isAlphaNumeric in lex.go: ASCII letters, digits and `_`. */
const ALNUM = /[a-zA-Z0-9_]/;

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (type: TokenType, from: number, to: number): void => void tokens.push({ type, text: text.slice(from, to), from, to });
  while (i < text.length) {
    const c = text[i];
    const start = i;
    if (SPACE.test(c)) {
      while (i < text.length && SPACE.test(text[i])) {
        i++;
      }
      push('SPACE', start, i);
    } else if (c === '+' || c === '-' || c === 'x' || c === '_') {
      push(c === '+' ? 'ADD' : c === '-' ? 'SUB' : c === 'x' ? 'TIMES' : 'BLANK', start, ++i);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i = scanNumber(text, i);
      if (i < text.length && text[i] !== 'x' && ALNUM.test(text[i])) {
        tokens.push({ type: 'ERROR', text: `bad number syntax: ${goQuote(text.slice(start, i))}`, from: start, to: i + 1 });
        return tokens;
      }
      push('NUMBER', start, i);
    } else if (/[a-zA-Z]/.test(c)) {
      while (i < text.length && (ALNUM.test(text[i]) || text[i] === ':')) {
        i++;
      }
      const word = text.slice(start, i).toLowerCase();
      push(word === 'inf' || word === 'nan' ? 'NUMBER' : 'IDENTIFIER', start, i);
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      tokens.push({ type: 'ERROR', text: `unexpected character in series sequence: ${quoteRune(ch)}`, from: start, to: start + ch.length });
      return tokens;
    }
  }
  tokens.push({ type: 'EOF', text: '', from: text.length, to: text.length });
  return tokens;
}

/** lexer.scanNumber in series mode: digits, fraction, exponent; no hexadecimal (`0x10` is 0 repeated 10 times). */
function scanNumber(text: string, i: number): number {
  const digits = (j: number): number => {
    while (j < text.length && /[0-9]/.test(text[j])) {
      j++;
    }
    return j;
  };
  i = digits(i);
  if (text[i] === '.') {
    i = digits(i + 1);
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') {
      i++;
    }
    i = digits(i);
  }
  return i;
}

function quoteRune(ch: string): string {
  const q = goQuote(ch);
  return `'${q.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** How the parser names a token in "unexpected …" (Item.desc in lex.go). */
function describe(t: Token): string {
  switch (t.type) {
    case 'EOF':
      return 'end of input';
    case 'IDENTIFIER':
      return `identifier ${goQuote(t.text)}`;
    case 'NUMBER':
      return `number ${goQuote(t.text)}`;
    case 'ADD':
    case 'SUB':
      return `<op:${t.text}>`;
    case 'SPACE':
      return goQuote(' ');
    default:
      return goQuote(t.text);
  }
}

class ValuesParser {
  private pos = 0;
  readonly values: SeriesValue[] = [];

  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token {
    return this.tokens[this.pos];
  }

  /** The current token's type, read afresh (TypeScript would otherwise narrow `tok.type` across calls that advance). */
  private type(): TokenType {
    return this.tokens[this.pos].type;
  }

  private fail(t: Token, expected = ''): never {
    if (t.type === 'ERROR') {
      throw { from: t.from, to: t.to, message: t.text } satisfies SeriesProblem;
    }
    throw { from: t.from, to: t.to, message: `unexpected ${describe(t)} in series values${expected ? `, expected ${expected}` : ''}` } satisfies SeriesProblem;
  }

  parse(): void {
    while (this.type() !== 'EOF') {
      if (this.type() === 'SPACE') {
        this.pos++;
        continue;
      }
      this.item();
      if (this.type() !== 'SPACE' && this.type() !== 'EOF') {
        this.fail(this.tok);
      }
    }
  }

  private item(): void {
    if (this.type() === 'BLANK') {
      this.pos++;
      const n = this.type() === 'TIMES' ? this.repetitions() : 1;
      this.push({ kind: 'omitted' }, n, 0);
      return;
    }
    const first = this.value();
    if (this.type() === 'TIMES') {
      this.push(first, this.repetitions() + 1, 0);
      return;
    }
    if (this.type() === 'ADD' || this.type() === 'SUB') {
      const step = this.signedNumber();
      if (this.type() !== 'TIMES') {
        this.fail(this.tok);
      }
      this.push(first, this.repetitions() + 1, step);
      return;
    }
    this.values.push(first);
  }

  private value(): SeriesValue {
    const t = this.tok;
    if (t.type === 'IDENTIFIER') {
      if (t.text !== 'stale') {
        this.fail(t, 'number or "stale"');
      }
      this.pos++;
      return { kind: 'stale' };
    }
    if (t.type === 'ADD' || t.type === 'SUB') {
      return { kind: 'value', value: this.signedNumber() };
    }
    return { kind: 'value', value: this.number() };
  }

  private number(): number {
    const t = this.tok;
    if (t.type !== 'NUMBER') {
      this.fail(t);
    }
    this.pos++;
    const parsed = parseNumber(t.text);
    if (parsed.error !== undefined) {
      throw { from: t.from, to: t.to, message: parsed.error } satisfies SeriesProblem;
    }
    return parsed.value;
  }

  private signedNumber(): number {
    const negative = this.type() === 'SUB';
    this.pos++;
    const v = this.number();
    return negative ? -v : v;
  }

  /** The `N` after `x`: an unsigned decimal integer (strconv.ParseUint). */
  private repetitions(): number {
    this.pos++;
    const t = this.tok;
    if (t.type !== 'NUMBER') {
      this.fail(t);
    }
    this.pos++;
    if (!/^[0-9]+$/.test(t.text)) {
      throw { from: t.from, to: t.to, message: `invalid repetition in series values: strconv.ParseUint: parsing ${goQuote(t.text)}: invalid syntax` } satisfies SeriesProblem;
    }
    const n = Number(t.text);
    if (n > 18446744073709551615 || this.values.length + n > MAX_SERIES_VALUES) {
      throw { from: t.from, to: t.to, message: `too many values in series: more than ${MAX_SERIES_VALUES}` } satisfies SeriesProblem;
    }
    return n;
  }

  private push(v: SeriesValue, count: number, step: number): void {
    if (v.kind !== 'value' || step === 0) {
      for (let i = 0; i < count; i++) {
        this.values.push(v);
      }
      return;
    }
    let current = v.value;
    for (let i = 0; i < count; i++) {
      this.values.push({ kind: 'value', value: current });
      current += step;
    }
  }
}

/** Parses and expands a `values` string. On error, `values` is empty and `problems` holds the first error. */
export function parseSeriesValues(text: string): ParsedValues {
  const parser = new ValuesParser(lex(text));
  try {
    parser.parse();
    return { values: parser.values, problems: [] };
  } catch (err) {
    if (err && typeof err === 'object' && 'message' in err && 'from' in err) {
      return { values: [], problems: [err as SeriesProblem] };
    }
    throw err;
  }
}

export interface ParsedSeries {
  labels?: Labels;
  problems: SeriesProblem[];
}

/**
 * Parses a `series` string such as `http_requests_total{job="api"}` with the PromQL parser. As in ParseMetric,
 * only a metric name and `=` matchers are allowed.
 */
export function parseSeriesSelector(text: string): ParsedSeries {
  const parsed = parsePromQL(text);
  if (!parsed.expr) {
    return { problems: parsed.problems.map((p) => ({ from: p.from, to: p.to, message: p.message })) };
  }
  const e = parsed.expr;
  if (e.kind !== 'vectorSelector' || e.offset || e.at || e.anchored || e.smoothed) {
    return { problems: [{ from: e.from, to: e.to, message: 'a series must be a metric name and/or a label set such as metric{label="value"}' }] };
  }
  const pairs: [string, string][] = e.name ? [['__name__', e.name]] : [];
  const problems: SeriesProblem[] = [];
  const seen = new Set(e.name ? ['__name__'] : []);
  for (const m of e.matchers) {
    if (m.op !== ('=' satisfies MatchOp)) {
      problems.push({ from: m.from, to: m.to, message: `only "=" is allowed in a series label set, got ${goQuote(m.op)}` });
    } else if (seen.has(m.name)) {
      problems.push({ from: m.nameSpan.from, to: m.nameSpan.to, message: `duplicate label name ${goQuote(m.name)}` });
    }
    seen.add(m.name);
    pairs.push([m.name, m.value]);
  }
  if (!pairs.some(([, v]) => v !== '')) {
    problems.push({ from: e.from, to: e.to, message: 'a series needs a metric name or at least one non-empty label' });
  }
  return problems.length ? { problems } : { labels: labelsFrom(pairs), problems };
}
