// The one place that sends HTTP to Prometheus (undici): deadline and cancellation, TLS settings, no redirects
// followed (a request never leaves the configured host), answers size-capped and read as the API's envelope.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { ResolvedConnection } from './connection';
import { networkError, PrometheusError } from './errors';
import { interpretAnswer, readCapped, type ApiSuccess } from './response';

export interface RequestOptions {
  /** Fires when the caller no longer wants the answer (an LSP request's cancellation token, say). */
  signal?: AbortSignal;
  /** Overrides the connection's timeout for this request. */
  timeoutMs?: number;
}

/** One API call: `path` is relative to the base URL (`api/v1/query`); params are repeated as given (`match[]`). */
export interface ApiCall {
  method: 'GET' | 'POST';
  path: string;
  params?: [string, string][];
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export class Transport {
  private agent: Agent | undefined;

  constructor(readonly connection: ResolvedConnection) {}

  /** Sends one call and returns the `data` of a successful answer; throws PrometheusError for anything else. */
  async call(call: ApiCall, options: RequestOptions = {}): Promise<ApiSuccess> {
    const { connection } = this;
    const what = `Prometheus at ${connection.display} (/${call.path})`;
    const timeoutMs = options.timeoutMs ?? connection.timeoutMs;
    if (options.signal?.aborted) {
      throw new PrometheusError('cancelled', `${what}: request cancelled`);
    }
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
    try {
      return await this.send(call, what, signal);
    } catch (e) {
      if (options.signal?.aborted) {
        throw new PrometheusError('cancelled', `${what}: request cancelled`, { cause: e });
      }
      if (deadline.signal.aborted) {
        throw new PrometheusError('timeout', `${what}: no complete answer within ${seconds(timeoutMs)}`, { cause: e });
      }
      throw e instanceof PrometheusError ? e : networkError(connection.display, e);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the pooled connections; later calls open new ones. */
  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    await agent?.close();
  }

  private async send(call: ApiCall, what: string, signal: AbortSignal): Promise<ApiSuccess> {
    const url = new URL(call.path, this.connection.base);
    const form = new URLSearchParams(call.params ?? []).toString();
    const headers: Record<string, string> = { ...this.connection.headers, accept: 'application/json' };
    if (call.method === 'GET') {
      url.search = form;
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await request(url, {
      method: call.method,
      headers,
      body: call.method === 'POST' ? form : undefined,
      signal,
      dispatcher: this.dispatcher(),
    });
    // Stopping a body makes it emit an error; nobody reads it any more, so it is dropped here.
    const destroy = () => res.body.on('error', () => undefined).destroy();
    if (res.statusCode >= 300 && res.statusCode < 400) {
      destroy();
      const location = String(res.headers.location ?? '');
      throw new PrometheusError(
        'http',
        `${what}: HTTP ${res.statusCode} redirect${location ? ` to ${location.split('?')[0]}` : ''} not followed; ` +
          'set the url to the final address',
        { status: res.statusCode },
      );
    }
    const contentLength = res.headers['content-length'];
    const body = await readCapped(
      res.body,
      typeof contentLength === 'string' ? contentLength : undefined,
      this.connection.maxResponseBytes,
      what,
      destroy,
    );
    const contentType = String(res.headers['content-type'] ?? '');
    return interpretAnswer({ status: res.statusCode, contentType, body }, what, 'authorization' in headers);
  }

  private dispatcher(): Agent {
    if (!this.agent) {
      const { tls } = this.connection;
      let ca: Buffer | undefined;
      if (tls.caFile) {
        try {
          ca = readFileSync(tls.caFile);
        } catch (e) {
          throw new PrometheusError('config', `cannot read tls_config.ca_file ${tls.caFile}: ${(e as Error).message}`);
        }
      }
      this.agent = new Agent({
        connect: { ca, rejectUnauthorized: !tls.insecureSkipVerify, servername: tls.serverName },
      });
    }
    return this.agent;
  }
}
