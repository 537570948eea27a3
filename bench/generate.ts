/** A realistic prometheus.yml with `jobs` scrape jobs (about 20 lines each). */
export function generatePrometheusConfig(jobs: number): string {
  const out: string[] = [
    'global:',
    '  scrape_interval: 15s',
    '  evaluation_interval: 15s',
    '  external_labels:',
    '    cluster: bench',
    'scrape_configs:',
  ];
  for (let i = 0; i < jobs; i++) {
    out.push(
      `  - job_name: job-${i}`,
      '    scrape_interval: 30s',
      '    metrics_path: /metrics',
      '    static_configs:',
      `      - targets: ['host-${i}:9100', 'host-${i}-b:9100']`,
      '        labels:',
      '          env: prod',
      `          team: team-${i % 10}`,
      '    relabel_configs:',
      '      - source_labels: [__address__]',
      "        regex: '(.*):9100'",
      '        target_label: host',
      "        replacement: '$1'",
      '      - action: labeldrop',
      '        regex: tmp_.*',
      '    basic_auth:',
      '      username: scraper',
      '      password_file: /etc/prometheus/password',
      '    tls_config:',
      '      insecure_skip_verify: false',
    );
  }
  return out.join('\n') + '\n';
}

/** A rule file with `groups` groups of `perGroup` rules (alerts and recording rules, realistic expressions). */
export function generateRuleFile(groups: number, perGroup: number): string {
  const out: string[] = ['groups:'];
  for (let g = 0; g < groups; g++) {
    out.push(`  - name: group-${g}`, '    interval: 30s', '    rules:');
    for (let r = 0; r < perGroup; r++) {
      if (r % 2 === 0) {
        out.push(
          `      - record: job:http_requests_${g}_${r}:rate5m`,
          `        expr: sum by (job, instance) (rate(http_requests_total{service="svc-${g}", code=~"5.."}[5m]))`,
        );
      } else {
        out.push(
          `      - alert: HighLatency${g}x${r}`,
          '        expr: |',
          `          histogram_quantile(0.95, sum by (le, job) (rate(http_request_duration_seconds_bucket{service="svc-${g}"}[5m]))) > 0.5`,
          `            and on (job) job:http_requests_${g}_${r - 1}:rate5m > 1`,
          '        for: 10m',
          '        labels:',
          '          severity: warning',
          '        annotations:',
          `          summary: "p95 latency of {{ $labels.job }} is {{ $value | humanizeDuration }}"`,
          `          description: "{{ $labels.job }} answers slowly: p95 above 500ms for 10 minutes."`,
        );
      }
    }
  }
  return out.join('\n') + '\n';
}
