// Completion asks for the same metric names, labels and metadata on every keystroke: this wrapper answers those
// from a short-lived cache (refreshed in the background) and passes everything else straight through.
import type { PrometheusApi, RequestOptions, SeriesFilter, Time } from './client';
import { SwrCache, type SwrCacheOptions } from './swrCache';
import type { Labels, MetricMetadata } from './types';

export const DEFAULT_COMPLETION_CACHE: SwrCacheOptions = {
  capacity: 500,
  freshMs: 30_000,
  staleMs: 10 * 60_000,
  errorMs: 5_000,
};

// The load behind a cache entry is shared by every caller, so it runs without any one caller's signal (each
// caller stops waiting on its own) and with the connection's timeout unless the caller set one.
function shared<T extends RequestOptions>(options: T): T {
  return { ...options, signal: undefined };
}

function timeKey(t: Time | undefined): number | undefined {
  return t instanceof Date ? t.getTime() : t;
}

function filterKey(o: SeriesFilter): string {
  return JSON.stringify([o.match ?? [], timeKey(o.start), timeKey(o.end), o.limit]);
}

/**
 * Caches `labelNames`, `labelValues`, `series` and `metadata` (metric names are `labelValues('__name__')`),
 * keyed by their arguments: callers should leave out `start`/`end` or round them, or every call is a miss.
 */
export class CachedPrometheusClient implements PrometheusApi {
  private readonly lists: SwrCache<string[]>;
  private readonly seriesSets: SwrCache<Labels[]>;
  private readonly meta: SwrCache<Record<string, MetricMetadata[]>>;

  constructor(
    readonly inner: PrometheusApi,
    options: SwrCacheOptions = DEFAULT_COMPLETION_CACHE,
  ) {
    this.lists = new SwrCache(options);
    this.seriesSets = new SwrCache(options);
    this.meta = new SwrCache(options);
  }

  labelNames(options: SeriesFilter = {}): Promise<string[]> {
    const load = () => this.inner.labelNames(shared(options));
    return this.lists.get(`names ${filterKey(options)}`, load, options.signal);
  }

  labelValues(label: string, options: SeriesFilter = {}): Promise<string[]> {
    const load = () => this.inner.labelValues(label, shared(options));
    return this.lists.get(`values ${JSON.stringify(label)} ${filterKey(options)}`, load, options.signal);
  }

  series(match: string[], options: Omit<SeriesFilter, 'match'> = {}): Promise<Labels[]> {
    const load = () => this.inner.series(match, shared(options));
    return this.seriesSets.get(filterKey({ ...options, match }), load, options.signal);
  }

  metadata(
    options: RequestOptions & { metric?: string; limit?: number } = {},
  ): Promise<Record<string, MetricMetadata[]>> {
    const load = () => this.inner.metadata(shared(options));
    return this.meta.get(JSON.stringify([options.metric, options.limit]), load, options.signal);
  }

  query: PrometheusApi['query'] = (expr, options) => this.inner.query(expr, options);
  queryRange: PrometheusApi['queryRange'] = (expr, options) => this.inner.queryRange(expr, options);
  buildInfo: PrometheusApi['buildInfo'] = (options) => this.inner.buildInfo(options);
  rules: PrometheusApi['rules'] = (options) => this.inner.rules(options);
  targets: PrometheusApi['targets'] = (options) => this.inner.targets(options);

  /** Drops every cached answer (after the connection changed, or on the user's "refresh"). */
  clear(): void {
    this.lists.clear();
    this.seriesSets.clear();
    this.meta.clear();
  }
}
