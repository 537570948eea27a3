/**
 * In-memory storage of float series for rule tests: samples in time order per series, staleness markers kept
 * as such (Prometheus writes them as a special NaN; here they are flagged), series returned sorted by labels as
 * Prometheus's storage returns them. Native histograms are not stored.
 */
import { compareLabels, getLabel, labelsKey, type Labels } from './labels';
import type { SeriesValue } from './seriesNotation';
import { compileAnchored } from './engine/regex';
import { EvalError } from './engine/types';
import type { MatchOp } from '../promql/ast';

const METRIC_NAME = '__name__';

export interface StoredSeries {
  readonly labels: Labels;
  /** Sample times in milliseconds, increasing. */
  readonly t: number[];
  readonly v: number[];
  /** Indexes of staleness markers (their `v` is NaN). */
  readonly stale: Set<number>;
}

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export class Storage {
  private readonly series = new Map<string, StoredSeries>();
  private sorted: StoredSeries[] | undefined;
  /** all() narrowed to one metric name, for selectors with `__name__="…"` (nearly all). */
  private readonly named = new Map<string, StoredSeries[]>();
  private samples = 0;

  /** The number of samples stored, staleness markers included. */
  get size(): number {
    return this.samples;
  }

  private get(labels: Labels): StoredSeries {
    const key = labelsKey(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, t: [], v: [], stale: new Set() };
      this.series.set(key, s);
      this.sorted = undefined;
      this.named.clear();
    }
    return s;
  }

  /**
   * Appends a sample (or, with `stale`, a staleness marker). Like Prometheus's appender, a sample at or before the
   * series' last timestamp is refused: the result is false.
   */
  append(labels: Labels, t: number, v: number, stale = false): boolean {
    const s = this.get(labels);
    if (s.t.length && s.t[s.t.length - 1] >= t) {
      return false;
    }
    if (stale) {
      s.stale.add(s.t.length);
    }
    s.t.push(t);
    s.v.push(stale ? NaN : v);
    this.samples++;
    return true;
  }

  /** Loads expanded series notation: value i at `start + i * interval`; omitted values leave a gap. */
  load(labels: Labels, values: SeriesValue[], intervalMs: number, startMs = 0): void {
    this.get(labels);
    values.forEach((value, i) => {
      if (value.kind !== 'omitted') {
        this.append(labels, startMs + i * intervalMs, value.kind === 'value' ? value.value : NaN, value.kind === 'stale');
      }
    });
  }

  /** The series every matcher accepts (a missing label reads as ""), sorted by labels. */
  select(matchers: Matcher[]): StoredSeries[] {
    const tests = matchers.map(matcherTest);
    const name = matchers.find((m) => m.name === METRIC_NAME && m.op === '=' && m.value !== '')?.value;
    return (name === undefined ? this.all() : this.withName(name)).filter((s) => tests.every((test) => test(s.labels)));
  }

  private withName(name: string): StoredSeries[] {
    let list = this.named.get(name);
    if (!list) {
      list = this.all().filter((s) => getLabel(s.labels, METRIC_NAME) === name);
      this.named.set(name, list);
    }
    return list;
  }

  all(): StoredSeries[] {
    this.sorted ??= [...this.series.values()].sort((a, b) => compareLabels(a.labels, b.labels));
    return this.sorted;
  }
}

function matcherTest(m: Matcher): (labels: Labels) => boolean {
  switch (m.op) {
    case '=':
      return (l) => getLabel(l, m.name) === m.value;
    case '!=':
      return (l) => getLabel(l, m.name) !== m.value;
    default: {
      const re = compileAnchored(m.value);
      if (typeof re === 'string') {
        throw new EvalError(`error parsing regexp: ${re}`);
      }
      return m.op === '=~' ? (l) => re.test(getLabel(l, m.name)) : (l) => !re.test(getLabel(l, m.name));
    }
  }
}

/** The index of the last sample at or before `t`, or -1. */
export function lastIndexAtOrBefore(s: StoredSeries, t: number): number {
  let lo = 0;
  let hi = s.t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.t[mid] <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo - 1;
}
