import type { AlertSpec, RuleFileSpec } from './ruleTypes';

const NODE = 'job="node-exporter", instance="node-exporter:9100"';
const NODE_LABELS = { job: 'node-exporter', instance: 'node-exporter:9100' };
const ROOT_FS = 'device="/dev/sda1", fstype="ext4", mountpoint="/"';
const ROOT_FS_LABELS = { device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' };
const REAL_FS = 'fstype!~"tmpfs|overlay|squashfs"';

/** A file system under `below` free (a ratio); the test leaves `availBytes` of 100 GB free on /, shown as `left`. */
function diskAlert(alert: string, below: string, forDuration: string, severity: AlertSpec['severity'], meaning: string, availBytes: number, left: string): AlertSpec {
  return {
    alert,
    expr: `instance_mountpoint:node_filesystem_avail:ratio < ${below}`,
    for: forDuration,
    severity,
    summary: '{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} space left',
    description: 'Free space on {{ $labels.device }} ({{ $labels.mountpoint }}) is low: clean up or grow the volume.',
    meaning,
    test: {
      series: {
        [`node_filesystem_avail_bytes{${NODE}, ${ROOT_FS}}`]: `${availBytes}x30`,
        [`node_filesystem_size_bytes{${NODE}, ${ROOT_FS}}`]: '100000000000x30',
        [`node_filesystem_avail_bytes{${NODE}, device="/dev/sdb1", fstype="ext4", mountpoint="/data"}`]: '60000000000x30',
        [`node_filesystem_size_bytes{${NODE}, device="/dev/sdb1", fstype="ext4", mountpoint="/data"}`]: '100000000000x30',
      },
      evalTime: '25m',
      labels: { severity, ...NODE_LABELS, ...ROOT_FS_LABELS },
      summary: `/ on node-exporter:9100 has ${left} space left`,
      description: 'Free space on /dev/sda1 (/) is low: clean up or grow the volume.',
    },
  };
}

export const nodeRules: RuleFileSpec = {
  name: 'node',
  title: 'Hosts, from node-exporter: disk space, memory and CPU.',
  recordings: [
    { record: 'instance:node_cpu_utilisation:rate5m', expr: '1 - avg without (cpu, mode) (rate(node_cpu_seconds_total{mode="idle"}[5m]))' },
    { record: 'instance:node_memory_available:ratio', expr: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes' },
    {
      record: 'instance_mountpoint:node_filesystem_avail:ratio',
      expr: `node_filesystem_avail_bytes{${REAL_FS}}\n  / node_filesystem_size_bytes{${REAL_FS}}`,
    },
  ],
  alerts: [
    diskAlert(
      'HostDiskAlmostFull',
      '0.10',
      '15m',
      'warning',
      'A file system has less than 10% free. Find what grows (`du -xh --max-depth=2`), clean up or grow the volume before it fills.',
      5000000000,
      '5%',
    ),
    diskAlert(
      'HostDiskFull',
      '0.03',
      '5m',
      'critical',
      'A file system is about to fill (under 3% free): databases and Prometheus itself stop writing. Free space now.',
      2000000000,
      '2%',
    ),
    {
      alert: 'HostMemoryLow',
      expr: 'instance:node_memory_available:ratio < 0.10',
      for: '15m',
      severity: 'warning',
      summary: '{{ $labels.instance }} has {{ $value | humanizePercentage }} of its memory available',
      description: 'Less than 10% of the memory of {{ $labels.instance }} has been available for 15 minutes; the OOM killer may strike.',
      meaning: 'A host is short of memory. Look for the container using most (cAdvisor dashboard) before the kernel kills one.',
      test: {
        series: {
          [`node_memory_MemAvailable_bytes{${NODE}}`]: '400000000x30',
          [`node_memory_MemTotal_bytes{${NODE}}`]: '8000000000x30',
        },
        evalTime: '25m',
        labels: { severity: 'warning', ...NODE_LABELS },
        summary: 'node-exporter:9100 has 5% of its memory available',
        description: 'Less than 10% of the memory of node-exporter:9100 has been available for 15 minutes; the OOM killer may strike.',
      },
    },
    {
      alert: 'HostCPUSaturated',
      expr: 'instance:node_cpu_utilisation:rate5m > 0.9',
      for: '30m',
      severity: 'warning',
      summary: 'CPU of {{ $labels.instance }} is saturated',
      description: 'The CPUs of {{ $labels.instance }} have been more than 90% busy for 30 minutes.',
      meaning: 'A host has been CPU-bound for half an hour: requests slow down. Find the busy container, scale out or add CPUs.',
      test: {
        series: {
          [`node_cpu_seconds_total{${NODE}, cpu="0", mode="idle"}`]: '0+3x60',
          [`node_cpu_seconds_total{${NODE}, cpu="1", mode="idle"}`]: '0+3x60',
        },
        evalTime: '45m',
        labels: { severity: 'warning', ...NODE_LABELS },
        summary: 'CPU of node-exporter:9100 is saturated',
        description: 'The CPUs of node-exporter:9100 have been more than 90% busy for 30 minutes.',
      },
    },
  ],
};

const CADV = 'job="cadvisor", instance="cadvisor:8080"';
const CADV_LABELS = { job: 'cadvisor', instance: 'cadvisor:8080' };

export const containerRules: RuleFileSpec = {
  name: 'containers',
  title: 'Containers, from cAdvisor: restarts and memory limits.',
  recordings: [
    { record: 'name:container_cpu_usage_seconds:rate5m', expr: 'sum by (name) (rate(container_cpu_usage_seconds_total{name!=""}[5m]))' },
    { record: 'name:container_memory_working_set_bytes:sum', expr: 'sum by (name) (container_memory_working_set_bytes{name!=""})' },
  ],
  alerts: [
    {
      alert: 'ContainerRestarting',
      expr: 'changes(container_start_time_seconds{name!=""}[15m]) > 2',
      for: '2m',
      severity: 'warning',
      summary: 'Container {{ $labels.name }} restarted {{ $value }} times in 15 minutes',
      description: 'Container {{ $labels.name }} keeps restarting: read its log (docker compose logs {{ $labels.name }}).',
      meaning: 'A container crashes and is restarted over and over (crash loop). Its log usually says why: bad configuration, a missing dependency, out of memory.',
      test: {
        series: {
          [`container_start_time_seconds{${CADV}, name="api"}`]: '100 100 400 700 1000x20',
          [`container_start_time_seconds{${CADV}, name="worker"}`]: '100x25',
        },
        evalTime: '10m',
        labels: { severity: 'warning', ...CADV_LABELS, name: 'api' },
        summary: 'Container api restarted 3 times in 15 minutes',
        description: 'Container api keeps restarting: read its log (docker compose logs api).',
      },
    },
    {
      alert: 'ContainerMemoryNearLimit',
      expr: 'container_memory_working_set_bytes{name!=""} / container_spec_memory_limit_bytes{name!=""} > 0.9\n  and container_spec_memory_limit_bytes{name!=""} > 0',
      for: '10m',
      severity: 'warning',
      summary: 'Container {{ $labels.name }} uses {{ $value | humanizePercentage }} of its memory limit',
      description: 'Container {{ $labels.name }} is close to its memory limit and will be killed when it reaches it.',
      meaning: 'A container nears its memory limit; at the limit the kernel kills it. Raise the limit or find the leak.',
      test: {
        series: {
          [`container_memory_working_set_bytes{${CADV}, name="api"}`]: '950000000x20',
          [`container_spec_memory_limit_bytes{${CADV}, name="api"}`]: '1000000000x20',
          [`container_memory_working_set_bytes{${CADV}, name="worker"}`]: '950000000x20',
          [`container_spec_memory_limit_bytes{${CADV}, name="worker"}`]: '0x20',
        },
        evalTime: '15m',
        labels: { severity: 'warning', ...CADV_LABELS, name: 'api' },
        summary: 'Container api uses 95% of its memory limit',
        description: 'Container api is close to its memory limit and will be killed when it reaches it.',
      },
    },
  ],
};

const PROBE = 'job="blackbox", instance="https://example.com"';
const PROBE_LABELS = { job: 'blackbox', instance: 'https://example.com' };

/** A TLS certificate that expires in under `days` days; the test's certificate of https://example.com in `shown`. */
function certificateAlert(alert: string, days: number, severity: AlertSpec['severity'], meaning: string, series: Record<string, string>, shown: number): AlertSpec {
  return {
    alert,
    expr: `instance:probe_ssl_earliest_cert_expiry:days < ${days}`,
    for: '10m',
    severity,
    summary: 'TLS certificate of {{ $labels.instance }} expires in {{ $value | printf "%.0f" }} days',
    description: 'Renew the certificate of {{ $labels.instance }}, or check why automatic renewal stopped.',
    meaning,
    test: {
      series,
      evalTime: '20m',
      labels: { severity, ...PROBE_LABELS },
      summary: `TLS certificate of https://example.com expires in ${shown} days`,
      description: 'Renew the certificate of https://example.com, or check why automatic renewal stopped.',
    },
  };
}

export const blackboxRules: RuleFileSpec = {
  name: 'blackbox',
  title: 'Probes of the blackbox exporter: availability from outside, and TLS certificate expiry.',
  recordings: [
    { record: 'instance:probe_ssl_earliest_cert_expiry:days', expr: '(probe_ssl_earliest_cert_expiry - time()) / 86400' },
  ],
  alerts: [
    {
      alert: 'ProbeFailed',
      expr: 'probe_success == 0',
      for: '5m',
      severity: 'critical',
      summary: '{{ $labels.instance }} does not answer',
      description: 'The probe of {{ $labels.instance }} has failed for 5 minutes.',
      meaning: 'A URL probed from the stack fails (connection refused, timeout, non-2xx status, TLS error). Open it yourself; the probe_* metrics of the blackbox dashboard show which phase fails.',
      test: {
        series: { [`probe_success{${PROBE}}`]: '0x15', 'probe_success{job="blackbox", instance="https://example.org"}': '1x15' },
        evalTime: '10m',
        labels: { severity: 'critical', ...PROBE_LABELS },
        summary: 'https://example.com does not answer',
        description: 'The probe of https://example.com has failed for 5 minutes.',
      },
    },
    certificateAlert(
      'CertificateExpiresSoon',
      14,
      'warning',
      'A TLS certificate expires within 14 days. Renew it, or find out why automatic renewal (ACME, cert-manager) stopped.',
      { [`probe_ssl_earliest_cert_expiry{${PROBE}}`]: '864000x30', 'probe_ssl_earliest_cert_expiry{job="blackbox", instance="https://example.org"}': '8640000x30' },
      10,
    ),
    certificateAlert(
      'CertificateExpiresVerySoon',
      3,
      'critical',
      'A TLS certificate expires within 3 days: visitors will soon see errors. Renew it now.',
      { [`probe_ssl_earliest_cert_expiry{${PROBE}}`]: '172800x30' },
      2,
    ),
  ],
};

export const pushgatewayRules: RuleFileSpec = {
  name: 'pushgateway',
  title: 'Batch jobs pushing to the Pushgateway: a job that stopped pushing has stopped running.',
  recordings: [
    { record: 'job:push_time_seconds:age', expr: 'time() - max by (job) (push_time_seconds)' },
  ],
  alerts: [
    {
      alert: 'BatchJobNotRun',
      expr: 'job:push_time_seconds:age > 86400',
      for: '30m',
      severity: 'warning',
      summary: 'Batch job {{ $labels.job }} has not pushed metrics for more than a day',
      description: 'The last push of {{ $labels.job }} to the Pushgateway is over 24 hours old: the job no longer runs or fails before pushing.',
      meaning: 'A batch job that pushes its metrics daily has not done so for more than a day: its schedule (cron) is broken or it fails early.',
      test: {
        series: { 'push_time_seconds{job="nightly-backup"}': '0x1600', 'push_time_seconds{job="hourly-sync"}': '0+60x1600' },
        evalTime: '1560m',
        labels: { severity: 'warning', job: 'nightly-backup' },
        summary: 'Batch job nightly-backup has not pushed metrics for more than a day',
        description: 'The last push of nightly-backup to the Pushgateway is over 24 hours old: the job no longer runs or fails before pushing.',
      },
    },
  ],
};
