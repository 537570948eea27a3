import { address } from './images';
import type { ScaffoldOptions } from './options';
import { yamlText } from './yamlText';

/**
 * Loki as one process (monolithic mode) with its data on a local volume: the TSDB index and the filesystem object
 * store, schema v13, retention applied by the compactor.
 */
export function lokiConfigText(o: ScaffoldOptions): string {
  return yamlText(
    'Loki in monolithic mode, data on the loki-data volume. Retention follows the stack\'s retention.',
    {
      auth_enabled: false,
      server: { http_listen_port: 3100, grpc_listen_port: 9096, log_level: 'info' },
      common: {
        instance_addr: '127.0.0.1',
        path_prefix: '/loki',
        storage: { filesystem: { chunks_directory: '/loki/chunks', rules_directory: '/loki/rules' } },
        replication_factor: 1,
        ring: { kvstore: { store: 'inmemory' } },
      },
      schema_config: {
        configs: [{ from: '2024-01-01', store: 'tsdb', object_store: 'filesystem', schema: 'v13', index: { prefix: 'index_', period: '24h' } }],
      },
      limits_config: {
        retention_period: o.retention,
        reject_old_samples: true,
        reject_old_samples_max_age: '168h',
        allow_structured_metadata: true,
        volume_enabled: true,
      },
      compactor: {
        working_directory: '/loki/compactor',
        compaction_interval: '10m',
        retention_enabled: true,
        retention_delete_delay: '2h',
        delete_request_store: 'filesystem',
      },
      ...(o.components.includes('alertmanager') ? { ruler: { alertmanager_url: `http://${address('alertmanager')}` } } : {}),
      analytics: { reporting_enabled: false },
    },
    { schema_config: 'Never change an existing entry: add a new one with a later "from" date instead.' },
  );
}

/** Promtail: every container's log from the Docker API, labelled with its compose service. */
export function promtailConfigText(): string {
  return yamlText('Promtail ships the log of every container to Loki, labelled with its compose service and container name.', {
    server: { http_listen_port: 9080, grpc_listen_port: 0 },
    positions: { filename: '/var/lib/promtail/positions.yaml' },
    clients: [{ url: `http://${address('loki')}/loki/api/v1/push` }],
    scrape_configs: [
      {
        job_name: 'containers',
        docker_sd_configs: [{ host: 'unix:///var/run/docker.sock', refresh_interval: '15s' }],
        relabel_configs: [
          { source_labels: ['__meta_docker_container_name'], regex: '/(.*)', target_label: 'container' },
          { source_labels: ['__meta_docker_container_label_com_docker_compose_service'], target_label: 'service' },
          { source_labels: ['__meta_docker_container_log_stream'], target_label: 'stream' },
        ],
      },
    ],
  });
}

/** Grafana Alloy's configuration language is not YAML; this text has no user input in it. */
export function alloyConfigText(): string {
  return `// Grafana Alloy ships the log of every container to Loki, labelled with its compose service and container name.

discovery.docker "containers" {
  host = "unix:///var/run/docker.sock"
}

discovery.relabel "containers" {
  targets = discovery.docker.containers.targets

  rule {
    source_labels = ["__meta_docker_container_name"]
    regex         = "/(.*)"
    target_label  = "container"
  }

  rule {
    source_labels = ["__meta_docker_container_label_com_docker_compose_service"]
    target_label  = "service"
  }
}

loki.source.docker "containers" {
  host          = "unix:///var/run/docker.sock"
  targets       = discovery.relabel.containers.output
  relabel_rules = discovery.relabel.containers.rules
  forward_to    = [loki.write.loki.receiver]
}

loki.write "loki" {
  endpoint {
    url = "http://${address('loki')}/loki/api/v1/push"
  }
}
`;
}

export function blackboxConfigText(): string {
  return yamlText('Probe modules of the blackbox exporter; prometheus.yml names the module per job (params.module).', {
    modules: {
      http_2xx: {
        prober: 'http',
        timeout: '5s',
        http: { preferred_ip_protocol: 'ip4', follow_redirects: true, fail_if_not_ssl: false },
      },
    },
  });
}
