// Table-driven tests of the operator lints (lintOperators.ts): `promql/compare-nan`, `promql/division-in-aggregation`
// and `promql/topk-in-alert`. Rows as in lint.counters.test.ts: expression, findings ([severity, flagged text or
// [from, to], message, [fix title, expression after the fix]]), options.
import { run } from './lintHelpers';
import type { LintOptions } from '../../../server/src/core/promql/lint';


const nan = 'NaN equals nothing, not even itself';

run('compare-nan', [
  ['x == NaN', [['warning', '== NaN', `== NaN is never true: ${nan}; to find NaN samples compare the value with itself: x != x`, ['Compare with itself (!=)', 'x != x']]]],
  ['x != NaN', [['warning', '!= NaN', `!= NaN is always true: ${nan}; to drop NaN samples compare the value with itself: x == x`, ['Compare with itself (==)', 'x == x']]]],
  [
    'NaN == bool rate(x_total[5m])',
    [
      [
        'warning',
        'NaN ==',
        `== NaN is never true: ${nan}; to find NaN samples compare the value with itself: rate(x_total[5m]) != rate(x_total[5m])`,
        ['Compare with itself (!=)', 'rate(x_total[5m]) != bool rate(x_total[5m])'],
      ],
    ],
  ],
  ['sum(x) == -NaN', [['warning', '== -NaN', `== NaN is never true: ${nan}; to find NaN samples compare the value with itself: sum(x) != sum(x)`, ['Compare with itself (!=)', 'sum(x) != sum(x)']]]],
  ['x == (NaN)', [['warning', '== (NaN)', `== NaN is never true: ${nan}; to find NaN samples compare the value with itself: x != x`, ['Compare with itself (!=)', 'x != x']]]],
  [
    'sum by (job) (rate(http_requests_total{code="500"}[5m])) == nan',
    [
      [
        'warning',
        '== nan',
        `== NaN is never true: ${nan}; to find NaN samples compare the value with itself: x != x`,
        ['Compare with itself (!=)', 'sum by (job) (rate(http_requests_total{code="500"}[5m])) != sum by (job) (rate(http_requests_total{code="500"}[5m]))'],
      ],
    ],
  ],
  ['x > NaN', [['warning', '> NaN', '> NaN is never true: no value is greater or less than NaN']]],
  ['NaN <= bool x', [['warning', 'NaN <=', '<= NaN is never true: no value is greater or less than NaN']]],
  ['NaN == bool NaN', [['warning', 'NaN ==', `== NaN is never true: ${nan}`]]],
  ['NaN != bool NaN', [['warning', 'NaN !=', `!= NaN is always true: ${nan}`]]],
  // Not flagged: the right idioms, Inf, NaN outside comparisons.
  ['x != x', []],
  ['up{job="api"} == 0', []],
  ['rate(http_requests_total[5m]) > 0.05', []],
  ['x > Inf', []],
  ['x + NaN', []],
  ['vector(NaN)', []],
  ['clamp_min(x, 0) >= 0', []],
]);

const division = (agg: string): string =>
  `${agg}() of a division: where the divisor is 0 the quotient is NaN or ±Inf, and one such series turns the whole ${agg} into NaN or Inf; divide aggregates instead (sum(a) / sum(b)) or skip zero divisors (a / (b > 0))`;
const skip = 'Skip zero divisors (> 0)';

run('division-in-aggregation', [
  [
    'sum(rate(errors_total[5m]) / rate(requests_total[5m]))',
    [['info', 'rate(requests_total[5m])', division('sum'), [skip, 'sum(rate(errors_total[5m]) / (rate(requests_total[5m]) > 0))']]],
  ],
  [
    'avg by (datname) (rate(blks_hit_total[5m]) / (rate(blks_hit_total[5m]) + rate(blks_read_total[5m])))',
    [
      [
        'info',
        '(rate(blks_hit_total[5m]) + rate(blks_read_total[5m]))',
        division('avg'),
        [skip, 'avg by (datname) (rate(blks_hit_total[5m]) / ((rate(blks_hit_total[5m]) + rate(blks_read_total[5m])) > 0))'],
      ],
    ],
  ],
  [
    'sum by (job, instance) (increase(tomcat_errorcount_total[5m]) / increase(tomcat_requestcount_total[5m]) * 100) > 5',
    [
      [
        'info',
        'increase(tomcat_requestcount_total[5m])',
        division('sum'),
        [skip, 'sum by (job, instance) (increase(tomcat_errorcount_total[5m]) / (increase(tomcat_requestcount_total[5m]) > 0) * 100) > 5'],
      ],
    ],
  ],
  ['stdvar(rate(a_total[5m]) % sum by (job) (rate(b_total[5m])))', [['info', 'sum by (job) (rate(b_total[5m]))', division('stdvar'), [skip, 'stdvar(rate(a_total[5m]) % (sum by (job) (rate(b_total[5m])) > 0))']]]],
  // Not flagged: division of aggregates, guarded or constant divisors, plain gauges as divisors, min/max.
  ['sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))', []],
  ['sum(rate(errors_total[5m]) / (rate(requests_total[5m]) > 0))', []],
  ['sum(container_spec_cpu_quota{container!=""} / container_spec_cpu_period{container!=""}) by (pod, container)', []],
  ['sum(rate(x_total[5m]) / 60)', []],
  ['max(rate(a_total[5m]) / rate(b_total[5m]))', []],
  ['sum(rate(a_total[5m]) / clamp_min(rate(b_total[5m]), 1))', []],
  ['sum(rate(a_total[5m]) / (rate(b_total[5m]) + 1))', []],
  ['sum by (job) (rate(a_total[5m]) / on (job) group_left count by (job) (up))', []],
  [
    'sum(rate(node_cpu_seconds_total{mode!="idle"}[5m])) without (cpu, mode) / on (instance) group_left() count(sum(node_cpu_seconds_total) by (instance, cpu)) by (instance)',
    [],
  ],
]);

const topk = (op: string): string =>
  `${op}() in an alerting rule: the series it keeps can change at every evaluation, so alerts resolve and fire again as series move in and out of it; alert on a threshold instead`;
const alert: Partial<LintOptions> = { context: 'alert' };

run('topk-in-alert', [
  ['topk(5, rate(http_requests_total[5m])) > 100', [['warning', 'topk', topk('topk')]], alert],
  ['bottomk by (job) (3, up)', [['warning', 'bottomk', topk('bottomk')]], alert],
  ['limitk(10, kube_pod_info) == 1', [['warning', 'limitk', topk('limitk')]], alert],
  ['x > 0 and topk(3, x)', [['warning', 'topk', topk('topk')]], alert],
  ['topk(1, node_load1) > 4', [['warning', 'topk', topk('topk')]], alert],
  ['limit_ratio by (job) (0.5, up) == 0', [['warning', 'limit_ratio', topk('limit_ratio')]], alert],
  // Not flagged: other contexts, re-aggregated or scalar results, one-per-group deduplication, group_left label sources.
  ['topk(5, rate(http_requests_total[5m]))', [], { context: 'record' }],
  ['topk(10, sum by (pod) (rate(container_cpu_usage_seconds_total[5m])))', [], { context: 'query' }],
  ['count(topk(5, x)) > 3', [], alert],
  ['scalar(topk(1, x)) > 5', [], alert],
  [
    'topk by (cluster, namespace, resource, resourcequota) (1, max without (instance, job, type) (kube_resourcequota{job="kube-state-metrics", type="used"})) / on (cluster, namespace, resource, resourcequota) group_left() topk by (cluster, namespace, resource, resourcequota) (1, max without (instance, job, type) (kube_resourcequota{job="kube-state-metrics", type="hard"}) > 0) > 0.9 < 1',
    [],
    alert,
  ],
  [
    'sum by (cluster, namespace, pod, container) (rate(container_cpu_usage_seconds_total[5m])) * on (cluster, namespace, pod) group_left(node) topk by (cluster, namespace, pod) (1, max by (cluster, namespace, pod, node) (kube_pod_info{node!=""})) > 1',
    [],
    alert,
  ],
  ['x * on (instance) group_left (version) topk by (instance) (2, build_info)', [], alert],
  ['max(x) > 5', [], alert],
  ['sort_desc(x) > 5', [], alert],
]);
