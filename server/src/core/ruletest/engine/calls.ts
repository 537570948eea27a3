/**
 * Function calls, as promql/engine.go (Prometheus 2.x) evaluates them:
 * - a call with a range argument (range selector or subquery) runs the function once per series of the range
 *   that has samples; the metric name is dropped except by last_over_time()/first_over_time(); other arguments are
 *   scalars evaluated at the same time;
 * - absent_over_time() answers 1 (with the selector's `=` labels) only when no series has samples;
 * - timestamp() of a plain selector reads the samples' own times;
 * - every other function gets its evaluated arguments.
 */
import { unparen, type Call } from '../../promql/ast';
import { dropMetricName, labelsKey } from '../labels';
import type { EvalContext } from './context';
import { HISTOGRAM_FUNCTIONS } from './functions/histogram';
import { INSTANT_FUNCTIONS, type InstantFunction } from './functions/instant';
import { LABEL_FUNCTIONS } from './functions/labelFunctions';
import { RANGE_FUNCTIONS } from './functions/overTime';
import { extrapolatedRate, instantValue } from './functions/rate';
import type { RangeFunction } from './functions/overTime';
import { absentLabels, evalRangeArg, selectInstant } from './selectors';
import { EvalError, type Sample, type Value } from './types';

const RATES: Record<string, RangeFunction> = {
  rate: (p, _params, w) => extrapolatedRate(p, w, true, true),
  increase: (p, _params, w) => extrapolatedRate(p, w, true, false),
  delta: (p, _params, w) => extrapolatedRate(p, w, false, false),
  irate: (p) => instantValue(p, true),
  idelta: (p) => instantValue(p, false),
};

const BY_RANGE: Record<string, RangeFunction> = { ...RANGE_FUNCTIONS, ...RATES };
const BY_VALUE: Record<string, InstantFunction> = { ...INSTANT_FUNCTIONS, ...LABEL_FUNCTIONS, ...HISTOGRAM_FUNCTIONS };

/** Functions whose result keeps the metric name of the range's series. */
const KEEP_NAME = new Set(['last_over_time', 'first_over_time']);

export function evalCall(e: Call, ts: number, ctx: EvalContext): Value {
  const first = e.args[0] && unparen(e.args[0]);
  if (e.name === 'timestamp' && first?.kind === 'vectorSelector') {
    const samples = selectInstant(first, ts, ctx).map((s) => ({ labels: dropMetricName(s.labels), v: s.t! / 1000 }));
    return checked({ type: 'vector', samples }, e);
  }
  const rangeIndex = e.args.findIndex((a) => {
    const k = unparen(a).kind;
    return k === 'matrixSelector' || k === 'subquery';
  });
  if (rangeIndex >= 0) {
    return rangeCall(e, rangeIndex, ts, ctx);
  }
  const f = BY_VALUE[e.name];
  if (!f) {
    throw new EvalError(`function "${e.name}" is not supported by the built-in engine`, e.nameSpan);
  }
  const args = e.args.map((a) => ctx.evaluate(a, ts));
  return checked(f(args, e, ts), e);
}

function rangeCall(e: Call, rangeIndex: number, ts: number, ctx: EvalContext): Value {
  const f = BY_RANGE[e.name];
  if (!f) {
    throw new EvalError(`function "${e.name}" is not supported by the built-in engine`, e.nameSpan);
  }
  const params: number[] = [];
  e.args.forEach((a, i) => {
    if (i !== rangeIndex) {
      const v = ctx.evaluate(a, ts);
      params.push(v.type === 'scalar' ? v.v : NaN);
    }
  });
  const range = evalRangeArg(e.args[rangeIndex], ts, ctx);
  const w = { start: range.start, end: range.end, rangeMs: range.rangeMs, ts };
  const samples: Sample[] = [];
  for (const s of range.series) {
    ctx.checkpoint();
    const v = f(s.points, params, w);
    if (v !== undefined) {
      samples.push({ labels: KEEP_NAME.has(e.name) ? s.labels : dropMetricName(s.labels), v });
    }
  }
  if (e.name === 'absent_over_time') {
    const arg = unparen(e.args[0]);
    return { type: 'vector', samples: samples.length ? [] : [{ labels: arg.kind === 'subquery' ? [] : absentLabels(arg), v: 1 }] };
  }
  return checked({ type: 'vector', samples }, e);
}

/** "vector cannot contain metrics with the same labelset", raised after every operation as rangeEval does. */
export function checked(v: Value, at: { from: number; to: number }): Value {
  if (v.type === 'vector' && v.samples.length > 1) {
    const seen = new Set<string>();
    for (const s of v.samples) {
      const key = labelsKey(s.labels);
      if (seen.has(key)) {
        throw new EvalError('vector cannot contain metrics with the same labelset', at);
      }
      seen.add(key);
    }
  }
  return v;
}
