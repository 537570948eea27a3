/**
 * Number constants of text/template: parse.go `newNumber` keeps every representation a literal allows (int,
 * uint, float), so the evaluator can pick one the way Go's ideal constants work. Integer syntax follows
 * strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b, leading-0 octal, underscores between digits).
 */
import { goQuote, goUnquoteChar } from '../goStrconv';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  float: number;
}

/** Go's underscoreOK: underscores only between digits, or between a base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.startsWith('+') || s.startsWith('-')) {
    s = s.slice(1);
  }
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1])) {
    i = 2;
    saw = '0';
    hex = /[xX]/.test(s[1]);
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
    } else if (c === '_') {
      if (saw !== '0') {
        return false;
      }
      saw = '_';
    } else {
      if (saw === '_') {
        return false;
      }
      saw = '!';
    }
  }
  return saw !== '_';
}

/** strconv.ParseInt(s, 0, 64) as a bigint (unbounded; the caller checks the range), or undefined. */
function parseBase0(s: string): bigint | undefined {
  let sign = 1n;
  let body = s;
  if (body[0] === '+' || body[0] === '-') {
    sign = body[0] === '-' ? -1n : 1n;
    body = body.slice(1);
  }
  if (body.includes('_') && !underscoreOK(body)) {
    return undefined;
  }
  body = body.replace(/_/g, '');
  let re = /^[0-9]+$/;
  let prefix = '';
  if (/^0[xX]/.test(body)) {
    [re, prefix, body] = [/^[0-9a-fA-F]+$/, '0x', body.slice(2)];
  } else if (/^0[oO]/.test(body)) {
    [re, prefix, body] = [/^[0-7]+$/, '0o', body.slice(2)];
  } else if (/^0[bB]/.test(body)) {
    [re, prefix, body] = [/^[01]+$/, '0b', body.slice(2)];
  } else if (/^0[0-9]/.test(body)) {
    [re, prefix, body] = [/^[0-7]+$/, '0o', body.slice(1)];
  }
  if (!re.test(body)) {
    return undefined;
  }
  return sign * BigInt(prefix + body);
}

/** strconv.ParseFloat for the literal forms the lexer lets through; undefined when Go would reject it. */
export function parseGoFloat(s: string): number | undefined {
  if (s.includes('_') && !underscoreOK(s)) {
    return undefined;
  }
  const t = s.replace(/_/g, '');
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(t);
  if (hex) {
    const [, sign, int, frac = '', exp] = hex;
    if (!int && !frac) {
      return undefined;
    }
    const mant = parseInt((int || '0') + frac, 16) / 16 ** frac.length;
    const v = mant * 2 ** Number(exp);
    return sign === '-' ? -v : v;
  }
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) {
    return undefined;
  }
  return Number(t);
}

/** The value of a number or character token, or an error message in Go's words. */
export function parseNumber(text: string, type: 'number' | 'charConstant' | 'complex'): NumberValue | string {
  const n: NumberValue = { isInt: false, isUint: false, isFloat: false, isComplex: false, int: 0n, float: 0 };
  if (type === 'charConstant') {
    let r: number;
    try {
      r = goUnquoteChar(text);
    } catch (err) {
      return (err as Error).message;
    }
    return { ...n, isInt: true, isUint: true, isFloat: true, int: BigInt(r), float: r };
  }
  if (type === 'complex' || text.endsWith('i')) {
    // Complex constants are parsed by Go but no Prometheus or Alertmanager function takes one.
    return { ...n, isComplex: true };
  }
  const i = parseBase0(text);
  if (i !== undefined && i >= 0n && i <= UINT64_MAX) {
    n.isUint = true;
    n.int = i;
  }
  if (i !== undefined && i >= INT64_MIN && i <= INT64_MAX) {
    n.isInt = true;
    n.int = i;
  }
  if (n.isInt || n.isUint) {
    n.isFloat = true;
    n.float = Number(n.int);
    return n;
  }
  const f = parseGoFloat(text);
  if (f !== undefined && Number.isFinite(f)) {
    if (!/[.eEpP]/.test(text)) {
      return `integer overflow: ${goQuote(text)}`;
    }
    n.isFloat = true;
    n.float = f;
    if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
      n.isInt = true;
      n.int = BigInt(f);
      n.isUint = f >= 0;
    }
    return n;
  }
  return `illegal number syntax: ${goQuote(text)}`;
}

/**
 * strconv.ParseFloat(s, 64): Go's number syntax plus `inf`/`infinity`/`nan` in any case; throws Go's message
 * (`strconv.ParseFloat: parsing "x": invalid syntax` / `value out of range`).
 */
export function strconvParseFloat(s: string): number {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2].toLowerCase() === 'nan') {
      return NaN;
    }
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const v = parseGoFloat(s);
  if (v === undefined) {
    throw new Error(`strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
  }
  if (!Number.isFinite(v)) {
    throw new Error(`strconv.ParseFloat: parsing ${goQuote(s)}: value out of range`);
  }
  return v;
}
