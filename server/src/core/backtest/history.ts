// An expression's value at evenly spaced times of the past, from a Prometheus `query_range`: the evaluation times
// of a rule group, asked in chunks small enough for Prometheus's 11,000-points-per-series limit, returned as the
// result vector at each step (what a rule evaluating at that time would have seen).
import type { PrometheusApi } from '../prometheus/client';
import { PrometheusError } from '../prometheus/errors';
import type { QueryResult } from '../prometheus/types';
import { MAX_SERIES } from '../query/types';
import type { Sample } from '../ruletest/engine/types';
import { labelsFrom } from '../ruletest/labels';
import { MAX_POINTS_PER_QUERY } from './types';

/** Evaluation times in `[startMs, endMs]` that are `phaseMs` past a multiple of `stepMs`. */
export function stepTimes(startMs: number, endMs: number, stepMs: number, phaseMs = 0): number[] {
  const phase = ((phaseMs % stepMs) + stepMs) % stepMs;
  let t = Math.ceil((startMs - phase) / stepMs) * stepMs + phase;
  const out: number[] = [];
  for (; t <= endMs; t += stepMs) {
    out.push(t);
  }
  return out;
}

export interface History {
  /** The result at each step, by step time in milliseconds; steps without a result are absent. */
  byStep: Map<number, Sample[]>;
  /** How many distinct series the expression returned over the window. */
  seriesCount: number;
  warnings: string[];
}

function addResult(result: QueryResult, into: Map<number, Sample[]>): number {
  if (result.resultType === 'scalar') {
    const [t, v] = result.result;
    const ms = Math.round(t * 1000);
    into.set(ms, [{ labels: labelsFrom([]), v: Number(v) }]);
    return 1;
  }
  if (result.resultType !== 'matrix') {
    throw new PrometheusError('badResponse', `a range query answered with a ${result.resultType}, not a matrix`);
  }
  for (const series of result.result) {
    const labels = labelsFrom(series.metric);
    // A native histogram has no single value; it is still a result element, so it still makes an alert.
    const points = [...(series.values ?? []).map(([t, v]): [number, number] => [t, Number(v)]), ...(series.histograms ?? []).map(([t]): [number, number] => [t, NaN])];
    for (const [t, v] of points) {
      const ms = Math.round(t * 1000);
      const at = into.get(ms);
      if (at) {
        at.push({ labels, v });
      } else {
        into.set(ms, [{ labels, v }]);
      }
    }
  }
  return result.result.length;
}

/**
 * The expression's results at `steps` (evenly spaced, ascending), in chunks of at most MAX_POINTS_PER_QUERY steps.
 * Throws a PrometheusError on failure, or when the expression returns more than MAX_SERIES series in a chunk.
 */
export async function fetchHistory(api: PrometheusApi, expr: string, steps: number[], signal?: AbortSignal): Promise<History> {
  const byStep = new Map<number, Sample[]>();
  const warnings = new Set<string>();
  let seriesCount = 0;
  if (steps.length === 0) {
    return { byStep, seriesCount, warnings: [] };
  }
  const stepMs = steps.length > 1 ? steps[1] - steps[0] : 60_000;
  for (let i = 0; i < steps.length; i += MAX_POINTS_PER_QUERY) {
    const chunk = steps.slice(i, i + MAX_POINTS_PER_QUERY);
    const result = await api.queryRange(expr, { start: chunk[0], end: chunk.at(-1)!, stepSeconds: stepMs / 1000, signal });
    result.warnings.forEach((w) => warnings.add(w));
    const count = addResult(result, byStep);
    if (count > MAX_SERIES) {
      throw new PrometheusError('tooLarge', `the expression returns ${count} series over the window; backtests stop at ${MAX_SERIES}`);
    }
    seriesCount = Math.max(seriesCount, count);
  }
  return { byStep, seriesCount, warnings: [...warnings] };
}
