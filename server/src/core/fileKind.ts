import picomatch from 'picomatch';
import { getProperty, getValue, properties, propertyKey, type AstNode, type ParsedDocument } from './syntax/ast';

export type FileKind =
  | 'prometheusConfig'
  | 'rules'
  | 'ruleTests'
  | 'alertmanagerConfig'
  | 'grafanaDashboard'
  | 'grafanaProvisioning'
  | 'notificationTemplates'
  | 'o11yConfig'
  | 'unknown';

export const FILE_KINDS: FileKind[] = [
  'prometheusConfig',
  'rules',
  'ruleTests',
  'alertmanagerConfig',
  'grafanaDashboard',
  'grafanaProvisioning',
  'notificationTemplates',
  'o11yConfig',
  'unknown',
];

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  prometheusConfig: 'Prometheus configuration',
  rules: 'Prometheus rules',
  ruleTests: 'Prometheus rule tests',
  alertmanagerConfig: 'Alertmanager configuration',
  grafanaDashboard: 'Grafana dashboard',
  grafanaProvisioning: 'Grafana provisioning',
  notificationTemplates: 'Alertmanager notification templates',
  o11yConfig: 'o11y project configuration',
  unknown: 'not an observability file',
};

/** Glob (matched against the workspace-relative path, or the file name when it has no slash) → kind. */
export type FileAssociations = Record<string, FileKind>;

const matcherCache = new Map<string, (s: string) => boolean>();
function matches(glob: string, relPath: string): boolean {
  let m = matcherCache.get(glob);
  if (!m) {
    m = picomatch(glob, { dot: true, basename: !glob.includes('/') });
    matcherCache.set(glob, m);
  }
  return m(relPath);
}

function byName(relPath: string): FileKind | undefined {
  const name = relPath.split('/').pop()!.toLowerCase();
  if (name === '.o11y.yaml' || name === '.o11y.yml') {
    return 'o11yConfig';
  }
  if (/^prometheus.*\.ya?ml$/.test(name)) {
    return 'prometheusConfig';
  }
  if (/^alertmanager.*\.ya?ml$/.test(name)) {
    return 'alertmanagerConfig';
  }
  if (name.endsWith('.tmpl')) {
    return 'notificationTemplates';
  }
  return undefined;
}

const GRAFANA_PROVISIONING_KEYS = [
  'datasources', 'deleteDatasources', 'providers', 'groups', 'deleteRules', 'contactPoints', 'deleteContactPoints', 'policies',
  'resetPolicies', 'templates', 'deleteTemplates', 'muteTimes', 'deleteMuteTimes', 'apps',
];

/** A Grafana dashboard model: panels, or the schema version every saved dashboard has. */
function isDashboard(node: AstNode | undefined): boolean {
  return node?.type === 'object' && (!!getProperty(node, 'panels') || !!getProperty(node, 'schemaVersion'));
}

function byContent(docs: ParsedDocument[]): FileKind | undefined {
  for (const doc of docs) {
    const root = doc.root;
    const keys = new Set(properties(root).map(propertyKey));
    if (keys.has('tests') && keys.has('rule_files')) {
      return 'ruleTests';
    }
    // Grafana's alerting provisioning files also have `groups`, next to `apiVersion`.
    if ((keys.has('groups') && !keys.has('apiVersion')) || getValue(root, 'kind')?.value === 'PrometheusRule') {
      return 'rules';
    }
    if (keys.has('route') || keys.has('receivers') || keys.has('inhibit_rules')) {
      return 'alertmanagerConfig';
    }
    if (['scrape_configs', 'global', 'rule_files', 'alerting', 'remote_write', 'remote_read', 'scrape_config_files', 'otlp'].some((k) => keys.has(k))) {
      return 'prometheusConfig';
    }
    if (keys.has('apiVersion') && GRAFANA_PROVISIONING_KEYS.some((k) => keys.has(k))) {
      return 'grafanaProvisioning';
    }
    if (isDashboard(root) || isDashboard(getValue(root, 'dashboard')) || getValue(root, 'kind')?.value === 'GrafanaDashboard') {
      return 'grafanaDashboard';
    }
  }
  return undefined;
}

/** Decides what a document is: settings first, then the file name, then its content. */
export function detectFileKind(relPath: string, docs: ParsedDocument[], associations: FileAssociations = {}): FileKind {
  for (const [glob, kind] of Object.entries(associations)) {
    if (matches(glob, relPath)) {
      return kind;
    }
  }
  const content = byContent(docs);
  // Content this specific wins over a name such as `prometheus.yml` (a Grafana data source file is often called so).
  if (content === 'rules' || content === 'ruleTests' || content === 'grafanaProvisioning' || content === 'grafanaDashboard') {
    return content;
  }
  return byName(relPath) ?? content ?? 'unknown';
}
