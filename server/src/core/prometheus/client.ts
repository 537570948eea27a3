// The Prometheus HTTP API client: one method per endpoint the editor uses. Queries are POSTed form-encoded
// (long expressions do not hit URL length limits, as Grafana does); the other endpoints use GET.
import { resolveConnection, type PrometheusConnectionConfig } from './connection';
import { PrometheusError } from './errors';
import {
  isBuildInfo,
  isLabelSets,
  isMetadataMap,
  isQueryData,
  isRulesData,
  isStringArray,
  isTargetsData,
} from './shapes';
import { Transport, type ApiCall, type RequestOptions } from './transport';
import type { BuildInfo, Labels, MetricMetadata, QueryResult, RuleGroup, TargetsData } from './types';

export type { RequestOptions } from './transport';

/** A point in time: a Date, or milliseconds since the epoch (as `Date.now()`). */
export type Time = Date | number;

/** Narrows series-based lookups: series selectors (`match[]`) and a time window. */
export interface SeriesFilter extends RequestOptions {
  match?: string[];
  start?: Time;
  end?: Time;
  /** At most this many results (Prometheus ≥ 2.49 honours it; older versions ignore it). */
  limit?: number;
}

export interface RangeOptions extends RequestOptions {
  start: Time;
  end: Time;
  /** Resolution step in seconds. */
  stepSeconds: number;
}

/** The endpoints the editor needs; the HTTP client and the caching wrapper both implement it. */
export interface PrometheusApi {
  query(expr: string, options?: RequestOptions & { time?: Time }): Promise<QueryResult>;
  queryRange(expr: string, options: RangeOptions): Promise<QueryResult>;
  series(match: string[], options?: Omit<SeriesFilter, 'match'>): Promise<Labels[]>;
  labelNames(options?: SeriesFilter): Promise<string[]>;
  labelValues(label: string, options?: SeriesFilter): Promise<string[]>;
  metadata(options?: RequestOptions & { metric?: string; limit?: number }): Promise<Record<string, MetricMetadata[]>>;
  buildInfo(options?: RequestOptions): Promise<BuildInfo>;
  rules(options?: RequestOptions & { type?: 'alert' | 'record' }): Promise<RuleGroup[]>;
  targets(options?: RequestOptions & { state?: 'active' | 'dropped' | 'any' }): Promise<TargetsData>;
}

/** Prometheus takes times as unix seconds with a fraction. */
function unixSeconds(t: Time): string {
  return String((t instanceof Date ? t.getTime() : t) / 1000);
}

function windowParams(o: SeriesFilter): [string, string][] {
  const p: [string, string][] = (o.match ?? []).map((m) => ['match[]', m]);
  if (o.start !== undefined) {
    p.push(['start', unixSeconds(o.start)]);
  }
  if (o.end !== undefined) {
    p.push(['end', unixSeconds(o.end)]);
  }
  if (o.limit !== undefined) {
    p.push(['limit', String(o.limit)]);
  }
  return p;
}

// Label names may be any UTF-8 from Prometheus 3; in the URL path they travel in the `U__` value-encoding escape
// (prometheus/common model EscapeName with ValueEncodingEscaping, undone by web/api/v1/api.go labelValues).
// Legacy-valid names go as they are, which is all Prometheus 2.x accepts.
function labelPathSegment(label: string): string {
  if (/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(label)) {
    return label;
  }
  const escaped = [...label].map((c, i) => {
    if (c === '_') {
      return '__';
    }
    return /[a-zA-Z:]/.test(c) || (i > 0 && /[0-9]/.test(c)) ? c : `_${c.codePointAt(0)!.toString(16)}_`;
  });
  return `U__${escaped.join('')}`;
}

export class PrometheusClient implements PrometheusApi {
  private readonly transport: Transport;

  /** Throws a PrometheusError of kind `config` when the settings are wrong; sends nothing yet. */
  constructor(config: PrometheusConnectionConfig) {
    this.transport = new Transport(resolveConnection(config));
  }

  /** The base URL without credentials, for status displays and messages. */
  get url(): string {
    return this.transport.connection.display;
  }

  async query(expr: string, options: RequestOptions & { time?: Time } = {}): Promise<QueryResult> {
    const params: [string, string][] = [['query', expr], ...this.evalTimeout(options)];
    if (options.time !== undefined) {
      params.push(['time', unixSeconds(options.time)]);
    }
    return this.queryCall({ method: 'POST', path: 'api/v1/query', params }, options);
  }

  async queryRange(expr: string, options: RangeOptions): Promise<QueryResult> {
    const params: [string, string][] = [
      ['query', expr],
      ['start', unixSeconds(options.start)],
      ['end', unixSeconds(options.end)],
      ['step', String(options.stepSeconds)],
      ...this.evalTimeout(options),
    ];
    return this.queryCall({ method: 'POST', path: 'api/v1/query_range', params }, options);
  }

  async series(match: string[], options: Omit<SeriesFilter, 'match'> = {}): Promise<Labels[]> {
    const params = windowParams({ ...options, match });
    return this.get('api/v1/series', params, isLabelSets, options);
  }

  async labelNames(options: SeriesFilter = {}): Promise<string[]> {
    return this.get('api/v1/labels', windowParams(options), isStringArray, options);
  }

  async labelValues(label: string, options: SeriesFilter = {}): Promise<string[]> {
    const path = `api/v1/label/${encodeURIComponent(labelPathSegment(label))}/values`;
    return this.get(path, windowParams(options), isStringArray, options);
  }

  async metadata(
    options: RequestOptions & { metric?: string; limit?: number } = {},
  ): Promise<Record<string, MetricMetadata[]>> {
    const params: [string, string][] = [];
    if (options.metric !== undefined) {
      params.push(['metric', options.metric]);
    }
    if (options.limit !== undefined) {
      params.push(['limit', String(options.limit)]);
    }
    return this.get('api/v1/metadata', params, isMetadataMap, options);
  }

  async buildInfo(options: RequestOptions = {}): Promise<BuildInfo> {
    return this.get('api/v1/status/buildinfo', [], isBuildInfo, options);
  }

  async rules(options: RequestOptions & { type?: 'alert' | 'record' } = {}): Promise<RuleGroup[]> {
    const params: [string, string][] = options.type ? [['type', options.type]] : [];
    return (await this.get('api/v1/rules', params, isRulesData, options)).groups;
  }

  async targets(options: RequestOptions & { state?: 'active' | 'dropped' | 'any' } = {}): Promise<TargetsData> {
    const params: [string, string][] = options.state ? [['state', options.state]] : [];
    const data = await this.get('api/v1/targets', params, isTargetsData, options);
    return { activeTargets: data.activeTargets, droppedTargets: data.droppedTargets ?? [] };
  }

  /** Closes pooled connections. */
  close(): Promise<void> {
    return this.transport.close();
  }

  /** Tells Prometheus to stop evaluating when we stop waiting, so an abandoned query does not keep it busy. */
  private evalTimeout(options: RequestOptions): [string, string][] {
    const ms = options.timeoutMs ?? this.transport.connection.timeoutMs;
    return [['timeout', `${ms}ms`]];
  }

  private async queryCall(call: ApiCall, options: RequestOptions): Promise<QueryResult> {
    const { data, warnings, infos } = await this.transport.call(call, options);
    return { ...this.expect(data, isQueryData, call.path), warnings, infos };
  }

  private async get<T>(
    path: string,
    params: [string, string][],
    guard: (d: unknown) => d is T,
    options: RequestOptions,
  ): Promise<T> {
    const { data } = await this.transport.call({ method: 'GET', path, params }, options);
    return this.expect(data, guard, path);
  }

  private expect<T>(data: unknown, guard: (d: unknown) => d is T, path: string): T {
    if (!guard(data)) {
      throw new PrometheusError(
        'badResponse',
        `Prometheus at ${this.url} (/${path}): the answer's data does not have the shape this endpoint returns`,
      );
    }
    return data;
  }
}
