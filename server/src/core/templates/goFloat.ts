/**
 * Go's strconv.FormatFloat for float64, digit for digit: the shortest representation that round-trips (as `%v`
 * prints `$value`) and fixed precisions (`%.2f`, `%.4g` as humanize uses) rounded half-to-even on the exact
 * binary value, as strconv/ftoa.go does. Also strconv.FormatFloat(x, 'f', -1, 64).
 */

/** Decimal digits (no leading or trailing zeros) and the decimal point position: value = 0.d1d2… × 10^dp. */
export interface Decimal {
  d: string;
  dp: number;
}

function trim(x: Decimal): Decimal {
  let n = x.d.length;
  while (n > 0 && x.d[n - 1] === '0') {
    n--;
  }
  return n === 0 ? { d: '', dp: 0 } : { d: x.d.slice(0, n), dp: x.dp };
}

/** The exact decimal expansion of a finite, non-negative double. */
export function exactDecimal(v: number): Decimal {
  if (v === 0) {
    return { d: '', dp: 0 };
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biasedExp === 0) {
    exp = -1074;
  } else {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  if (exp >= 0) {
    const s = (mant << BigInt(exp)).toString();
    return trim({ d: s, dp: s.length });
  }
  // mant / 2^k = mant * 5^k / 10^k
  const k = -exp;
  const s = (mant * 5n ** BigInt(k)).toString();
  return trim({ d: s.replace(/^0+/, ''), dp: s.length - k });
}

/** The shortest digits that read back as v (what JavaScript's and Go's shortest formatting both produce). */
export function shortestDecimal(v: number): Decimal {
  if (v === 0) {
    return { d: '', dp: 0 };
  }
  const [mant, e] = v.toExponential().split('e');
  return trim({ d: mant.replace('.', ''), dp: Number(e) + 1 });
}

/** decimal.Round: to nd digits, half to even on exact ties; nd < 0 leaves the digits alone, as Go does. */
export function roundDecimal(x: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= x.d.length) {
    return x;
  }
  const c = x.d[nd];
  let up = c > '5';
  if (c === '5') {
    const exactHalf = nd + 1 === x.d.length;
    up = !exactHalf || (nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1);
  }
  if (!up) {
    return trim({ d: x.d.slice(0, nd), dp: x.dp });
  }
  const digits = x.d.slice(0, nd).split('');
  let i = nd - 1;
  while (i >= 0 && digits[i] === '9') {
    i--;
  }
  if (i < 0) {
    return { d: '1', dp: x.dp + 1 };
  }
  digits[i] = String.fromCharCode(digits[i].charCodeAt(0) + 1);
  return trim({ d: digits.slice(0, i + 1).join(''), dp: x.dp });
}

function fmtE(neg: boolean, x: Decimal, prec: number, e: string): string {
  let out = neg ? '-' : '';
  out += x.d.length === 0 ? '0' : x.d[0];
  if (prec > 0) {
    out += `.${x.d.slice(1, Math.min(x.d.length, prec + 1))}`;
    out += '0'.repeat(Math.max(0, prec - Math.max(0, Math.min(x.d.length, prec + 1) - 1)));
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return `${out}${e}${sign}${exp < 10 ? `0${exp}` : exp}`;
}

function fmtF(neg: boolean, x: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  if (x.dp > 0) {
    const m = Math.min(x.d.length, x.dp);
    out += x.d.slice(0, m) + '0'.repeat(x.dp - m);
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = x.dp + i - 1;
      out += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return out;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'x' | 'X' | 'b';

/** The bits of a finite double: mantissa (with the implicit 1) and unbiased exponent, as strconv/ftoa.go takes them. */
function bits(v: number): { neg: boolean; mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  let exp = (hi >>> 20) & 0x7ff;
  if (exp === 0) {
    exp++;
  } else {
    mant |= 1n << 52n;
  }
  return { neg: hi >>> 31 === 1, mant, exp: exp - 1023 };
}

/** strconv 'b': decimal mantissa and binary exponent, `4503599627370496p-51`. */
function formatBinary(v: number): string {
  const { neg, mant, exp } = bits(v);
  const e = exp - 52;
  return `${neg ? '-' : ''}${mant}p${e >= 0 ? '+' : ''}${e}`;
}

/** strconv 'x' (ftoa.go fmtX): `0x1.8p+00`, with precision rounding half to even. */
function formatHex(v: number, prec: number, upper: boolean): string {
  const b = bits(v);
  let { mant, exp } = b;
  if (mant === 0n) {
    exp = 0;
  }
  mant <<= 8n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) {
      mant++;
    }
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  let out = `${b.neg ? '-' : ''}0x${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const digit = () => {
    const d = ((mant >> 60n) & 15n).toString(16);
    mant = (mant << 4n) & ((1n << 64n) - 1n);
    return d;
  };
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += digit();
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += digit();
    }
  }
  const e = Math.abs(exp);
  out += `p${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  return upper ? out.toUpperCase() : out;
}

/** strconv.FormatFloat(v, fmt, prec, 64); prec -1 means the shortest representation. */
export function formatFloat(v: number, fmt: FloatFormat, prec: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  if (fmt === 'x' || fmt === 'X') {
    return formatHex(v, prec, fmt === 'X');
  }
  if (fmt === 'b') {
    return formatBinary(v);
  }
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  const shortest = prec < 0;
  let x: Decimal;
  if (shortest) {
    x = shortestDecimal(abs);
  } else {
    const exact = exactDecimal(abs);
    if (fmt === 'e' || fmt === 'E') {
      x = roundDecimal(exact, prec + 1);
    } else if (fmt === 'f' || fmt === 'F') {
      x = roundDecimal(exact, exact.dp + prec);
    } else {
      prec = prec === 0 ? 1 : prec;
      x = roundDecimal(exact, prec);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, x, shortest ? Math.max(x.d.length - 1, 0) : prec, fmt);
    case 'f':
    case 'F':
      return fmtF(neg, x, shortest ? Math.max(x.d.length - x.dp, 0) : prec);
    default:
      return formatG(neg, x, shortest ? x.d.length : prec, shortest, fmt === 'G' ? 'E' : 'e');
  }
}

function formatG(neg: boolean, x: Decimal, prec: number, shortest: boolean, e: string): string {
  let eprec = prec;
  if (eprec > x.d.length && x.d.length >= x.dp) {
    eprec = x.d.length;
  }
  // %e is used when the exponent is below -4 or at least the precision (6 for the shortest form).
  if (shortest) {
    eprec = 6;
  }
  const exp = x.dp - 1;
  if (exp < -4 || exp >= eprec) {
    return fmtE(neg, x, Math.min(prec, x.d.length) - 1, e);
  }
  const p = prec > x.dp ? x.d.length : prec;
  return fmtF(neg, x, Math.max(p - x.dp, 0));
}
