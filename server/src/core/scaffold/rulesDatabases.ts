import type { AlertSpec, RuleFileSpec } from './ruleTypes';

/** `<Db>Down` from the exporter's `*_up` gauge: the exporter runs but cannot reach its database. */
function down(product: string, metric: string, job: string, instance: string): AlertSpec {
  const sel = `job="${job}", instance="${instance}"`;
  return {
    alert: `${product}Down`,
    expr: `${metric} == 0`,
    for: '5m',
    severity: 'critical',
    summary: `${product} behind {{ $labels.instance }} is unreachable`,
    description: `The exporter {{ $labels.instance }} has not been able to connect to ${product} for 5 minutes.`,
    meaning: `The exporter runs but cannot reach ${product}: the database is down, or the exporter's address or credentials (.env) are wrong. The exporter's log names the error.`,
    test: {
      series: { [`${metric}{${sel}}`]: '0x15' },
      evalTime: '10m',
      labels: { severity: 'critical', job, instance },
      summary: `${product} behind ${instance} is unreachable`,
      description: `The exporter ${instance} has not been able to connect to ${product} for 5 minutes.`,
    },
  };
}

function connections(product: string, record: string, job: string, instance: string, series: Record<string, string>, shown: string): AlertSpec {
  return {
    alert: `${product}TooManyConnections`,
    expr: `${record} > 0.8`,
    for: '10m',
    severity: 'warning',
    summary: `${product} behind {{ $labels.instance }} uses {{ $value | humanizePercentage }} of its connections`,
    description: 'More than 80% of the allowed connections are in use; new clients will soon be refused.',
    meaning: `${product} is close to its connection limit; at the limit new clients are refused. Look for connection leaks or pool sizes that add up to more than the limit.`,
    test: {
      series,
      evalTime: '15m',
      labels: { severity: 'warning', job, instance },
      summary: `${product} behind ${instance} uses ${shown} of its connections`,
      description: 'More than 80% of the allowed connections are in use; new clients will soon be refused.',
    },
  };
}

const PG = 'job="postgres-exporter", instance="postgres-exporter:9187"';

export const postgresRules: RuleFileSpec = {
  name: 'postgres',
  title: 'PostgreSQL, from postgres-exporter: reachability and connections in use.',
  recordings: [
    {
      record: 'instance:pg_connections:ratio',
      expr: 'sum by (job, instance) (pg_stat_activity_count)\n  / max by (job, instance) (pg_settings_max_connections)',
    },
  ],
  alerts: [
    down('Postgres', 'pg_up', 'postgres-exporter', 'postgres-exporter:9187'),
    connections('Postgres', 'instance:pg_connections:ratio', 'postgres-exporter', 'postgres-exporter:9187', {
      [`pg_stat_activity_count{${PG}, datname="app", state="active"}`]: '70x20',
      [`pg_stat_activity_count{${PG}, datname="app", state="idle"}`]: '15x20',
      [`pg_settings_max_connections{${PG}}`]: '100x20',
    }, '85%'),
  ],
};

const MY = 'job="mysqld-exporter", instance="mysqld-exporter:9104"';

export const mysqlRules: RuleFileSpec = {
  name: 'mysql',
  title: 'MySQL / MariaDB, from mysqld-exporter: reachability and connections in use.',
  recordings: [
    { record: 'instance:mysql_connections:ratio', expr: 'mysql_global_status_threads_connected / mysql_global_variables_max_connections' },
  ],
  alerts: [
    down('MySQL', 'mysql_up', 'mysqld-exporter', 'mysqld-exporter:9104'),
    connections('MySQL', 'instance:mysql_connections:ratio', 'mysqld-exporter', 'mysqld-exporter:9104', {
      [`mysql_global_status_threads_connected{${MY}}`]: '135x20',
      [`mysql_global_variables_max_connections{${MY}}`]: '150x20',
    }, '90%'),
  ],
};

const RD = 'job="redis-exporter", instance="redis-exporter:9121"';
const RD_LABELS = { job: 'redis-exporter', instance: 'redis-exporter:9121' };

export const redisRules: RuleFileSpec = {
  name: 'redis',
  title: 'Redis, from redis-exporter: reachability, memory against maxmemory, and clients.',
  recordings: [
    { record: 'instance:redis_memory_used:ratio', expr: 'redis_memory_used_bytes / (redis_memory_max_bytes > 0)' },
  ],
  alerts: [
    down('Redis', 'redis_up', 'redis-exporter', 'redis-exporter:9121'),
    {
      alert: 'RedisMemoryHigh',
      expr: 'instance:redis_memory_used:ratio > 0.9',
      for: '10m',
      severity: 'warning',
      summary: 'Redis behind {{ $labels.instance }} uses {{ $value | humanizePercentage }} of maxmemory',
      description: 'Redis is close to maxmemory: it will evict keys or refuse writes, depending on its eviction policy.',
      meaning: 'Redis nears `maxmemory`: depending on `maxmemory-policy` it evicts keys or refuses writes. Raise the limit or find the keys that grow.',
      test: {
        series: { [`redis_memory_used_bytes{${RD}}`]: '950x20', [`redis_memory_max_bytes{${RD}}`]: '1000x20' },
        evalTime: '15m',
        labels: { severity: 'warning', ...RD_LABELS },
        summary: 'Redis behind redis-exporter:9121 uses 95% of maxmemory',
        description: 'Redis is close to maxmemory: it will evict keys or refuse writes, depending on its eviction policy.',
      },
    },
    {
      alert: 'RedisTooManyConnections',
      expr: 'redis_connected_clients / redis_config_maxclients > 0.8',
      for: '10m',
      severity: 'warning',
      summary: 'Redis behind {{ $labels.instance }} serves {{ $value | humanizePercentage }} of its maximum clients',
      description: 'More than 80% of maxclients are connected; new clients will soon be refused.',
      meaning: 'Redis is close to `maxclients`; beyond it new connections are refused. Look for clients that open connections without pooling.',
      test: {
        series: { [`redis_connected_clients{${RD}}`]: '9000x20', [`redis_config_maxclients{${RD}}`]: '10000x20' },
        evalTime: '15m',
        labels: { severity: 'warning', ...RD_LABELS },
        summary: 'Redis behind redis-exporter:9121 serves 90% of its maximum clients',
        description: 'More than 80% of maxclients are connected; new clients will soon be refused.',
      },
    },
  ],
};
