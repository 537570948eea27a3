/**
 * The formatting of basic values under one verb with flags, width and precision, as Go's fmt/format.go does it
 * (fmtInteger, fmtFloat, fmtQ, pad): the building blocks of printf, print and the template's own printing.
 */
import { formatFloat, type FloatFormat } from './goFloat';
import { canBackquote, goQuote, goQuoteRune, utf8Bytes } from '../goStrconv';

export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid?: number;
  prec?: number;
}

export function noFlags(): Flags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false };
}

/** Pads to the width (counted in runes) with spaces, or zeros when asked for. */
export function pad(f: Flags, s: string): string {
  if (f.wid === undefined) {
    return s;
  }
  const n = f.wid - Array.from(s).length;
  if (n <= 0) {
    return s;
  }
  if (f.minus) {
    return s + ' '.repeat(n);
  }
  return (f.zero ? '0' : ' ').repeat(n) + s;
}

/** fmt's %x of bytes: `ab12`, with `% x` spacing and `%#x` prefixes. */
function hexBytes(f: Flags, bytes: Uint8Array, upper: boolean): string {
  const parts = Array.from(bytes, (b) => b.toString(16).padStart(2, '0'));
  const prefix = f.sharp ? (upper ? '0X' : '0x') : '';
  let s = f.space ? parts.map((p) => prefix + p).join(' ') : prefix + parts.join('');
  if (upper) {
    s = s.toUpperCase();
  }
  return pad(f, s);
}

export function fmtString(f: Flags, s: string, verb: string): string | undefined {
  if (f.prec !== undefined && (verb === 's' || verb === 'v' || verb === 'q' || verb === 'x' || verb === 'X')) {
    s = Array.from(s).slice(0, f.prec).join('');
  }
  switch (verb) {
    case 'v':
      return pad(f, f.sharpV ? goQuote(s) : s);
    case 's':
      return pad(f, s);
    case 'q':
      return pad(f, f.sharp && canBackquote(s) ? `\`${s}\`` : goQuote(s, f.plus));
    case 'x':
    case 'X':
      return hexBytes(f, utf8Bytes(s), verb === 'X');
  }
  return undefined;
}

export function fmtBool(f: Flags, b: boolean, verb: string): string | undefined {
  return verb === 't' || verb === 'v' ? pad(f, String(b)) : undefined;
}

const BASES: Record<string, number> = { b: 2, o: 8, O: 8, x: 16, X: 16, d: 10, v: 10 };

/** fmtInteger: %d %b %o %O %x %X %c %q %U of a (signed) integer. */
export function fmtInteger(f: Flags, v: bigint, verb: string): string | undefined {
  if (verb === 'c') {
    return pad(f, String.fromCodePoint(validRune(v)));
  }
  if (verb === 'q') {
    return pad(f, goQuoteRune(validRune(v), f.plus));
  }
  if (verb === 'U') {
    const hex = `U+${v.toString(16).toUpperCase().padStart(4, '0')}`;
    return pad(f, f.sharp ? `${hex} '${String.fromCodePoint(validRune(v))}'` : hex);
  }
  const base = BASES[verb];
  if (base === undefined) {
    return undefined;
  }
  const neg = v < 0n;
  let digits = (neg ? -v : v).toString(base);
  if (verb === 'X') {
    digits = digits.toUpperCase();
  }
  let prec = f.prec;
  if (prec === undefined && f.zero && f.wid !== undefined && !f.minus) {
    prec = f.wid - (neg || f.plus || f.space ? 1 : 0);
  }
  if (prec !== undefined) {
    digits = prec === 0 && v === 0n ? '' : digits.padStart(prec, '0');
  }
  let prefix = '';
  if (f.sharp && verb === 'o' && !digits.startsWith('0')) {
    prefix = '0';
  } else if (f.sharp && (verb === 'x' || verb === 'X' || verb === 'b')) {
    prefix = verb === 'X' ? '0X' : `0${verb}`;
  } else if (verb === 'O') {
    prefix = '0o';
  }
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad({ ...f, zero: false }, sign + prefix + digits);
}

function validRune(v: bigint): number {
  return v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn) ? 0xfffd : Number(v);
}

const FLOAT_VERBS: Record<string, FloatFormat> = { v: 'g', g: 'g', G: 'G', e: 'e', E: 'E', f: 'f', F: 'f', x: 'x', X: 'X', b: 'b' };

/** fmtFloat: %v %g %e %f … with sign flags and zero padding after the sign; NaN and Inf never zero-padded. */
export function fmtFloat(f: Flags, v: number, verb: string): string | undefined {
  const fmt = FLOAT_VERBS[verb];
  if (!fmt) {
    return undefined;
  }
  const defaultPrec = 'eEfF'.includes(verb) ? 6 : -1;
  let num = formatFloat(v, fmt, f.prec ?? defaultPrec);
  if (num[0] !== '-' && num[0] !== '+') {
    num = `+${num}`;
  }
  if (f.space && num[0] === '+' && !f.plus) {
    num = ` ${num.slice(1)}`;
  }
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) {
      num = num.slice(1);
    }
    return pad({ ...f, zero: false }, num);
  }
  if (f.plus || num[0] !== '+') {
    if (f.zero && !f.minus && f.wid !== undefined && f.wid > num.length) {
      return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
    }
    return pad(f, num);
  }
  return pad(f, num.slice(1));
}
