import { LanguageService } from '../core/languageService';

/**
 * Runs the validation pipeline over a made-up prometheus.yml, rule file and dashboard while the server starts
 * (inside `initialize`, on a throw-away service), so that the parsers (YAML, JSON, PromQL, templates), the generated
 * validators, the checks and the rules index are compiled and warm when the user's first document arrives: its
 * diagnostics otherwise pay for cold code (the first-diagnostics budgets of issues 2, 5 and 8).
 */
export function warmUp(): void {
  const service = new LanguageService();
  const config = prometheusConfig();
  const rules = ruleFile();
  for (let version = 1; version <= 3; version++) {
    service.check({ uri: `untitled:warm-up-${version}/prometheus.yml`, version, getText: () => config });
    service.check({ uri: `untitled:warm-up-${version}/rules.yml`, version, getText: () => rules.replace(/\bw0-/g, `w${version}-`) });
    service.check({ uri: `untitled:warm-up-${version}/dashboard.json`, version, getText: () => dashboard(version) });
  }
}

/** A Grafana dashboard (issue 8's first-diagnostics budget): time series panels querying through multi-value variables. */
function dashboard(version: number): string {
  const ds = { type: 'prometheus', uid: '${datasource}' };
  const variable = (name: string, query: string): object => ({ name, type: 'query', datasource: ds, query: { query, refId: 'A' }, multi: true, includeAll: true, current: {}, options: [] });
  const panels = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    type: i % 4 === 0 ? 'stat' : 'timeseries',
    title: `Warm ${i} on $instance`,
    datasource: ds,
    gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
    fieldConfig: { defaults: { unit: 'reqps', thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 80 }] } }, overrides: [] },
    options: i % 4 === 0 ? { reduceOptions: { calcs: ['lastNotNull'] }, colorMode: 'value' } : { legend: { showLegend: true, displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'single' } },
    targets: [
      { refId: 'A', datasource: ds, expr: `sum by (instance) (rate(http_requests_total{job=~"$job", instance=~"$instance", handler="/w${version}-${i}"}[$__rate_interval]))`, legendFormat: '{{instance}}' },
      { refId: 'B', datasource: ds, expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=~"$job", handler="/w${version}-${i}"}[5m])))` },
    ],
  }));
  const templating = { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }, variable('job', 'label_values(up, job)'), variable('instance', 'label_values(up{job=~"$job"}, instance)')] };
  return JSON.stringify({ uid: `warm-up-${version}`, title: 'Warm-up', schemaVersion: 39, templating, panels }, null, 2);
}

function prometheusConfig(): string {
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
  return `global:\n  scrape_interval: 15s\nscrape_configs:\n${jobs.join('\n')}\n`;
}

/**
 * Rule groups with the usual shapes of expressions (rates, ratios, histogram quantiles, absent, comparisons,
 * vector matching) and annotation templates. Each group's expressions differ (`w0-<group>`), so every one is
 * parsed and checked rather than found in a memo.
 */
function ruleFile(): string {
  const out = ['groups:'];
  for (let g = 0; g < 40; g++) {
    const sel = `{job="w0-${g}", code=~"5.."}`;
    out.push(
      `  - name: warm-${g}`,
      '    interval: 30s',
      '    labels: { team: warm }',
      '    rules:',
      `      - record: job:warm_requests_${g}:rate5m`,
      `        expr: sum by (job, instance) (rate(http_requests_total${sel}[5m]))`,
      `      - record: job:warm_errors_${g}:ratio_rate5m`,
      '        expr: |',
      `          sum without (instance) (rate(http_requests_total${sel}[5m] offset 1m))`,
      `            / ignoring (code) group_left sum without (instance) (rate(http_requests_total{job="w0-${g}"}[5m]))`,
      `      - alert: WarmLatency${g}`,
      '        expr: |',
      `          histogram_quantile(0.95, sum by (le, job) (rate(http_request_duration_seconds_bucket{job="w0-${g}"}[5m]))) > 0.5`,
      `            and on (job) job:warm_requests_${g}:rate5m > 1`,
      '        for: 10m',
      '        labels:',
      '          severity: warning',
      '        annotations:',
      '          summary: "p95 latency of {{ $labels.job }} is {{ $value | humanizeDuration }}"',
      `          description: "{{ $labels.job }} on {{ $labels.instance }} answers slowly ({{ printf \\"%.2f\\" $value }}s)."`,
      `      - alert: WarmDown${g}`,
      `        expr: up{job="w0-${g}"} == 0 or absent(up{job="w0-${g}"})`,
      '        for: 5m',
      '        labels: { severity: critical }',
      "        annotations: { summary: 'Target {{ $labels.instance }} is down', description: '{{ $labels.job }} has been down for 5 minutes.' }",
      `      - alert: WarmDisk${g}`,
      `        expr: (node_filesystem_avail_bytes{job="w0-${g}", fstype!~"tmpfs|overlay"} / node_filesystem_size_bytes) * 100 < 10 unless on (instance) max_over_time(ALERTS{alertname="x"}[1h:5m])`,
      '        labels: { severity: warning }',
      '        annotations:',
      '          summary: "Disk {{ $labels.mountpoint }} is {{ $value | humanizePercentage }} full"',
      '          description: "{{ if gt $value 5.0 }}low{{ else }}very low{{ end }} on {{ $labels.instance | toUpper }}"',
      `      - alert: WarmCount${g}`,
      `        expr: count by (job) (label_replace(rate(node_cpu_seconds_total{job="w0-${g}", mode="idle"}[2m]), "cpu2", "$1", "cpu", "(.*)")) > bool 3 + 1 * -2 ^ 2`,
      '        for: 1m',
      '        labels: { severity: info }',
      '        annotations: { summary: "{{ $labels.job }}", description: "{{ range $i, $v := query \\"up\\" }}{{ $v.Value }}{{ end }}" }',
    );
  }
  return out.join('\n') + '\n';
}
