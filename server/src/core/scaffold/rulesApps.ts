import type { RuleFileSpec } from './ruleTypes';

/*
 * The HTTP services (the app targets), from the metric names most HTTP instrumentation libraries use
 * (prometheus-fastapi-instrumentator, Spring's micrometer with the Prometheus naming, promhttp middlewares):
 * `http_requests_total{status}` and the histogram `http_request_duration_seconds`. One test input serves every
 * alert: api answers 15 good and 1 failed request per second; half its requests take up to 0.5s, all up to 1s.
 */
const API_TRAFFIC = {
  'http_requests_total{job="api", status="200"}': '0+900x30',
  'http_requests_total{job="api", status="500"}': '0+60x30',
  'http_requests_total{job="worker", status="200"}': '0+600x30',
  'http_request_duration_seconds_bucket{job="api", le="0.5"}': '0+60x30',
  'http_request_duration_seconds_bucket{job="api", le="1"}': '0+120x30',
  'http_request_duration_seconds_bucket{job="api", le="+Inf"}': '0+120x30',
};

export const appRules: RuleFileSpec = {
  name: 'apps',
  title: 'The application services: request rate, error ratio and p95 latency (RED), recorded once for alerts and dashboards.',
  recordings: [
    { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' },
    { record: 'job:http_requests_errors:rate5m', expr: 'sum by (job) (rate(http_requests_total{status=~"5.."}[5m]))' },
    { record: 'job:http_requests_errors:ratio_rate5m', expr: 'job:http_requests_errors:rate5m / job:http_requests:rate5m' },
    { record: 'job_le:http_request_duration_seconds_bucket:rate5m', expr: 'sum by (job, le) (rate(http_request_duration_seconds_bucket[5m]))' },
    { record: 'job:http_request_duration_seconds:p95_5m', expr: 'histogram_quantile(0.95, job_le:http_request_duration_seconds_bucket:rate5m)' },
  ],
  alerts: [
    {
      alert: 'HighErrorRatio',
      expr: 'job:http_requests_errors:ratio_rate5m > 0.05',
      for: '10m',
      severity: 'warning',
      summary: '{{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with errors',
      description: 'More than 5% of the requests to {{ $labels.job }} have failed (5xx) for 10 minutes.',
      meaning: 'More than 5% of a service\'s requests fail with 5xx. Look at recent deploys and at the service\'s log (Loki) for the errors.',
      test: {
        series: API_TRAFFIC,
        evalTime: '20m',
        labels: { severity: 'warning', job: 'api' },
        summary: 'api answers 6.25% of requests with errors',
        description: 'More than 5% of the requests to api have failed (5xx) for 10 minutes.',
      },
    },
    {
      alert: 'VeryHighErrorRatio',
      expr: 'job:http_requests_errors:ratio_rate5m > 0.2',
      for: '5m',
      severity: 'critical',
      summary: '{{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with errors',
      description: 'One request in five or more to {{ $labels.job }} has failed (5xx) for 5 minutes: most users are affected.',
      meaning: 'A fifth of a service\'s requests fail: most users notice. Roll back the last deploy first, investigate after.',
      test: {
        series: {
          'http_requests_total{job="api", status="200"}': '0+180x20',
          'http_requests_total{job="api", status="503"}': '0+60x20',
        },
        evalTime: '15m',
        labels: { severity: 'critical', job: 'api' },
        summary: 'api answers 25% of requests with errors',
        description: 'One request in five or more to api has failed (5xx) for 5 minutes: most users are affected.',
      },
    },
    {
      alert: 'HighLatencyP95',
      expr: 'job:http_request_duration_seconds:p95_5m > 0.5',
      for: '10m',
      severity: 'warning',
      summary: '{{ $labels.job }} is slow: p95 latency {{ $value | humanizeDuration }}',
      description: '95% of the requests to {{ $labels.job }} should finish within 500ms; for 10 minutes they have not.',
      meaning: 'The slowest 5% of a service\'s requests take longer than 500ms. Check its dependencies (database, cache) and CPU.',
      test: {
        series: API_TRAFFIC,
        evalTime: '20m',
        labels: { severity: 'warning', job: 'api' },
        summary: 'api is slow: p95 latency 950ms',
        description: '95% of the requests to api should finish within 500ms; for 10 minutes they have not.',
      },
    },
  ],
};
