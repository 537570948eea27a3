import * as nodePath from 'node:path';
import { getProperty, getValue, items, type AstNode } from '../../syntax/ast';
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
  return [
    ...checkGlobalTimeout(root),
    ...checkUniqueNames(items(getValue(root, 'scrape_configs')), 'job_name', 'prometheus/duplicate-job-name', 'scrape configs with job name'),
    ...checkUniqueNames(items(getValue(root, 'remote_write')), 'name', 'prometheus/duplicate-remote-name', 'remote write configs with name'),
    ...checkUniqueNames(items(getValue(root, 'remote_read')), 'name', 'prometheus/duplicate-remote-name', 'remote read configs with name'),
    ...relabelConfigs(root).flatMap((cfg) => checkRelabelConfig(cfg, utf8)),
    ...[alerting, ...remotes, getValue(root, 'tracing')].flatMap((n) => tlsConfigs(n)).flatMap(checkTlsPair),
    ...items(getValue(alerting, 'alertmanagers')).flatMap((am) => [...checkTargets(am), ...checkScheme(am, ctx.settings.versions.prometheus)]),
    ...checkHeaders(root),
    ...checkFiles(root, ctx),
    ...checkGlobs(root, 'rule_files', ctx),
    ...checkGlobs(root, 'scrape_config_files', ctx),
  ];
}

/** Checks of one scrape job; they read the global scrape interval (see `scrapeJobContext`). */
export function validateScrapeJob(job: AstNode, ctx: DocumentContext, root: AstNode): Problem[] {
  const utf8 = utf8Names({ prometheusVersion: ctx.settings.versions.prometheus });
  return [
    ...checkJobTimeout(job, globalInterval(root)),
    ...[...items(getValue(job, 'relabel_configs')), ...items(getValue(job, 'metric_relabel_configs'))].flatMap((cfg) => checkRelabelConfig(cfg, utf8)),
    ...tlsConfigs(job).flatMap(checkTlsPair),
    ...checkTargets(job),
    ...checkScheme(job, ctx.settings.versions.prometheus),
  ];
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

function checkJobTimeout(job: AstNode, gInterval: number | undefined): Problem[] {
  const timeoutNode = getValue(job, 'scrape_timeout');
  const interval = durationMs(text(getValue(job, 'scrape_interval')) ?? '') ?? gInterval;
  const timeout = durationMs(text(timeoutNode) ?? '');
  if (timeoutNode && timeout !== undefined && interval !== undefined && timeout > interval) {
    const name = text(getValue(job, 'job_name')) ?? '';
    return [problem(timeoutNode, 'prometheus/scrape-timeout-too-long', `scrape timeout greater than scrape interval for scrape config with job name "${name}"`)];
  }
  return [];
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
function checkTargets(owner: AstNode): Problem[] {
  const relabels = items(getValue(owner, 'relabel_configs'));
  if (relabels.some((r) => text(getValue(r, 'target_label')) === '__address__')) {
    return [];
  }
  return items(getValue(owner, 'static_configs'))
    .flatMap((sc) => items(getValue(sc, 'targets')))
    .filter((t) => (text(t) ?? '').includes('/'))
    .map((t) =>
      relabels.length === 0
        ? problem(t, 'prometheus/invalid-target', `"${text(t)}" is not a valid hostname: a target is host:port; set \`scheme\` and \`metrics_path\` on the job instead.`)
        : problem(t, 'prometheus/target-not-host-port', `"${text(t)}" is not a host:port address, and no relabel rule rewrites __address__.`, 'warning'),
    );
}

/** Every `tls_config` object in the file (HTTP clients of jobs, SDs, alertmanagers, remote endpoints, OAuth2). */
function tlsConfigs(node: AstNode | undefined, out: AstNode[] = [], depth = 0): AstNode[] {
  if (!node || depth > 12 || (node.type !== 'object' && node.type !== 'array')) {
    return out;
  }
  for (const child of node.children!) {
    const value = child.type === 'property' ? child.children![1] : child;
    if (child.type === 'property' && value?.type === 'object' && child.children![0].value === 'tls_config') {
      out.push(value);
    } else {
      tlsConfigs(value, out, depth + 1);
    }
  }
  return out;
}

// prometheus/common config/http_config.go TLSConfig.Validate: a client certificate needs its key and vice versa.
function checkTlsPair(tls: AstNode): Problem[] {
  const cert = getProperty(tls, 'cert') ?? getProperty(tls, 'cert_file') ?? getProperty(tls, 'cert_ref');
  const key = getProperty(tls, 'key') ?? getProperty(tls, 'key_file') ?? getProperty(tls, 'key_ref');
  if (cert && !key) {
    return [problem(cert.children![0], 'prometheus/tls-missing-key', 'exactly one of key or key_file must be configured when a client certificate is configured')];
  }
  if (key && !cert) {
    return [problem(key.children![0], 'prometheus/tls-missing-cert', 'exactly one of cert or cert_file must be configured when a client key is configured')];
  }
  return [];
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
    const clients = [job, ...items(getValue(job, 'kubernetes_sd_configs'))];
    for (const client of clients) {
      nodes.push(...[getValue(client, 'bearer_token_file'), getValue(getValue(client, 'authorization'), 'credentials_file')].filter(isNode));
      const tls = getValue(client, 'tls_config');
      nodes.push(...[getValue(tls, 'cert_file'), getValue(tls, 'key_file')].filter(isNode));
    }
  }
  return nodes
    .filter((n) => text(n) && !fs.exists(nodePath.resolve(dir, text(n)!)))
    .map((n) => problem(n, 'prometheus/file-not-found', `"${text(n)}" does not exist (relative to ${nodePath.basename(dir) || dir}/).`, 'warning'));
}

function isNode(n: AstNode | undefined): n is AstNode {
  return !!n;
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
function checkScheme(owner: AstNode, version: string): Problem[] {
  const n = getValue(owner, 'scheme');
  if (!n || ['http', 'https'].includes(text(n) ?? '')) {
    return [];
  }
  const targets = items(getValue(owner, 'static_configs')).flatMap((sc) => items(getValue(sc, 'targets')));
  if (compareVersions(version, '3.0') < 0 && targets.some((t) => !/:\d+$/.test(text(t) ?? ''))) {
    return [problem(n, 'prometheus/invalid-scheme', `invalid scheme: "${text(n)}" (a target without a port needs http or https to get its default port)`)];
  }
  return [problem(n, 'prometheus/unknown-scheme', `Scheme "${text(n)}" cannot work: Prometheus scrapes over http or https.`, 'warning')];
}
