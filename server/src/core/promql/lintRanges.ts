/**
 * `promql/range-too-short`: a range that holds too few samples for its function.
 *
 * A range `[r]` selects the samples of the last `r` (left-open since Prometheus 3.0), so at scrape interval `i` it
 * holds about r / i of them. rate/irate/increase/deriv … need two samples to produce anything (promql/functions.go
 * extrapolatedRate returns nothing below two), and the `*_over_time` summaries of fewer than two samples summarise a
 * single value; hence at least 2× the interval. Functions that only need the latest sample (last_over_time,
 * present_over_time …) need 1×. The quick fix sets 4× the interval for the first group (Grafana's
 * `$__rate_interval` uses the same factor, so one missed scrape still leaves two samples) and 2× for the second.
 * Subqueries produce one sample per step, so there the step is the interval.
 */
import { durationSeconds, unparen, type Call, type DurationExpr } from './ast';
import { getFunction } from './functions';
import { formatDuration, type LintContext } from './lintContext';

/** Functions that compute from at least two samples. */
const RATE_LIKE = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'resets', 'changes', 'holt_winters', 'double_exponential_smoothing']);
/** Summaries over time, pointless on a single sample. */
const SUMMARIES = new Set([
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'quantile_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'mad_over_time',
  'ts_of_min_over_time',
  'ts_of_max_over_time',
]);
/** Functions for which the latest sample suffices, but that return nothing when the range holds none. */
const LATEST = new Set(['last_over_time', 'first_over_time', 'present_over_time', 'absent_over_time', 'count_over_time', 'ts_of_last_over_time', 'ts_of_first_over_time']);

export function lintRanges(ctx: LintContext): void {
  ctx.each('call', (call) => {
    if (RATE_LIKE.has(call.name) || SUMMARIES.has(call.name) || LATEST.has(call.name)) {
      rangeTooShort(ctx, call);
    }
  });
}

interface Window {
  range: DurationExpr;
  /** Seconds between two samples: the scrape interval, or a subquery's step. */
  interval: number;
  per: string;
}

/** The range a function reads and how far apart its samples are; undefined when that cannot be known. */
function windowOf(ctx: LintContext, call: Call): Window | undefined {
  const index = getFunction(call.name)?.args.indexOf('matrix') ?? -1;
  const arg = index >= 0 && call.args[index] ? unparen(call.args[index]) : undefined;
  if (arg?.kind === 'matrixSelector') {
    // `anchored`/`smoothed` (Prometheus 3.7 extended range selectors) also use the sample before the range.
    return arg.anchored || arg.smoothed ? undefined : { range: arg.range, interval: ctx.scrapeInterval, per: 'scrape interval' };
  }
  // Without a step, a subquery runs at the global evaluation interval, which is not known here.
  const step = arg?.kind === 'subquery' && arg.step ? durationSeconds(arg.step) : undefined;
  return arg?.kind === 'subquery' && step !== undefined && step > 0 ? { range: arg.range, interval: step, per: 'subquery step' } : undefined;
}

function rangeTooShort(ctx: LintContext, call: Call): void {
  const w = windowOf(ctx, call);
  const seconds = w && durationSeconds(w.range);
  const samples = LATEST.has(call.name) ? 1 : 2;
  if (!w || seconds === undefined || seconds <= 0 || seconds >= samples * w.interval) {
    return;
  }
  const [have, min, fixed] = [formatDuration(seconds), formatDuration(samples * w.interval), formatDuration(2 * samples * w.interval)];
  const at = `at a ${formatDuration(w.interval)} ${w.per}`;
  const message =
    samples === 1
      ? `${call.name}() over ${have}: ${at} this range often holds no sample at all, so the result has gaps; use at least ${min}`
      : `${call.name}() over ${have}: ${at} this range often holds a single sample, and ${call.name}() ${RATE_LIKE.has(call.name) ? 'needs two to return anything' : 'then summarises just that one'}; use at least ${min}`;
  const title = `Set the range to ${fixed} (${2 * samples}× the ${w.per})`;
  ctx.warn('range-too-short', w.range, message, { title, from: w.range.from, to: w.range.to, replacement: fixed });
}
