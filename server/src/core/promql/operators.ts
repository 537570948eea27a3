/**
 * Aggregation operators and binary operators of the single table (functions.ts re-exports them). Parameter types
 * follow promql/parser/parse.go (checkAST) and lex.go (IsAggregatorWithParam, IsExperimentalAggregator).
 */
import type { AggregationInfo, OperatorInfo } from './types';

const groupingNote = 'Group the result with `by (labels)` or `without (labels)`.';

export const AGGREGATIONS: AggregationInfo[] = [
  { name: 'sum', doc: `Adds up the samples of all series in each group. ${groupingNote}`, example: 'sum by (job) (rate(http_requests_total[5m]))' },
  { name: 'avg', doc: `Mean of the samples in each group. ${groupingNote}`, example: 'avg by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))' },
  { name: 'min', doc: `Smallest sample in each group. ${groupingNote}`, example: 'min by (job) (up)' },
  { name: 'max', doc: `Largest sample in each group. ${groupingNote}`, example: 'max by (device) (node_filesystem_size_bytes)' },
  { name: 'count', doc: `Number of series in each group. ${groupingNote}`, example: 'count by (version) (build_info)' },
  { name: 'group', doc: `Returns 1 for each group, whatever the values: a way to list label combinations. ${groupingNote}`, example: 'group by (cluster, namespace) (kube_pod_info)' },
  { name: 'stddev', doc: `Population standard deviation of the samples in each group. ${groupingNote}`, example: 'stddev by (job) (request_latency_seconds)' },
  { name: 'stdvar', doc: `Population variance of the samples in each group. ${groupingNote}`, example: 'stdvar by (job) (request_latency_seconds)' },
  { name: 'topk', param: 'scalar', paramName: 'k', doc: `Keeps the \`k\` series with the largest values in each group, with their original labels. ${groupingNote}`, example: 'topk(5, sum by (path) (rate(http_requests_total[5m])))' },
  { name: 'bottomk', param: 'scalar', paramName: 'k', doc: `Keeps the \`k\` series with the smallest values in each group, with their original labels. ${groupingNote}`, example: 'bottomk(3, node_filesystem_avail_bytes)' },
  { name: 'quantile', param: 'scalar', paramName: 'φ', doc: `The φ-quantile (0 ≤ φ ≤ 1) of the samples in each group. ${groupingNote}`, example: 'quantile by (job) (0.9, rate(http_requests_total[5m]))' },
  { name: 'count_values', param: 'string', paramName: 'label', doc: `Counts how many series share each distinct value; the value goes into the label named by the string parameter. ${groupingNote}`, example: 'count_values("version", build_version)' },
  { name: 'limitk', param: 'scalar', paramName: 'k', doc: `Keeps up to \`k\` arbitrary (but stable) series from each group, with their original labels. ${groupingNote}`, example: 'limitk(10, up)', since: '2.54', experimental: true },
  { name: 'limit_ratio', param: 'scalar', paramName: 'ratio', doc: `Keeps a deterministic, roughly \`ratio\`-sized sample of the series of each group (a negative ratio keeps the complement). ${groupingNote}`, example: 'limit_ratio(0.1, http_requests_total)', since: '2.54', experimental: true },
];

const matchNote = 'Between two vectors, series pair up by identical label sets unless `on(…)` or `ignoring(…)` say otherwise.';
const compareNote = 'Without `bool` it filters: series for which the comparison is false are dropped; with `bool` every series is kept with value 0 or 1.';
const setNote = 'Works on label sets only, never on values; `on(…)`/`ignoring(…)` pick the labels that count.';

export const BINARY_OPERATORS: OperatorInfo[] = [
  { name: '^', kind: 'arithmetic', precedence: 6, doc: `Power; binds tightest and groups to the right (\`2 ^ 3 ^ 2\` is \`2 ^ 9\`). ${matchNote}` },
  { name: '*', kind: 'arithmetic', precedence: 5, doc: `Multiplication. ${matchNote}` },
  { name: '/', kind: 'arithmetic', precedence: 5, doc: `Division; dividing by zero gives +Inf, -Inf or NaN. ${matchNote}` },
  { name: '%', kind: 'arithmetic', precedence: 5, doc: `Modulo (remainder of the division). ${matchNote}` },
  { name: 'atan2', kind: 'arithmetic', precedence: 5, doc: `Arc tangent of left / right, using the signs of both to find the quadrant. ${matchNote}`, since: '2.31' },
  { name: '+', kind: 'arithmetic', precedence: 4, doc: `Addition. ${matchNote}` },
  { name: '-', kind: 'arithmetic', precedence: 4, doc: `Subtraction. ${matchNote}` },
  { name: '==', kind: 'comparison', precedence: 3, doc: `Equal. ${compareNote}` },
  { name: '!=', kind: 'comparison', precedence: 3, doc: `Not equal. ${compareNote}` },
  { name: '>', kind: 'comparison', precedence: 3, doc: `Greater than. ${compareNote}` },
  { name: '<', kind: 'comparison', precedence: 3, doc: `Less than. ${compareNote}` },
  { name: '>=', kind: 'comparison', precedence: 3, doc: `Greater than or equal. ${compareNote}` },
  { name: '<=', kind: 'comparison', precedence: 3, doc: `Less than or equal. ${compareNote}` },
  { name: '</', kind: 'trim', precedence: 3, doc: 'Trim upper: drops the observations above the threshold on the right from each native histogram on the left.', since: '3.11' },
  { name: '>/', kind: 'trim', precedence: 3, doc: 'Trim lower: drops the observations below the threshold on the right from each native histogram on the left.', since: '3.11' },
  { name: 'and', kind: 'set', precedence: 2, doc: `Intersection: keeps the left-hand series that have a match on the right. ${setNote}` },
  { name: 'unless', kind: 'set', precedence: 2, doc: `Complement: keeps the left-hand series that have no match on the right. ${setNote}` },
  { name: 'or', kind: 'set', precedence: 1, doc: `Union: all left-hand series plus the right-hand series that have no match on the left. ${setNote}` },
];
