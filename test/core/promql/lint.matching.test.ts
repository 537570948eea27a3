// Table-driven tests of the label lints (lintMatching.ts over lintLabels.ts): `promql/impossible-labels`,
// `promql/vector-matching-never-matches` and `promql/histogram-quantile-without-le`. Rows as in
// lint.counters.test.ts: expression, findings ([severity, flagged text or [from, to], message, [fix title, expression
// after the fix]]), options.
import { run } from './lintHelpers';


run('impossible-labels', [
  [
    'sum by (job) (sum by (instance) (rate(x_total[5m])))',
    [['warning', 'job', 'grouping by "job", which the inner sum by (instance) already removed: the result never has it']],
  ],
  ['sum by (job) (x) / on (instance) y', [['warning', 'instance', 'on (instance): the left side never has "instance" (sum by (job) removed it), so no series can match']]],
  [
    'kube_node_status_capacity / on (cluster, node) max by (cluster) (kube_node_info)',
    [['warning', [41, 45], 'on (node): the right side never has "node" (max by (cluster) removed it), so no series can match']],
  ],
  [
    'x * on (instance) group_left (team) sum by (instance) (team_info)',
    [['warning', 'team', 'group_left (team): the right side never has "team" (sum by (instance) removed it), so the result never has it']],
  ],
  [
    'sum by (instance) (team_info) * on (instance) group_right (team) x',
    [['warning', [59, 63], 'group_right (team): the left side never has "team" (sum by (instance) removed it), so the result never has it']],
  ],
  ['topk by (job) (1, sum by (instance) (x))', [['warning', 'job', 'grouping by "job", which the inner sum by (instance) already removed: all series fall into one group']]],
  [
    'count by (cluster, node) (sum without (node) (kube_pod_info))',
    [['warning', 'node', 'grouping by "node", which the inner sum without (node) already removed: the result never has it']],
  ],
  [
    'sum by (le) (histogram_quantile(0.9, rate(x_bucket[5m])))',
    [['warning', 'le', 'grouping by "le", which the inner histogram_quantile() already removed: the result never has it']],
  ],
  ['sum by (namespace) (vector(1))', [['warning', 'namespace', 'grouping by "namespace", which the inner vector() already removed: the result never has it']]],
  [
    'max by (job, instance) (sum by (job) (a) * on (job) b)',
    [['warning', 'instance', 'grouping by "instance", which the inner sum by (job) already removed: the result never has it']],
  ],
  // Not flagged: labels kept, re-added by label_replace, missing on both sides, dropped by without.
  ['sum by (job) (sum by (job, instance) (x))', []],
  ['count by (cluster) (count by (git_version, cluster) (label_replace(kubernetes_build_info{job!~"kube-dns|coredns"}, "git_version", "$1", "git_version", "(v[0-9]*.[0-9]*).*"))) > 1', []],
  ['max by (cluster, namespace, workload, pod) (label_replace(kube_pod_owner{job="kube-state-metrics", owner_kind="DaemonSet"}, "workload", "$1", "owner_name", "(.*)"))', []],
  ['sum(rate(node_cpu_seconds_total{mode!="idle"}[5m])) WITHOUT (cpu, mode) / ON(instance) GROUP_LEFT() count(sum(node_cpu_seconds_total) BY (instance, cpu)) BY (instance)', []],
  [
    'sum by (cluster, namespace, pod, container) (rate(container_cpu_usage_seconds_total[5m])) * on (cluster, namespace, pod) group_left(node) topk by (cluster, namespace, pod) (1, max by (cluster, namespace, pod, node) (kube_pod_info{node!=""}))',
    [],
  ],
  [
    'histogram_quantile(0.99, sum(rate(kubelet_pleg_relist_duration_seconds_bucket{job="kubelet"}[5m])) by (cluster, instance, le) * on(cluster, instance) group_left (node) max by (cluster, instance, node) (kubelet_node_name{job="kubelet"}))',
    [],
  ],
  ['kube_node_status_condition{condition="Ready", status="true"} == 0 and on (cluster, node) kube_node_spec_unschedulable == 0', []],
  ['sum(x) / on (job) sum(y)', []],
  ['sum by (instance) (label_replace(sum by (job) (x), "instance", "$1", "job", "(.*)"))', []],
  ['sum without (instance) (sum by (job) (x))', []],
  ['group by (namespace) (ALERTS{severity="info"} == 1) unless on (namespace) group by (namespace) (ALERTS{alertstate="firing", severity=~"warning|critical"} == 1)', []],
]);

const never = (op: string, left: string, right: string, after = ''): string =>
  `${op} never matches: the left side has ${left}, the right side ${right}${after}, so no pair of series has the same labels`;

run('vector-matching-never-matches', [
  [
    '100 * sum by (instance, status) (rate(http_requests_total{status=~"5[0-9][0-9]"}[5m])) / sum by (instance) (rate(http_requests_total[5m])) > 10',
    [['warning', '/', never('/', 'only (instance, status)', 'only (instance)')]],
  ],
  [
    'sum by (job) (rate(errors_total[5m])) / sum(rate(requests_total[5m]))',
    [
      [
        'warning',
        '/',
        never('/', 'only (job)', 'no labels'),
        ['Match every series with the single one on the other side (on () group_left)', 'sum by (job) (rate(errors_total[5m])) / on () group_left sum(rate(requests_total[5m]))'],
      ],
    ],
  ],
  [
    'sum(x) > bool sum by (job) (y)',
    [['warning', '>', never('>', 'no labels', 'only (job)'), ['Match every series with the single one on the other side (on () group_right)', 'sum(x) > bool on () group_right sum by (job) (y)']]],
  ],
  [
    'count by (job) (up == 0) and count(up == 0) > 5',
    [['warning', 'and', never('and', 'only (job)', 'no labels'), ['Match every series with the single one on the other side (on ())', 'count by (job) (up == 0) and on () count(up == 0) > 5']]],
  ],
  [
    'sum by (job, instance) (x) / ignoring (instance) sum by (job, mode) (y)',
    [['warning', '/', never('/', 'only (job)', 'only (job, mode)', ' after ignoring (instance)')]],
  ],
  [
    'sum by (job) (rate(x_total[5m])) * vector(2)',
    [['warning', '*', never('*', 'only (job)', 'no labels'), ['Match every series with the single one on the other side (on () group_left)', 'sum by (job) (rate(x_total[5m])) * on () group_left vector(2)']]],
  ],
  // Not flagged: same label sets, open sides, `or`, `on`, ignoring that evens them out.
  ['sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m]))', []],
  ['100 * (count(up == 0) BY (cluster, job, namespace, service) / count(up) BY (cluster, job, namespace, service)) > 10', []],
  ['sum by (job) (x) or sum(y)', []],
  ['sum by (job) (x) / ignoring (mode) sum by (job, mode) (y)', []],
  ['count by (cluster) (kube_node_info{job="kube-state-metrics"}) unless on (cluster) count by (cluster) (up{job="kubelet"} == 1)', []],
  ['sum by (job) (x) / y', []],
  ['cluster:node_cpu:sum_rate5m / count(sum(node_cpu_seconds_total) BY (instance, cpu))', []],
  ['sum by (cluster) (min without (resource) (kube_resourcequota{type="hard", resource=~"(cpu|requests.cpu)"})) / sum by (cluster) (kube_node_status_allocatable{resource="cpu"}) > 1.5', []],
  ['vector(1) + vector(2)', []],
  ['sum by (cluster) (apiserver_request:burnrate1h) > (14.40 * 0.01000) and on (cluster) sum by (cluster) (apiserver_request:burnrate5m) > (14.40 * 0.01000)', []],
]);

const noLe = (by: string): string => `histogram_quantile() needs the "le" label of the buckets, but ${by} removes it, so the result is always empty`;
const keepLe = 'Keep "le" in the aggregation';

run('histogram-quantile-without-le', [
  [
    'histogram_quantile(0.99, sum by (job) (rate(thanos_replicate_replication_run_duration_seconds_bucket{job=~".*thanos-bucket-replicate.*"}[5m]))) > 20',
    [
      [
        'warning',
        'sum by (job)',
        noLe('sum by (job)'),
        [keepLe, 'histogram_quantile(0.99, sum by (job, le) (rate(thanos_replicate_replication_run_duration_seconds_bucket{job=~".*thanos-bucket-replicate.*"}[5m]))) > 20'],
      ],
    ],
  ],
  [
    'histogram_quantile(0.9, sum(rate(http_request_duration_seconds_bucket[5m])))',
    [['warning', 'sum', noLe('sum'), [keepLe, 'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))']]],
  ],
  ['histogram_quantile(0.9, sum(rate(x_bucket[5m])) by (job))', [['warning', 'sum', noLe('sum by (job)'), [keepLe, 'histogram_quantile(0.9, sum(rate(x_bucket[5m])) by (job, le))']]]],
  ['histogram_quantile(0.5, sum by () (rate(x_bucket[5m])))', [['warning', 'sum by ()', noLe('sum by ()'), [keepLe, 'histogram_quantile(0.5, sum by (le) (rate(x_bucket[5m])))']]]],
  ['histogram_quantile(0.9, sum(rate(x_bucket[5m])) by ())', [['warning', 'sum', noLe('sum by ()'), [keepLe, 'histogram_quantile(0.9, sum(rate(x_bucket[5m])) by (le))']]]],
  ['histogram_quantile(0.9, sum without (le) (rate(x_bucket[5m])))', [['warning', 'sum without (le)', noLe('sum without (le)')]]],
  ['histogram_quantile(0.9, sum by (job) (job_le:x_bucket:rate5m))', [['warning', 'sum by (job)', noLe('sum by (job)'), [keepLe, 'histogram_quantile(0.9, sum by (job, le) (job_le:x_bucket:rate5m))']]]],
  [
    'histogram_quantile(0.9, max by (le) (sum by (job) (rate(x_bucket[5m]))))',
    [['warning', 'sum by (job)', noLe('sum by (job)'), [keepLe, 'histogram_quantile(0.9, max by (le) (sum by (job, le) (rate(x_bucket[5m]))))']]],
  ],
  // Not flagged: le kept, native histograms (no _bucket series), no aggregation.
  ['histogram_quantile(0.99, sum by (cluster, le, resource) (rate(apiserver_request_sli_duration_seconds_bucket{job="apiserver"}[5m]))) > 0', []],
  ['histogram_quantile(0.99, sum(rate(scheduler_scheduling_attempt_duration_seconds_bucket{job="kube-scheduler"}[5m])) without(instance, pod))', []],
  ['histogram_quantile(0.9, sum by (job) (rate(http_request_duration_seconds[5m])))', []],
  ['histogram_quantile(0.9, rate(x_bucket[5m]))', []],
  ['histogram_quantile(0.99, cluster_namespace_job_route:cortex_request_duration_seconds:sum_rate{route!~"metrics|ready"}) > 2.5', []],
  ['histogram_quantile(0.5, sum by (le) (rate(x_bucket[5m])))', []],
  [
    'histogram_quantile(0.01, sum without (namespace, service, endpoint) (rate(apiserver_client_certificate_expiration_seconds_bucket{job="apiserver"}[5m]))) < 604800',
    [],
  ],
]);
