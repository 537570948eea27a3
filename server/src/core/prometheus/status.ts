import type { PrometheusApi, RequestOptions } from './client';
import { failureState, PrometheusError } from './errors';

/** What a status display says about a connection. */
export type ConnectionStatus =
  | { state: 'connected'; url: string; /** Absent when the server has no buildinfo endpoint. */ version?: string }
  | { state: 'unreachable'; url: string; message: string }
  | { state: 'authFailed'; url: string; message: string };

/**
 * Asks the server who it is (`/api/v1/status/buildinfo`). A server that answers but lacks that endpoint (some
 * Prometheus-compatible backends) is checked with a trivial query instead, and counts as connected without a
 * version. Never throws, except a PrometheusError of kind `cancelled` when `signal` fires.
 */
export async function checkConnection(
  client: PrometheusApi & { url: string },
  options: RequestOptions = {},
): Promise<ConnectionStatus> {
  const url = client.url;
  try {
    const info = await client.buildInfo(options);
    return { state: 'connected', url, version: info.version };
  } catch (e) {
    const error = asPrometheusError(e);
    if (error.kind === 'cancelled') {
      throw error;
    }
    if (failureState(error.kind) !== 'connected') {
      return failed(url, error);
    }
  }
  try {
    await client.query('1', options);
    return { state: 'connected', url };
  } catch (e) {
    const error = asPrometheusError(e);
    if (error.kind === 'cancelled') {
      throw error;
    }
    const state = failureState(error.kind);
    // Answers, but not as a Prometheus API does: as unusable as no server at all.
    return failed(url, state === 'connected' ? new PrometheusError('unreachable', error.message) : error);
  }
}

function failed(url: string, error: PrometheusError): ConnectionStatus {
  const state = failureState(error.kind) === 'authFailed' ? 'authFailed' : 'unreachable';
  return { state, url, message: error.message };
}

function asPrometheusError(e: unknown): PrometheusError {
  return e instanceof PrometheusError ? e : new PrometheusError('unreachable', String(e), { cause: e });
}
