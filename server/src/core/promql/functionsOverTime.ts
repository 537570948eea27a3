/**
 * Functions that take a range vector (rates, `*_over_time`, smoothing, prediction). Part of the single table in
 * functions.ts; signatures follow promql/parser/functions.go, versions come from the Prometheus release history.
 */
import { fn, M, S, V } from './functionTableHelpers';
import type { FunctionInfo } from './types';

const counterNote = 'Meant for counters: a drop in value is treated as a counter reset.';

export const OVER_TIME_FUNCTIONS: FunctionInfo[] = [
  fn('rate', [M], ['v'], V, `Per-second average increase of each counter over the range, extrapolated to the edges of the window. ${counterNote} Take the rate first, then aggregate.`, 'sum by (job) (rate(http_requests_total[5m]))'),
  fn('irate', [M], ['v'], V, `Per-second increase computed from only the last two samples in the range: reacts fast, but jumps around. ${counterNote}`, 'irate(node_cpu_seconds_total{mode="idle"}[2m])'),
  fn('increase', [M], ['v'], V, `How much each counter grew over the range, extrapolated like \`rate\` (so the result may be fractional). ${counterNote}`, 'increase(http_requests_total{code="500"}[1h])'),
  fn('delta', [M], ['v'], V, 'Difference between the first and last value of each gauge over the range, extrapolated to the window edges.', 'delta(node_hwmon_temp_celsius[2h])'),
  fn('idelta', [M], ['v'], V, 'Difference between the last two samples in the range, for gauges.', 'idelta(queue_length[5m])'),
  fn('deriv', [M], ['v'], V, 'Per-second slope of each gauge over the range, from a least-squares linear fit.', 'deriv(node_memory_MemFree_bytes[30m])'),
  fn('predict_linear', [M, S], ['v', 't'], V, 'Extrapolates each gauge `t` seconds into the future using a least-squares linear fit over the range.', 'predict_linear(node_filesystem_avail_bytes[6h], 4 * 3600) < 0'),
  fn('changes', [M], ['v'], V, 'How many times the value of each series changed within the range.', 'changes(process_start_time_seconds[1h]) > 0'),
  fn('resets', [M], ['v'], V, 'How many counter resets (decreases) each series had within the range.', 'resets(http_requests_total[1d])'),
  fn('avg_over_time', [M], ['v'], V, 'Mean of all samples of each series within the range.', 'avg_over_time(up[1h])'),
  fn('min_over_time', [M], ['v'], V, 'Smallest sample value of each series within the range.', 'min_over_time(node_load1[10m])'),
  fn('max_over_time', [M], ['v'], V, 'Largest sample value of each series within the range.', 'max_over_time(process_resident_memory_bytes[1d])'),
  fn('sum_over_time', [M], ['v'], V, 'Sum of all samples of each series within the range.', 'sum_over_time(batch_items_processed[1h])'),
  fn('count_over_time', [M], ['v'], V, 'Number of samples each series has within the range.', 'count_over_time(up[10m]) < 10'),
  fn('quantile_over_time', [S, M], ['φ', 'v'], V, 'The φ-quantile (0 ≤ φ ≤ 1) of the sample values of each series within the range.', 'quantile_over_time(0.95, request_latency_seconds[1h])'),
  fn('stddev_over_time', [M], ['v'], V, 'Population standard deviation of the samples of each series within the range.', 'stddev_over_time(temperature_celsius[1h])'),
  fn('stdvar_over_time', [M], ['v'], V, 'Population variance of the samples of each series within the range.', 'stdvar_over_time(temperature_celsius[1h])'),
  fn('last_over_time', [M], ['v'], V, 'The newest sample of each series within the range; a way to widen the lookback window.', 'last_over_time(build_info[1d])'),
  fn('first_over_time', [M], ['v'], V, 'The oldest sample of each series within the range.', 'first_over_time(queue_length[1h])', { since: '3.7', experimental: true, stableSince: '3.14' }),
  fn('present_over_time', [M], ['v'], V, 'Returns 1 for each series that has at least one sample within the range.', 'present_over_time(up{job="api"}[5m])'),
  fn('absent_over_time', [M], ['v'], V, 'Returns a one-element vector with value 1 when no series matching the selector has a sample in the range, and nothing otherwise. Handy for alerting on missing data.', 'absent_over_time(up{job="api"}[15m])'),
  fn('mad_over_time', [M], ['v'], V, 'Median absolute deviation of the samples of each series within the range: a spread measure that ignores outliers.', 'mad_over_time(request_latency_seconds[1h])', { since: '2.49', experimental: true }),
  fn('ts_of_min_over_time', [M], ['v'], V, 'Timestamp (seconds since the epoch) of the last sample that holds the minimum value within the range.', 'ts_of_min_over_time(queue_length[1h])', { since: '3.5', experimental: true }),
  fn('ts_of_max_over_time', [M], ['v'], V, 'Timestamp (seconds since the epoch) of the last sample that holds the maximum value within the range.', 'ts_of_max_over_time(queue_length[1h])', { since: '3.5', experimental: true }),
  fn('ts_of_last_over_time', [M], ['v'], V, 'Timestamp (seconds since the epoch) of the newest sample within the range.', 'time() - ts_of_last_over_time(up[1h])', { since: '3.5', experimental: true }),
  fn('ts_of_first_over_time', [M], ['v'], V, 'Timestamp (seconds since the epoch) of the oldest sample within the range.', 'ts_of_first_over_time(up[1d])', { since: '3.7', experimental: true }),
  fn('double_exponential_smoothing', [M, S, S], ['v', 'sf', 'tf'], V, 'Smooths each gauge with double exponential (Holt linear) smoothing. `sf` (0 < sf < 1) weighs recent data against old, `tf` (0 < tf < 1) how much the trend counts. Called `holt_winters` before Prometheus 3.0.', 'double_exponential_smoothing(temperature_celsius[1h], 0.3, 0.1)', { since: '3.0', experimental: true }),
  fn('holt_winters', [M, S, S], ['v', 'sf', 'tf'], V, 'Double exponential smoothing of each gauge with smoothing factor `sf` and trend factor `tf`, both strictly between 0 and 1.', 'holt_winters(temperature_celsius[1h], 0.3, 0.1)', { removed: '3.0', replacedBy: 'double_exponential_smoothing' }),
];
