/**
 * The built-in PromQL engine: `evaluateInstant(expr, time)` and `evaluateRange(expr, start, end, step)` over an
 * in-memory Storage, following Prometheus 2.x's promql/engine.go — the semantics of Debian's promtool, our
 * reference: closed selector windows ([t − range, t]), 5-minute lookback, staleness markers, offset, `@`
 * (with start()/end()), subqueries, vector matching, aggregations and the function library.
 *
 * Floats only: native histograms are not supported (histogram_count() and the like return nothing, series
 * notation for histograms is refused). Not supported either: fill modifiers, anchored/smoothed ranges, duration
 * expressions with step()/range(), info(), sort_by_label().
 */
import { unparen, type Expr } from '../../promql/ast';
import type { Storage } from '../storage';
import { aggregate } from './aggregate';
import { scalarBinop, setBinop, vectorBinop, vectorScalarBinop } from './binary';
import { checked, evalCall } from './calls';
import type { EvalContext } from './context';
import { dropMetricName, labelsKey, compareLabels } from '../labels';
import { evalSubquery, selectInstant, selectRange } from './selectors';
import { EvalError, type EngineOptions, type Series, type Value } from './types';

const DEFAULT_LOOKBACK_MS = 5 * 60 * 1000;
const DEFAULT_SUBQUERY_STEP_MS = 60 * 1000;

function context(storage: Storage, start: number, end: number, options: EngineOptions): EvalContext {
  const ctx: EvalContext = {
    storage,
    start,
    end,
    lookbackMs: options.lookbackMs ?? DEFAULT_LOOKBACK_MS,
    subqueryStepMs: options.subqueryStepMs ?? DEFAULT_SUBQUERY_STEP_MS,
    checkpoint: options.checkpoint ?? (() => undefined),
    evaluate: (e, ts) => evalExpr(e, ts, ctx),
  };
  return ctx;
}

/** An instant query at `timeMs`. A range-vector expression gives a matrix, as Prometheus's API does. */
export function evaluateInstant(expr: Expr, timeMs: number, storage: Storage, options: EngineOptions = {}): Value {
  return evalExpr(expr, timeMs, context(storage, timeMs, timeMs, options));
}

/** A range query: the expression at start, start + step, … ≤ end, as one series per label set (sorted by labels). */
export function evaluateRange(expr: Expr, startMs: number, endMs: number, stepMs: number, storage: Storage, options: EngineOptions = {}): Series[] {
  const kind = unparen(expr).kind;
  if (kind === 'matrixSelector' || kind === 'subquery' || kind === 'string') {
    throw new EvalError(`invalid expression type "${kind === 'string' ? 'string' : 'range vector'}" for range query, must be Scalar or instant Vector`, expr);
  }
  if (stepMs <= 0) {
    throw new EvalError('zero or negative query resolution step widths are not accepted. Try a positive integer');
  }
  const ctx = context(storage, startMs, endMs, options);
  const byKey = new Map<string, Series>();
  for (let t = startMs; t <= endMs; t += stepMs) {
    ctx.checkpoint();
    const v = evalExpr(expr, t, ctx);
    const samples = v.type === 'scalar' ? [{ labels: [], v: v.v }] : v.type === 'vector' ? v.samples : [];
    for (const s of samples) {
      const key = labelsKey(s.labels);
      let series = byKey.get(key);
      if (!series) {
        series = { labels: s.labels, points: [] };
        byKey.set(key, series);
      }
      series.points.push({ t, v: s.v });
    }
  }
  return [...byKey.values()].sort((a, b) => compareLabels(a.labels, b.labels));
}

function evalExpr(e: Expr, ts: number, ctx: EvalContext): Value {
  switch (e.kind) {
    case 'number':
      return { type: 'scalar', v: e.value };
    case 'string':
      return { type: 'string', v: e.value };
    case 'paren':
      return evalExpr(e.expr, ts, ctx);
    case 'vectorSelector':
      return { type: 'vector', samples: selectInstant(e, ts, ctx).map((s) => ({ labels: s.labels, v: s.v })) };
    case 'matrixSelector':
      return { type: 'matrix', series: selectRange(e, ts, ctx).series };
    case 'subquery':
      return { type: 'matrix', series: evalSubquery(e, ts, ctx).series };
    case 'call':
      return evalCall(e, ts, ctx);
    case 'aggregate':
      return evalAggregate(e, ts, ctx);
    case 'unary':
      return evalUnary(e.op, evalExpr(e.expr, ts, ctx), e);
    case 'binary':
      return evalBinary(e, ts, ctx);
  }
}

function evalUnary(op: '+' | '-', v: Value, at: Expr): Value {
  if (op === '+') {
    return v;
  }
  if (v.type === 'scalar') {
    return { type: 'scalar', v: -v.v };
  }
  if (v.type === 'vector') {
    return checked({ type: 'vector', samples: v.samples.map((s) => ({ labels: dropMetricName(s.labels), v: -s.v })) }, at);
  }
  throw new EvalError(`unary expression only allowed on expressions of type scalar or instant vector, got "${v.type}"`, at);
}

function evalAggregate(e: Extract<Expr, { kind: 'aggregate' }>, ts: number, ctx: EvalContext): Value {
  if (!e.expr) {
    throw new EvalError('wrong number of arguments for aggregate expression', e);
  }
  const param = e.param ? evalExpr(e.param, ts, ctx) : undefined;
  const input = evalExpr(e.expr, ts, ctx);
  if (input.type !== 'vector') {
    throw new EvalError(`expected type instant vector in aggregation expression, got ${input.type}`, e.expr);
  }
  const p = param?.type === 'scalar' || param?.type === 'string' ? param.v : undefined;
  return checked({ type: 'vector', samples: aggregate(e, input.samples, p) }, e);
}

function evalBinary(e: Extract<Expr, { kind: 'binary' }>, ts: number, ctx: EvalContext): Value {
  if (e.fill) {
    throw new EvalError('fill modifiers are not supported by the built-in engine', e.fill);
  }
  const lhs = evalExpr(e.lhs, ts, ctx);
  const rhs = evalExpr(e.rhs, ts, ctx);
  if (lhs.type === 'scalar' && rhs.type === 'scalar') {
    return { type: 'scalar', v: scalarBinop(e.op, lhs.v, rhs.v) };
  }
  if (lhs.type === 'vector' && rhs.type === 'vector') {
    const set = e.op === 'and' || e.op === 'or' || e.op === 'unless';
    return checked({ type: 'vector', samples: set ? setBinop(e, lhs.samples, rhs.samples) : vectorBinop(e, lhs.samples, rhs.samples) }, e);
  }
  if (lhs.type === 'vector' && rhs.type === 'scalar') {
    return checked({ type: 'vector', samples: vectorScalarBinop(e, lhs.samples, rhs.v, false) }, e);
  }
  if (lhs.type === 'scalar' && rhs.type === 'vector') {
    return checked({ type: 'vector', samples: vectorScalarBinop(e, rhs.samples, lhs.v, true) }, e);
  }
  throw new EvalError('binary expression must contain only scalar and instant vector types', e);
}
