import { durationMs } from '../schema/formats';
import { PrometheusError } from './errors';

/**
 * How to reach one Prometheus (or a server with its HTTP API). The auth and TLS fields have the names and shape
 * of `prometheus.yml`'s HTTP client settings (common/config/http_config.go), so users can copy them over.
 * Secrets (`password`, `credentials`, `bearer_token`) come from the editor's secret storage, init options or the
 * environment at run time, never from a settings file.
 */
export interface PrometheusConnectionConfig {
  /** Base URL, optionally with a path prefix: `https://prom.example.com/prometheus`. */
  url: string;
  basic_auth?: { username: string; password?: string };
  /** Sent as `Authorization: <type> <credentials>`; `type` defaults to `Bearer`. */
  authorization?: { type?: string; credentials: string };
  /** Shorthand for `authorization` with type `Bearer` (the older prometheus.yml field). */
  bearer_token?: string;
  /** Extra headers on every request, e.g. `X-Scope-OrgID` for Mimir or Cortex. */
  headers?: Record<string, string>;
  tls_config?: { ca_file?: string; insecure_skip_verify?: boolean; server_name?: string };
  /** A Prometheus duration (`10s`, `1m`): how long one request may take in all. */
  timeout?: string;
  /** Answers with more bytes than this are refused. */
  max_response_bytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** A checked connection: what the HTTP layer needs, with credentials folded into headers. */
export interface ResolvedConnection {
  /** The base URL without credentials, its path ending in `/`; API paths are resolved against it. */
  base: URL;
  /** `scheme://host:port` plus path prefix, for messages: never holds credentials. */
  display: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  tls: { caFile?: string; insecureSkipVerify: boolean; serverName?: string };
}

function configError(message: string): PrometheusError {
  return new PrometheusError('config', message);
}

function parseBase(raw: string): { base: URL; userinfo?: { username: string; password: string } } {
  let base: URL;
  try {
    base = new URL(raw.trim());
  } catch {
    throw configError(`the Prometheus url is not a valid URL: "${raw}"`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw configError(`the Prometheus url must start with http:// or https:// (got ${base.protocol}//…)`);
  }
  if (base.search || base.hash) {
    throw configError('the Prometheus url must not have a query string or fragment');
  }
  const userinfo = base.username
    ? { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) }
    : undefined;
  base.username = '';
  base.password = '';
  if (!base.pathname.endsWith('/')) {
    base.pathname += '/';
  }
  return { base, userinfo };
}

function authorizationHeader(
  config: PrometheusConnectionConfig,
  userinfo?: { username: string; password: string },
): string | undefined {
  const basic = config.basic_auth ?? userinfo;
  const chosen = [basic, config.authorization, config.bearer_token].filter((a) => a !== undefined && a !== '');
  if (chosen.length > 1) {
    throw configError(`set only one of basic_auth (or credentials in the url), authorization, bearer_token`);
  }
  if (basic) {
    return `Basic ${Buffer.from(`${basic.username}:${basic.password ?? ''}`, 'utf8').toString('base64')}`;
  }
  if (config.authorization) {
    const type = config.authorization.type?.trim() || 'Bearer';
    if (type.toLowerCase() === 'basic') {
      throw configError('authorization.type cannot be "Basic": use basic_auth');
    }
    return `${type} ${config.authorization.credentials}`;
  }
  return config.bearer_token ? `Bearer ${config.bearer_token}` : undefined;
}

// RFC 9110 field names are tokens; values must not break the header block.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function checkedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) {
      throw configError(`"${name}" is not a valid HTTP header name`);
    }
    if (/[\r\n\0]/.test(String(value))) {
      throw configError(`the value of header ${name} must not contain line breaks`);
    }
    if (name.toLowerCase() === 'authorization') {
      throw configError('set the Authorization header through basic_auth, authorization or bearer_token');
    }
    out[name.toLowerCase()] = String(value);
  }
  return out;
}

/** Checks a connection config and resolves it; throws a PrometheusError of kind `config` saying what is wrong. */
export function resolveConnection(config: PrometheusConnectionConfig): ResolvedConnection {
  const { base, userinfo } = parseBase(config.url);
  const headers = checkedHeaders(config.headers ?? {});
  const authorization = authorizationHeader(config, userinfo);
  if (authorization !== undefined) {
    if (/[\r\n\0]/.test(authorization)) {
      throw configError('credentials must not contain line breaks');
    }
    headers.authorization = authorization;
  }
  const timeoutMs = config.timeout === undefined ? DEFAULT_TIMEOUT_MS : durationMs(config.timeout);
  if (timeoutMs === undefined || timeoutMs <= 0) {
    throw configError(`timeout must be a positive Prometheus duration such as 10s (got "${config.timeout}")`);
  }
  const maxResponseBytes = config.max_response_bytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    throw configError(`max_response_bytes must be a positive whole number (got ${maxResponseBytes})`);
  }
  const tls = config.tls_config ?? {};
  return {
    base,
    display: base.href.replace(/\/$/, ''),
    headers,
    timeoutMs,
    maxResponseBytes,
    tls: { caFile: tls.ca_file, insecureSkipVerify: tls.insecure_skip_verify === true, serverName: tls.server_name },
  };
}
