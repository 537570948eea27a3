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
