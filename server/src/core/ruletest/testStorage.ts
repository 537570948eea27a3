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
  t: number[];
  values: SeriesValue[];
  next: number;
}

export const OUT_OF_ORDER = 'out of order sample';
export const DUPLICATE = 'duplicate sample for timestamp';

export class TestStorage {
  readonly storage = new Storage();
  private readonly last = new Map<string, Last>();
  private pending: PendingSeries[] = [];

  /**
   * Queues an input series: value i at `startMs + i * intervalMs`, omitted values skipped. A series given twice
   * keeps its later definition, as the load command's map does.
   */
  queue(labels: Labels, values: SeriesValue[], intervalMs: number, startMs: number): void {
    const key = labelsKey(labels);
    this.pending = this.pending.filter((p) => labelsKey(p.labels) !== key);
    const t: number[] = [];
    const kept: SeriesValue[] = [];
    values.forEach((v, i) => {
      if (v.kind !== 'omitted') {
        t.push(startMs + i * intervalMs);
        kept.push(v);
      }
    });
    this.pending.push({ labels, t, values: kept, next: 0 });
  }

  /**
   * Appends the queued samples up to `ts`. Within one batch a sample at or before the series' last one is dropped
   * silently (the head drops it at commit), so with a zero interval only the first value at time 0 stays.
   */
  loadTill(ts: number): void {
    for (const p of this.pending) {
      for (; p.next < p.t.length && p.t[p.next] <= ts; p.next++) {
        const v = p.values[p.next];
        const key = labelsKey(p.labels);
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
