import picomatch from 'picomatch';
import { getValue, properties, propertyKey, type ParsedDocument } from './syntax/ast';

export type FileKind =
  | 'prometheusConfig'
  | 'rules'
  | 'ruleTests'
  | 'alertmanagerConfig'
  | 'grafanaDashboard'
  | 'grafanaProvisioning'
  | 'o11yConfig'
  | 'unknown';

export const FILE_KINDS: FileKind[] = [
  'prometheusConfig',
  'rules',
  'ruleTests',
  'alertmanagerConfig',
  'grafanaDashboard',
  'grafanaProvisioning',
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
  return undefined;
}

function byContent(docs: ParsedDocument[]): FileKind | undefined {
  for (const doc of docs) {
    const root = doc.root;
    const keys = new Set(properties(root).map(propertyKey));
    if (keys.has('tests') && keys.has('rule_files')) {
      return 'ruleTests';
    }
    if (keys.has('groups') || getValue(root, 'kind')?.value === 'PrometheusRule') {
      return 'rules';
    }
    if (keys.has('route') || keys.has('receivers') || keys.has('inhibit_rules')) {
      return 'alertmanagerConfig';
    }
    if (['scrape_configs', 'global', 'rule_files', 'alerting', 'remote_write', 'remote_read', 'scrape_config_files', 'otlp'].some((k) => keys.has(k))) {
      return 'prometheusConfig';
    }
    if (keys.has('apiVersion') && ['datasources', 'providers', 'deleteDatasources', 'contactPoints', 'policies'].some((k) => keys.has(k))) {
      return 'grafanaProvisioning';
    }
    if (keys.has('panels') || getValue(getValue(root, 'dashboard'), 'panels')) {
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
  if (content === 'rules' || content === 'ruleTests') {
    return content;
  }
  return byName(relPath) ?? content ?? 'unknown';
}
