import { dashboardJson, type DashboardSpec, type PanelSpec } from './dashboardModel';
import { forChosen, has, type Component, type ScaffoldOptions } from './options';

const stat = (title: string, description: string, expr: string, unit = 'none'): PanelSpec => ({ type: 'stat', title, description, expr, unit });
const series = (title: string, description: string, expr: string, legend: string, unit: string): PanelSpec => ({ type: 'timeseries', title, description, expr, legend, unit });

function overview(o: ScaffoldOptions): DashboardSpec {
  const panels: PanelSpec[] = [
    stat('Targets up', 'Scrape targets Prometheus reached at its last scrape.', 'sum(up)'),
    stat('Targets down', 'Scrape targets Prometheus could not reach (alert TargetDown after 5 minutes).', 'count(up == 0) or vector(0)'),
    stat('Alerts firing', 'Alerts firing now, of every severity.', 'count(ALERTS{alertstate="firing"}) or vector(0)'),
    series('Targets up per job', 'How many targets of each job answer.', 'sum by (job) (up)', '{{job}}', 'none'),
  ];
  if (has(o, 'node-exporter')) {
    panels.push(series('Host CPU busy', 'Share of CPU time not idle, per host.', 'instance:node_cpu_utilisation:rate5m', '{{instance}}', 'percentunit'));
  }
  if (o.targets.length) {
    panels.push(series('Requests per service', 'Requests per second of each application.', 'job:http_requests:rate5m', '{{job}}', 'reqps'));
    panels.push(series('Error ratio per service', 'Share of requests answered with 5xx.', 'job:http_requests_errors:ratio_rate5m', '{{job}}', 'percentunit'));
  }
  return { uid: 'stack-overview', title: 'System overview', description: 'The whole stack at a glance: targets, alerts, hosts and services.', tags: ['overview'], panels };
}

function red(): DashboardSpec {
  const sel = '{job=~"$job"}';
  return {
    uid: 'service-red',
    title: 'Service RED',
    description: 'Rate, errors and duration of the application services, from the recording rules of prometheus/rules/apps.yml.',
    tags: ['red', 'http'],
    jobVariableFrom: 'job:http_requests:rate5m',
    panels: [
      stat('Requests', 'Requests per second, all selected services.', `sum(job:http_requests:rate5m${sel})`, 'reqps'),
      stat('Error ratio', 'Share of requests answered with 5xx, all selected services.', `sum(job:http_requests_errors:rate5m${sel}) / sum(job:http_requests:rate5m${sel})`, 'percentunit'),
      series('Request rate', 'Requests per second (R).', `job:http_requests:rate5m${sel}`, '{{job}}', 'reqps'),
      series('Error ratio', 'Share of failed requests (E); alert at 5% (warning) and 20% (critical).', `job:http_requests_errors:ratio_rate5m${sel}`, '{{job}}', 'percentunit'),
      series('p95 latency', '95th percentile of request duration (D); alert above 500ms.', `job:http_request_duration_seconds:p95_5m${sel}`, '{{job}}', 's'),
    ],
  };
}

function host(): DashboardSpec {
  return {
    uid: 'host',
    title: 'Hosts',
    description: 'CPU, memory and disk of the hosts, from node-exporter and the recording rules of prometheus/rules/node.yml.',
    tags: ['host', 'node-exporter'],
    panels: [
      series('CPU busy', 'Share of CPU time not idle.', 'instance:node_cpu_utilisation:rate5m', '{{instance}}', 'percentunit'),
      series('Memory available', 'Share of memory available to new work; alert under 10%.', 'instance:node_memory_available:ratio', '{{instance}}', 'percentunit'),
      series('Disk space free', 'Share of each file system still free; alerts under 10% and 3%.', 'instance_mountpoint:node_filesystem_avail:ratio', '{{instance}} {{mountpoint}}', 'percentunit'),
      series('Load (1m)', 'Load average over one minute.', 'node_load1', '{{instance}}', 'short'),
    ],
  };
}

/** The dashboards of the exporters, each there when its exporter is. */
const EXPORTER_DASHBOARDS: Partial<Record<Component, DashboardSpec>> = {
  cadvisor: {
    uid: 'containers',
    title: 'Containers',
    description: 'Per-container CPU, memory and restarts, from cAdvisor.',
    tags: ['cadvisor', 'containers'],
    panels: [
      series('CPU', 'CPU cores used per container.', 'name:container_cpu_usage_seconds:rate5m', '{{name}}', 'short'),
      series('Memory (working set)', 'Memory the kernel counts against the container\'s limit.', 'name:container_memory_working_set_bytes:sum', '{{name}}', 'bytes'),
      series('Restarts (1h)', 'Container starts within the last hour.', 'sum by (name) (changes(container_start_time_seconds{name!=""}[1h]))', '{{name}}', 'none'),
    ],
  },
  'blackbox-exporter': {
    uid: 'probes',
    title: 'Probes',
    description: 'URLs probed by the blackbox exporter: success, duration and certificate expiry.',
    tags: ['blackbox'],
    panels: [
      series('Probe success', '1 when the last probe succeeded.', 'probe_success', '{{instance}}', 'none'),
      series('Probe duration', 'How long the whole probe took.', 'probe_duration_seconds', '{{instance}}', 's'),
      series('Certificate expiry (days)', 'Days until the earliest certificate of the chain expires; alerts under 14 and 3.', 'instance:probe_ssl_earliest_cert_expiry:days', '{{instance}}', 'none'),
    ],
  },
  pushgateway: {
    uid: 'batch-jobs',
    title: 'Batch jobs',
    description: 'Batch jobs pushing to the Pushgateway: time since each last pushed.',
    tags: ['pushgateway'],
    panels: [series('Time since last push', 'Alert BatchJobNotRun above one day.', 'job:push_time_seconds:age', '{{job}}', 's')],
  },
  'postgres-exporter': {
    uid: 'postgres',
    title: 'PostgreSQL',
    description: 'PostgreSQL through postgres-exporter: reachability and connections.',
    tags: ['postgres', 'database'],
    panels: [
      series('Up', '1 when the exporter reaches PostgreSQL.', 'pg_up', '{{instance}}', 'none'),
      series('Connections used', 'Share of max_connections in use; alert above 80%.', 'instance:pg_connections:ratio', '{{instance}}', 'percentunit'),
      series('Connections per database', 'Connections by database.', 'sum by (instance, datname) (pg_stat_activity_count)', '{{instance}} {{datname}}', 'none'),
    ],
  },
  'redis-exporter': {
    uid: 'redis',
    title: 'Redis',
    description: 'Redis through redis-exporter: memory, clients and commands.',
    tags: ['redis', 'database'],
    panels: [
      series('Memory used of maxmemory', 'Alert above 90%.', 'instance:redis_memory_used:ratio', '{{instance}}', 'percentunit'),
      series('Connected clients', 'Clients connected now.', 'redis_connected_clients', '{{instance}}', 'none'),
      series('Commands', 'Commands processed per second.', 'sum by (instance) (rate(redis_commands_processed_total[$__rate_interval]))', '{{instance}}', 'ops'),
    ],
  },
  'mysqld-exporter': {
    uid: 'mysql',
    title: 'MySQL',
    description: 'MySQL / MariaDB through mysqld-exporter: reachability, connections and queries.',
    tags: ['mysql', 'database'],
    panels: [
      series('Up', '1 when the exporter reaches MySQL.', 'mysql_up', '{{instance}}', 'none'),
      series('Connections used', 'Share of max_connections in use; alert above 80%.', 'instance:mysql_connections:ratio', '{{instance}}', 'percentunit'),
      series('Queries', 'Queries per second.', 'sum by (instance) (rate(mysql_global_status_queries[$__rate_interval]))', '{{instance}}', 'ops'),
    ],
  },
};

/** Dashboard file name (under grafana/dashboards/) → JSON text. */
export function dashboards(o: ScaffoldOptions): Map<string, string> {
  const specs = [overview(o), ...(o.targets.length ? [red()] : []), ...(has(o, 'node-exporter') ? [host()] : []), ...forChosen(o, EXPORTER_DASHBOARDS)];
  return new Map(specs.map((d) => [`${d.uid}.json`, dashboardJson(d)]));
}
