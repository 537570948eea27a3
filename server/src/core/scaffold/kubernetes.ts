import type { RuleFileSpec } from './ruleTypes';
import { prometheusRuleText } from './rules';
import { yamlText } from './yamlText';

export const NAMESPACE = 'monitoring';

/** Where a Kubernetes Alertmanager finds its secrets: mount a Secret holding the secret files here. */
export const KUBERNETES_SECRET_DIR = '/etc/alertmanager/secrets';

/** A ConfigMap of generated files (file name → text), with a label Grafana's dashboard sidecar can select. */
function configMap(name: string, files: [string, string][], comment: string, labels: Record<string, string> = {}): string {
  return yamlText(comment, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'monitoring', ...labels } },
    data: Object.fromEntries(files),
  });
}

/**
 * The Kubernetes flavour: one ConfigMap per component's configuration (mount it where the compose file would
 * bind-mount the folder) and one PrometheusRule per rule file for the Prometheus Operator.
 */
export function kubernetesFiles(files: Map<string, string>, rules: RuleFileSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  const under = (prefix: string): [string, string][] =>
    [...files].filter(([p]) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).map(([p, t]) => [p.slice(prefix.length), t]);
  const maps: [string, string, [string, string][], Record<string, string>?][] = [
    ['prometheus-config', 'Mount at /etc/prometheus.', under('prometheus/')],
    ['prometheus-rules', 'Mount at /etc/prometheus/rules (a Prometheus without the Operator; with it, use rules/*.yaml).', under('prometheus/rules/')],
    ['alertmanager-config', 'Mount at /etc/alertmanager; the secret files go in a Secret mounted at ' + KUBERNETES_SECRET_DIR + '.', under('alertmanager/')],
    ['grafana-datasources', 'Mount at /etc/grafana/provisioning/datasources.', under('grafana/provisioning/datasources/')],
    ['grafana-dashboard-provider', 'Mount at /etc/grafana/provisioning/dashboards.', under('grafana/provisioning/dashboards/')],
    ['grafana-dashboards', 'Mount at /var/lib/grafana/dashboards (the grafana_dashboard label suits the Grafana chart\'s sidecar).', under('grafana/dashboards/'), { grafana_dashboard: '1' }],
    ['loki-config', 'Mount at /etc/loki.', under('loki/')],
    ['promtail-config', 'Mount at /etc/promtail.', under('promtail/')],
    ['alloy-config', 'Mount at /etc/alloy.', under('alloy/')],
    ['blackbox-config', 'Mount at /etc/blackbox.', under('blackbox/')],
  ];
  for (const [name, comment, data, labels] of maps) {
    if (data.length) {
      out.set(`kubernetes/configmap-${name}.yaml`, configMap(name, data, `ConfigMap ${name}, generated from the files beside it. ${comment}`, labels));
    }
  }
  for (const spec of rules) {
    out.set(`kubernetes/rules/${spec.name}.yaml`, prometheusRuleText(spec, NAMESPACE));
  }
  return out;
}
