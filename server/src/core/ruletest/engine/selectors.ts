/**
 * Selectors and subqueries at one evaluation time, as promql/engine.go (Prometheus 2.x) evaluates them:
 * - an instant selector takes, per series, the newest sample at or before the reference time and no older than
 *   the lookback delta (5 minutes by default), unless that sample is a staleness marker;
 * - a range selector takes the samples in [ref − range, ref], staleness markers left out;
 * - the reference time is the `@` time (or the evaluation time) minus the `offset`;
 * - a subquery evaluates its expression at every multiple of its step in [ref − range, ref].
 */
import { durationSeconds, type AtModifier, type DurationExpr, type Expr, type MatrixSelector, type Modifiers, type Subquery, type VectorSelector } from '../../promql/ast';
import { labelsFrom, labelsKey, type Labels } from '../labels';
import { lastIndexAtOrBefore, type Matcher, type StoredSeries } from '../storage';
import type { EvalContext } from './context';
import { EvalError, type Point, type Sample, type Series } from './types';

/** A range of samples per series, with the window it was cut from (rate() extrapolates to the window's edges). */
export interface RangeValue {
  series: Series[];
  /** The window [start, end] in milliseconds and its length. */
  start: number;
  end: number;
  rangeMs: number;
}

/** time.Duration in milliseconds, truncated as durationMilliseconds does. */
export function durationMs(d: DurationExpr): number {
  const seconds = durationSeconds(d);
  if (seconds === undefined) {
    throw new EvalError('durations with step() or range() are not supported by the built-in engine', d);
  }
  return Math.trunc(Math.round(seconds * 1e9) / 1e6);
}

function atMs(at: AtModifier, ctx: EvalContext): number {
  if (at.preprocessor) {
    return at.preprocessor === 'start' ? ctx.start : ctx.end;
  }
  // timestamp.FromFloatSeconds.
  return Math.round((at.value ?? 0) * 1000);
}

/** The reference time of a selector or subquery evaluated at `ts`: its `@` time or `ts`, minus its offset. */
function referenceTime(m: Modifiers, ts: number, ctx: EvalContext): number {
  const base = m.at ? atMs(m.at, ctx) : ts;
  return base - (m.offset ? durationMs(m.offset.duration) : 0);
}

export function matchers(vs: VectorSelector): Matcher[] {
  const out: Matcher[] = vs.name === undefined ? [] : [{ name: '__name__', op: '=', value: vs.name }];
  for (const m of vs.matchers) {
    out.push({ name: m.name, op: m.op, value: m.value });
  }
  return out;
}

function unsupported(m: Modifiers): void {
  const modifier = m.anchored ?? m.smoothed;
  if (modifier) {
    throw new EvalError('the anchored and smoothed modifiers are not supported by the built-in engine', modifier);
  }
}

/** An instant vector selector; each sample keeps the time it was taken (`t`), for timestamp(). */
export function selectInstant(vs: VectorSelector, ts: number, ctx: EvalContext): Sample[] {
  unsupported(vs);
  const ref = referenceTime(vs, ts, ctx);
  const out: Sample[] = [];
  for (const s of ctx.storage.select(matchers(vs))) {
    const i = lastIndexAtOrBefore(s, ref);
    if (i < 0 || s.t[i] < ref - ctx.lookbackMs || s.stale.has(i)) {
      continue;
    }
    out.push({ labels: s.labels, v: s.v[i], t: s.t[i] });
  }
  return out;
}

function window(s: StoredSeries, start: number, end: number): Point[] {
  const points: Point[] = [];
  for (let i = lastIndexAtOrBefore(s, end); i >= 0 && s.t[i] >= start; i--) {
    if (!s.stale.has(i)) {
      points.push({ t: s.t[i], v: s.v[i] });
    }
  }
  return points.reverse();
}

export function selectRange(ms: MatrixSelector, ts: number, ctx: EvalContext): RangeValue {
  if (ms.selector.kind !== 'vectorSelector') {
    throw new EvalError('ranges only allowed for vector selectors', ms);
  }
  const vs = ms.selector;
  unsupported(ms);
  unsupported(vs);
  // The modifiers of `x[5m] offset 1m` sit on the matrix selector; `x offset 1m [5m]` is a parse error.
  const end = referenceTime({ at: ms.at ?? vs.at, offset: ms.offset ?? vs.offset }, ts, ctx);
  const rangeMs = durationMs(ms.range);
  const start = end - rangeMs;
  const series: Series[] = [];
  for (const s of ctx.storage.select(matchers(vs))) {
    const points = window(s, start, end);
    if (points.length) {
      series.push({ labels: s.labels, points });
    }
  }
  return { series, start, end, rangeMs };
}

/** A subquery: the inner expression at every multiple of the step from ref − range to ref. */
export function evalSubquery(sq: Subquery, ts: number, ctx: EvalContext): RangeValue {
  const end = referenceTime(sq, ts, ctx);
  const rangeMs = durationMs(sq.range);
  const step = sq.step ? durationMs(sq.step) : ctx.subqueryStepMs;
  if (step <= 0) {
    throw new EvalError('zero or negative query resolution step widths are not accepted', sq.step ?? sq);
  }
  // Go's integer division truncates toward zero; then move to the first step inside the range.
  let first = step * Math.trunc((end - rangeMs) / step);
  if (first < end - rangeMs) {
    first += step;
  }
  const byKey = new Map<string, Series>();
  for (let t = first; t <= end; t += step) {
    ctx.checkpoint();
    const v = ctx.evaluate(sq.expr, t);
    if (v.type !== 'vector') {
      throw new EvalError(`subquery is only allowed on instant vector, got ${v.type} instead`, sq.expr);
    }
    for (const sample of v.samples) {
      const key = labelsKey(sample.labels);
      let series = byKey.get(key);
      if (!series) {
        series = { labels: sample.labels, points: [] };
        byKey.set(key, series);
      }
      series.points.push({ t, v: sample.v });
    }
  }
  return { series: [...byKey.values()], start: end - rangeMs, end, rangeMs };
}

/** A range-vector expression (range selector or subquery, maybe in parentheses). */
export function evalRangeArg(e: Expr, ts: number, ctx: EvalContext): RangeValue {
  const inner = e.kind === 'paren' ? unparenRange(e) : e;
  if (inner.kind === 'matrixSelector') {
    return selectRange(inner, ts, ctx);
  }
  if (inner.kind === 'subquery') {
    return evalSubquery(inner, ts, ctx);
  }
  throw new EvalError('expected a range vector', e);
}

function unparenRange(e: Expr): Expr {
  while (e.kind === 'paren') {
    e = e.expr;
  }
  return e;
}

/** The labels absent() and absent_over_time() give their result: the selector's `=` matchers, but not the name. */
export function absentLabels(e: Expr): Labels {
  const inner = unparenRange(e);
  const vs = inner.kind === 'vectorSelector' ? inner : inner.kind === 'matrixSelector' && inner.selector.kind === 'vectorSelector' ? inner.selector : undefined;
  if (!vs) {
    return [];
  }
  const set = new Map<string, string>();
  const seen = new Set<string>();
  for (const m of vs.matchers) {
    if (m.name === '__name__') {
      continue;
    }
    if (m.op === '=' && !seen.has(m.name)) {
      set.set(m.name, m.value);
      seen.add(m.name);
    } else {
      set.delete(m.name);
    }
  }
  return labelsFrom(set);
}
