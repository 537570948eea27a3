import { PrometheusError } from './errors';

/**
 * A small LRU cache of async loads with stale-while-revalidate: a fresh value is returned as is; a stale one
 * is returned at once while a single background load refreshes it; a value too old (or none) is loaded while
 * the caller waits, concurrent callers sharing one load. Failures are remembered briefly so a server that is
 * down is not asked again on every keystroke. The clock is injectable for tests.
 */
export interface SwrCacheOptions {
  /** Entries kept; the least recently used goes first. */
  capacity: number;
  /** A value younger than this is fresh. */
  freshMs: number;
  /** After `freshMs`, a value is still served (and refreshed in the background) for this long. */
  staleMs: number;
  /** A failed load is rethrown to callers for this long before it is tried again. */
  errorMs: number;
  now?: () => number;
}

interface Entry<V> {
  value?: V;
  loadedAt: number;
  error?: unknown;
  failedAt: number;
  pending?: Promise<V>;
}

export class SwrCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;

  constructor(private readonly options: SwrCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The value for `key`, from the cache or from `load`. `signal` only stops this caller's wait: a load that
   * others may share keeps running (it has its own timeout).
   */
  get(key: string, load: () => Promise<V>, signal?: AbortSignal): Promise<V> {
    const entry = this.touch(key);
    const now = this.now();
    const age = now - entry.loadedAt;
    if (entry.value !== undefined && age <= this.options.freshMs) {
      return Promise.resolve(entry.value);
    }
    if (entry.value !== undefined && age <= this.options.freshMs + this.options.staleMs) {
      void this.start(key, entry, load).catch(() => undefined);
      return Promise.resolve(entry.value);
    }
    if (entry.error !== undefined && !entry.pending && now - entry.failedAt <= this.options.errorMs) {
      return Promise.reject(entry.error);
    }
    return waitFor(this.start(key, entry, load), signal);
  }

  /** Forgets everything (after the connection settings change). */
  clear(): void {
    this.entries.clear();
  }

  private touch(key: string): Entry<V> {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
    } else {
      entry = { loadedAt: 0, failedAt: 0 };
      if (this.entries.size >= this.options.capacity) {
        this.entries.delete(this.entries.keys().next().value as string);
      }
    }
    this.entries.set(key, entry);
    return entry;
  }

  private start(key: string, entry: Entry<V>, load: () => Promise<V>): Promise<V> {
    entry.pending ??= load().then(
      (value) => {
        Object.assign(entry, { value, loadedAt: this.now(), error: undefined, pending: undefined });
        return value;
      },
      (error: unknown) => {
        entry.pending = undefined;
        if (isRemembered(error)) {
          Object.assign(entry, { error, failedAt: this.now() });
        } else if (entry.value === undefined && this.entries.get(key) === entry) {
          this.entries.delete(key);
        }
        throw error;
      },
    );
    return entry.pending;
  }
}

/** Cancellations say nothing about the server, so they are not remembered as its failure. */
function isRemembered(error: unknown): boolean {
  return !(error instanceof PrometheusError && error.kind === 'cancelled');
}

function waitFor<V>(promise: Promise<V>, signal?: AbortSignal): Promise<V> {
  if (!signal) {
    return promise;
  }
  return new Promise<V>((resolve, reject) => {
    const onAbort = () => reject(new PrometheusError('cancelled', 'request cancelled', { cause: signal.reason }));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
