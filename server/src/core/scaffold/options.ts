/** What the scaffold asks: the parts of the stack, what to scrape, where alerts go, and the output flavour. */

export const COMPONENTS = [
  'prometheus',
  'alertmanager',
  'grafana',
  'loki',
  'promtail',
  'alloy',
  'node-exporter',
  'cadvisor',
  'blackbox-exporter',
  'pushgateway',
  'postgres-exporter',
  'redis-exporter',
  'mysqld-exporter',
] as const;

export type Component = (typeof COMPONENTS)[number];

/** One line per component, for prompts, the wizard and the stack README. */
export const COMPONENT_LABELS: Record<Component, string> = {
  prometheus: 'Prometheus: scrapes metrics, evaluates rules',
  alertmanager: 'Alertmanager: routes alerts to people',
  grafana: 'Grafana: dashboards',
  loki: 'Loki: stores logs',
  promtail: 'Promtail: ships container logs to Loki',
  alloy: 'Grafana Alloy: ships container logs to Loki (Promtail\'s successor)',
  'node-exporter': 'node-exporter: host CPU, memory, disk',
  cadvisor: 'cAdvisor: per-container CPU, memory, restarts',
  'blackbox-exporter': 'blackbox-exporter: probes URLs, TLS certificate expiry',
  pushgateway: 'Pushgateway: metrics pushed by batch jobs',
  'postgres-exporter': 'postgres-exporter: PostgreSQL',
  'redis-exporter': 'redis-exporter: Redis',
  'mysqld-exporter': 'mysqld-exporter: MySQL / MariaDB',
};

export const CHANNELS = ['slack', 'email', 'pagerduty', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  slack: 'Slack incoming webhook',
  email: 'E-mail over SMTP',
  pagerduty: 'PagerDuty (Events API v2)',
  webhook: 'Generic webhook (HTTP POST of the alerts as JSON)',
};

export type Flavour = 'compose' | 'kubernetes';

/** An application Prometheus scrapes, e.g. a FastAPI app: `{ name: 'api', address: 'api:8000', metricsPath: '/metrics' }`. */
export interface AppTarget {
  /** The scrape job's name (the `job` label): lower case letters, digits, `-` and `_`. */
  name: string;
  /** `host:port` as Prometheus reaches it. */
  address: string;
  /** Path of the metrics endpoint, starting with `/`. */
  metricsPath: string;
}

/** Components whose web port can be published on the host. */
export type PublishedComponent = 'prometheus' | 'alertmanager' | 'grafana' | 'pushgateway';

export interface ScaffoldOptions {
  components: Component[];
  targets: AppTarget[];
  /** Where Alertmanager sends alerts; needs `alertmanager`. */
  channels: Channel[];
  /** URLs the blackbox exporter probes (availability and TLS certificate expiry). */
  probes: string[];
  /** How long Prometheus (and Loki) keep data, as a duration such as `15d`. */
  retention: string;
  /** Host ports of the published web UIs (compose flavour; bound to 127.0.0.1). */
  ports: Record<PublishedComponent, number>;
  flavour: Flavour;
}

export const DEFAULT_PORTS: Record<PublishedComponent, number> = {
  prometheus: 9090,
  alertmanager: 9093,
  grafana: 3000,
  pushgateway: 9091,
};

/** The stack `o11y scaffold --yes` writes: metrics, alerts, dashboards and host metrics, alerts to Slack. */
export function defaultOptions(): ScaffoldOptions {
  return {
    components: ['prometheus', 'alertmanager', 'grafana', 'node-exporter', 'cadvisor'],
    targets: [],
    channels: ['slack'],
    probes: [],
    retention: '15d',
    ports: { ...DEFAULT_PORTS },
    flavour: 'compose',
  };
}

/** Every component and channel, two app targets and a probe: the largest stack, used by tests and the benchmark. */
export function fullOptions(flavour: Flavour = 'compose'): ScaffoldOptions {
  return {
    components: COMPONENTS.filter((c) => c !== 'promtail'),
    targets: [
      { name: 'api', address: 'api:8000', metricsPath: '/metrics' },
      { name: 'worker', address: 'worker:9100', metricsPath: '/metrics' },
    ],
    channels: [...CHANNELS],
    probes: ['https://example.com'],
    retention: '30d',
    ports: { ...DEFAULT_PORTS },
    flavour,
  };
}

export function has(o: ScaffoldOptions, c: Component): boolean {
  return o.components.includes(c);
}

/** The values of a table keyed by component whose component the stack has, in the table's order. */
export function forChosen<T>(o: ScaffoldOptions, table: Partial<Record<Component, T>>): T[] {
  return Object.entries(table).flatMap(([c, v]) => (has(o, c as Component) ? [v as T] : []));
}
