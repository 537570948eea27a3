// Which Prometheus connections exist and which one is in use, from settings (`.o11y.yaml` `connections:`, the
// editor's `o11y.prometheus.*`) plus credentials given at run time (the editor's secret storage, init options,
// environment variables). Pure: the caller passes the environment in.
import type { NamedConnection, ProjectSettings } from '../settings';
import type { PrometheusConnectionConfig } from './connection';

/** Tried when nothing is configured; quietly, since most workspaces have no Prometheus on this machine. */
export const DEFAULT_PROMETHEUS_URL = 'http://localhost:9090';

/**
 * A secret for one endpoint. It is only ever sent to `url` (compared after normalising): a workspace that
 * renames a connection or points it elsewhere does not receive the secret stored for another server.
 */
export interface Credential {
  url: string;
  /** When set, only the connection of this name gets the credential. */
  connection?: string;
  bearerToken?: string;
  /** Basic auth; the user name may also come from the connection's `basic_auth.username`. */
  username?: string;
  password?: string;
}

export interface PlannedConnection {
  name: string;
  config: PrometheusConnectionConfig;
  /** The built-in default URL, tried without bothering the user when nothing answers. */
  quiet: boolean;
}

export interface ConnectionPlan {
  connections: PlannedConnection[];
  /** The name of the connection in use, when there is any. */
  active?: string;
}

/** Environment variables for editors without secret storage (and for the CLI). */
export function environmentCredentials(env: Record<string, string | undefined>): { url?: string; credential?: Omit<Credential, 'url'> } {
  const token = env.O11Y_PROMETHEUS_TOKEN || undefined;
  const username = env.O11Y_PROMETHEUS_USER || undefined;
  const password = env.O11Y_PROMETHEUS_PASSWORD || undefined;
  const credential = token || username || password ? { bearerToken: token, username, password } : undefined;
  return { url: env.O11Y_PROMETHEUS_URL || undefined, credential };
}

/** `http://h:9090/` and `http://h:9090` are the same endpoint; anything unparsable is compared as written. */
export function sameEndpoint(a: string, b: string): boolean {
  return normalise(a) === normalise(b);
}

function normalise(url: string): string {
  try {
    const u = new URL(url.trim());
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.trim();
  }
}

/** A name for the unnamed connection of `o11y.prometheus.url`: its host and port, which is what users recognise. */
export function unnamedConnectionName(url: string): string {
  try {
    return new URL(url.trim()).host || url;
  } catch {
    return url;
  }
}

/**
 * The connections in force: the named ones, plus the single URL (`o11y.prometheus.url`, else
 * `O11Y_PROMETHEUS_URL`, else the default) when no named connection has that URL. The active one is
 * `defaultConnection` when it names one, else the one marked `default`, else the first named, else the URL.
 * The built-in default URL is only added when nothing else is configured.
 */
export function planConnections(settings: ProjectSettings['connections'], envUrl: string | undefined, credentials: Credential[]): ConnectionPlan {
  const named = settings.prometheus.map((c) => ({ name: c.name, config: toConfig(c, credentials), quiet: false }));
  const explicitUrl = settings.url && !sameEndpoint(settings.url, DEFAULT_PROMETHEUS_URL) ? settings.url : undefined;
  const url = explicitUrl ?? envUrl ?? (named.length ? undefined : DEFAULT_PROMETHEUS_URL);
  const connections = [...named];
  if (url && !named.some((c) => sameEndpoint(c.config.url, url))) {
    const name = uniqueName(unnamedConnectionName(url), named);
    connections.push({ name, config: toConfig({ name, url }, credentials), quiet: url === DEFAULT_PROMETHEUS_URL && !explicitUrl && !envUrl });
  }
  const wanted = settings.defaultConnection;
  const active =
    connections.find((c) => c.name === wanted) ??
    connections.find((c) => settings.prometheus.find((n) => n.name === c.name)?.default) ??
    (explicitUrl || envUrl ? connections.find((c) => sameEndpoint(c.config.url, (explicitUrl ?? envUrl)!)) : undefined) ??
    connections[0];
  return { connections, active: active?.name };
}

function uniqueName(name: string, taken: { name: string }[]): string {
  let candidate = name;
  for (let i = 2; taken.some((t) => t.name === candidate); i++) {
    candidate = `${name} (${i})`;
  }
  return candidate;
}

function toConfig(c: NamedConnection, credentials: Credential[]): PrometheusConnectionConfig {
  const config: PrometheusConnectionConfig = { url: c.url };
  if (c.timeout) {
    config.timeout = c.timeout;
  }
  if (c.headers) {
    config.headers = { ...c.headers };
  }
  if (c.tls_config) {
    config.tls_config = { ...c.tls_config };
  }
  // The last credential given for this endpoint wins (the user just set it).
  const secret = credentials.filter((k) => sameEndpoint(k.url, c.url) && (k.connection === undefined || k.connection === c.name)).at(-1);
  const username = secret?.username ?? c.basic_auth?.username;
  if (secret?.bearerToken) {
    config.bearer_token = secret.bearerToken;
  } else if (secret?.password !== undefined && username !== undefined) {
    config.basic_auth = { username, password: secret.password };
  } else if (c.basic_auth) {
    config.basic_auth = { username: c.basic_auth.username };
  }
  return config;
}
