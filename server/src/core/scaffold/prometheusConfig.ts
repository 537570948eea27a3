import { address, IMAGES } from './images';
import { has, type Component, type ScaffoldOptions } from './options';
import { commented, flow, yamlText } from './yamlText';

/** Components Prometheus scrapes directly, with why (one comment line per job). */
const SCRAPED: [Component, string][] = [
  ['alertmanager', 'Alertmanager\'s own metrics: notifications sent and failed, configuration reloads.'],
  ['grafana', 'Grafana\'s own metrics.'],
  ['loki', 'Loki\'s own metrics: ingestion and query errors.'],
  ['promtail', 'The log agent\'s own metrics.'],
  ['alloy', 'The log agent\'s own metrics.'],
  ['node-exporter', 'The host: CPU, memory, file systems, network.'],
  ['cadvisor', 'Every container on the host: CPU, memory, restarts.'],
  ['blackbox-exporter', 'The blackbox exporter\'s own metrics (its probes are the "blackbox" job below).'],
  ['postgres-exporter', 'PostgreSQL through postgres-exporter.'],
  ['redis-exporter', 'Redis through redis-exporter.'],
  ['mysqld-exporter', 'MySQL / MariaDB through mysqld-exporter.'],
];

function staticJob(name: string, target: string, metricsPath?: string): Record<string, unknown> {
  return {
    job_name: name,
    ...(metricsPath && metricsPath !== '/metrics' ? { metrics_path: metricsPath } : {}),
    static_configs: [{ targets: flow([target]) }],
  };
}

function jobs(o: ScaffoldOptions): unknown[] {
  const out: unknown[] = [commented(staticJob('prometheus', 'localhost:9090'), 'Prometheus itself.', false)];
  for (const [c, why] of SCRAPED) {
    if (has(o, c)) {
      out.push(commented(staticJob(c, address(c), IMAGES[c].metricsPath), why, true));
    }
  }
  if (has(o, 'pushgateway')) {
    out.push(
      commented(
        { job_name: 'pushgateway', honor_labels: true, static_configs: [{ targets: flow([address('pushgateway')]) }] },
        'Metrics pushed by batch jobs; honor_labels keeps the job label each batch job pushed with.',
        true,
      ),
    );
  }
  if (has(o, 'blackbox-exporter') && o.probes.length) {
    out.push(commented(probeJob(o.probes), 'URLs probed from here through the blackbox exporter (module http_2xx of blackbox/blackbox.yml).', true));
  }
  o.targets.forEach((t, i) => {
    const job = staticJob(t.name, t.address, t.metricsPath);
    out.push(i === 0 ? commented(job, 'Application targets: add one job per service (see README.md, "Add a target").', true) : commented(job, `Application ${t.name}.`, true));
  });
  return out;
}

/** The usual blackbox relabelling: the URL becomes the `target` parameter and the `instance`; the exporter is scraped. */
function probeJob(urls: string[]): Record<string, unknown> {
  return {
    job_name: 'blackbox',
    metrics_path: '/probe',
    params: { module: flow(['http_2xx']) },
    static_configs: [{ targets: urls }],
    relabel_configs: [
      { source_labels: flow(['__address__']), target_label: '__param_target' },
      { source_labels: flow(['__param_target']), target_label: 'instance' },
      { target_label: '__address__', replacement: address('blackbox-exporter') },
    ],
  };
}

export function prometheusConfigText(o: ScaffoldOptions): string {
  const value: Record<string, unknown> = {
    global: { scrape_interval: '15s', scrape_timeout: '10s', evaluation_interval: '15s', external_labels: { stack: 'monitoring' } },
    rule_files: ['rules/*.yml'],
  };
  if (has(o, 'alertmanager')) {
    value.alerting = { alertmanagers: [{ static_configs: [{ targets: flow([address('alertmanager')]) }] }] };
  }
  value.scrape_configs = jobs(o);
  const header =
    'Prometheus of the monitoring stack. Check it with `promtool check config prometheus/prometheus.yml`;\n' +
    'reload it without a restart by sending SIGHUP (`docker compose kill -s SIGHUP prometheus`).';
  return yamlText(header, value, {
    rule_files: 'Relative to this file: recording and alerting rules, each with unit tests in tests/.',
    alerting: 'Where firing alerts go.',
    scrape_configs: 'One job per component and per application target; the job name becomes the job label.',
  });
}
