// The render model of the dashboard preview: what the server (or `o11y render`) computes from a dashboard's JSON
// and the connected Prometheus, and what the preview page draws. Plain data only, so it travels by postMessage
// and can be inlined into a static page.

/** A panel's place on Grafana's 24-column grid (units: columns, grid rows of 30 px). */
export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Threshold {
  /** Null for the base step (below every other). */
  value: number | null;
  /** A CSS colour (Grafana's named colours resolved). */
  color: string;
}

/** How a panel shows numbers: Grafana's `fieldConfig.defaults` subset the preview understands. */
export interface FieldDisplay {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds: Threshold[];
  /** `thresholds` / `fixed` / palette modes; the preview colours by thresholds or by series. */
  colorMode: string;
  fixedColor?: string;
}

/** One line of a time series panel. */
export interface LineSeries {
  name: string;
  color: string;
  /** Unix seconds, shared by every series of the panel. */
  values: (number | null)[];
  /** Legend figures (`mean`, `max` …) already formatted. */
  calcs: { name: string; text: string }[];
}

/** One number of a stat, gauge or bar gauge. */
export interface ReducedValue {
  name: string;
  value: number | null;
  /** Formatted with unit and decimals. */
  text: string;
  color: string;
  /** The series behind it, for a stat's sparkline; absent otherwise. */
  spark?: (number | null)[];
}

export type PanelContent =
  | {
      kind: 'timeseries';
      times: number[];
      series: LineSeries[];
      unit?: string;
      decimals?: number;
      min?: number;
      max?: number;
      legend: { show: boolean; placement: 'bottom' | 'right'; table: boolean; calcs: string[] };
      /** `bars`, `points` or `line` (Grafana's drawStyle). */
      draw: string;
      fill: number;
      stack: boolean;
      /** Points dropped because a panel drawing more would be unreadable and slow. */
      truncated?: number;
    }
  | {
      kind: 'stat';
      values: ReducedValue[];
      colorMode: 'value' | 'background' | 'none';
      graphMode: 'area' | 'none';
      textMode: 'auto' | 'value' | 'name' | 'value_and_name' | 'none';
      times?: number[];
    }
  | { kind: 'gauge'; values: ReducedValue[]; min: number; max: number; thresholds: Threshold[]; showThresholdMarkers: boolean }
  | {
      kind: 'bargauge';
      values: ReducedValue[];
      min: number;
      max: number;
      orientation: 'horizontal' | 'vertical';
      displayMode: 'basic' | 'gradient' | 'lcd';
    }
  | { kind: 'table'; columns: string[]; rows: string[][]; truncated?: number }
  | HeatmapContent
  | { kind: 'text'; mode: 'markdown' | 'html' | 'code'; content: string }
  | { kind: 'row' }
  | { kind: 'unsupported'; type: string };

/** A heatmap of histogram buckets: a column per time, a row per bucket, each cell coloured by its count. */
export interface HeatmapContent {
  kind: 'heatmap';
  /** Unix seconds, one per column. */
  times: number[];
  /** Each bucket's upper bound (`le`) in the y axis unit, lowest first; `+Inf` last when present. */
  buckets: string[];
  /** Per bucket (same order), per time: the count in that bucket alone, null where there is no sample. */
  counts: (number | null)[][];
  /** Shades from low to high counts (as on a light page) and the scale that picks one for a count. */
  colors: string[];
  invertOnDark: boolean;
  min: number;
  max: number;
  exponent: number;
  /** Cells at or below this count stay empty (Grafana hides those of 1e-9 and less by default). */
  hideBelow?: number;
  legend: boolean;
  /** Buckets left out because there were too many to draw. */
  truncated?: number;
}

/** One panel as the page draws it. */
export interface PanelView {
  /** Stable across edits: `id:<id>` when the panel has one, else its position in the JSON. */
  key: string;
  id?: number;
  type: string;
  /** Variables interpolated (Grafana's `text` format). */
  title: string;
  description?: string;
  /** As the JSON says (missing fields defaulted); the page places it. */
  gridPos: GridPos;
  /** The key of the row this panel belongs to, if any. */
  row?: string;
  /** Rows only: collapsed in the JSON (the page may toggle it). */
  collapsed?: boolean;
  /** Where the panel's object is in the document, for "reveal in JSON". */
  offset: number;
  length: number;
  /** Null while its row is collapsed (nothing queried yet). */
  content: PanelContent | null;
  /** Why the panel could not be drawn as written (a failed query, a bad option); shown in its corner. */
  error?: string;
  /** Lesser remarks: warnings from Prometheus, series cut. */
  notes: string[];
  /** The PromQL sent, per target, after interpolation. */
  queries: string[];
}

export interface VariableOption {
  text: string;
  value: string;
}

export interface VariableView {
  name: string;
  label: string;
  type: string;
  /** 0 shown, 1 label hidden, 2 variable hidden (Grafana's `hide`). */
  hide: number;
  multi: boolean;
  includeAll: boolean;
  options: VariableOption[];
  /** Selected values; `$__all` when "All" is selected. */
  current: string[];
  error?: string;
}

/** The time range of the render, as typed and resolved. */
export interface TimeView {
  from: string;
  to: string;
  /** Unix seconds. */
  start: number;
  end: number;
}

export interface PreviewModel {
  title: string;
  uid?: string;
  time: TimeView;
  /** The dashboard's auto-refresh (`refresh`), e.g. `30s`; empty when off. */
  refresh: string;
  variables: VariableView[];
  panels: PanelView[];
  /** Dashboard-wide remarks: the JSON does not parse (last good render shown), no Prometheus, … */
  problems: string[];
  /** The Prometheus the data came from, for the header. */
  source?: string;
  /** When the data was fetched (unix ms). */
  renderedAt: number;
}

/** What one render is asked for. */
export interface PreviewRequest {
  /** Time range as Grafana writes it: `now-1h`, `now`, RFC 3339, unix seconds; default the dashboard's. */
  from?: string;
  to?: string;
  /** User selections by variable name (`$__all` for All); default the dashboard's `current`. */
  variables?: Record<string, string[]>;
  /** Row key → collapsed, overriding the JSON. */
  rows?: Record<string, boolean>;
  /** Width of the page in CSS pixels; panels' `maxDataPoints` default to their width, as in Grafana. */
  width?: number;
  /** Query even panels of collapsed rows (a static page cannot ask later). */
  allPanels?: boolean;
  /** Re-resolve `now` and drop cached data (the refresh button, or the auto-refresh tick). */
  refresh?: boolean;
}
