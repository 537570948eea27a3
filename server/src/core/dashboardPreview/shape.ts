// A panel's series shaped for its type, with Grafana's options and defaults: time series (and the legacy graph)
// as aligned lines with their legend figures, stat / gauge / bar gauge as reduced, formatted, threshold-coloured
// values, tables as label columns and a value, text panels as their content.
import { cssColor, PALETTE, thresholdColor, thresholdSteps } from './colors';
import { formatValue } from './format';
import { reduce, reducerLabel } from './reduce';
import { isObject, num, str, type Json } from './source';
import type { FieldDisplay, LineSeries, PanelContent, ReducedValue } from './types';
import type { Series } from './panelQueries';

/** More lines than this make an unreadable chart and a slow page. */
export const MAX_LINES = 200;
const MAX_ROWS = 1000;

function obj(v: unknown): Json {
  return isObject(v) ? v : {};
}

/** `fieldConfig.defaults` (and the legacy graph's first y axis) as the preview uses it. */
export function fieldDisplay(panel: Json): FieldDisplay {
  const d = obj(obj(panel.fieldConfig).defaults);
  const color = obj(d.color);
  const legacyAxis = Array.isArray(panel.yaxes) ? obj(panel.yaxes[0]) : {};
  return {
    unit: str(d.unit) ?? str(legacyAxis.format),
    decimals: num(d.decimals) ?? num(panel.decimals),
    min: num(d.min) ?? num(legacyAxis.min),
    max: num(d.max) ?? num(legacyAxis.max),
    thresholds: thresholdSteps(d.thresholds),
    colorMode: str(color.mode) ?? (panel.type === 'timeseries' || panel.type === 'graph' ? 'palette-classic' : 'thresholds'),
    fixedColor: str(color.fixedColor),
  };
}

function seriesColor(f: FieldDisplay, i: number, value: number | null): string {
  if (f.colorMode === 'fixed' || f.colorMode === 'shades') {
    return cssColor(f.fixedColor, PALETTE[0]);
  }
  return f.colorMode === 'thresholds' ? thresholdColor(value, f.thresholds) : PALETTE[i % PALETTE.length];
}

/** Every time stamp of the series, and each series' values on them (null where it has no sample). */
export function align(series: Series[]): { times: number[]; columns: (number | null)[][] } {
  const times = [...new Set(series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const ys: (number | null)[] = new Array(times.length).fill(null);
    for (const [t, v] of s.points) {
      ys[index.get(t)!] = v;
    }
    return ys;
  });
  return { times, columns };
}

function legendOf(panel: Json): { show: boolean; placement: 'bottom' | 'right'; table: boolean; calcs: string[] } {
  if (panel.type === 'graph') {
    const l = obj(panel.legend);
    const calcs = (['min', 'max', 'avg', 'current', 'total'] as const).filter((k) => l[k] === true).map((k) => ({ avg: 'mean', current: 'lastNotNull', total: 'sum' })[k as string] ?? k);
    return { show: l.show !== false, placement: l.rightSide === true ? 'right' : 'bottom', table: l.alignAsTable === true, calcs };
  }
  const l = obj(obj(panel.options).legend);
  const mode = str(l.displayMode) ?? 'list';
  const calcs = Array.isArray(l.calcs) ? l.calcs.filter((c): c is string => typeof c === 'string') : [];
  return { show: l.showLegend !== false && mode !== 'hidden', placement: l.placement === 'right' ? 'right' : 'bottom', table: mode === 'table', calcs };
}

function timeseries(panel: Json, series: Series[], f: FieldDisplay): PanelContent {
  const shown = series.slice(0, MAX_LINES);
  const { times, columns } = align(shown);
  const legend = legendOf(panel);
  const custom = obj(obj(obj(panel.fieldConfig).defaults).custom);
  const lines: LineSeries[] = shown.map((s, i) => ({
    name: s.name,
    color: seriesColor(f, i, reduce(columns[i], 'lastNotNull')),
    values: columns[i],
    calcs: legend.calcs.map((c) => ({ name: reducerLabel(c), text: formatValue(reduce(columns[i], c), f.unit, f.decimals) })),
  }));
  const legacy = panel.type === 'graph';
  return {
    kind: 'timeseries',
    times,
    series: lines,
    unit: f.unit,
    decimals: f.decimals,
    min: f.min,
    max: f.max,
    legend,
    draw: legacy ? (panel.bars === true ? 'bars' : panel.points === true && panel.lines === false ? 'points' : 'line') : (str(custom.drawStyle) ?? 'line'),
    fill: legacy ? (num(panel.fill) ?? 1) / 10 : (num(custom.fillOpacity) ?? 0) / 100,
    stack: legacy ? panel.stack === true : (str(obj(custom.stacking).mode) ?? 'none') !== 'none',
    ...(series.length > MAX_LINES ? { truncated: series.length - MAX_LINES } : {}),
  };
}

function reduced(panel: Json, series: Series[], f: FieldDisplay, spark: boolean): ReducedValue[] {
  const calc = (Array.isArray(obj(obj(panel.options).reduceOptions).calcs) ? (obj(obj(panel.options).reduceOptions).calcs as unknown[]) : [])[0];
  const values = series.slice(0, MAX_LINES).map((s, i) => {
    const ys = s.points.map(([, v]) => v);
    const value = reduce(ys, typeof calc === 'string' ? calc : undefined);
    return { name: s.name, value, text: formatValue(value, f.unit, f.decimals), color: seriesColor(f, i, value), ...(spark && ys.length > 1 ? { spark: ys } : {}) };
  });
  return values.length ? values : [{ name: '', value: null, text: 'No data', color: thresholdColor(null, f.thresholds) }];
}

/** A gauge's scale: the field's min/max, a percentage's natural one, else from zero to the largest value. */
function scale(f: FieldDisplay, values: ReducedValue[]): { min: number; max: number } {
  const nums = values.map((v) => v.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const natural = f.unit === 'percent' ? 100 : f.unit === 'percentunit' ? 1 : undefined;
  const min = f.min ?? Math.min(0, ...nums);
  const max = f.max ?? natural ?? Math.max(min + 1, ...nums, ...f.thresholds.map((t) => t.value ?? -Infinity));
  return { min, max: max > min ? max : min + 1 };
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(v as T) ? (v as T) : fallback;
}

function table(series: Series[], f: FieldDisplay): PanelContent {
  const refIds = new Set(series.map((s) => s.refId));
  const labels = [...new Set(series.flatMap((s) => Object.keys(s.labels)))].sort((a, b) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a.localeCompare(b)));
  const valueColumns = [...refIds].map((r) => (refIds.size > 1 ? `Value #${r}` : 'Value'));
  const rows = series.slice(0, MAX_ROWS).map((s) => {
    const value = formatValue(reduce(s.points.map(([, v]) => v), 'lastNotNull'), f.unit, f.decimals);
    return [...labels.map((l) => s.labels[l] ?? ''), ...[...refIds].map((r) => (r === s.refId ? value : ''))];
  });
  return { kind: 'table', columns: [...labels, ...valueColumns], rows, ...(series.length > MAX_ROWS ? { truncated: series.length - MAX_ROWS } : {}) };
}

/** The content of a panel of a type the preview draws; undefined for any other type. */
export function shapePanel(panel: Json, type: string, series: Series[]): PanelContent | undefined {
  const f = fieldDisplay(panel);
  const options = obj(panel.options);
  switch (type) {
    case 'timeseries':
    case 'graph':
      return timeseries(panel, series, f);
    case 'stat': {
      const graphMode = oneOf(options.graphMode, ['area', 'none'] as const, 'area');
      return {
        kind: 'stat',
        values: reduced(panel, series, f, graphMode === 'area'),
        colorMode: oneOf(options.colorMode, ['value', 'background', 'none'] as const, 'value'),
        graphMode,
        textMode: oneOf(options.textMode, ['auto', 'value', 'name', 'value_and_name', 'none'] as const, 'auto'),
      };
    }
    case 'gauge': {
      const values = reduced(panel, series, f, false);
      return { kind: 'gauge', values, ...scale(f, values), thresholds: f.thresholds, showThresholdMarkers: options.showThresholdMarkers !== false };
    }
    case 'bargauge': {
      const values = reduced(panel, series, f, false);
      return {
        kind: 'bargauge',
        values,
        ...scale(f, values),
        orientation: options.orientation === 'vertical' ? 'vertical' : 'horizontal',
        displayMode: oneOf(options.displayMode, ['basic', 'gradient', 'lcd'] as const, 'gradient'),
      };
    }
    case 'table':
      return table(series, f);
    default:
      return undefined;
  }
}
