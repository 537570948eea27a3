/**
 * The functions over a range of samples besides the rates (promql/functions.go, Prometheus 2.x, plus the newer
 * mad_over_time, first_over_time, ts_of_*_over_time and double_exponential_smoothing): aggregations over time with
 * Kahan summation where Go uses it, changes/resets, linear regression for deriv/predict_linear, Holt-Winters.
 */
import { EvalError, type Point } from '../types';
import { formatFloatG, kahanSumInc } from '../goMath';
import { quantile } from './quantile';
import type { Window } from './window';

export type RangeFunction = (points: Point[], params: number[], w: Window) => number | undefined;

function avgOverTime(points: Point[]): number {
  let mean = 0;
  let count = 0;
  let c = 0;
  for (const { v } of points) {
    count++;
    if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
      if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) {
        continue;
      }
      if (Number.isFinite(v)) {
        continue;
      }
    }
    [mean, c] = kahanSumInc(v / count - mean / count, mean, c);
  }
  return !Number.isFinite(mean) && !Number.isNaN(mean) ? mean : mean + c;
}

function sumOverTime(points: Point[]): number {
  let sum = 0;
  let c = 0;
  for (const { v } of points) {
    [sum, c] = kahanSumInc(v, sum, c);
  }
  return !Number.isFinite(sum) && !Number.isNaN(sum) ? sum : sum + c;
}

function variance(points: Point[]): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (const { v } of points) {
    count++;
    const delta = v - (mean + cMean);
    [mean, cMean] = kahanSumInc(delta / count, mean, cMean);
    [aux, cAux] = kahanSumInc(delta * (v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

function extreme(points: Point[], better: (a: number, b: number) => boolean): Point {
  let best = points[0];
  for (const p of points) {
    if (better(p.v, best.v) || Number.isNaN(best.v)) {
      best = p;
    }
  }
  return best;
}

function changes(points: Point[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) {
    const [prev, cur] = [points[i - 1].v, points[i].v];
    if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) {
      n++;
    }
  }
  return n;
}

function resets(points: Point[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) {
    n += points[i].v < points[i - 1].v ? 1 : 0;
  }
  return n;
}

/** linearRegression of functions.go: least squares with Kahan sums, x in seconds relative to `interceptTime`. */
export function linearRegression(points: Point[], interceptTime: number): [slope: number, intercept: number] {
  let n = 0;
  let [sumX, cX, sumY, cY, sumXY, cXY, sumX2, cX2] = [0, 0, 0, 0, 0, 0, 0, 0];
  const initY = points[0].v;
  let constY = true;
  points.forEach((p, i) => {
    if (constY && i > 0 && p.v !== initY) {
      constY = false;
    }
    n += 1;
    const x = (p.t - interceptTime) / 1e3;
    [sumX, cX] = kahanSumInc(x, sumX, cX);
    [sumY, cY] = kahanSumInc(p.v, sumY, cY);
    [sumXY, cXY] = kahanSumInc(x * p.v, sumXY, cXY);
    [sumX2, cX2] = kahanSumInc(x * x, sumX2, cX2);
  });
  if (constY) {
    return Number.isFinite(initY) || Number.isNaN(initY) ? [0, initY] : [NaN, NaN];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

/** Holt-Winters double exponential smoothing (holt_winters before 3.0, double_exponential_smoothing since). */
function smoothing(points: Point[], [sf, tf]: number[]): number | undefined {
  if (sf <= 0 || sf >= 1) {
    throw new EvalError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${goF(sf)}`);
  }
  if (tf <= 0 || tf >= 1) {
    throw new EvalError(`invalid trend factor. Expected: 0 < tf < 1, got: ${goF(tf)}`);
  }
  if (points.length < 2) {
    return undefined;
  }
  let s0 = 0;
  let s1 = points[0].v;
  let b = points[1].v - points[0].v;
  for (let i = 1; i < points.length; i++) {
    const x = sf * points[i].v;
    b = i - 1 === 0 ? b : tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    [s0, s1] = [s1, x + y];
  }
  return s1;
}

/** Go's `%f`. */
function goF(v: number): string {
  return Number.isFinite(v) ? v.toFixed(6) : formatFloatG(v);
}

function madOverTime(points: Point[]): number {
  const values = points.map((p) => p.v);
  if (values.some(Number.isNaN)) {
    return NaN;
  }
  const median = quantile(0.5, values);
  return quantile(
    0.5,
    values.map((v) => Math.abs(v - median)),
  );
}

export const RANGE_FUNCTIONS: Record<string, RangeFunction> = {
  avg_over_time: avgOverTime,
  sum_over_time: sumOverTime,
  count_over_time: (p) => p.length,
  min_over_time: (p) => extreme(p, (a, b) => a < b).v,
  max_over_time: (p) => extreme(p, (a, b) => a > b).v,
  last_over_time: (p) => p[p.length - 1].v,
  first_over_time: (p) => p[0].v,
  // The newest sample wins ties.
  ts_of_min_over_time: (p) => extreme(p, (a, b) => a <= b).t / 1000,
  ts_of_max_over_time: (p) => extreme(p, (a, b) => a >= b).t / 1000,
  ts_of_first_over_time: (p) => p[0].t / 1000,
  ts_of_last_over_time: (p) => p[p.length - 1].t / 1000,
  present_over_time: () => 1,
  absent_over_time: () => 1,
  quantile_over_time: (p, [q]) => quantile(q, p.map((x) => x.v)),
  stddev_over_time: (p) => Math.sqrt(variance(p)),
  stdvar_over_time: variance,
  mad_over_time: madOverTime,
  changes,
  resets,
  deriv: (p) => (p.length < 2 ? undefined : linearRegression(p, p[0].t)[0]),
  predict_linear: (p, [duration], w) => {
    if (p.length < 2) {
      return undefined;
    }
    const [slope, intercept] = linearRegression(p, w.ts);
    return slope * duration + intercept;
  },
  holt_winters: smoothing,
  double_exponential_smoothing: smoothing,
};
