/**
 * Go's float64 arithmetic where it differs from JavaScript's, so results are bit-identical to Prometheus's:
 * math.Pow (a port of Go's algorithm, repeated squaring of the mantissa; JavaScript's `**` rounds differently
 * and has other special cases such as 1 ** NaN), math.Log2 and math.Log10 (defined through math.Log), Frexp and
 * Ldexp, Kahan summation as promql/functions.go does it, and float formatting (strconv 'g' and 'f' with the
 * shortest precision). Transcendental functions (exp, log, sin, …) use JavaScript's, which can differ from Go's
 * in the last bit.
 */
import { formatFloat } from '../../templates/goFloat';

const view = new DataView(new ArrayBuffer(8));

/** math.Frexp: x = frac × 2^exp with |frac| in [0.5, 1). */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) {
    return [x, 0];
  }
  let shift = 0;
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 2 ** 52;
    shift = -52;
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const exp = ((hi >>> 20) & 0x7ff) - 1022 + shift;
  view.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  return [view.getFloat64(0), exp];
}

/** math.Ldexp: frac × 2^exp with one rounding. */
function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) {
    return frac;
  }
  if (exp > 1023) {
    return frac * 2 ** 1023 * 2 ** (exp - 1023);
  }
  if (exp < -1022) {
    return frac * 2 ** (exp + 53) * 2 ** -53;
  }
  return frac * 2 ** exp;
}

function isOddInt(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;
}

/** math.Pow. */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) {
    return 1;
  }
  if (y === 1) {
    return x;
  }
  if (Number.isNaN(x) || Number.isNaN(y)) {
    return NaN;
  }
  if (x === 0) {
    const negZero = Object.is(x, -0) && isOddInt(y);
    return y < 0 ? (negZero ? -Infinity : Infinity) : negZero ? x : 0;
  }
  if (!Number.isFinite(y)) {
    return x === -1 ? 1 : (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) {
      return goPow(1 / x, -y);
    }
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) {
    return Math.sqrt(x);
  }
  if (y === -0.5) {
    return 1 / Math.sqrt(x);
  }
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) {
    return NaN;
  }
  if (yi >= 2 ** 63) {
    return x === -1 ? 1 : (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = yi; i !== 0; i = Math.floor(i / 2)) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if (i % 2 === 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe *= 2;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** math.Log2: exact for powers of two. */
export function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  if (frac === 0.5) {
    return exp - 1;
  }
  return Math.log(frac) * Math.LOG2E + exp;
}

/** math.Log10. Go's `1/Ln10` is a constant computed exactly, then rounded: that is LOG10E (likewise 1/Ln2, LOG2E). */
export function goLog10(x: number): number {
  return Math.log(x) * Math.LOG10E;
}

/** kahanSumInc of promql/functions.go. */
export function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) {
    c += sum - t + inc;
  } else {
    c += inc - t + sum;
  }
  return [t, c];
}

/** strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent. */
export function formatFloatF(v: number): string {
  return formatFloat(v, 'f', -1);
}

/** strconv.FormatFloat(v, 'g', -1, 64), which is also fmt's `%v` of a float64: `1e+06`, `123456`, `1.5e-07`. */
export function formatFloatG(v: number): string {
  return formatFloat(v, 'g', -1);
}
