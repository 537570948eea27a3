import { secretsOf } from './alertmanagerConfig';
import { COMPONENT_LABELS, has, type ScaffoldOptions } from './options';
import type { RuleFileSpec } from './ruleTypes';

function start(o: ScaffoldOptions): string[] {
  if (o.flavour === 'kubernetes') {
    return [
      '## Start',
      '',
      'The `kubernetes/` folder holds one ConfigMap per component (generated from the files beside it) and one',
      '`PrometheusRule` per rule file for the Prometheus Operator. In namespace `monitoring`:',
      '',
      '```sh',
      'kubectl create namespace monitoring',
      'kubectl apply -f kubernetes/ -f kubernetes/rules/',
      ...(secretsOf(o).length ? ['kubectl -n monitoring create secret generic alertmanager-secrets --from-file=secrets/'] : []),
      ...(has(o, 'grafana') ? ['kubectl -n monitoring create secret generic grafana-admin --from-env-file=.env'] : []),
      '```',
      '',
      'Each ConfigMap says where to mount it. Services are expected under the component names (`prometheus`,',
      '`alertmanager`, `grafana`, …) in the same namespace, as prometheus.yml addresses them.',
      'The rules exist twice: `prometheus/rules/*.yml` (tested by `prometheus/tests/`) and `kubernetes/rules/*.yaml`;',
      'edit both together. `.o11y.yaml` tells `o11y check` that this repetition is intended.',
    ];
  }
  const urls = (['grafana', 'prometheus', 'alertmanager', 'pushgateway'] as const)
    .filter((c) => has(o, c))
    .map((c) => `- ${c[0].toUpperCase() + c.slice(1)}: http://127.0.0.1:${o.ports[c]}`);
  return [
    '## Start',
    '',
    '```sh',
    'cp .env.example .env      # then fill in every empty value',
    ...(secretsOf(o).length ? ['mkdir -p secrets'] : []),
    ...secretsOf(o).map((s) => `printf %s '…' > secrets/${s.name}   # ${s.content}`),
    'docker compose up -d',
    'docker compose ps         # every service should become "healthy"',
    '```',
    '',
    'The web UIs are published on 127.0.0.1 only (change `ports:` in docker-compose.yml to expose them):',
    '',
    ...urls,
  ];
}

function alerts(rules: RuleFileSpec[]): string[] {
  const out = ['## Alerts', '', 'Critical alerts page (they go to every channel); warnings go to chat and mail. While a critical alert fires for a job, its warnings are held back.', ''];
  for (const spec of rules) {
    out.push(`### prometheus/rules/${spec.name}.yml`, '', '| Alert | Severity | What it means, what to do |', '|---|---|---|');
    for (const a of spec.alerts) {
      out.push(`| ${a.alert} | ${a.severity} | ${a.meaning.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  return out;
}

/** The stack's README: what is in it, how to start it, what every alert means, how to add a target. */
export function readmeText(o: ScaffoldOptions, rules: RuleFileSpec[], paths: string[]): string {
  const lines = [
    '# Monitoring stack',
    '',
    `Written by \`o11y scaffold\` (${o.flavour === 'kubernetes' ? 'Kubernetes' : 'Docker Compose'} flavour). Components:`,
    '',
    ...o.components.map((c) => `- ${COMPONENT_LABELS[c]}`),
    ...(o.targets.length ? ['', 'Application targets: ' + o.targets.map((t) => `\`${t.name}\` (${t.address}${t.metricsPath})`).join(', ') + '.'] : []),
    '',
    ...start(o),
    '',
    '## Check and test',
    '',
    '```sh',
    'promtool check config prometheus/prometheus.yml',
    'promtool test rules prometheus/tests/*.yml',
    ...(has(o, 'alertmanager') ? ['amtool check-config alertmanager/alertmanager.yml'] : []),
    'o11y check .              # every file, with the versions of .o11y.yaml',
    '```',
    '',
    ...alerts(rules),
    '## Add a target',
    '',
    '1. Put the service on the `monitoring` network (compose: `networks: { monitoring: { external: true } }` in its own',
    '   compose file), so Prometheus reaches it by name.',
    '2. Add a job to `scrape_configs` in `prometheus/prometheus.yml`:',
    '',
    '   ```yaml',
    '   - job_name: payments',
    '     metrics_path: /metrics',
    '     static_configs:',
    '       - targets: [payments:8080]',
    '   ```',
    '',
    '3. Reload Prometheus (`docker compose kill -s SIGHUP prometheus`). If the service exports',
    '   `http_requests_total` and `http_request_duration_seconds`, the rules of `apps.yml` and the Service RED dashboard',
    '   cover it with no further change.',
    '',
    '## Files',
    '',
    '```',
    ...paths,
    '```',
    '',
  ];
  return lines.join('\n');
}
