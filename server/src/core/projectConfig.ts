import { parseYaml } from './syntax/parseYaml';
import { toValue } from './syntax/ast';
import { FILE_KINDS, type FileKind } from './fileKind';
import { defaultSettings, PROMQL_FEATURE_FLAGS, type LintLevel, type NamedConnection, type ProjectSettings } from './settings';

export const PROJECT_CONFIG_NAMES = ['.o11y.yaml', '.o11y.yml'];
const LEVELS: LintLevel[] = ['off', 'error', 'warning', 'info', 'hint'];

/**
 * Reads `.o11y.yaml` into settings. Unknown or malformed parts are skipped with a message (the file itself is
 * validated against its schema like any other document, so the user sees positioned errors there).
 */
export function parseProjectConfig(text: string): { settings: ProjectSettings; warnings: string[] } {
  const settings = defaultSettings();
  const warnings: string[] = [];
  const docs = parseYaml(text);
  if (docs.some((d) => d.errors.length)) {
    warnings.push('.o11y.yaml has YAML syntax errors; using defaults for the unreadable parts.');
  }
  const raw = toValue(docs[0]?.root);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, warnings };
  }
  const cfg = raw as Record<string, unknown>;
  const versions = asRecord(cfg.versions);
  for (const k of ['prometheus', 'alertmanager', 'grafana'] as const) {
    if (versions[k] !== undefined) {
      settings.versions[k] = String(versions[k]);
    }
  }
  for (const [glob, kind] of Object.entries(asRecord(cfg.files))) {
    if (FILE_KINDS.includes(kind as FileKind)) {
      settings.fileAssociations[glob] = kind as FileKind;
    } else {
      warnings.push(`.o11y.yaml: unknown file kind "${String(kind)}" for "${glob}".`);
    }
  }
  for (const [code, level] of Object.entries(asRecord(cfg.lints))) {
    const l = level === false ? 'off' : String(level);
    if (LEVELS.includes(l as LintLevel)) {
      settings.lints[code] = l as LintLevel;
    } else {
      warnings.push(`.o11y.yaml: lint level for "${code}" must be one of ${LEVELS.join(', ')}.`);
    }
  }
  for (const entry of Array.isArray(cfg.ignore) ? cfg.ignore : []) {
    const e = asRecord(entry);
    if (typeof e.path === 'string') {
      settings.ignore.push({ path: e.path, codes: Array.isArray(e.codes) ? e.codes.map(String) : undefined });
    }
  }
  for (const flag of Array.isArray(cfg.features) ? cfg.features : []) {
    const key = PROMQL_FEATURE_FLAGS[String(flag)];
    if (key) {
      settings.promqlFeatures[key] = true;
    } else {
      warnings.push(`.o11y.yaml: unknown feature "${String(flag)}" (known: ${Object.keys(PROMQL_FEATURE_FLAGS).join(', ')}).`);
    }
  }
  const connections = asRecord(asRecord(cfg.connections).prometheus ? cfg.connections : {});
  for (const c of Array.isArray(connections.prometheus) ? connections.prometheus : []) {
    const e = asRecord(c);
    if (typeof e.name === 'string' && typeof e.url === 'string') {
      settings.connections.prometheus.push({ name: e.name, url: e.url, default: e.default === true, ...connectionOptions(e) });
    }
  }
  return { settings, warnings };
}

/** The optional, secret-free HTTP settings of a connection; malformed ones are left out (the schema reports them). */
export function connectionOptions(e: Record<string, unknown>): Omit<NamedConnection, 'name' | 'url' | 'default'> {
  const out: Omit<NamedConnection, 'name' | 'url' | 'default'> = {};
  if (typeof e.timeout === 'string') {
    out.timeout = e.timeout;
  }
  const headers = Object.entries(asRecord(e.headers)).filter(([, v]) => typeof v === 'string');
  if (headers.length) {
    out.headers = Object.fromEntries(headers) as Record<string, string>;
  }
  const tls = asRecord(e.tls_config);
  if (typeof tls.ca_file === 'string' || typeof tls.insecure_skip_verify === 'boolean') {
    out.tls_config = { ca_file: typeof tls.ca_file === 'string' ? tls.ca_file : undefined, insecure_skip_verify: tls.insecure_skip_verify === true };
  }
  const username = asRecord(e.basic_auth).username;
  if (typeof username === 'string') {
    out.basic_auth = { username };
  }
  return out;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
