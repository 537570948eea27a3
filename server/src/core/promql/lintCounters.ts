/**
 * Lints on counters (`promql/rate-on-non-counter`, `promql/rate-of-sum`).
 *
 * rate/irate/increase/resets assume a counter: every decrease is taken for a reset (promql/functions.go
 * extrapolatedRate, funcResets), so on a gauge they turn each drop into a jump. deriv/delta/idelta assume a gauge and
 * turn each counter reset into a huge negative change. Whether a metric is a counter comes from its metadata TYPE
 * when known, else from its name: the naming conventions (prometheus.io/docs/practices/naming) give counters a
 * `_total` suffix (classic histograms and summaries expose counters as `_count`, `_sum` and `_bucket` series), so a
 * name that ends in a unit or another gauge word instead is a gauge.
 */
import { unparen, type Aggregate, type Call, type Expr, type Subquery } from './ast';
import { aggregateHead, metricName, rangeSelector, type Fix, type LintContext } from './lintContext';

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);
/** For a gauge: the gauge function that does what the counter function meant (only where it is the same measure). */
const GAUGE_EQUIVALENT: Record<string, string> = { rate: 'deriv', increase: 'delta' };
/** For a counter: the counter function that does what the gauge function meant. */
const COUNTER_EQUIVALENT: Record<string, string | undefined> = { deriv: 'rate', delta: 'increase', idelta: undefined };

/**
 * Name endings that mark a gauge by the naming conventions: a base unit as the last word (a counter would go on
 * with `_total`), ratios and percentages, temperatures, info metrics, timestamps; plus `up` and the load averages.
 * A name without a counter suffix proves nothing by itself: many exporters publish counters without `_total`
 * (SNMP `ifHCInOctets`, kubelet's `kubelet_evictions`, statsd-style envoy metrics, node_exporter's vmstat …).
 */
const GAUGE_NAME = /(^up|_(bytes|ratio|percent|percentage|celsius|fahrenheit|volts|amperes|watts|info|timestamp|timestamp_seconds|start_time_seconds|boot_time_seconds|load1|load5|load15))$/;

/** Metadata types of series that are not counters. `unknown`/`untyped` say nothing and fall back to the name. */
const NON_COUNTER_TYPES = new Set(['gauge', 'info', 'stateset', 'gaugehistogram']);
/** Types whose series counter functions accept: counters, and native/classic histograms and summaries. */
const COUNTER_TYPES = new Set(['counter', 'histogram', 'summary']);

export function lintCounters(ctx: LintContext): void {
  ctx.each('call', (call) => {
    if (COUNTER_FUNCTIONS.has(call.name)) {
      counterFunctionOnGauge(ctx, call);
      rateOfAggregation(ctx, call);
    } else if (Object.hasOwn(COUNTER_EQUIVALENT, call.name)) {
      gaugeFunctionOnCounter(ctx, call);
    }
  });
}

type Verdict = { counter: boolean; why: 'metadata' | 'name' } | undefined;

/** Counter or not, and how we know; undefined when there is no telling (recorded series, unknown metadata). */
function judge(ctx: LintContext, name: string): Verdict {
  const type = ctx.options.metricType?.(name)?.toLowerCase();
  if (type && (COUNTER_TYPES.has(type) || NON_COUNTER_TYPES.has(type))) {
    return { counter: COUNTER_TYPES.has(type), why: 'metadata' };
  }
  // Recording rules name their output level:metric:operations; what they hold cannot be told from the name.
  if (name.includes(':') || /_(total|count|sum|bucket)$/.test(name)) {
    return undefined;
  }
  return GAUGE_NAME.test(name) ? { counter: false, why: 'name' } : undefined;
}

/** `rate(node_load1[5m])`. */
function counterFunctionOnGauge(ctx: LintContext, call: Call): void {
  const sel = rangeSelector(call.args[0]);
  const metric = sel && metricName(sel);
  const verdict = metric && judge(ctx, metric.name);
  if (!metric || !verdict || verdict.counter) {
    return;
  }
  const gauge = GAUGE_EQUIVALENT[call.name];
  const instead = gauge ? `; for a gauge use ${gauge}()` : '';
  if (verdict.why === 'metadata') {
    const type = ctx.options.metricType?.(metric.name);
    const message = `${call.name}() is for counters, but "${metric.name}" is a ${type} (metric metadata)${instead}`;
    const fix = gauge ? { title: `Use ${gauge}()`, from: call.nameSpan.from, to: call.nameSpan.to, replacement: gauge } : undefined;
    ctx.warn('rate-on-non-counter', metric.span, message, fix);
    return;
  }
  // A guess from the name alone (some exporters break the conventions): a hint rather than a warning.
  const message = `${call.name}() is for counters, but "${metric.name}" is named like a gauge: a counter's name ends in _total (histogram and summary series in _count, _sum or _bucket)${instead}`;
  ctx.info('rate-on-non-counter', metric.span, message);
}

/** `deriv(http_requests_total[5m])`. */
function gaugeFunctionOnCounter(ctx: LintContext, call: Call): void {
  const sel = rangeSelector(call.args[0]);
  const metric = sel && metricName(sel);
  const why = metric && counterEvidence(ctx, metric.name);
  if (!metric || !why) {
    return;
  }
  const better = COUNTER_EQUIVALENT[call.name];
  const advice = better ? `use ${better}(), which handles resets` : 'use irate() for the per-second rate between the last two samples, or increase()';
  const message = `${call.name}() is for gauges, but "${metric.name}" is a counter (${why}): each counter reset shows as a huge drop; ${advice}`;
  const fix = better ? { title: `Use ${better}()`, from: call.nameSpan.from, to: call.nameSpan.to, replacement: better } : undefined;
  ctx.warn('rate-on-non-counter', call.nameSpan, message, fix);
}

/**
 * Why `name` is surely a counter: its metadata, else a `_total` suffix (only `_total`: gauges named `…_count` or
 * `…_sum` exist, such as postgres_exporter's `pg_stat_activity_count`).
 */
function counterEvidence(ctx: LintContext, name: string): string | undefined {
  const type = ctx.options.metricType?.(name)?.toLowerCase();
  if (type && type !== 'unknown' && type !== 'untyped') {
    return type === 'counter' ? 'metric metadata' : undefined;
  }
  return /_total$/.test(name) && !name.includes(':') ? 'its name ends in _total' : undefined;
}

/** Aggregations whose subquery a counter function misreads: each input's reset is hidden in the combined value. */
const VALUE_AGGREGATIONS = new Set(['sum', 'avg', 'min', 'max', 'quantile']);

/** `rate(sum(x)[5m:])`: the sum of counters drops whenever one of them resets, which rate() takes for a reset. */
function rateOfAggregation(ctx: LintContext, call: Call): void {
  const arg = call.args[0] && unparen(call.args[0]);
  const agg = arg?.kind === 'subquery' ? aggregationIn(arg.expr) : undefined;
  if (!arg || arg.kind !== 'subquery' || !agg) {
    return;
  }
  const message =
    `${call.name}() of ${agg.op}(): ${agg.op}() hides the resets of the counters it combines, so one restart reads as a reset of the whole and the result spikes; ` +
    `apply ${call.name}() first: ${agg.op}(${call.name}(…)), not ${call.name}(${agg.op}(…))`;
  ctx.warn('rate-of-sum', aggregateHead(agg), message, swapFix(ctx, call, arg, agg));
}

/** The aggregation a subquery's expression is made of: `sum(x)`, `(sum(x))`, `sum(a) - sum(b)`. */
function aggregationIn(e: Expr): Aggregate | undefined {
  const u = unparen(e);
  if (u.kind === 'aggregate') {
    return VALUE_AGGREGATIONS.has(u.op) ? u : undefined;
  }
  if (u.kind === 'unary') {
    return aggregationIn(u.expr);
  }
  if (u.kind === 'binary' && ['+', '-', '*', '/'].includes(u.op)) {
    return aggregationIn(u.lhs) ?? aggregationIn(u.rhs);
  }
  return undefined;
}

/** `rate(sum by (job) (x)[5m:])` → `sum by (job) (rate(x[5m]))`: only for a sum of one plain selector. */
function swapFix(ctx: LintContext, call: Call, sub: Subquery, agg: Aggregate): Fix | undefined {
  const sel = agg.expr && unparen(agg.expr);
  if (agg.op !== 'sum' || unparen(sub.expr) !== agg || sub.offset || sub.at || sel?.kind !== 'vectorSelector' || sel.offset || sel.at) {
    return undefined;
  }
  const inner = `${call.name}(${ctx.slice(sel)}[${ctx.slice(sub.range)}])`;
  const replacement = ctx.text.slice(agg.from, agg.expr!.from) + inner + ctx.text.slice(agg.expr!.to, agg.to);
  return { title: `Use ${agg.op}(${call.name}(…))`, from: call.from, to: call.to, replacement };
}
