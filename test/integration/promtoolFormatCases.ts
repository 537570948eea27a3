// The expressions of the differential test of `formatPromQL` against `promtool promql format`, with the output
// expected at the default width of 100. Debian's promtool 2.42 has no `promql format` (it came with 2.43, behind
// `--experimental`), so the expectations are written by hand from the rules of Prometheus 3's
// promql/parser/prettier.go and printer.go (see format.ts); promtoolFormat.test.ts also runs them through a
// promtool that has the command, when one is installed.

export interface FormatCaseOptions {
  /** The first Prometheus version that parses the input (UTF-8 quoted names came with 3.0). */
  since?: string;
  /** A documented difference: why we differ, and what promtool prints instead. */
  difference?: string;
  promtool?: string;
}

export type FormatCase = [input: string, expected: string, options?: FormatCaseOptions];

export const FORMAT_CASES: FormatCase[] = [
  [`up`, `up`],
  [`up{job="prometheus"}`, `up{job="prometheus"}`],
  [`sum(rate(http_requests_total[5m]))`, `sum(rate(http_requests_total[5m]))`],
  [
    `sum by(job)(rate(http_requests_total{job="api",code=~"5.."}[5m]))`,
    `sum by (job) (rate(http_requests_total{code=~"5..",job="api"}[5m]))`,
  ],
  [
    `sum(rate(http_requests_total[5m])) without(instance,pod)`,
    `sum without (instance, pod) (rate(http_requests_total[5m]))`,
  ],
  [`rate(foo[90s])`, `rate(foo[1m30s])`],
  [`rate(foo[300])`, `rate(foo[5m])`],
  [`rate(foo[1h0m])`, `rate(foo[1h])`],
  [`rate(foo[7d])`, `rate(foo[1w])`],
  [`rate(foo[14d])`, `rate(foo[2w])`],
  [`rate(foo[365d])`, `rate(foo[1y])`],
  [`rate(foo[1d12h])`, `rate(foo[1d12h])`],
  [`foo offset 1w`, `foo offset 1w`],
  [`foo offset -30m`, `foo offset -30m`],
  [`foo offset 0s`, `foo`],
  [`foo @ 1609746000`, `foo @ 1609746000.000`],
  [`foo @ 1609746000.5 offset 5m`, `foo @ 1609746000.500 offset 5m`],
  [`foo offset 5m @ 100`, `foo @ 100.000 offset 5m`],
  [`foo[5m] offset 1m @ start()`, `foo[5m] @ start() offset 1m`],
  [`foo @ end()`, `foo @ end()`],
  [`max_over_time(rate(foo[5m])[1h:])`, `max_over_time(rate(foo[5m])[1h:])`],
  [
    `max_over_time(rate(foo[5m])[1h:1m] offset 1h)`,
    `max_over_time(rate(foo[5m])[1h:1m] offset 1h)`,
  ],
  [`min_over_time((foo - bar)[30m:1m])`, `min_over_time((foo - bar)[30m:1m])`],
  [`1e3`, `1000`],
  [`0x1F`, `31`],
  [`1_000_000`, `1000000`],
  [`.5`, `0.5`],
  [`Inf`, `+Inf`],
  [`-Inf`, `-Inf`],
  [`NaN`, `NaN`],
  [`-1`, `-1`],
  [`- 2`, `-2`],
  [`--3`, `3`],
  [`+4`, `4`],
  [`-(5)`, `-(5)`],
  [`-foo`, `-foo`],
  [`+foo`, `+foo`],
  [`2 ^ 3 ^ 2`, `2 ^ 3 ^ 2`],
  [`-2 ^ 2`, `-2 ^ 2`],
  [`1e-7`, `0.0000001`],
  [`1e21`, `1000000000000000000000`],
  [`123456789012345680000`, `123456789012345680000`],
  [`foo > 5m`, `foo > 5m`],
  [`'single quoted'`, `"single quoted"`],
  [`\`raw \\n string\``, `"raw \\\\n string"`],
  [`"tab\\there"`, `"tab\\there"`],
  [`{__name__="foo"}`, `{__name__="foo"}`],
  [`{__name__="foo",job="a"}`, `{__name__="foo",job="a"}`],
  [`foo{__name__="foo"}`, `foo`],
  [`foo{job="a", instance="b", __name__="foo"}`, `foo{instance="b",job="a"}`],
  [`{"my.metric"}`, `{__name__="my.metric"}`, { since: '3.0' }],
  [`{"my.metric", "my.label"="x"}`, `{"my.label"="x",__name__="my.metric"}`, { since: '3.0' }],
  [`foo{"weird label"="1"}`, `foo{"weird label"="1"}`, { since: '3.0' }],
  [`sum by ("my.label", job) (foo)`, `sum by ("my.label", job) (foo)`, { since: '3.0' }],
  [`foo{a="b",}`, `foo{a="b"}`],
  [`foo{}`, `foo`],
  [`count_values("version", build_info)`, `count_values("version", build_info)`],
  [`topk(5, foo)`, `topk(5, foo)`],
  [`quantile(0.95, foo)`, `quantile(0.95, foo)`],
  [`sum by () (foo)`, `sum(foo)`],
  [`sum without () (foo)`, `sum without () (foo)`],
  [`a + ignoring() b`, `a + b`],
  [`a + on() b`, `a + on () b`],
  [`a and on() b`, `a and on () b`],
  [`a * on(instance) group_left() b`, `a * on (instance) group_left () b`],
  [
    `a * on(instance) group_left(version, commit) b`,
    `a * on (instance) group_left (version, commit) b`,
  ],
  [`a * ignoring(job) group_right b`, `a * ignoring (job) group_right () b`],
  [`a == bool 1`, `a == bool 1`],
  [`1 > bool 2`, `1 > bool 2`],
  [`a AND b`, `a and b`],
  [`a Or b`, `a or b`],
  [`a unless b`, `a unless b`],
  [`a atan2 b`, `a atan2 b`],
  [`SUM(foo)`, `sum(foo)`],
  [`rate(foo[5m]) # a comment`, `rate(foo[5m])`],
  [
    `label_replace(up, "host", "$1", "instance", "(.*):.*")`,
    `label_replace(up, "host", "$1", "instance", "(.*):.*")`,
  ],
  [
    `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))`,
    `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))`,
  ],
  [
    `histogram_quantile(0.99, sum by (le, job, namespace, cluster) (rate(http_request_duration_seconds_bucket{job="api-server"}[5m])))`,
    `histogram_quantile(
  0.99,
  sum by (le, job, namespace, cluster) (
    rate(http_request_duration_seconds_bucket{job="api-server"}[5m])
  )
)`,
  ],
  [
    `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{job="kubelet", metrics_path="/metrics/cadvisor", image!=""}[5m]))`,
    `sum by (namespace, pod) (
  rate(
    container_cpu_usage_seconds_total{image!="",job="kubelet",metrics_path="/metrics/cadvisor"}[5m]
  )
)`,
  ],
  [
    `(node_filesystem_avail_bytes{job="node",fstype!=""} / node_filesystem_size_bytes{job="node",fstype!=""} * 100 < 40 and predict_linear(node_filesystem_avail_bytes{job="node",fstype!=""}[6h], 24*60*60) < 0 and node_filesystem_readonly{job="node",fstype!=""} == 0)`,
    `(
            node_filesystem_avail_bytes{fstype!="",job="node"}
          /
            node_filesystem_size_bytes{fstype!="",job="node"}
        *
          100
      <
        40
    and
      predict_linear(node_filesystem_avail_bytes{fstype!="",job="node"}[6h], 24 * 60 * 60) < 0
  and
    node_filesystem_readonly{fstype!="",job="node"} == 0
)`,
  ],
  [
    `(node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0) or (node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)`,
    `  (node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0)
or
  (node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)`,
  ],
  [
    `1 - ((node_memory_MemAvailable_bytes{job="node"} or (node_memory_Buffers_bytes{job="node"} + node_memory_Cached_bytes{job="node"} + node_memory_MemFree_bytes{job="node"} + node_memory_Slab_bytes{job="node"}) ) / node_memory_MemTotal_bytes{job="node"})`,
    `  1
-
  (
      (
          node_memory_MemAvailable_bytes{job="node"}
        or
          (
                node_memory_Buffers_bytes{job="node"} + node_memory_Cached_bytes{job="node"}
              +
                node_memory_MemFree_bytes{job="node"}
            +
              node_memory_Slab_bytes{job="node"}
          )
      )
    /
      node_memory_MemTotal_bytes{job="node"}
  )`,
  ],
  [
    `min by (job, integration) (rate(alertmanager_notifications_failed_total{job="alertmanager", integration=~".*"}[5m]) / rate(alertmanager_notifications_total{job="alertmanager", integration="~.*"}[5m])) > 0.01`,
    `  min by (job, integration) (
      rate(alertmanager_notifications_failed_total{integration=~".*",job="alertmanager"}[5m])
    /
      rate(alertmanager_notifications_total{integration="~.*",job="alertmanager"}[5m])
  )
>
  0.01`,
  ],
  [
    `(count by (job) (changes(process_start_time_seconds{job="alertmanager"}[10m]) > 4) / count by (job) (up{job="alertmanager"})) >= 0.5`,
    `  (
      count by (job) (changes(process_start_time_seconds{job="alertmanager"}[10m]) > 4)
    /
      count by (job) (up{job="alertmanager"})
  )
>=
  0.5`,
  ],
  [
    `sum(rate(apiserver_request_total{job="apiserver",code=~"5.."}[5m])) by (resource, subresource, verb) / sum(rate(apiserver_request_total{job="apiserver"}[5m])) by (resource, subresource, verb) > 0.05`,
    `    sum by (resource, subresource, verb) (
      rate(apiserver_request_total{code=~"5..",job="apiserver"}[5m])
    )
  /
    sum by (resource, subresource, verb) (rate(apiserver_request_total{job="apiserver"}[5m]))
>
  0.05`,
  ],
  [
    `100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle", job="node-exporter", instance=~"host-.*"}[5m])))`,
    `  100
*
  (
      1
    -
      avg by (instance) (
        rate(node_cpu_seconds_total{instance=~"host-.*",job="node-exporter",mode="idle"}[5m])
      )
  )`,
  ],
  [
    `topk(10, sum by (namespace, pod, container) (container_memory_working_set_bytes{job="kubelet", container!="", image!=""}))`,
    `topk(
  10,
  sum by (namespace, pod, container) (
    container_memory_working_set_bytes{container!="",image!="",job="kubelet"}
  )
)`,
  ],
  [
    `kube_deployment_spec_replicas{job="kube-state-metrics"} != kube_deployment_status_replicas_available{job="kube-state-metrics"}`,
    `  kube_deployment_spec_replicas{job="kube-state-metrics"}
!=
  kube_deployment_status_replicas_available{job="kube-state-metrics"}`,
  ],
  [
    `quantile_over_time(0.99, rate(http_requests_total{job="api", handler="/api/v1/query"}[5m])[1h:1m]) > 0.5 and on (job) up == 1`,
    `    quantile_over_time(0.99, rate(http_requests_total{handler="/api/v1/query",job="api"}[5m])[1h:1m])
  >
    0.5
and on (job)
  up == 1`,
  ],
  [
    `max_over_time(sum by (job, instance, namespace, pod) (rate(http_requests_total{job="api-server", code=~"5.."}[5m]))[1h:5m])`,
    `max_over_time(
  sum by (job, instance, namespace, pod) (rate(http_requests_total{code=~"5..",job="api-server"}[5m]))[1h:5m]
)`,
  ],
  [
    `label_replace(label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*"), "bar", "$1", "service", "(.*):.*") == 1`,
    `  label_replace(
    label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*"),
    "bar",
    "$1",
    "service",
    "(.*):.*"
  )
==
  1`,
  ],
  [
    `-histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api", handler="/api/v1/query"}[5m])))`,
    `-histogram_quantile(
  0.99,
  sum by (le) (rate(http_request_duration_seconds_bucket{handler="/api/v1/query",job="api"}[5m]))
)`,
  ],
  [
    `sum by (cluster, namespace, workload, workload_type, pod) (max by (cluster, namespace, pod, interface) (rate(container_network_transmit_packets_dropped_total[5m])))`,
    `sum by (cluster, namespace, workload, workload_type, pod) (
  max by (cluster, namespace, pod, interface) (
    rate(container_network_transmit_packets_dropped_total[5m])
  )
)`,
  ],
  [
    `absent(up{job="prometheus-k8s-very-long-job-name", namespace="monitoring-namespace-with-long-name", cluster="eu1"} == 1)`,
    `absent(
    up{cluster="eu1",job="prometheus-k8s-very-long-job-name",namespace="monitoring-namespace-with-long-name"}
  ==
    1
)`,
  ],
  [
    `sum(rate(http_requests_total{job="api"}[5m] offset 1w)) / sum(rate(http_requests_total{job="api"}[5m])) - 1 > 0.25`,
    `      sum(rate(http_requests_total{job="api"}[5m] offset 1w))
    /
      sum(rate(http_requests_total{job="api"}[5m]))
  -
    1
>
  0.25`,
  ],
  [
    `count(count by (version) (prometheus_build_info{job="prometheus", namespace="monitoring", cluster="production-eu-west-1"})) > 1`,
    `  count(
    count by (version) (
      prometheus_build_info{cluster="production-eu-west-1",job="prometheus",namespace="monitoring"}
    )
  )
>
  1`,
  ],
  [
    `(sum by (instance) (rate(node_network_receive_bytes_total{device!~"lo|veth.*|docker.*|br.*"}[5m])) + sum by (instance) (rate(node_network_transmit_bytes_total{device!~"lo|veth.*|docker.*|br.*"}[5m])))`,
    `(
    sum by (instance) (rate(node_network_receive_bytes_total{device!~"lo|veth.*|docker.*|br.*"}[5m]))
  +
    sum by (instance) (rate(node_network_transmit_bytes_total{device!~"lo|veth.*|docker.*|br.*"}[5m]))
)`,
  ],
  [
    `avg(avg_over_time(up{job="node",instance=~"node-exporter-.*"}[1d])) * 100 < 99.9 unless on (instance) node_maintenance_mode == 1`,
    `  avg(avg_over_time(up{instance=~"node-exporter-.*",job="node"}[1d])) * 100 < 99.9
unless on (instance)
  node_maintenance_mode == 1`,
  ],
  [
    `sum by (job) (rate(http_requests_total{job="api",code="500"}[5m])) / ignoring (code) group_left sum by (job) (rate(http_requests_total{job="api"}[5m]))`,
    `  sum by (job) (rate(http_requests_total{code="500",job="api"}[5m]))
/ ignoring (code) group_left ()
  sum by (job) (rate(http_requests_total{job="api"}[5m]))`,
  ],
  [
    `rate(prometheus_tsdb_compactions_failed_total{job="prometheus",namespace="monitoring"}[5m] @ end() offset 1h) > 0`,
    `  rate(
    prometheus_tsdb_compactions_failed_total{job="prometheus",namespace="monitoring"}[5m] @ end() offset 1h
  )
>
  0`,
  ],
  [
    `sum without (instance, pod, container, endpoint, service) (rate(grpc_server_handled_total{grpc_type="unary"}[5m])) > 100`,
    `  sum without (instance, pod, container, endpoint, service) (
    rate(grpc_server_handled_total{grpc_type="unary"}[5m])
  )
>
  100`,
  ],
  [
    `quantile_over_time(0.99, rate(http_requests_total{job="api-server", handler="/api/v1/query_range"}[5m])[1h:1m])`,
    `quantile_over_time(
  0.99,
  rate(http_requests_total{handler="/api/v1/query_range",job="api-server"}[5m])[1h:1m]
)`,
    {
      // prettier.go's SubqueryExpr.Pretty returns e.String() without indent(level) when the subquery fits.
      difference: 'a subquery that fits on its line keeps the indentation of its level',
      promtool: `quantile_over_time(
  0.99,
rate(http_requests_total{handler="/api/v1/query_range",job="api-server"}[5m])[1h:1m]
)`,
    },
  ],
];
