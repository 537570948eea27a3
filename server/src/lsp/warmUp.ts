import { LanguageService } from '../core/languageService';

/**
 * Runs the validation pipeline over a made-up prometheus.yml while the server starts (inside `initialize`, on a
 * throw-away service), so that the parser, the generated validators and the checks are compiled and warm when
 * the user's first document arrives: its diagnostics otherwise pay for cold code (issue 2's first-diagnostics budget).
 */
export function warmUp(): void {
  const jobs = Array.from({ length: 500 }, (_, i) =>
    [
      `  - job_name: warm-${i}`,
      '    scrape_interval: 30s',
      '    metrics_path: /metrics',
      '    static_configs:',
      `      - targets: ['host-${i}:9100', 'host-${i}-b:9100']`,
      '        labels: { env: prod, team: t }',
      '    relabel_configs:',
      "      - { source_labels: [__address__], regex: '(.*):9100', target_label: host, replacement: '$1' }",
      '      - { action: labeldrop, regex: tmp_.* }',
      '    basic_auth: { username: u, password_file: /etc/p }',
      '    tls_config: { insecure_skip_verify: false }',
    ].join('\n'),
  );
  const text = `global:\n  scrape_interval: 15s\nscrape_configs:\n${jobs.join('\n')}\n`;
  const service = new LanguageService();
  for (let version = 1; version <= 3; version++) {
    service.check({ uri: `untitled:warm-up-${version}/prometheus.yml`, version, getText: () => text });
  }
}
