// What a connected Prometheus knows about metrics, for completion, hover and the live lints. Every answer comes
// from the stale-while-revalidate cache within a short budget: completion never waits on the network for long,
// and a load that misses the budget keeps running and fills the cache for the next keystroke.
import { subsequence } from '../promql/complete';
import type { MetricInfo, MetricSource } from '../promql/types';
import type { CachedPrometheusClient } from './cachedClient';
import { failureState, PrometheusError } from './errors';
import { SwrCache } from './swrCache';
import type { MetricMetadata } from './types';

/** How long completion waits for the live source before answering with what the workspace knows. */
export const COMPLETION_BUDGET_MS = 150;
/** Hover can wait a little longer: it is asked for once, not on every keystroke. */
export const HOVER_BUDGET_MS = 500;

const LEGACY_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** Label-value lookups for the lints running at once: `o11y check --live` may ask about hundreds of selectors. */
const VALUE_LOOKUPS_AT_ONCE = 6;
/** Label-value answers kept for the lints (each is also in the client's cache, which may have dropped it). */
const VALUE_SETS_KEPT = 2_000;
/** A label-value answer younger than this is used without asking the cache again (diagnostics run on every edit). */
const VALUE_SET_RECHECK_MS = 10_000;

/** Resolves with the promise's value, or with undefined after `ms` (the promise keeps running) or on failure. */
export function withinBudget<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  return Promise.race([promise.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/** `metric{matchers}` for `match[]`, or undefined when there is nothing to narrow by. */
export function seriesSelector(metric: string | undefined, matchers: string[] = []): string | undefined {
  if (metric === undefined) {
    return matchers.length ? `{${matchers.join(',')}}` : undefined;
  }
  // Names outside the classic character set (Prometheus 3) are matched by __name__, which 2.x reads too.
  const all = LEGACY_NAME.test(metric) ? matchers : [`__name__=${JSON.stringify(metric)}`, ...matchers];
  return LEGACY_NAME.test(metric) ? `${metric}{${all.join(',')}}` : `{${all.join(',')}}`;
}

export interface LiveMetricsEvents {
  /** The metric names or metadata changed (a load finished): live lints may now say something else. */
  onChange(): void;
  /** A load failed in a way that says the server is gone or refuses us. */
  onFailure(error: PrometheusError): void;
}

/** One connection's metrics: a MetricSource for completion and hover, and synchronous reads for the lints. */
export class LiveMetrics {
  private names?: Set<string>;
  private namesList?: string[];
  private metadata?: Record<string, MetricMetadata[]>;
  /** Why the server gave no metadata although it answered (a backend without /api/v1/metadata), for the user. */
  private metadataNote?: string;
  private readonly counts: SwrCache<number>;
  /** Values of a label on a metric's series, by `[label, metric]`, as the lints last saw them. */
  private readonly valueSets = new Map<string, { list: string[]; set: Set<string>; at: number }>();
  private readonly valueLoads = new Map<string, Promise<void>>();
  private readonly valueQueue: (() => void)[] = [];
  private valueLoadsRunning = 0;

  constructor(
    /** The connection's name, as shown in messages. */
    readonly name: string,
    readonly client: CachedPrometheusClient & { url?: string },
    private readonly events: LiveMetricsEvents,
    private readonly budgets = { completion: COMPLETION_BUDGET_MS, hover: HOVER_BUDGET_MS },
  ) {
    this.counts = new SwrCache({ capacity: 200, freshMs: 15_000, staleMs: 5 * 60_000, errorMs: 5_000 });
  }

  /** Whether a metric of this name has series on the server; undefined until the names have been loaded once. */
  has(metric: string): boolean | undefined {
    return this.names?.has(metric);
  }

  /** The metric's TYPE from the server's metadata, once loaded. */
  typeOf(metric: string): string | undefined {
    return this.metadata?.[metric]?.[0]?.type;
  }

  /** Why TYPE and HELP are missing although the server answers (it has no metadata endpoint, say); else undefined. */
  get metadataUnavailable(): string | undefined {
    return this.metadataNote;
  }

  /**
   * The values `label` has on the series of `metric`, as last loaded; undefined until the first answer, and when
   * the lookup failed. Asking starts the lookup (or a refresh, through the client's cache); `onChange` fires when
   * an answer changes what is known.
   */
  labelValuesOf(label: string, metric: string): ReadonlySet<string> | undefined {
    const key = JSON.stringify([label, metric]);
    const known = this.valueSets.get(key);
    if (!this.valueLoads.has(key) && !(known && Date.now() - known.at < VALUE_SET_RECHECK_MS)) {
      this.valueLoads.set(key, this.loadValues(key, label, metric).finally(() => this.valueLoads.delete(key)));
    }
    return known?.set;
  }

  /** Resolves once no label-value lookup is under way (the CLI waits for this before it reports). */
  async settled(): Promise<void> {
    while (this.valueLoads.size) {
      await Promise.all(this.valueLoads.values());
    }
  }

  /**
   * Loads the names and metadata, or refreshes them in the background when the cache says they are stale
   * (cheap when fresh); resolves when both are done, successfully or not. `onChange` fires if they changed.
   */
  async warm(): Promise<void> {
    await Promise.allSettled([this.loadNames(), this.loadMetadata()]);
  }

  /** The live source alone; `merged` joins it with the workspace's. */
  source(): MetricSource {
    return {
      metricNames: (prefix) => this.metricNames(prefix),
      labelNames: (metric, matchers) => this.labelNames(metric, matchers),
      labelValues: (label, metric, matchers) => this.labelValues(label, metric, matchers),
      describe: (metric) => this.describe(metric),
    };
  }

  private async metricNames(prefix: string): Promise<MetricInfo[]> {
    const budget = this.budgets.completion;
    const [names, metadata] = await Promise.all([withinBudget(this.loadNames(), budget), withinBudget(this.loadMetadata(), budget)]);
    const needle = prefix.toLowerCase();
    return (names ?? []).filter((n) => subsequence(needle, n.toLowerCase())).map((n) => this.info(n, metadata));
  }

  private async labelNames(metric: string | undefined, matchers?: string[]): Promise<string[]> {
    const selector = seriesSelector(metric, matchers);
    const load = this.client.labelNames(selector ? { match: [selector] } : {});
    return (await withinBudget(this.report(load), this.budgets.completion)) ?? [];
  }

  private async labelValues(label: string, metric: string | undefined, matchers?: string[]): Promise<string[]> {
    const selector = seriesSelector(metric, matchers);
    const load = this.client.labelValues(label, selector ? { match: [selector] } : {});
    return (await withinBudget(this.report(load), this.budgets.completion)) ?? [];
  }

  private async describe(metric: string): Promise<MetricInfo | undefined> {
    const budget = this.budgets.hover;
    const [names, metadata, count] = await Promise.all([
      withinBudget(this.loadNames(), budget),
      withinBudget(this.loadMetadata(), budget),
      withinBudget(this.seriesCount(metric), budget),
    ]);
    if (!names?.includes(metric) && !metadata?.[metric]) {
      return undefined;
    }
    return { ...this.info(metric, metadata), seriesCount: count };
  }

  private info(name: string, metadata: Record<string, MetricMetadata[]> | undefined): MetricInfo {
    const m = metadata?.[name]?.[0];
    const note = metadata ? undefined : this.metadataNote;
    return { name, type: m?.type, help: m?.help || undefined, unit: m?.unit || undefined, source: `Prometheus ${this.name}`, note };
  }

  private async loadValues(key: string, label: string, metric: string): Promise<void> {
    let list: string[];
    try {
      list = await this.oneOf(VALUE_LOOKUPS_AT_ONCE, () => this.report(this.client.labelValues(label, { match: [seriesSelector(metric)!] })));
    } catch {
      // Nothing is known now: the lint says nothing rather than something stale.
      if (this.valueSets.delete(key)) {
        this.events.onChange();
      }
      return;
    }
    const old = this.valueSets.get(key);
    if (old?.list === list) {
      old.at = Date.now();
      return;
    }
    this.valueSets.delete(key);
    if (this.valueSets.size >= VALUE_SETS_KEPT) {
      this.valueSets.delete(this.valueSets.keys().next().value as string);
    }
    this.valueSets.set(key, { list, set: new Set(list), at: Date.now() });
    if (!old || old.set.size !== list.length || list.some((v) => !old.set.has(v))) {
      this.events.onChange();
    }
  }

  /** Runs `call` once fewer than `limit` such calls are running; a call that ends hands its place to the next. */
  private async oneOf<T>(limit: number, call: () => Promise<T>): Promise<T> {
    if (this.valueLoadsRunning >= limit) {
      await new Promise<void>((resolve) => this.valueQueue.push(resolve));
    } else {
      this.valueLoadsRunning++;
    }
    try {
      return await call();
    } finally {
      const next = this.valueQueue.shift();
      if (next) {
        next();
      } else {
        this.valueLoadsRunning--;
      }
    }
  }

  // A `count()` query rather than /api/v1/series: the answer is one number however many series there are.
  private seriesCount(metric: string): Promise<number> {
    const load = async () => {
      const r = await this.client.query(`count(${seriesSelector(metric)})`, { timeoutMs: 10_000 });
      return r.resultType === 'vector' && r.result[0]?.value ? Number(r.result[0].value[1]) : 0;
    };
    return this.report(this.counts.get(metric, load));
  }

  private loadNames(): Promise<string[]> {
    return this.report(this.client.labelValues('__name__')).then((list) => {
      if (list !== this.namesList) {
        const changed = !this.names || list.length !== this.names.size || list.some((n) => !this.names!.has(n));
        this.namesList = list;
        this.names = new Set(list);
        if (changed) {
          this.events.onChange();
        }
      }
      return list;
    });
  }

  private loadMetadata(): Promise<Record<string, MetricMetadata[]>> {
    const load = this.report(this.client.metadata());
    load.catch((e: unknown) => this.noteMissingMetadata(e));
    return load.then((metadata) => {
      this.metadataNote = undefined;
      if (metadata !== this.metadata) {
        const changed = JSON.stringify(metadata) !== JSON.stringify(this.metadata);
        this.metadata = metadata;
        if (changed) {
          this.events.onChange();
        }
      }
      return metadata;
    });
  }

  /**
   * Prometheus-compatible backends (Thanos, Mimir, VictoriaMetrics) may lack /api/v1/metadata or answer it with
   * something else: completion and hover then go on without TYPE and HELP and say why. A server that is down says
   * nothing here (the connection status tells that).
   */
  private noteMissingMetadata(e: unknown): void {
    if (!(e instanceof PrometheusError) || failureState(e.kind) !== 'connected' || e.kind === 'cancelled') {
      return;
    }
    const missing = e.kind === 'http' && (e.status === 404 || e.status === 405 || e.status === 501);
    this.metadataNote = missing
      ? `TYPE and HELP unavailable: ${this.name} has no /api/v1/metadata endpoint (HTTP ${e.status})`
      : `TYPE and HELP unavailable: ${this.name} did not answer /api/v1/metadata usably (${e.message})`;
  }

  /** Tells the status keeper about failures that mean "down" or "refused", and passes the promise on. */
  private report<T>(p: Promise<T>): Promise<T> {
    p.catch((e: unknown) => {
      if (e instanceof PrometheusError && failureState(e.kind) !== 'connected') {
        this.events.onFailure(e);
      }
    });
    return p;
  }
}

/** The workspace's metrics (recording rules, rule-test series) and the live ones, merged by name. */
export function mergedSource(workspace: MetricSource, live: MetricSource): MetricSource {
  return {
    metricNames: async (prefix) => {
      const [mine, theirs] = await Promise.all([safe(() => workspace.metricNames(prefix)), safe(() => live.metricNames(prefix))]);
      return mergeInfos(mine, theirs);
    },
    labelNames: async (metric, matchers) => union(await Promise.all([safe(() => workspace.labelNames(metric, matchers)), safe(() => live.labelNames(metric, matchers))])),
    labelValues: async (label, metric, matchers) =>
      union(await Promise.all([safe(() => workspace.labelValues(label, metric, matchers)), safe(() => live.labelValues(label, metric, matchers))])),
    describe: async (metric) => {
      const [mine, theirs] = await Promise.all([safe(async () => (await workspace.metricNames(metric)).filter((m) => m.name === metric)), safe(async () => [await live.describe?.(metric)])]);
      return mergeInfos(mine, theirs.filter((m): m is MetricInfo => m !== undefined))[0];
    },
  };
}

/** What the workspace says wins (it names the rule that records a metric); the server fills in TYPE, HELP, unit. */
function mergeInfos(workspace: MetricInfo[], live: MetricInfo[]): MetricInfo[] {
  const byName = new Map(live.map((m) => [m.name, m]));
  for (const m of workspace) {
    const l = byName.get(m.name);
    byName.set(m.name, l ? { ...l, ...defined(m) } : m);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function defined(m: MetricInfo): Partial<MetricInfo> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined && v !== '')) as Partial<MetricInfo>;
}

async function safe<T>(call: () => Promise<T[]> | T[]): Promise<T[]> {
  try {
    const list = await call();
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}
