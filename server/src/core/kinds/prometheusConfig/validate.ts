import * as nodePath from 'node:path';
import { getProperty, getValue, items, propertiesByKey, type AstNode } from '../../syntax/ast';
import type { Problem } from '../../problem';
import { durationMs, utf8Names } from '../../schema/formats';
import { compareVersions } from '../../version';
import type { DocumentContext } from '../context';
import { checkRelabelConfig, relabelConfigs } from './relabel';

// Semantic checks that a schema cannot express, following prometheus/prometheus config/config.go
// (Config.UnmarshalYAML, ScrapeConfig.Validate) and promtool's checkConfig.

const DEFAULT_INTERVAL = '1m';
const DEFAULT_TIMEOUT = '10s';

function problem(node: AstNode, code: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { offset: node.offset, length: node.length, code, message, severity };
}

function text(node: AstNode | undefined): string | undefined {
  return node && (node.type === 'string' || node.type === 'number') ? String(node.value) : undefined;
}

/** Document-wide checks; each scrape job is checked by `validateScrapeJob` (cached per job). */
export function validatePrometheusConfig(root: AstNode | undefined, ctx: DocumentContext): Problem[] {
  if (root?.type !== 'object') {
    return [];
  }
  const utf8 = utf8Names({ prometheusVersion: ctx.settings.versions.prometheus });
  const alerting = getValue(root, 'alerting');
  const remotes = [...items(getValue(root, 'remote_write')), ...items(getValue(root, 'remote_read'))];
  const out = [
    ...checkGlobalTimeout(root),
    ...checkUniqueNames(items(getValue(root, 'scrape_configs')), 'job_name', 'prometheus/duplicate-job-name', 'scrape configs with job name'),
    ...checkUniqueNames(items(getValue(root, 'remote_write')), 'name', 'prometheus/duplicate-remote-name', 'remote write configs with name'),
    ...checkUniqueNames(items(getValue(root, 'remote_read')), 'name', 'prometheus/duplicate-remote-name', 'remote read configs with name'),
  ];
  for (const cfg of relabelConfigs(root)) {
    checkRelabelConfig(cfg, utf8, out);
  }
  for (const n of [alerting, ...remotes, getValue(root, 'tracing')]) {
    checkTlsConfigs(n, out);
  }
  for (const am of items(getValue(alerting, 'alertmanagers'))) {
    checkTargets(getValue(am, 'relabel_configs'), getValue(am, 'static_configs'), out);
    checkScheme(getValue(am, 'scheme'), getValue(am, 'static_configs'), ctx.settings.versions.prometheus, out);
  }
  out.push(...checkHeaders(root), ...checkFiles(root, ctx), ...checkGlobs(root, 'rule_files', ctx), ...checkGlobs(root, 'scrape_config_files', ctx));
  return out;
}

const JOB_FIELDS = ['scrape_interval', 'scrape_timeout', 'job_name', 'relabel_configs', 'metric_relabel_configs', 'static_configs', 'scheme'] as const;

/** Checks of one scrape job; they read the global scrape interval (see `scrapeJobContext`). */
export function validateScrapeJob(job: AstNode, ctx: DocumentContext, root: AstNode): Problem[] {
  const utf8 = utf8Names({ prometheusVersion: ctx.settings.versions.prometheus });
  // Thousands of jobs in a large file: one pass over each job's fields rather than a look-up per field.
  const fields = propertiesByKey(job, JOB_FIELDS);
  const [interval, timeout, name, relabels, metricRelabels, staticConfigs, scheme] = JOB_FIELDS.map((k) => fields[k]?.children![1]);
  const out: Problem[] = [];
  if (timeout) {
    checkJobTimeout(timeout, interval, name, globalInterval(root), out);
  }
  for (const cfg of items(relabels)) {
    checkRelabelConfig(cfg, utf8, out);
  }
  for (const cfg of items(metricRelabels)) {
    checkRelabelConfig(cfg, utf8, out);
  }
  checkTlsConfigs(job, out);
  checkTargets(relabels, staticConfigs, out);
  checkScheme(scheme, staticConfigs, ctx.settings.versions.prometheus, out);
  return out;
}

export function scrapeJobContext(root: AstNode): string {
  return String(globalInterval(root));
}

function globalInterval(root: AstNode): number | undefined {
  return durationMs(text(getValue(getValue(root, 'global'), 'scrape_interval')) ?? DEFAULT_INTERVAL);
}

function checkGlobalTimeout(root: AstNode): Problem[] {
  const global = getValue(root, 'global');
  const gInterval = globalInterval(root);
  const gTimeoutNode = getValue(global, 'scrape_timeout');
  const gTimeout = durationMs(text(gTimeoutNode) ?? DEFAULT_TIMEOUT);
  if (gTimeoutNode && gInterval !== undefined && gTimeout !== undefined && gTimeout > gInterval) {
    return [problem(gTimeoutNode, 'prometheus/scrape-timeout-too-long', 'global scrape timeout greater than scrape interval')];
  }
  return [];
}

function checkJobTimeout(timeoutNode: AstNode, intervalNode: AstNode | undefined, nameNode: AstNode | undefined, gInterval: number | undefined, out: Problem[]): void {
  const interval = durationMs(text(intervalNode) ?? '') ?? gInterval;
  const timeout = durationMs(text(timeoutNode) ?? '');
  if (timeout !== undefined && interval !== undefined && timeout > interval) {
    const name = text(nameNode) ?? '';
    out.push(problem(timeoutNode, 'prometheus/scrape-timeout-too-long', `scrape timeout greater than scrape interval for scrape config with job name "${name}"`));
  }
}

function checkUniqueNames(list: AstNode[], key: string, code: string, what: string): Problem[] {
  const seen = new Map<string, AstNode>();
  const out: Problem[] = [];
  for (const entry of list) {
    const node = getValue(entry, key);
    const name = text(node);
    if (!node || !name) {
      continue;
    }
    if (seen.has(name)) {
      out.push(problem(node, code, `found multiple ${what} "${name}"`));
    } else {
      seen.set(name, node);
    }
  }
  return out;
}

/**
 * Prometheus rejects static targets containing "/" in jobs (and Alertmanager configs) without relabel_configs
 * (config.go checkStaticTargets); with relabelling that never rewrites __address__ it is still a likely mistake.
 */
function checkTargets(relabelList: AstNode | undefined, staticConfigs: AstNode | undefined, out: Problem[]): void {
  const relabels = items(relabelList);
  if (relabels.some((r) => text(getValue(r, 'target_label')) === '__address__')) {
    return;
  }
  for (const sc of items(staticConfigs)) {
    for (const t of items(getValue(sc, 'targets'))) {
      const target = text(t);
      if (target === undefined || !target.includes('/')) {
        continue;
      }
      out.push(
        relabels.length === 0
          ? problem(t, 'prometheus/invalid-target', `"${target}" is not a valid hostname: a target is host:port; set \`scheme\` and \`metrics_path\` on the job instead.`)
          : problem(t, 'prometheus/target-not-host-port', `"${target}" is not a host:port address, and no relabel rule rewrites __address__.`, 'warning'),
      );
    }
  }
}

/** Fields of a scrape job that hold no HTTP client, so no `tls_config`: the walk below skips them. */
const NO_CLIENT = new Set(['static_configs', 'relabel_configs', 'metric_relabel_configs']);

/**
 * Checks every `tls_config` object below a node (HTTP clients of jobs, SDs, alertmanagers, remote endpoints,
 * OAuth2), adding the problems to `out`.
 */
function checkTlsConfigs(node: AstNode | undefined, out: Problem[], depth = 0): void {
  if (!node || depth > 12 || (node.type !== 'object' && node.type !== 'array')) {
    return;
  }
  const children = node.children!;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type !== 'property') {
      checkTlsConfigs(child, out, depth + 1);
      continue;
    }
    const [key, value] = child.children!;
    if (value === undefined || (value.type !== 'object' && value.type !== 'array')) {
      continue;
    }
    if (key.value === 'tls_config' && value.type === 'object') {
      checkTlsPair(value, out);
    } else if (!NO_CLIENT.has(key.value as string)) {
      checkTlsConfigs(value, out, depth + 1);
    }
  }
}

// prometheus/common config/http_config.go TLSConfig.Validate: a client certificate needs its key and vice versa.
function checkTlsPair(tls: AstNode, out: Problem[]): void {
  const cert = getProperty(tls, 'cert') ?? getProperty(tls, 'cert_file') ?? getProperty(tls, 'cert_ref');
  const key = getProperty(tls, 'key') ?? getProperty(tls, 'key_file') ?? getProperty(tls, 'key_ref');
  if (cert && !key) {
    out.push(problem(cert.children![0], 'prometheus/tls-missing-key', 'exactly one of key or key_file must be configured when a client certificate is configured'));
  }
  if (key && !cert) {
    out.push(problem(key.children![0], 'prometheus/tls-missing-cert', 'exactly one of cert or cert_file must be configured when a client key is configured'));
  }
}

// promtool check config: an explicit rule file (no `*`) must exist; a glob may match nothing (we warn).
function checkGlobs(root: AstNode, key: string, ctx: DocumentContext): Problem[] {
  const fs = ctx.env.fs;
  if (!fs || !ctx.path) {
    return [];
  }
  const dir = nodePath.dirname(ctx.path);
  const code = key.replace(/_/g, '-');
  const out: Problem[] = [];
  for (const entry of items(getValue(root, key))) {
    const pattern = text(entry);
    if (!pattern || fs.glob(pattern, dir).length > 0) {
      continue;
    }
    out.push(
      pattern.includes('*')
        ? problem(entry, `prometheus/${code}-no-match`, `"${pattern}" matches no file (relative to ${nodePath.basename(dir) || dir}/).`, 'warning')
        : problem(entry, `prometheus/${code}-not-found`, `"${pattern}" does not point to an existing file.`),
    );
  }
  return out;
}

/**
 * Files promtool opens while checking: bearer-token / credentials files and client certificates of scrape jobs
 * and Kubernetes discovery. Secrets often exist only where Prometheus runs, so this is a warning by default
 * (set `prometheus/file-not-found: error` in .o11y.yaml to fail like promtool).
 */
function checkFiles(root: AstNode, ctx: DocumentContext): Problem[] {
  const fs = ctx.env.fs;
  if (!fs || !ctx.path) {
    return [];
  }
  const dir = nodePath.dirname(ctx.path);
  const nodes: AstNode[] = [];
  for (const job of items(getValue(root, 'scrape_configs'))) {
    const sd = addClientFiles(job, nodes);
    for (const client of items(sd)) {
      addClientFiles(client, nodes);
    }
  }
  return nodes
    .filter((n) => text(n) && !fs.exists(nodePath.resolve(dir, text(n)!)))
    .map((n) => problem(n, 'prometheus/file-not-found', `"${text(n)}" does not exist (relative to ${nodePath.basename(dir) || dir}/).`, 'warning'));
}

const CLIENT_FIELDS = ['bearer_token_file', 'authorization', 'tls_config', 'kubernetes_sd_configs'] as const;

/**
 * Adds the file nodes of an HTTP client (a scrape job or its Kubernetes discovery) to `nodes`; returns the
 * client's `kubernetes_sd_configs`. One pass over the client's fields: a large file has thousands of jobs.
 */
function addClientFiles(client: AstNode, nodes: AstNode[]): AstNode | undefined {
  const fields = propertiesByKey(client, CLIENT_FIELDS);
  const [token, authorization, tls, sd] = CLIENT_FIELDS.map((k) => fields[k]?.children![1]);
  addFile(token, nodes);
  addFile(getValue(authorization, 'credentials_file'), nodes);
  addFile(getValue(tls, 'cert_file'), nodes);
  addFile(getValue(tls, 'key_file'), nodes);
  return sd;
}

function addFile(node: AstNode | undefined, nodes: AstNode[]): void {
  if (node) {
    nodes.push(node);
  }
}

// prometheus config/config.go validateHeaders: headers Prometheus sets itself cannot be overridden.
const RESERVED_HEADERS = new Set([
  'host',
  'content-encoding',
  'content-length',
  'content-type',
  'user-agent',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'www-authenticate',
  'accept-encoding',
  'x-prometheus-remote-write-version',
  'x-prometheus-remote-read-version',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);

function checkHeaders(root: AstNode): Problem[] {
  const out: Problem[] = [];
  for (const remote of [...items(getValue(root, 'remote_write')), ...items(getValue(root, 'remote_read'))]) {
    for (const header of getValue(remote, 'headers')?.children ?? []) {
      const keyNode = header.children![0];
      const name = String(keyNode.value).toLowerCase();
      if (name === 'authorization') {
        out.push(problem(keyNode, 'prometheus/reserved-header', 'authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter'));
      } else if (RESERVED_HEADERS.has(name)) {
        out.push(problem(keyNode, 'prometheus/reserved-header', `${keyNode.value} is a reserved header. It must not be changed`));
      }
    }
  }
  return out;
}

/**
 * Prometheus accepts any scheme string, but only http and https can work. Before 3.0 it added the default port
 * of the scheme to targets without one, and failed on other schemes (scrape/target.go addPort).
 */
function checkScheme(n: AstNode | undefined, staticConfigs: AstNode | undefined, version: string, out: Problem[]): void {
  if (!n || ['http', 'https'].includes(text(n) ?? '')) {
    return;
  }
  const targets = items(staticConfigs).flatMap((sc) => items(getValue(sc, 'targets')));
  if (compareVersions(version, '3.0') < 0 && targets.some((t) => !/:\d+$/.test(text(t) ?? ''))) {
    out.push(problem(n, 'prometheus/invalid-scheme', `invalid scheme: "${text(n)}" (a target without a port needs http or https to get its default port)`));
  } else {
    out.push(problem(n, 'prometheus/unknown-scheme', `Scheme "${text(n)}" cannot work: Prometheus scrapes over http or https.`, 'warning'));
  }
}
