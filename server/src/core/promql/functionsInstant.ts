/**
 * Functions on instant vectors and scalars: math, histograms, labels, sorting, time. Part of the single table in
 * functions.ts; signatures follow promql/parser/functions.go, versions come from the Prometheus release history.
 */
import { clockFunctions, fn, S, STR, trigFunctions, V } from './functionTableHelpers';
import type { FunctionInfo } from './types';

const MATH: FunctionInfo[] = [
  fn('abs', [V], ['v'], V, 'Absolute value of each sample.', 'abs(delta(queue_length[1h]))'),
  fn('ceil', [V], ['v'], V, 'Rounds each sample up to the nearest integer.', 'ceil(node_load5)'),
  fn('floor', [V], ['v'], V, 'Rounds each sample down to the nearest integer.', 'floor(node_load5)'),
  fn('round', [V, S], ['v', 'to_nearest'], V, 'Rounds each sample to the nearest integer, or to the nearest multiple of `to_nearest` when given (ties round up).', 'round(cpu_temperature_celsius, 0.5)', { variadic: 1 }),
  fn('exp', [V], ['v'], V, 'e raised to the power of each sample.', 'exp(log_odds)'),
  fn('ln', [V], ['v'], V, 'Natural logarithm of each sample.', 'ln(bytes_total)'),
  fn('log2', [V], ['v'], V, 'Base-2 logarithm of each sample.', 'log2(bucket_size_bytes)'),
  fn('log10', [V], ['v'], V, 'Base-10 logarithm of each sample.', 'log10(requests_per_day)'),
  fn('sqrt', [V], ['v'], V, 'Square root of each sample.', 'sqrt(variance_seconds)'),
  fn('sgn', [V], ['v'], V, 'The sign of each sample: 1 when positive, -1 when negative, 0 when zero.', 'sgn(deriv(queue_length[10m]))'),
  fn('clamp', [V, S, S], ['v', 'min', 'max'], V, 'Limits each sample to the interval [min, max]. When min is greater than max the result is empty.', 'clamp(battery_percent, 0, 100)'),
  fn('clamp_min', [V, S], ['v', 'min'], V, 'Raises samples below `min` to `min`.', 'clamp_min(free_slots, 0)'),
  fn('clamp_max', [V, S], ['v', 'max'], V, 'Lowers samples above `max` to `max`.', 'clamp_max(cpu_usage_ratio, 1)'),
  fn('deg', [V], ['v'], V, 'Converts each sample from radians to degrees.', 'deg(angle_radians)', { since: '2.31' }),
  fn('rad', [V], ['v'], V, 'Converts each sample from degrees to radians.', 'rad(angle_degrees)', { since: '2.31' }),
  fn('pi', [], [], S, 'The number π as a scalar.', '2 * pi() * radius_meters', { since: '2.31' }),
  ...trigFunctions(),
];

const HISTOGRAMS: FunctionInfo[] = [
  fn('histogram_quantile', [S, V], ['φ', 'b'], V, 'Estimates the φ-quantile (0 ≤ φ ≤ 1) of a histogram: native histograms directly, classic histograms from their `_bucket` series, which must keep the `le` label (aggregate with `by (le)`).', 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))'),
  fn('histogram_quantiles', [V, STR, S, S], ['b', 'quantile_label', 'φ', 'φ…'], V, 'Estimates up to ten quantiles of each histogram at once; each result carries the quantile in the label named by the second argument.', 'histogram_quantiles(sum by (le) (rate(latency_bucket[5m])), "quantile", 0.5, 0.99)', { variadic: 9, since: '3.11', experimental: true }),
  fn('histogram_fraction', [S, S, V], ['lower', 'upper', 'b'], V, 'Estimates which fraction of the observations of each histogram lies between `lower` and `upper`.', 'histogram_fraction(0, 0.2, rate(http_request_duration_seconds[5m]))', { since: '2.40' }),
  fn('histogram_count', [V], ['v'], V, 'The observation count of each native histogram, as a float sample.', 'histogram_count(rate(http_request_duration_seconds[5m]))', { since: '2.40' }),
  fn('histogram_sum', [V], ['v'], V, 'The sum of observations of each native histogram, as a float sample.', 'histogram_sum(rate(http_request_duration_seconds[5m]))', { since: '2.40' }),
  fn('histogram_avg', [V], ['v'], V, 'The mean observation of each native histogram (its sum divided by its count).', 'histogram_avg(rate(http_request_duration_seconds[5m]))', { since: '2.51' }),
  fn('histogram_stddev', [V], ['v'], V, 'Estimated standard deviation of the observations of each native histogram.', 'histogram_stddev(rate(http_request_duration_seconds[5m]))', { since: '2.47' }),
  fn('histogram_stdvar', [V], ['v'], V, 'Estimated variance of the observations of each native histogram.', 'histogram_stdvar(rate(http_request_duration_seconds[5m]))', { since: '2.47' }),
];

const LABELS_AND_SORTING: FunctionInfo[] = [
  fn('label_replace', [V, STR, STR, STR, STR], ['v', 'dst_label', 'replacement', 'src_label', 'regex'], V, 'For each series whose `src_label` value matches the (fully anchored) `regex`, sets `dst_label` to `replacement`, where `$1`, `$2`… refer to capture groups. Series that do not match pass unchanged.', 'label_replace(up, "host", "$1", "instance", "(.*):\\\\d+")'),
  fn('label_join', [V, STR, STR, STR], ['v', 'dst_label', 'separator', 'src_label…'], V, 'Sets `dst_label` of each series to the values of the source labels joined with `separator`.', 'label_join(up, "endpoint", ":", "host", "port")', { variadic: -1 }),
  fn('sort', [V], ['v'], V, 'Orders the result by sample value, smallest first. Only instant queries keep the order.', 'sort(node_load1)'),
  fn('sort_desc', [V], ['v'], V, 'Orders the result by sample value, largest first. Only instant queries keep the order.', 'sort_desc(rate(http_requests_total[5m]))'),
  fn('sort_by_label', [V, STR], ['v', 'label…'], V, 'Orders the result by the values of the given labels (natural sort order), ascending. Only instant queries keep the order.', 'sort_by_label(up, "job", "instance")', { variadic: -1, since: '2.49', experimental: true }),
  fn('sort_by_label_desc', [V, STR], ['v', 'label…'], V, 'Like `sort_by_label`, descending.', 'sort_by_label_desc(up, "instance")', { variadic: -1, since: '2.49', experimental: true }),
  fn('info', [V, V], ['v', 'data_label_selector'], V, 'Adds the data labels of matching info series (`target_info` by default) to each series of `v`. The optional second argument is a label-matcher-only selector such as `{k8s_cluster_name=~".+"}` that picks which info series and labels to use.', 'info(rate(http_requests_total[5m]), {k8s_cluster_name=~".+"})', { variadic: 1, since: '2.55', experimental: true }),
];

const CONVERSIONS: FunctionInfo[] = [
  fn('absent', [V], ['v'], V, 'Returns a one-element vector with value 1 (and the labels of equality matchers) when the selector finds no series, and nothing otherwise. For alerting on missing metrics.', 'absent(up{job="api"})'),
  fn('scalar', [V], ['v'], S, 'Turns a one-element vector into a scalar; any other size gives NaN.', 'scalar(sum(up))'),
  fn('vector', [S], ['s'], V, 'Turns a scalar into a one-element vector without labels.', 'vector(1)'),
  fn('time', [], [], S, 'The evaluation time in seconds since the Unix epoch (not the current clock time).', 'time() - process_start_time_seconds'),
  fn('timestamp', [V], ['v'], V, 'The timestamp of each sample, in seconds since the Unix epoch.', 'time() - timestamp(last_success_unixtime)'),
  fn('start_timestamp', [V], ['v'], V, 'The start timestamp (created time) of each sample, in seconds since the epoch; needs the `use-start-timestamps` feature and a selector as argument.', 'time() - start_timestamp(http_requests_total)', { since: '3.14', experimental: true }),
  fn('start', [], [], S, 'Start of the range of the current query, in seconds since the epoch (the evaluation time for instant queries).', 'time() - start()', { since: '3.12', experimental: true }),
  fn('end', [], [], S, 'End of the range of the current query, in seconds since the epoch (the evaluation time for instant queries).', 'end() - start()', { since: '3.12', experimental: true }),
  fn('range', [], [], S, 'Length of the range of the current query in seconds (0 for instant queries).', 'increase(http_requests_total[1h]) / range()', { since: '3.12', experimental: true }),
  fn('step', [], [], S, 'The resolution step of the current query in seconds (0 for instant queries).', 'rate(http_requests_total[5m]) * step()', { since: '3.12', experimental: true }),
  fn('min_of', [S, S], ['a', 'b'], S, 'The smaller of two scalars.', 'min_of(step(), 60)', { since: '3.13', experimental: true }),
  fn('max_of', [S, S], ['a', 'b'], S, 'The larger of two scalars.', 'max_of(step(), 60)', { since: '3.13', experimental: true }),
  ...clockFunctions(),
];

export const INSTANT_FUNCTIONS: FunctionInfo[] = [...MATH, ...HISTOGRAMS, ...LABELS_AND_SORTING, ...CONVERSIONS];
