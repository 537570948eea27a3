import { LanguageService } from '../core/languageService';

/**
 * Runs the validation pipeline over a made-up prometheus.yml, rule file, dashboard and alertmanager.yml while the server starts
 * (inside `initialize`, on a throw-away service), so that the parsers (YAML, JSON, PromQL, templates), the generated
 * validators, the checks and the rules index are compiled and warm when the user's first document arrives: its
 * diagnostics otherwise pay for cold code (the first-diagnostics budgets of issues 2, 5, 8 and 9).
 */
export function warmUp(): void {
  const service = new LanguageService();
  const config = prometheusConfig();
  const rules = ruleFile();
  // The routing checks of alertmanager.yml look at the workspace's alerting rules once it has all been read.
  service.rules.markComplete();
  for (let version = 1; version <= 3; version++) {
    service.check({ uri: `untitled:warm-up-${version}/prometheus.yml`, version, getText: () => config });
    service.check({ uri: `untitled:warm-up-${version}/rules.yml`, version, getText: () => rules.replace(/\bw0-/g, `w${version}-`) });
    service.check({ uri: `untitled:warm-up-${version}/dashboard.json`, version, getText: () => dashboard(version) });
    service.check({ uri: `untitled:warm-up-${version}/alertmanager.yml`, version, getText: () => alertmanagerConfig(version) });
  }
}

/**
 * An Alertmanager configuration (issue 9's first-diagnostics budget): team routes with service routes under them,
 * matchers of each kind, timings, `continue`, mute intervals, inhibit rules and receivers of several integrations.
 * The names change with `version`, so the route checks run rather than find their findings by route text.
 */
function alertmanagerConfig(version: number): string {
  const out = ['global:', '  resolve_timeout: 5m', 'route:', '  receiver: r0', '  group_by: [alertname, job]', '  routes:'];
  for (let t = 0; t < 10; t++) {
    out.push(`    - matchers: ['team=~"warm|w${version}-${t}"']`, `      receiver: r${t}`, '      group_interval: 5m', '      routes:');
    for (let s = 0; s < 20; s++) {
      out.push(
        `        - matchers: ['job="w${version}-${(t * 20 + s) % 40}"', 'severity=~"critical|warning"', '{alertname!~"Cold.*", instance!="x"}']`,
        `          receiver: r${(t + s) % 30}`,
        ...(s % 4 === 0 ? ['          group_by: [alertname, job, instance]', '          group_wait: 10s', '          repeat_interval: 2h', '          continue: true'] : []),
        ...(s % 10 === 0 ? ['          mute_time_intervals: [nights]', `          match_re: { job: 'w${version}-.*' }`] : []),
      );
    }
  }
  out.push(
    'time_intervals:',
    '  - name: nights',
    '    time_intervals:',
    "      - times: [{ start_time: '22:00', end_time: '24:00' }]",
    "        weekdays: ['monday:friday']",
    'inhibit_rules:',
    "  - source_matchers: ['severity=\"critical\"']",
    "    target_matchers: ['severity=\"warning\"']",
    '    equal: [alertname, job]',
    'receivers:',
  );
  for (let r = 0; r < 30; r++) {
    out.push(`  - name: r${r}`);
    out.push(
      ...(r % 3 === 0
        ? ['    slack_configs:', `      - api_url_file: /etc/am/slack-${r}`, "        channel: '#w'", '        title: \'{{ template "slack.default.title" . }}\'']
        : r % 3 === 1
          ? ['    email_configs:', `      - to: w${r}@example.com`, '        from: am@example.com', '        smarthost: smtp.example.com:587']
          : ['    webhook_configs:', `      - url: http://hooks.example.com/${r}`, '        send_resolved: true']),
    );
  }
  return out.join('\n') + '\n';
}

/**
 * A Grafana dashboard (issue 8's first-diagnostics budget) shaped as Grafana 11 exports them: rows of panels of
 * several types with field config (mappings, thresholds, overrides), links, transformations and four Prometheus
 * targets through multi-value variables. Enough panels that the per-panel and per-query code gets optimised.
 */
function dashboard(version: number): string {
  const ds = { type: 'prometheus', uid: '${datasource}' };
  const variable = (name: string, query: string): object => ({ name, type: 'query', datasource: ds, query: { query, refId: 'A' }, multi: true, includeAll: true, current: {}, options: [] });
  const types = ['timeseries', 'stat', 'timeseries', 'gauge', 'bargauge', 'table', 'heatmap'];
  const reduce = { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, orientation: 'auto' };
  const options: Record<string, object> = {
    timeseries: { legend: { showLegend: true, displayMode: 'table', placement: 'bottom', calcs: ['mean'] }, tooltip: { mode: 'multi', sort: 'desc' } },
    stat: { ...reduce, colorMode: 'value', graphMode: 'area' },
    gauge: { ...reduce, showThresholdMarkers: true },
    bargauge: { ...reduce, displayMode: 'gradient' },
    table: { cellHeight: 'sm', showHeader: true },
    heatmap: { calculate: false, legend: { show: true }, tooltip: { mode: 'single' } },
  };
  const panels = Array.from({ length: 100 }, (_, i) => {
    const sel = `job=~"$job", instance=~"$instance", handler="/w${version}-${i}"`;
    const type = types[i % types.length];
    const panel = {
      id: i + 1,
      type,
      title: `Warm ${i} on $instance`,
      description: `Handler /w${i}.`,
      datasource: ds,
      gridPos: { x: (i % 2) * 12, y: Math.floor(i / 10) * 41 + 1 + Math.floor((i % 10) / 2) * 8, w: 12, h: 8 },
      fieldConfig: {
        defaults: {
          unit: ['reqps', 'percentunit', 's', 'bytes'][i % 4],
          decimals: 2,
          mappings: [{ type: 'value', options: { '0': { text: 'OK', color: 'green', index: 0 } } }, { type: 'range', options: { from: 1, to: 9, result: { text: 'Bad', index: 1 } } }],
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 80 }] },
          custom: i % 2 ? { lineWidth: 1, fillOpacity: 10, stacking: { group: 'A', mode: 'none' }, hideFrom: { legend: false, tooltip: false, viz: false } } : { align: 'auto', cellOptions: { type: 'auto' } },
        },
        overrides: [
          { matcher: { id: 'byName', options: `w-${i} errors` }, properties: [{ id: 'color', value: { fixedColor: 'red', mode: 'fixed' } }, { id: 'unit', value: 'reqps' }] },
          { matcher: { id: 'byRegexp', options: '/p95/' }, properties: [{ id: 'custom.axisPlacement', value: 'right' }] },
          { matcher: { id: 'byFrameRefID', options: 'D' }, properties: [{ id: 'max', value: 1 }, { id: 'displayName', value: '${__field.labels.instance}' }] },
        ],
      },
      links: [{ title: 'Runbook', url: `https://runbooks.example.com/w${i}?var-job=\${job}&var-instance=\${instance}` }],
      options: options[type],
      targets: [
        { refId: 'A', datasource: ds, editorMode: 'code', range: true, expr: `sum by (instance) (rate(http_requests_total{${sel}, code=~"5.."}[$__rate_interval]))`, legendFormat: '{{instance}} errors' },
        { refId: 'B', datasource: ds, expr: `sum by (instance) (rate(http_requests_total{${sel}}[$__rate_interval]))`, legendFormat: '{{instance}}' },
        { refId: 'C', datasource: ds, expr: `histogram_quantile(0.95, sum by (le, instance) (rate(http_request_duration_seconds_bucket{${sel}}[$window])))` },
        { refId: 'D', datasource: ds, hide: false, expr: `avg_over_time(process_resident_memory_bytes{${sel}}[$__interval]) / on (instance) group_left node_memory_MemTotal_bytes{${sel}} * ${i}`, legendFormat: '{{instance}} memory' },
      ],
      transformations: [{ id: 'organize', options: { excludeByName: { Time: false }, renameByName: { Value: `W ${i}` } } }],
    };
    return i % 10 ? panel : [{ type: 'row', title: `Row ${i}`, id: 1000 + i, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: (i / 10) * 41 }, panels: [] }, panel];
  }).flat();
  const templating = {
    list: [
      { name: 'datasource', type: 'datasource', query: 'prometheus' },
      variable('job', 'label_values(up, job)'),
      variable('instance', 'label_values(up{job=~"$job"}, instance)'),
      { name: 'window', type: 'interval', query: '1m,5m,15m', current: { text: '5m', value: '5m' }, options: [] },
    ],
  };
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
