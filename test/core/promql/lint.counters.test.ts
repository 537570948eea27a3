// Table-driven tests of the counter lints (lintCounters.ts): `promql/rate-on-non-counter` and `promql/rate-of-sum`.
// Each row: expression, the findings of that rule ([severity, flagged text (first occurrence) or [from, to], message,
// [fix title, expression after the fix]]), options. Negatives come from real rules (kube-prometheus, node-exporter
// and other mixins) and must stay silent.
import { run } from './lintHelpers';
import type { LintOptions } from '../../../server/src/core/promql/lint';


const gaugeName = (fn: string, name: string, alt = ''): string =>
  `${fn}() is for counters, but "${name}" is named like a gauge: a counter's name ends in _total (histogram and summary series in _count, _sum or _bucket)${alt}`;
const types: Record<string, string> = { queue_length: 'gauge', jobs_in_flight_total: 'gauge', kubelet_evictions: 'counter', junos_interface_transmit_bytes: 'counter', node_vmstat_pgmajfault: 'unknown' };
const metadata: Partial<LintOptions> = { metricType: (name) => types[name] };

run('rate-on-non-counter', [
  ['rate(node_load1[5m])', [['info', 'node_load1', gaugeName('rate', 'node_load1', '; for a gauge use deriv()')]]],
  [
    'increase(node_memory_MemAvailable_bytes{job="node"}[1h])',
    [['info', 'node_memory_MemAvailable_bytes', gaugeName('increase', 'node_memory_MemAvailable_bytes', '; for a gauge use delta()')]],
  ],
  ['irate(up[5m])', [['info', 'up', gaugeName('irate', 'up')]]],
  ['resets({__name__="temperature_celsius"}[1h])', [['info', '__name__="temperature_celsius"', gaugeName('resets', 'temperature_celsius')]]],
  ['rate(node_load5[10m:1m])', [['info', 'node_load5', gaugeName('rate', 'node_load5', '; for a gauge use deriv()')]]],
  [
    'rate(queue_length[5m])',
    [['warning', 'queue_length', 'rate() is for counters, but "queue_length" is a gauge (metric metadata); for a gauge use deriv()', ['Use deriv()', 'deriv(queue_length[5m])']]],
    metadata,
  ],
  [
    'sum(increase(jobs_in_flight_total[1h]))',
    [
      [
        'warning',
        'jobs_in_flight_total',
        'increase() is for counters, but "jobs_in_flight_total" is a gauge (metric metadata); for a gauge use delta()',
        ['Use delta()', 'sum(delta(jobs_in_flight_total[1h]))'],
      ],
    ],
    metadata,
  ],
  [
    'deriv(http_requests_total[5m])',
    [
      [
        'warning',
        'deriv',
        'deriv() is for gauges, but "http_requests_total" is a counter (its name ends in _total): each counter reset shows as a huge drop; use rate(), which handles resets',
        ['Use rate()', 'rate(http_requests_total[5m])'],
      ],
    ],
  ],
  [
    'delta(systemd_socket_refused_connections_total[5m]) > 3',
    [
      [
        'warning',
        'delta',
        'delta() is for gauges, but "systemd_socket_refused_connections_total" is a counter (its name ends in _total): each counter reset shows as a huge drop; use increase(), which handles resets',
        ['Use increase()', 'increase(systemd_socket_refused_connections_total[5m]) > 3'],
      ],
    ],
  ],
  [
    'idelta(errors_total[1m])',
    [
      [
        'warning',
        'idelta',
        'idelta() is for gauges, but "errors_total" is a counter (its name ends in _total): each counter reset shows as a huge drop; use irate() for the per-second rate between the last two samples, or increase()',
      ],
    ],
  ],
  [
    'deriv(kubelet_evictions[15m])',
    [
      [
        'warning',
        'deriv',
        'deriv() is for gauges, but "kubelet_evictions" is a counter (metric metadata): each counter reset shows as a huge drop; use rate(), which handles resets',
        ['Use rate()', 'rate(kubelet_evictions[15m])'],
      ],
    ],
    metadata,
  ],
  // Not flagged: counters by name or metadata, recorded series, exporters' unsuffixed counters, gauge functions on gauges.
  ['rate(node_cpu_seconds_total{job="node-exporter", mode!="idle"}[5m])', []],
  ['sum by (namespace, job, handler, status_code) (rate(grafana_http_request_duration_seconds_count[5m]))', []],
  ['histogram_quantile(0.99, sum by (cluster, le, resource) (rate(apiserver_request_sli_duration_seconds_bucket{job="apiserver"}[5m])))', []],
  ['rate(http_request_duration_seconds_sum[5m]) / rate(http_request_duration_seconds_count[5m])', []],
  ['rate(node_vmstat_pgmajfault{job="node-exporter"}[5m]) > 500', []],
  ['rate(node_vmstat_pgmajfault{job="node-exporter"}[5m])', [], metadata],
  ['sum(rate(kubelet_evictions{job="kubelet", metrics_path="/metrics"}[15m])) by (cluster, eviction_signal, instance)', []],
  ['rate(junos_interface_transmit_bytes[5m])', [], metadata],
  ['histogram_count(rate(http_request_duration_seconds[5m]))', []],
  ['increase(cluster_verb_scope_le:apiserver_request_sli_duration_seconds_bucket:increase1h[1d])', []],
  ['rate(instance:node_network_receive_bytes:sum[5m])', []],
  ['deriv(node_timex_offset_seconds{job="node-exporter"}[5m]) >= 0', []],
  ['delta(temperature_celsius[2h])', []],
  ['deriv(jobs_in_flight_total[5m])', [], metadata],
  ['predict_linear(node_filesystem_avail_bytes{job="node-exporter"}[6h], 4 * 60 * 60) < 0', []],
  ['increase(kube_pod_container_status_restarts_total{container=~"(ingester)"}[30m]) >= 2', []],
]);

const rateOf = (fn: string, agg: string): string =>
  `${fn}() of ${agg}(): ${agg}() hides the resets of the counters it combines, so one restart reads as a reset of the whole and the result spikes; apply ${fn}() first: ${agg}(${fn}(…)), not ${fn}(${agg}(…))`;

run('rate-of-sum', [
  ['rate(sum(http_requests_total)[5m:])', [['warning', 'sum', rateOf('rate', 'sum'), ['Use sum(rate(…))', 'sum(rate(http_requests_total[5m]))']]]],
  [
    'increase(sum by (job) (errors_total{code=~"5.."})[1h:5m])',
    [['warning', 'sum by (job)', rateOf('increase', 'sum'), ['Use sum(increase(…))', 'sum by (job) (increase(errors_total{code=~"5.."}[1h]))']]],
  ],
  [
    'rate((sum(a_total) without (instance))[5m:1m]) > 0',
    [['warning', 'sum', rateOf('rate', 'sum'), ['Use sum(rate(…))', 'sum(rate(a_total[5m])) without (instance) > 0']]],
  ],
  ['irate(max(x_total)[5m:])', [['warning', 'max', rateOf('irate', 'max')]]],
  ['rate((sum(a_total) + sum(b_total))[5m:])', [['warning', 'sum', rateOf('rate', 'sum')]]],
  ['rate(sum(x_total offset 1h)[5m:])', [['warning', 'sum', rateOf('rate', 'sum')]]],
  ['resets(avg by (pod) (restarts_total)[1h:])', [['warning', 'avg by (pod)', rateOf('resets', 'avg')]]],
  // Not flagged: the right order, aggregations under other functions, recorded sums, subqueries of selectors.
  ['sum(rate(http_requests_total[5m]))', []],
  ['max_over_time(sum(rate(x_total[5m]))[1h:])', []],
  ['rate(job:http_requests_total:sum[5m])', []],
  ['deriv(sum(node_memory_MemAvailable_bytes)[30m:])', []],
  ['changes((count by (cluster, namespace, sha256) (cortex_runtime_config_hash))[10m:1m]) > 0', []],
  ['min_over_time(delta(sum by (cluster, namespace, job) (cortex_query_scheduler_queue_length)[4m:5s])[4m:5s]) >= 0', []],
  ['rate(http_requests_total[5m:1m])', []],
]);

const short = (fn: string, range: string, per: string, min: string, why = 'needs two to return anything'): string =>
  `${fn}() over ${range}: at a ${per} this range often holds a single sample, and ${fn}() ${why}; use at least ${min}`;

run('range-too-short', [
  [
    'rate(http_requests_total[1m])',
    [['warning', '1m', short('rate', '1m', '1m scrape interval', '2m'), ['Set the range to 4m (4× the scrape interval)', 'rate(http_requests_total[4m])']]],
  ],
  [
    'irate(x_total[30s])',
    [['warning', '30s', short('irate', '30s', '30s scrape interval', '1m'), ['Set the range to 2m (4× the scrape interval)', 'irate(x_total[2m])']]],
    { scrapeInterval: 30 },
  ],
  [
    'rate(x_total[20s])',
    [['warning', '20s', short('rate', '20s', '15s scrape interval', '30s'), ['Set the range to 1m (4× the scrape interval)', 'rate(x_total[1m])']]],
    { scrapeInterval: 15 },
  ],
  [
    'avg_over_time(node_load1[1m])',
    [['warning', '1m', short('avg_over_time', '1m', '1m scrape interval', '2m', 'then summarises just that one'), ['Set the range to 4m (4× the scrape interval)', 'avg_over_time(node_load1[4m])']]],
  ],
  [
    'last_over_time(kube_pod_info[30s])',
    [
      [
        'warning',
        '30s',
        'last_over_time() over 30s: at a 1m scrape interval this range often holds no sample at all, so the result has gaps; use at least 1m',
        ['Set the range to 2m (2× the scrape interval)', 'last_over_time(kube_pod_info[2m])'],
      ],
    ],
  ],
  [
    'max_over_time(rate(x_total[5m])[90s:1m])',
    [['warning', '90s', short('max_over_time', '1m30s', '1m subquery step', '2m', 'then summarises just that one'), ['Set the range to 4m (4× the subquery step)', 'max_over_time(rate(x_total[5m])[4m:1m])']]],
  ],
  [
    'deriv(x[1m]) + rate(y_total[90s])',
    [
      ['warning', '1m', short('deriv', '1m', '1m scrape interval', '2m'), ['Set the range to 4m (4× the scrape interval)', 'deriv(x[4m]) + rate(y_total[90s])']],
      ['warning', '90s', short('rate', '1m30s', '1m scrape interval', '2m'), ['Set the range to 4m (4× the scrape interval)', 'deriv(x[1m]) + rate(y_total[4m])']],
    ],
  ],
  [
    'quantile_over_time(0.9, x[1m])',
    [['warning', '1m', short('quantile_over_time', '1m', '1m scrape interval', '2m', 'then summarises just that one'), ['Set the range to 4m (4× the scrape interval)', 'quantile_over_time(0.9, x[4m])']]],
  ],
  // Not flagged: long enough for the interval, subqueries without a step, functions that need one sample.
  ['rate(node_cpu_seconds_total{mode!="idle"}[2m])', []],
  ['sum by (cluster, code, verb) (increase(apiserver_request_total{job="apiserver", code=~"5.."}[1h]))', []],
  ['rate(node_network_receive_errs_total{job="node-exporter"}[2m]) / rate(node_network_receive_packets_total{job="node-exporter"}[2m]) > 0.01', [], { scrapeInterval: 30 }],
  ['rate(x_total[1m])', [], { scrapeInterval: 15 }],
  ['last_over_time(kube_pod_info[1m])', []],
  ['absent_over_time(up{job="api"}[1m])', []],
  ['max_over_time(kube_deployment_status_replicas_unavailable[10m:])', []],
  ['changes(process_start_time_seconds{job="alertmanager"}[10m]) > 4', []],
  ['rate(x_total[1m:15s])', []],
  ['rate(x_total[1m] anchored)', []],
  ['increase(x_total[30s] smoothed)', []],
  ['max_over_time(alertmanager_cluster_failed_peers{job="alertmanager-main"}[5m]) > 0', [], { scrapeInterval: 30 }],
]);
