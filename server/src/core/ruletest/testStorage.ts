/**
 * The storage of one test group as promtool's TSDB-backed test storage behaves for appends: input series are
 * loaded lazily, up to each evaluation time (promql.LazyLoader.appendTill), and samples written by rules are
 * checked as the TSDB head checks them — an older sample is "out of order", a different value at the same
 * timestamp a "duplicate", the same value again is accepted and ignored (tsdb/head_append.go appendable).
 */
import { labelsKey, type Labels } from './labels';
import type { SeriesValue } from './seriesNotation';
import { Storage } from './storage';

interface Last {
  t: number;
  v: number;
  stale: boolean;
}

interface PendingSeries {
  labels: Labels;
  key: string;
  t: number[];
  values: SeriesValue[];
  next: number;
}

export const OUT_OF_ORDER = 'out of order sample';
export const DUPLICATE = 'duplicate sample for timestamp';

/** Input samples one test group may queue (about 70 bytes each once loaded); more are refused rather than run out of memory. */
export const MAX_INPUT_SAMPLES = 10_000_000;

export class TestStorage {
  readonly storage = new Storage();
  private readonly last = new Map<string, Last>();
  private readonly pending = new Map<string, PendingSeries>();
  private queued = 0;

  /**
   * Queues an input series: value i at `startMs + i * intervalMs`, omitted values skipped. A series given twice
   * keeps its later definition, as the load command's map does. The error text when the group's input series
   * would hold more than MAX_INPUT_SAMPLES samples.
   */
  queue(labels: Labels, values: SeriesValue[], intervalMs: number, startMs: number): string | undefined {
    const key = labelsKey(labels);
    const t: number[] = [];
    const kept: SeriesValue[] = [];
    values.forEach((v, i) => {
      if (v.kind !== 'omitted') {
        t.push(startMs + i * intervalMs);
        kept.push(v);
      }
    });
    this.queued += t.length - (this.pending.get(key)?.t.length ?? 0);
    if (this.queued > MAX_INPUT_SAMPLES) {
      return `too many samples in input_series: more than ${MAX_INPUT_SAMPLES}; the built-in engine loads at most ${MAX_INPUT_SAMPLES} samples per test group`;
    }
    this.pending.delete(key);
    this.pending.set(key, { labels, key, t, values: kept, next: 0 });
    return undefined;
  }

  /**
   * Appends the queued samples up to `ts`. Within one batch a sample at or before the series' last one is dropped
   * silently (the head drops it at commit), so with a zero interval only the first value at time 0 stays.
   */
  loadTill(ts: number): void {
    for (const p of this.pending.values()) {
      for (; p.next < p.t.length && p.t[p.next] <= ts; p.next++) {
        const v = p.values[p.next];
        const key = p.key;
        const last = this.last.get(key);
        if (last && last.t >= p.t[p.next]) {
          continue;
        }
        this.write(p.labels, key, p.t[p.next], v.kind === 'value' ? v.value : NaN, v.kind === 'stale');
      }
    }
  }

  /** Appends a rule's sample; the error text when the head refuses it. */
  append(labels: Labels, t: number, v: number, stale = false): string | undefined {
    const key = labelsKey(labels);
    const last = this.last.get(key);
    if (last && t < last.t) {
      return OUT_OF_ORDER;
    }
    if (last && t === last.t) {
      return sameBits(last, v, stale) ? undefined : DUPLICATE;
    }
    this.write(labels, key, t, v, stale);
    return undefined;
  }

  private write(labels: Labels, key: string, t: number, v: number, stale: boolean): void {
    this.storage.append(labels, t, v, stale);
    this.last.set(key, { t, v, stale });
  }
}

/** math.Float64bits equality, with staleness markers and ordinary NaNs as distinct values. */
function sameBits(last: Last, v: number, stale: boolean): boolean {
  if (last.stale || stale) {
    return last.stale === stale;
  }
  return Object.is(last.v, v) || (Number.isNaN(last.v) && Number.isNaN(v));
}
