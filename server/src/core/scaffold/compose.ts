import { secretsOf } from './alertmanagerConfig';
import { IMAGES } from './images';
import { has, type Component, type PublishedComponent, type ScaffoldOptions } from './options';
import { commented, flow, yamlText } from './yamlText';

type Service = Record<string, unknown>;

/** Where compose mounts file secrets inside a container. */
export const COMPOSE_SECRET_DIR = '/run/secrets';

function healthcheck(c: Component): Record<string, unknown> {
  const { port, health, probe } = IMAGES[c];
  const test =
    probe === 'wget'
      ? ['CMD', 'wget', '-q', '--spider', `http://localhost:${port}${health}`]
      : ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`];
  return { test: flow(test), interval: '30s', timeout: '5s', retries: 3, start_period: '20s' };
}

/** The common part of every service: pinned image, restart policy, the one network, a healthcheck. */
function service(o: ScaffoldOptions, c: Component, extra: Service): Service {
  const s: Service = { image: IMAGES[c].image, restart: 'unless-stopped', ...extra };
  if ((['prometheus', 'alertmanager', 'grafana', 'pushgateway'] as Component[]).includes(c)) {
    const host = o.ports[c as PublishedComponent];
    // Loopback only: reachable from this machine (or an SSH tunnel), not from the network, until you decide otherwise.
    s.ports = flow([`127.0.0.1:${host}:${IMAGES[c].port}`]);
  }
  s.networks = flow(['monitoring']);
  s.healthcheck = healthcheck(c);
  return s;
}

function services(o: ScaffoldOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const add = (c: Component, comment: string, extra: Service) => {
    if (has(o, c)) {
      out[c] = commented(service(o, c, extra), comment, Object.keys(out).length > 0);
    }
  };
  add('prometheus', 'Prometheus: scrapes every target, evaluates rules, sends alerts.', {
    command: [
      '--config.file=/etc/prometheus/prometheus.yml',
      '--storage.tsdb.path=/prometheus',
      `--storage.tsdb.retention.time=${o.retention}`,
    ],
    volumes: ['./prometheus:/etc/prometheus:ro', 'prometheus-data:/prometheus'],
  });
  const secrets = secretsOf(o).map((s) => s.name);
  add('alertmanager', 'Alertmanager: groups, silences and routes alerts; secrets come in as files.', {
    command: ['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager'],
    volumes: ['./alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro', 'alertmanager-data:/alertmanager'],
    ...(secrets.length ? { secrets: flow(secrets) } : {}),
  });
  add('grafana', 'Grafana: the admin password must be set in .env (there is no default).', {
    environment: {
      GF_SECURITY_ADMIN_USER: '${GRAFANA_ADMIN_USER:-admin}',
      GF_SECURITY_ADMIN_PASSWORD: '${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD in .env}',
      GF_USERS_ALLOW_SIGN_UP: 'false',
      GF_AUTH_ANONYMOUS_ENABLED: 'false',
      GF_ANALYTICS_REPORTING_ENABLED: 'false',
    },
    volumes: [
      './grafana/provisioning:/etc/grafana/provisioning:ro',
      './grafana/dashboards:/var/lib/grafana/dashboards:ro',
      'grafana-data:/var/lib/grafana',
    ],
    depends_on: { prometheus: { condition: 'service_healthy' } },
  });
  add('loki', 'Loki: stores the logs the agent ships; Grafana queries it.', {
    command: ['-config.file=/etc/loki/loki.yml'],
    volumes: ['./loki:/etc/loki:ro', 'loki-data:/loki'],
  });
  add('promtail', 'Promtail: reads container logs through the Docker socket (read-only) and pushes them to Loki.', {
    command: ['-config.file=/etc/promtail/promtail.yml'],
    volumes: ['./promtail:/etc/promtail:ro', '/var/run/docker.sock:/var/run/docker.sock:ro', 'promtail-data:/var/lib/promtail'],
    depends_on: { loki: { condition: 'service_healthy' } },
  });
  add('alloy', 'Grafana Alloy: reads container logs through the Docker socket (read-only) and pushes them to Loki.', {
    command: ['run', '--server.http.listen-addr=0.0.0.0:12345', '--storage.path=/var/lib/alloy/data', '/etc/alloy/config.alloy'],
    volumes: ['./alloy:/etc/alloy:ro', '/var/run/docker.sock:/var/run/docker.sock:ro', 'alloy-data:/var/lib/alloy/data'],
    depends_on: { loki: { condition: 'service_healthy' } },
  });
  add('node-exporter', 'node-exporter: the host\'s metrics, reading the host file system read-only.', {
    command: ['--path.rootfs=/host'],
    pid: 'host',
    volumes: ['/:/host:ro,rslave'],
  });
  add('cadvisor', 'cAdvisor: per-container metrics; needs read-only views of the Docker and kernel state.', {
    privileged: true,
    devices: ['/dev/kmsg'],
    volumes: ['/:/rootfs:ro', '/var/run:/var/run:ro', '/sys:/sys:ro', '/var/lib/docker/:/var/lib/docker:ro', '/dev/disk/:/dev/disk:ro'],
  });
  add('blackbox-exporter', 'blackbox-exporter: probes the URLs of the "blackbox" job.', {
    command: ['--config.file=/etc/blackbox/blackbox.yml'],
    volumes: ['./blackbox:/etc/blackbox:ro'],
  });
  add('pushgateway', 'Pushgateway: batch jobs push their metrics here; Prometheus scrapes them.', {});
  add('postgres-exporter', 'postgres-exporter: connects to your PostgreSQL with the credentials of .env.', {
    environment: {
      DATA_SOURCE_URI: '${POSTGRES_EXPORTER_URI:-postgres:5432/postgres?sslmode=disable}',
      DATA_SOURCE_USER: '${POSTGRES_EXPORTER_USER:-postgres_exporter}',
      DATA_SOURCE_PASS: '${POSTGRES_EXPORTER_PASSWORD:?set POSTGRES_EXPORTER_PASSWORD in .env}',
    },
  });
  add('redis-exporter', 'redis-exporter: connects to your Redis with the address and password of .env.', {
    environment: { REDIS_ADDR: '${REDIS_ADDR:-redis://redis:6379}', REDIS_PASSWORD: '${REDIS_PASSWORD:-}' },
  });
  add('mysqld-exporter', 'mysqld-exporter: connects to your MySQL with the credentials of .env.', {
    command: ['--mysqld.address=${MYSQL_ADDRESS:-mysql:3306}', '--mysqld.username=${MYSQL_EXPORTER_USER:-exporter}'],
    environment: { MYSQLD_EXPORTER_PASSWORD: '${MYSQL_EXPORTER_PASSWORD:?set MYSQL_EXPORTER_PASSWORD in .env}' },
  });
  return out;
}

const VOLUMES: [Component, string][] = [
  ['prometheus', 'prometheus-data'],
  ['alertmanager', 'alertmanager-data'],
  ['grafana', 'grafana-data'],
  ['loki', 'loki-data'],
  ['promtail', 'promtail-data'],
  ['alloy', 'alloy-data'],
];

export function composeText(o: ScaffoldOptions): string {
  const value: Record<string, unknown> = {
    services: services(o),
    networks: { monitoring: { name: 'monitoring' } },
  };
  const volumes = VOLUMES.filter(([c]) => has(o, c));
  if (volumes.length) {
    value.volumes = Object.fromEntries(volumes.map(([, v]) => [v, {}]));
  }
  const secrets = secretsOf(o);
  if (secrets.length) {
    value.secrets = Object.fromEntries(secrets.map((s) => [s.name, { file: `./secrets/${s.name}` }]));
  }
  const header =
    'The monitoring stack. Start it with `docker compose up -d` after copying .env.example to .env and filling it in\n' +
    '(and writing the files of secrets/, see README.md). Web UIs are published on 127.0.0.1 only.';
  return yamlText(header, value, {
    networks: 'One network for the whole stack. Put your applications on it (external: true) so Prometheus reaches them.',
    volumes: 'Named volumes keep the data across restarts and upgrades.',
    secrets: 'Alertmanager\'s secrets, one file each; keep secrets/ out of version control.',
  });
}
