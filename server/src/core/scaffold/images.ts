import type { Component } from './options';

/** How a component runs: its pinned image, the port it listens on inside the network, and how to ask if it is up. */
export interface ComponentImage {
  image: string;
  /** Port inside the stack's network (and the scrape target's port). */
  port: number;
  /** Path of its metrics endpoint. */
  metricsPath: string;
  /** Health URL path probed from inside the container. */
  health: string;
  /** Images without wget (Debian/Ubuntu based) are checked with bash's /dev/tcp instead. */
  probe: 'wget' | 'tcp';
}

/**
 * Versions pinned to releases, never `latest`, so the stack starts the same next year. The configuration written
 * for them uses only fields Prometheus 2.42+ and Alertmanager 0.25+ accept, so Debian's promtool and amtool can
 * check it too.
 */
export const IMAGES: Record<Component, ComponentImage> = {
  prometheus: { image: 'prom/prometheus:v3.5.0', port: 9090, metricsPath: '/metrics', health: '/-/healthy', probe: 'wget' },
  alertmanager: { image: 'prom/alertmanager:v0.28.1', port: 9093, metricsPath: '/metrics', health: '/-/healthy', probe: 'wget' },
  grafana: { image: 'grafana/grafana:12.0.2', port: 3000, metricsPath: '/metrics', health: '/api/health', probe: 'wget' },
  loki: { image: 'grafana/loki:3.5.0', port: 3100, metricsPath: '/metrics', health: '/ready', probe: 'wget' },
  promtail: { image: 'grafana/promtail:3.5.0', port: 9080, metricsPath: '/metrics', health: '/ready', probe: 'tcp' },
  alloy: { image: 'grafana/alloy:v1.9.2', port: 12345, metricsPath: '/metrics', health: '/-/ready', probe: 'tcp' },
  'node-exporter': { image: 'prom/node-exporter:v1.9.1', port: 9100, metricsPath: '/metrics', health: '/', probe: 'wget' },
  cadvisor: { image: 'gcr.io/cadvisor/cadvisor:v0.49.1', port: 8080, metricsPath: '/metrics', health: '/healthz', probe: 'wget' },
  'blackbox-exporter': { image: 'prom/blackbox-exporter:v0.26.0', port: 9115, metricsPath: '/metrics', health: '/-/healthy', probe: 'wget' },
  pushgateway: { image: 'prom/pushgateway:v1.11.1', port: 9091, metricsPath: '/metrics', health: '/-/healthy', probe: 'wget' },
  'postgres-exporter': { image: 'quay.io/prometheuscommunity/postgres-exporter:v0.17.1', port: 9187, metricsPath: '/metrics', health: '/', probe: 'wget' },
  // The plain image is built FROM scratch; the -alpine one has wget for the healthcheck.
  'redis-exporter': { image: 'oliver006/redis_exporter:v1.67.0-alpine', port: 9121, metricsPath: '/metrics', health: '/health', probe: 'wget' },
  'mysqld-exporter': { image: 'prom/mysqld-exporter:v0.17.2', port: 9104, metricsPath: '/metrics', health: '/', probe: 'wget' },
};

/** The Prometheus and Alertmanager releases of the images, for `.o11y.yaml` `versions:`. */
export const PROMETHEUS_VERSION = '3.5';
export const ALERTMANAGER_VERSION = '0.28';

/** The scrape address of a component inside the stack's network (service name = component name). */
export function address(c: Component): string {
  return `${c}:${IMAGES[c].port}`;
}
