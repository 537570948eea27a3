// The live Prometheus connections of the server: one cached client per connection, their status (checked at
// start, on settings or credential changes, after failures and every half minute), the active one's metrics
// handed to the language service, and the `o11y/*` requests and notifications about them.
import type { Connection } from 'vscode-languageserver/node';
import type { LanguageService } from '../core/languageService';
import { CachedPrometheusClient } from '../core/prometheus/cachedClient';
import { PrometheusClient } from '../core/prometheus/client';
import {
  DEFAULT_PROMETHEUS_URL,
  environmentCredentials,
  planConnections,
  type Credential,
  type PlannedConnection,
} from '../core/prometheus/connections';
import { PrometheusError } from '../core/prometheus/errors';
import { LiveMetrics } from '../core/prometheus/liveMetrics';
import { checkConnection } from '../core/prometheus/status';
import type { ProjectSettings } from '../core/settings';
import { runSafe } from './runSafe';
import type { PrometheusInitCredentials } from './settings';

/** What `o11y/connectionStatus` answers per connection and `o11y/connectionStatusChanged` sends. */
export interface ConnectionReport {
  name: string;
  url: string;
  state: 'connected' | 'unreachable' | 'authFailed';
  version?: string;
  /** Why it is not connected, for a tooltip. */
  message?: string;
  /** The connection completion, hover and the live lints use. */
  active: boolean;
  /** The built-in default URL: an editor should not alarm anyone when nothing listens there. */
  quiet: boolean;
}

/** What `o11y/connectionStatus` answers. */
export interface ConnectionStatus {
  active?: string;
  connections: ConnectionReport[];
}

/** `o11y/setCredentials`: a secret for one connection, from the editor's secret storage; kept in memory only. */
export interface SetCredentialsParams {
  connection: string;
  url: string;
  kind: 'basic' | 'bearer';
  /** The password (basic) or token (bearer); an empty string forgets the stored one. */
  secret: string;
  /** Basic auth user name, when the connection's settings do not give one. */
  username?: string;
}

const RECHECK_MS = 30_000;
/**
 * New settings check their connections after this pause: at start-up the editor sends the files it reopens right
 * behind the settings, and their first diagnostics matter more than the status bar (a first check costs the
 * server some 20 ms of connection set-up).
 */
const SETTINGS_CHECK_DELAY_MS = 500;

interface Entry {
  planned: PlannedConnection;
  key: string;
  client: PrometheusClient | undefined;
  live: LiveMetrics | undefined;
  report: ConnectionReport;
  /** False until the first check has finished. */
  checked: boolean;
  checking?: Promise<void>;
}

export class PrometheusConnections {
  private readonly entries = new Map<string, Entry>();
  private active: string | undefined;
  private readonly stored: Credential[] = [];
  private settings: ProjectSettings['connections'] = { prometheus: [] };
  private readonly timer: NodeJS.Timeout;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly init: ({ url?: string } & PrometheusInitCredentials) | undefined,
    private readonly env: Record<string, string | undefined>,
    private readonly refreshDiagnostics: () => void,
  ) {
    this.timer = setInterval(() => this.entries.forEach((e) => void this.check(e)), RECHECK_MS).unref();
    connection.onRequest('o11y/connectionStatus', () =>
      runSafe(connection, () => this.reports(), { connections: [] } as ConnectionStatus, 'connectionStatus'),
    );
    connection.onRequest('o11y/setCredentials', (params: SetCredentialsParams) =>
      runSafe(connection, () => this.setCredentials(params), null, 'setCredentials'),
    );
    connection.onShutdown(() => this.dispose());
  }

  /** Applies new settings: connections whose configuration changed get a new client and a fresh check. */
  configure(settings: ProjectSettings): void {
    this.settings = settings.connections;
    this.rebuild(SETTINGS_CHECK_DELAY_MS);
  }

  /** Every connection's status, waiting for checks still under way. */
  async reports(): Promise<ConnectionStatus> {
    await Promise.all([...this.entries.values()].map((e) => (e.checked ? undefined : e.checking)));
    return { active: this.active, connections: [...this.entries.values()].map((e) => ({ ...e.report })) };
  }

  /** A connection's uncached client (the active one when no name is given), for running queries. */
  client(name?: string): { report: ConnectionReport; client?: PrometheusClient } | undefined {
    const entry = this.entries.get(name ?? this.active ?? '');
    return entry && { report: { ...entry.report }, client: entry.client };
  }

  dispose(): void {
    clearInterval(this.timer);
    clearTimeout(this.refreshTimer);
    this.entries.forEach((e) => void e.client?.close());
    this.entries.clear();
    this.service.live = undefined;
  }

  private async setCredentials(p: SetCredentialsParams): Promise<ConnectionReport | null> {
    if (typeof p?.connection !== 'string' || typeof p.url !== 'string' || typeof p.secret !== 'string') {
      throw new Error('o11y/setCredentials needs connection, url, kind and secret');
    }
    const at = this.stored.findIndex((c) => c.connection === p.connection);
    if (at >= 0) {
      this.stored.splice(at, 1);
    }
    if (p.secret) {
      const credential: Credential = { url: p.url, connection: p.connection };
      if (p.kind === 'bearer') {
        credential.bearerToken = p.secret;
      } else {
        Object.assign(credential, { password: p.secret, username: p.username });
      }
      this.stored.push(credential);
    }
    this.rebuild(0);
    const entry = this.entries.get(p.connection);
    await entry?.checking;
    return entry ? { ...entry.report } : null;
  }

  /** Environment first, then init options, then what the user set in the editor: the last one given wins. */
  private credentials(): Credential[] {
    const fromEnv = environmentCredentials(this.env);
    const boundTo = this.init?.url ?? fromEnv.url ?? this.settings.url ?? DEFAULT_PROMETHEUS_URL;
    const out: Credential[] = [];
    if (fromEnv.credential) {
      out.push({ url: fromEnv.url ?? boundTo, ...fromEnv.credential });
    }
    const { bearerToken, username, password } = this.init ?? {};
    if (bearerToken || password) {
      out.push({ url: boundTo, bearerToken, username, password });
    }
    return [...out, ...this.stored];
  }

  /** Makes the connections the settings plan; new or changed ones are checked after `checkDelayMs`. */
  private rebuild(checkDelayMs: number): void {
    const plan = planConnections(this.settings, environmentCredentials(this.env).url ?? this.init?.url, this.credentials());
    const names = new Set(plan.connections.map((c) => c.name));
    for (const [name, entry] of this.entries) {
      if (!names.has(name)) {
        void entry.client?.close();
        this.entries.delete(name);
      }
    }
    this.active = plan.active;
    for (const planned of plan.connections) {
      const key = JSON.stringify(planned);
      const old = this.entries.get(planned.name);
      if (old?.key === key) {
        if (old.report.active !== (planned.name === this.active)) {
          old.report.active = planned.name === this.active;
          this.announce(old);
        }
        continue;
      }
      void old?.client?.close();
      const entry = this.create(planned, key);
      this.entries.set(planned.name, entry);
      void this.check(entry, checkDelayMs);
    }
    this.updateLive();
  }

  private create(planned: PlannedConnection, key: string): Entry {
    const report: ConnectionReport = { name: planned.name, url: planned.config.url, state: 'unreachable', active: planned.name === this.active, quiet: planned.quiet };
    let client: PrometheusClient | undefined;
    try {
      client = new PrometheusClient(planned.config);
      report.url = client.url;
    } catch (e) {
      report.message = e instanceof Error ? e.message : String(e);
    }
    const entry: Entry = { planned, key, client, live: undefined, report, checked: client === undefined };
    if (client) {
      const cached = new CachedPrometheusClient(client);
      entry.live = new LiveMetrics(planned.name, cached, {
        onChange: () => this.entries.get(planned.name) === entry && planned.name === this.active && this.scheduleRefresh(),
        onFailure: () => void this.check(entry),
      });
    }
    return entry;
  }

  /** Checks one connection (one check at a time) and tells the client when its status changed. */
  private check(entry: Entry, delayMs = 0): Promise<void> {
    if (!entry.client || entry.checking) {
      return entry.checking ?? Promise.resolve();
    }
    const client = entry.client;
    const current = (): boolean => this.entries.get(entry.planned.name) === entry;
    entry.checking = new Promise((resolve) => setTimeout(resolve, delayMs).unref())
      // A connection replaced or closed while its check waited is not checked.
      .then(() => (current() ? checkConnection(client, { timeoutMs: 10_000 }) : undefined))
      .then((status) => {
        if (!status || !current()) {
          return;
        }
        const before = JSON.stringify(entry.report);
        entry.report.state = status.state;
        entry.report.version = status.state === 'connected' ? status.version : undefined;
        entry.report.message = status.state === 'connected' ? undefined : status.message;
        entry.checked = true;
        if (JSON.stringify(entry.report) !== before) {
          this.announce(entry);
        }
        this.updateLive();
      })
      .catch((e: unknown) => this.connection.console.error(`checking ${entry.planned.name} failed: ${e instanceof PrometheusError ? e.message : String(e)}`))
      .finally(() => {
        entry.checked = true;
        entry.checking = undefined;
      });
    return entry.checking;
  }

  private announce(entry: Entry): void {
    const r = entry.report;
    if (!r.quiet || r.state === 'connected') {
      const what = r.state === 'connected' ? `connected${r.version ? ` (Prometheus ${r.version})` : ''}` : `${r.state}: ${r.message ?? ''}`;
      this.connection.console.info(`Prometheus ${r.name} at ${r.url}: ${what}`);
    }
    void this.connection.sendNotification('o11y/connectionStatusChanged', { ...r });
  }

  /** The language service uses the active connection while it is connected. */
  private updateLive(): void {
    const entry = this.active === undefined ? undefined : this.entries.get(this.active);
    const live = entry?.report.state === 'connected' ? entry.live : undefined;
    if (live === this.service.live) {
      return;
    }
    this.service.live = live;
    if (live) {
      // The first diagnostics go out without live lints; onChange refreshes them once names and metadata are in.
      void live.warm();
    }
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refreshDiagnostics(), 100);
  }
}
