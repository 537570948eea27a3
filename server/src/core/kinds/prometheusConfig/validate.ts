import * as nodePath from 'node:path';
import { getProperty, getValue, items, type AstNode } from '../../syntax/ast';
import type { Problem } from '../../problem';
import { durationMs } from '../../schema/formats';
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

export function validatePrometheusConfig(root: AstNode | undefined, ctx: DocumentContext): Problem[] {
  if (root?.type !== 'object') {
    return [];
  }
  const fmt = { prometheusVersion: ctx.settings.versions.prometheus };
  return [
    ...checkTimeouts(root),
    ...checkUniqueNames(items(getValue(root, 'scrape_configs')), 'job_name', 'prometheus/duplicate-job-name', 'scrape configs with job name'),
    ...checkUniqueNames(items(getValue(root, 'remote_write')), 'name', 'prometheus/duplicate-remote-name', 'remote write configs with name'),
    ...checkUniqueNames(items(getValue(root, 'remote_read')), 'name', 'prometheus/duplicate-remote-name', 'remote read configs with name'),
    ...relabelConfigs(root).flatMap((cfg) => checkRelabelConfig(cfg, fmt)),
    ...tlsConfigs(root).flatMap(checkTlsPair),
    ...items(getValue(root, 'scrape_configs')).flatMap(checkTargets),
    ...checkGlobs(root, 'rule_files', ctx),
    ...checkGlobs(root, 'scrape_config_files', ctx),
  ];
}

function checkTimeouts(root: AstNode): Problem[] {
  const out: Problem[] = [];
  const global = getValue(root, 'global');
  const gInterval = durationMs(text(getValue(global, 'scrape_interval')) ?? DEFAULT_INTERVAL);
  const gTimeoutNode = getValue(global, 'scrape_timeout');
  const gTimeout = durationMs(text(gTimeoutNode) ?? DEFAULT_TIMEOUT);
  if (gTimeoutNode && gInterval !== undefined && gTimeout !== undefined && gTimeout > gInterval) {
    out.push(problem(gTimeoutNode, 'prometheus/scrape-timeout-too-long', 'global scrape timeout greater than scrape interval'));
  }
  for (const job of items(getValue(root, 'scrape_configs'))) {
    const timeoutNode = getValue(job, 'scrape_timeout');
    const interval = durationMs(text(getValue(job, 'scrape_interval')) ?? '') ?? gInterval;
    const timeout = durationMs(text(timeoutNode) ?? '');
    if (timeoutNode && timeout !== undefined && interval !== undefined && timeout > interval) {
      const name = text(getValue(job, 'job_name')) ?? '';
      out.push(
        problem(timeoutNode, 'prometheus/scrape-timeout-too-long', `scrape timeout greater than scrape interval for scrape config with job name "${name}"`),
      );
    }
  }
  return out;
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

/** A target with a scheme or path is a classic mistake, unless relabelling rewrites `__address__` (blackbox). */
function checkTargets(job: AstNode): Problem[] {
  const rewrites = items(getValue(job, 'relabel_configs')).some((r) => text(getValue(r, 'target_label')) === '__address__');
  if (rewrites) {
    return [];
  }
  return items(getValue(job, 'static_configs'))
    .flatMap((sc) => items(getValue(sc, 'targets')))
    .filter((t) => /\/|^\w+:\/\//.test(text(t) ?? ''))
    .map((t) =>
      problem(t, 'prometheus/target-not-host-port', `"${text(t)}" is not a host:port address: set \`scheme\` and \`metrics_path\` on the job instead, or rewrite __address__ with relabel_configs.`, 'warning'),
    );
}

/** Every `tls_config` object in the file (HTTP clients of jobs, SDs, alertmanagers, remote endpoints, OAuth2). */
function tlsConfigs(node: AstNode | undefined, out: AstNode[] = [], depth = 0): AstNode[] {
  if (!node || depth > 12) {
    return out;
  }
  for (const child of node.children ?? []) {
    if (child.type === 'property' && child.children?.[0]?.value === 'tls_config' && child.children[1]?.type === 'object') {
      out.push(child.children[1]);
    }
    tlsConfigs(child, out, depth + 1);
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

function checkGlobs(root: AstNode, key: string, ctx: DocumentContext): Problem[] {
  const fs = ctx.env.fs;
  if (!fs || !ctx.path) {
    return [];
  }
  const dir = nodePath.dirname(ctx.path);
  const out: Problem[] = [];
  for (const entry of items(getValue(root, key))) {
    const pattern = text(entry);
    if (pattern && !/[[\]]/.test(pattern) && fs.glob(pattern, dir).length === 0) {
      out.push(problem(entry, `prometheus/${key.replace(/_/g, '-')}-no-match`, `"${pattern}" matches no file (relative to ${nodePath.basename(dir) || dir}/).`, 'warning'));
    }
  }
  return out;
}
