// A heatmap panel of classic Prometheus histogram buckets, shaped as Grafana shapes it: the series of each query
// grouped by their `le` label, sorted by that bound (`+Inf` last), and, for a target of format "heatmap", turned
// from cumulative counts (each `le` bucket counts everything below its bound) into the count of each bucket alone,
// by taking away the bucket below at every time (the Prometheus data source's transformToHistogramOverTime in
// grafana public/app/plugins/datasource/prometheus/result_transformer.ts). Then one row per bucket, one column per
// time, and the colour scale of the panel's options (new heatmap `options.color`, or the legacy panel's `color`).
import { fixed, formatValue } from './format';
import { opacityColors, schemeColors } from './heatmapColors';
import type { Series } from './panelQueries';
import { align, MAX_LINES } from './shape';
import { isObject, num, str, type Json } from './source';
import type { HeatmapContent } from './types';

export interface ShapedHeatmap {
  content: HeatmapContent;
  /** What made series unusable: shown in the panel's corner. */
  errors: string[];
  notes: string[];
}

/** Grafana hides cells of this count and below unless the panel's `filterValues.le` says otherwise. */
const DEFAULT_HIDE_BELOW = 1e-9;

function obj(v: unknown): Json {
  return isObject(v) ? v : {};
}

/** A bucket bound from an `le` label: a number, or +Inf; undefined when it is neither. */
export function parseLe(le: string): number | undefined {
  const t = le.trim();
  if (/^\+?inf$/i.test(t)) {
    return Infinity;
  }
  const n = t === '' ? NaN : Number(t);
  return Number.isFinite(n) ? n : undefined;
}

interface Bucket {
  bound: number;
  members: Series[];
}

/** Each query's series by bucket bound (several series of one bound are added up), and what did not fit. */
function groupBuckets(series: Series[]): { byQuery: Map<string, Map<number, Bucket>>; missing: Set<string>; bad: Set<string> } {
  const byQuery = new Map<string, Map<number, Bucket>>();
  const missing = new Set<string>();
  const bad = new Set<string>();
  for (const s of series) {
    const le = s.labels.le;
    if (le === undefined) {
      missing.add(s.refId);
      continue;
    }
    const bound = parseLe(le);
    if (bound === undefined) {
      bad.add(le);
      continue;
    }
    const buckets = byQuery.get(s.refId) ?? new Map<number, Bucket>();
    byQuery.set(s.refId, buckets);
    const b = buckets.get(bound) ?? { bound, members: [] };
    b.members.push(s);
    buckets.set(bound, b);
  }
  return { byQuery, missing, bad };
}

/** Adds up columns; a time where no column has a sample stays null. */
function sum(columns: (number | null)[][], length: number): (number | null)[] {
  return Array.from({ length }, (_, t) => {
    const vs = columns.map((c) => c[t]).filter((v): v is number => v !== null);
    return vs.length ? vs.reduce((a, b) => a + b, 0) : null;
  });
}

/** Cumulative rows (lowest bound first) to per-bucket rows: each minus the one below (a missing one counts 0). */
export function deaccumulate(rows: (number | null)[][]): (number | null)[][] {
  return rows.map((row, i) => (i === 0 ? row : row.map((v, t) => (v === null ? null : v - (rows[i - 1][t] ?? 0)))));
}

function colorsOf(panel: Json): { colors: ReturnType<typeof schemeColors>; exponent: number; min?: number; max?: number } {
  const c = obj(panel.color ?? obj(panel.options).color);
  const legacy = panel.dataFormat !== undefined || str(c.colorScheme) !== undefined;
  const steps = num(c.steps) ?? 64;
  const opacity = c.mode === 'opacity';
  const colors = opacity ? opacityColors(str(legacy ? c.cardColor : c.fill), steps) : schemeColors(str(legacy ? c.colorScheme : c.scheme), steps, c.reverse === true);
  const linear = legacy ? c.colorScale === 'linear' : c.scale === 'linear';
  return { colors, exponent: linear ? 1 : (num(c.exponent) ?? 0.5), min: num(c.min), max: num(c.max) };
}

/** The y axis labels: each bound in the axis unit (`+Inf` as such). */
function labels(panel: Json, bounds: number[]): string[] {
  const axis = obj(panel.dataFormat !== undefined ? panel.yAxis : obj(panel.options).yAxis);
  const unit = str(axis.unit) ?? str(axis.format);
  const decimals = num(axis.decimals);
  return bounds.map((b) => (b === Infinity ? '+Inf' : unit ? formatValue(b, unit, decimals) : fixed(b, decimals)));
}

export function shapeHeatmap(panel: Json, series: Series[]): ShapedHeatmap {
  const errors: string[] = [];
  const notes: string[] = [];
  const targets = Array.isArray(panel.targets) ? panel.targets.filter(isObject) : [];
  const { byQuery, missing, bad } = groupBuckets(series);
  if (missing.size) {
    const calculate = obj(panel.options).calculate === true || panel.dataFormat === 'timeseries';
    errors.push(
      `Query ${[...missing].join(', ')} returns series without an "le" label: the preview draws a heatmap from histogram buckets ` +
        `(a _bucket metric kept "by (le)", format Heatmap)${calculate ? ', it does not calculate buckets from plain series' : ''}.`,
    );
  }
  if (bad.size) {
    errors.push(`Bucket bounds must be numbers or +Inf; left out: le="${[...bad].slice(0, 5).join('", "')}".`);
  }
  const all = [...byQuery.values()].flatMap((buckets) => [...buckets.values()].flatMap((b) => b.members));
  const { times, columns } = align(all);
  const column = new Map(all.map((s, i) => [s, columns[i]]));
  const rowsByBound = new Map<number, (number | null)[][]>();
  for (const [refId, buckets] of byQuery) {
    const sorted = [...buckets.values()].sort((a, b) => a.bound - b.bound);
    if (sorted.some((b) => b.members.length > 1)) {
      notes.push(`Query ${refId} returns several series per bucket; they are added up (sum by (le) gives one each).`);
    }
    const cumulative = sorted.map((b) => sum(b.members.map((m) => column.get(m)!), times.length));
    const format = str(targets.find((t, i) => (str(t.refId) ?? String.fromCharCode(65 + (i % 26))) === refId)?.format);
    const rows = format === 'heatmap' ? deaccumulate(cumulative) : cumulative;
    if (format !== 'heatmap') {
      notes.push(`Query ${refId} is not of format Heatmap: its buckets are drawn as returned (cumulative), not per bucket.`);
    }
    sorted.forEach((b, i) => rowsByBound.set(b.bound, [...(rowsByBound.get(b.bound) ?? []), rows[i]]));
  }
  const bounds = [...rowsByBound.keys()].sort((a, b) => a - b);
  const shown = bounds.slice(0, MAX_LINES);
  const counts = shown.map((b) => sum(rowsByBound.get(b)!, times.length));
  return { content: content(panel, times, labels(panel, shown), counts, bounds.length - shown.length, notes), errors, notes };
}

function content(panel: Json, times: number[], buckets: string[], counts: (number | null)[][], truncated: number, notes: string[]): HeatmapContent {
  const { colors, exponent, min, max } = colorsOf(panel);
  if (colors.unknownScheme) {
    notes.push(`The colour scheme "${colors.unknownScheme}" is drawn as Oranges.`);
  }
  const hideBelow = num(obj(obj(panel.options).filterValues).le) ?? DEFAULT_HIDE_BELOW;
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of counts.flat()) {
    if (v !== null && v > hideBelow) {
      [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  }
  lo = min ?? (lo === Infinity ? 0 : lo);
  hi = max ?? (hi === -Infinity ? 1 : hi);
  return {
    kind: 'heatmap',
    times,
    buckets,
    counts,
    colors: colors.colors,
    invertOnDark: colors.invertOnDark,
    min: lo,
    max: hi > lo ? hi : lo + 1,
    exponent,
    hideBelow,
    legend: obj(obj(panel.options).legend).show !== false && obj(panel.legend).show !== false,
    ...(truncated > 0 ? { truncated } : {}),
  };
}
