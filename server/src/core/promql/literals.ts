/**
 * Number and duration literals as Prometheus reads them: `number()` in promql/parser/parse.go (Go's
 * strconv.ParseInt with base 0, then strconv.ParseFloat) and `model.ParseDuration` of prometheus/common.
 */
import { goQuote } from './goText';

export type Parsed = { value: number; error?: undefined } | { value?: undefined; error: string };

const INT64_MAX = 9223372036854775807n;

/** A NUMBER token's value, or the error Prometheus reports for it ("error parsing number: …"). */
export function parseNumber(text: string): Parsed {
  const plain = plainDecimal(text);
  if (plain !== undefined) {
    return { value: plain };
  }
  const lower = text.toLowerCase();
  if (lower === 'inf') {
    return { value: Infinity };
  }
  if (lower === 'nan') {
    return { value: NaN };
  }
  const digits = text.replace(/_/g, '');
  if (/^0x[0-9a-f]+$/i.test(digits)) {
    // ParseInt handles hex; beyond int64, ParseFloat refuses a hex mantissa without a 'p' exponent.
    return BigInt(digits) > INT64_MAX ? numberError(text, 'invalid syntax') : { value: Number(BigInt(digits)) };
  }
  if (/^0[0-7]+$/.test(digits) && BigInt(`0o${digits.slice(1)}`) <= INT64_MAX) {
    return { value: parseInt(digits, 8) };
  }
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(digits)) {
    return numberError(text, 'invalid syntax');
  }
  const value = Number(digits);
  return Number.isFinite(value) ? { value } : numberError(text, 'value out of range');
}

/**
 * `5`, `0.95`, `.5`, `100.`: digits with at most one point and no leading zero (Go reads `0…` as octal) — most
 * literals, read without the general rules' regular expressions; undefined for anything else.
 */
function plainDecimal(text: string): number | undefined {
  let digits = 0;
  let points = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
    } else if (c === 46) {
      points++;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || points > 1 || (text.length > 1 && text.charCodeAt(0) === 48 && text.charCodeAt(1) !== 46)) {
    return undefined;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function numberError(text: string, why: string): Parsed {
  return { error: `error parsing number: strconv.ParseFloat: parsing ${goQuote(text)}: ${why}` };
}

/** Duration units in the order they must come (a Map: a unit such as `constructor` must not find Object's). */
const UNITS = new Map<string, { ms: number; pos: number }>([
  ['y', { ms: 365 * 24 * 3600e3, pos: 1 }],
  ['w', { ms: 7 * 24 * 3600e3, pos: 2 }],
  ['d', { ms: 24 * 3600e3, pos: 3 }],
  ['h', { ms: 3600e3, pos: 4 }],
  ['m', { ms: 60e3, pos: 5 }],
  ['s', { ms: 1e3, pos: 6 }],
  ['ms', { ms: 1, pos: 7 }],
]);

/** The longest duration Go's time.Duration holds, in milliseconds. */
const MAX_MS = 9223372036854.775;

/** A DURATION token's length in seconds, or the error of model.ParseDuration. */
export function parseDuration(text: string): Parsed {
  if (text === '0') {
    return { value: 0 };
  }
  const invalid = (): Parsed => ({ error: `not a valid duration string: ${goQuote(text)}` });
  let ms = 0;
  let lastPos = 0;
  const re = /(\d+)([^\d]*)/y;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const unit = UNITS.get(m[2]);
    if (!m[2]) {
      return invalid();
    }
    if (!unit) {
      return { error: `unknown unit ${goQuote(m[2])} in duration ${goQuote(text)}` };
    }
    if (unit.pos <= lastPos) {
      return invalid();
    }
    lastPos = unit.pos;
    ms += Number(m[1]) * unit.ms;
    if (ms > MAX_MS) {
      return { error: 'duration out of range' };
    }
    if (re.lastIndex === text.length) {
      return { value: ms / 1000 };
    }
  }
  return invalid();
}

/** Go's `%f` of a float64 (six decimals; `+Inf`, `-Inf`, `NaN`). */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  // toFixed switches to exponent notation from 1e21; Go's %f never does.
  return Math.abs(v) >= 1e21 ? `${BigInt(v)}.000000` : v.toFixed(6);
}

/** Go's `%g`-ish rendering of a number for messages: integers without a fraction, others as JavaScript prints them. */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : goFloat(v).replace(/0+$/, '').replace(/\.$/, '');
}

/** Whether lezer-promql's `number` token accepts the text (otherwise parse.ts feeds lezer a stand-in). */
export function lezerNumber(text: string): boolean {
  const lower = text.toLowerCase();
  return lower === 'inf' || lower === 'nan' || /^(?:(?:\d+(?:_?\d)*(?:\.\d+(?:_?\d)*)?|\.\d+(?:_?\d)*)(?:[eE][+-]?\d+(?:_?\d)*)?|0x[0-9a-fA-F]+)$/.test(text);
}

/** Whether lezer-promql's `duration` token accepts the text. */
export function lezerDuration(text: string): boolean {
  return /^(?=\d)(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?$/.test(text) && /[a-z]$/.test(text);
}
