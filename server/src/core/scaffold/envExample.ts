import { secretsOf } from './alertmanagerConfig';
import { forChosen, type Component, type ScaffoldOptions } from './options';

/** One variable of .env: its name, the example value (empty for secrets the user must choose) and why. */
interface EnvVar {
  name: string;
  value: string;
  why: string;
}

/** The variables each component reads. */
const VARIABLES: Partial<Record<Component, EnvVar[]>> = {
  grafana: [
    { name: 'GRAFANA_ADMIN_USER', value: 'admin', why: 'Grafana administrator account.' },
    { name: 'GRAFANA_ADMIN_PASSWORD', value: '', why: 'Required, no default: choose a long random password (e.g. openssl rand -base64 24).' },
  ],
  'postgres-exporter': [
    { name: 'POSTGRES_EXPORTER_URI', value: 'postgres:5432/postgres?sslmode=disable', why: 'host:port/database of the PostgreSQL to watch.' },
    { name: 'POSTGRES_EXPORTER_USER', value: 'postgres_exporter', why: 'A PostgreSQL role with the pg_monitor role granted.' },
    { name: 'POSTGRES_EXPORTER_PASSWORD', value: '', why: 'Required: that role\'s password.' },
  ],
  'redis-exporter': [
    { name: 'REDIS_ADDR', value: 'redis://redis:6379', why: 'The Redis to watch.' },
    { name: 'REDIS_PASSWORD', value: '', why: 'Its password, if it has one (requirepass / ACL).' },
  ],
  'mysqld-exporter': [
    { name: 'MYSQL_ADDRESS', value: 'mysql:3306', why: 'host:port of the MySQL / MariaDB to watch.' },
    { name: 'MYSQL_EXPORTER_USER', value: 'exporter', why: 'A user with PROCESS, REPLICATION CLIENT and SELECT on performance_schema.' },
    { name: 'MYSQL_EXPORTER_PASSWORD', value: '', why: 'Required: that user\'s password.' },
  ],
};

/** `.env.example`: every secret and setting the stack reads, with empty values where the user must choose. */
export function envExampleText(o: ScaffoldOptions): string {
  const lines = [
    '# Copy to .env (never commit .env) and fill in every empty value.',
    '# docker compose reads .env next to docker-compose.yml; it refuses to start while a required value is empty.',
    '',
  ];
  for (const v of forChosen(o, VARIABLES).flat()) {
    lines.push(`# ${v.why}`, `${v.name}=${v.value}`, '');
  }
  const files = secretsOf(o);
  if (files.length) {
    lines.push('# Alertmanager reads its secrets from files, never from its configuration: write each into secrets/<name>.');
    for (const s of files) {
      lines.push(`#   secrets/${s.name}: ${s.content}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
