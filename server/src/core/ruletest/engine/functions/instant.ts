/**
 * The functions of instant vectors and scalars (promql/functions.go, Prometheus 2.x): math, clamping and
 * rounding, time and date functions, sorting, conversions, absent(). Functions that compute values drop the
 * metric name; sort() and sort_desc() keep the samples as they are. The label functions and histogram_quantile()
 * live in labelFunctions.ts and histogram.ts.
 */
import type { Call } from '../../../promql/ast';
import { dropMetricName, EMPTY_LABELS } from '../../labels';
import { goLog10, goLog2 } from '../goMath';
import { absentLabels } from '../selectors';
import type { Sample, Value } from '../types';

export type InstantFunction = (args: Value[], call: Call, ts: number) => Value;

export function vectorArg(v: Value | undefined): Sample[] {
  return v?.type === 'vector' ? v.samples : [];
}

export function scalarArg(v: Value | undefined): number {
  return v?.type === 'scalar' ? v.v : NaN;
}

function vector(samples: Sample[]): Value {
  return { type: 'vector', samples };
}

/** Applies `f` to every value and drops the metric name (simpleFunc). */
function simple(f: (v: number) => number): InstantFunction {
  return ([arg]) => vector(vectorArg(arg).map((s) => ({ labels: dropMetricName(s.labels), v: f(s.v) })));
}

function sgn(v: number): number {
  return v < 0 ? -1 : v > 0 ? 1 : v;
}

/** Go's time.Unix(int64(v), 0).UTC() broken into fields. */
function dateFunction(f: (d: Date) => number): InstantFunction {
  const at = (seconds: number): number => f(new Date(Math.trunc(seconds) * 1000));
  return (args, _call, ts) => {
    if (args.length === 0) {
      return vector([{ labels: EMPTY_LABELS, v: at(Math.trunc(ts / 1000)) }]);
    }
    return vector(vectorArg(args[0]).map((s) => ({ labels: dropMetricName(s.labels), v: at(s.v) })));
  };
}

function dayOfYear(d: Date): number {
  return Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

/** Ascending with NaN last (sort) or descending with NaN last (sort_desc), as sort.Reverse of the value heaps orders them. */
function sortBy(descending: boolean): InstantFunction {
  return ([arg]) =>
    vector(
      [...vectorArg(arg)].sort((a, b) => {
        if (Number.isNaN(a.v) || Number.isNaN(b.v)) {
          return Number.isNaN(a.v) ? (Number.isNaN(b.v) ? 0 : 1) : -1;
        }
        return descending ? b.v - a.v : a.v - b.v;
      }),
    );
}

function clamp(args: Value[]): Value {
  const [min, max] = [scalarArg(args[1]), scalarArg(args[2])];
  if (max < min) {
    return vector([]);
  }
  return vector(vectorArg(args[0]).map((s) => ({ labels: dropMetricName(s.labels), v: Math.max(min, Math.min(max, s.v)) })));
}

function round(args: Value[]): Value {
  const toNearest = args.length >= 2 ? scalarArg(args[1]) : 1;
  const inverse = 1.0 / toNearest;
  return vector(vectorArg(args[0]).map((s) => ({ labels: dropMetricName(s.labels), v: Math.floor(s.v * inverse + 0.5) / inverse })));
}

export const INSTANT_FUNCTIONS: Record<string, InstantFunction> = {
  abs: simple(Math.abs),
  ceil: simple(Math.ceil),
  floor: simple(Math.floor),
  exp: simple(Math.exp),
  sqrt: simple(Math.sqrt),
  ln: simple(Math.log),
  log2: simple(goLog2),
  log10: simple(goLog10),
  sin: simple(Math.sin),
  cos: simple(Math.cos),
  tan: simple(Math.tan),
  asin: simple(Math.asin),
  acos: simple(Math.acos),
  atan: simple(Math.atan),
  sinh: simple(Math.sinh),
  cosh: simple(Math.cosh),
  tanh: simple(Math.tanh),
  asinh: simple(Math.asinh),
  acosh: simple(Math.acosh),
  atanh: simple(Math.atanh),
  rad: simple((v) => (v * Math.PI) / 180),
  deg: simple((v) => (v * 180) / Math.PI),
  sgn: simple(sgn),
  clamp,
  clamp_min: (args) => vector(vectorArg(args[0]).map((s) => ({ labels: dropMetricName(s.labels), v: Math.max(scalarArg(args[1]), s.v) }))),
  clamp_max: (args) => vector(vectorArg(args[0]).map((s) => ({ labels: dropMetricName(s.labels), v: Math.min(scalarArg(args[1]), s.v) }))),
  round,
  pi: () => ({ type: 'scalar', v: Math.PI }),
  time: (_args, _call, ts) => ({ type: 'scalar', v: ts / 1000 }),
  // A vector selector argument is handled by the caller (the samples' own times); anything else was computed now.
  timestamp: ([arg], _call, ts) => vector(vectorArg(arg).map((s) => ({ labels: dropMetricName(s.labels), v: (s.t ?? ts) / 1000 }))),
  scalar: ([arg]) => {
    const samples = vectorArg(arg);
    return { type: 'scalar', v: samples.length === 1 ? samples[0].v : NaN };
  },
  vector: ([arg]) => vector([{ labels: EMPTY_LABELS, v: scalarArg(arg) }]),
  sort: sortBy(false),
  sort_desc: sortBy(true),
  absent: ([arg], call) => vector(vectorArg(arg).length ? [] : [{ labels: absentLabels(call.args[0]), v: 1 }]),
  year: dateFunction((d) => d.getUTCFullYear()),
  month: dateFunction((d) => d.getUTCMonth() + 1),
  day_of_month: dateFunction((d) => d.getUTCDate()),
  day_of_week: dateFunction((d) => d.getUTCDay()),
  day_of_year: dateFunction(dayOfYear),
  days_in_month: dateFunction((d) => 32 - new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 32)).getUTCDate()),
  hour: dateFunction((d) => d.getUTCHours()),
  minute: dateFunction((d) => d.getUTCMinutes()),
};
