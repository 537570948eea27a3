// The data of an inline query run (`o11y/query`), shared by the server, the VS Code client, its results panel and
// the CLI.
import type { Range } from 'vscode-languageserver-types';
import type { PrometheusErrorKind } from '../prometheus/errors';
import type { Labels, SamplePair } from '../prometheus/types';

/** A time range to query over; unix seconds, step in seconds. */
export interface TimeWindow {
  start: number;
  end: number;
  step: number;
}

/** What `o11y/query` takes. */
export interface QueryParams {
  /** The document the expression is in: its kind decides how the string is decoded and whether Grafana variables apply. */
  uri?: string;
  /** The PromQL; may be left out when `uri` and `at` point at an expression of the document (a CodeLens run). */
  expr?: string;
  /** Where the expression (or the selected text) is in the document; errors are placed relative to it. */
  at?: Range;
  /** A range query; without it, an instant query at `time`. */
  range?: TimeWindow;
  /** Evaluation time of an instant query (unix seconds); default now. */
  time?: number;
  /** A connection name; default the active one. */
  connection?: string;
}

export interface QuerySeries {
  labels: Labels;
  /** An instant query's sample. */
  value?: SamplePair;
  /** A range query's samples. */
  values?: SamplePair[];
}

/** A Grafana variable of the expression and the text it was replaced with. */
export interface SubstitutedVariable {
  name: string;
  value: string;
  /** False when the dashboard gives it no value and a stand-in was used. */
  concrete: boolean;
}

export interface QuerySuccess {
  ok: true;
  connection: string;
  url: string;
  /** The PromQL sent, after Grafana variables were substituted. */
  query: string;
  resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  /** At most MAX_SERIES; a scalar or string result is one series without labels. */
  series: QuerySeries[];
  /** How many series Prometheus returned (more than `series.length` when cut). */
  seriesCount: number;
  /** Round trip in milliseconds, as the user waited for it. */
  ms: number;
  warnings: string[];
  infos: string[];
  substituted: SubstitutedVariable[];
  time?: number;
  range?: TimeWindow;
  /** One line for the editor: `→ 3 series · max 0.42 · 12 ms`. */
  summary: string;
}

export type QueryFailureKind = PrometheusErrorKind | 'noExpression' | 'noConnection';

export interface QueryFailure {
  ok: false;
  kind: QueryFailureKind;
  /** For the user; Prometheus's own error text verbatim when it sent one. */
  message: string;
  /** Prometheus's `errorType` (`bad_data`, `execution`, `timeout` …). */
  errorType?: string;
  /** Where the error points in the document (a parse error's position), else the whole expression. */
  at?: Range;
  /** Offset of a parse error in the PromQL sent (`query`), for showing it under the expression. */
  queryOffset?: number;
  query?: string;
  connection?: string;
  url?: string;
  summary: string;
}

export type QueryResponse = QuerySuccess | QueryFailure;

/** More series than this are not sent to an editor: nobody reads them and a webview chokes on them. */
export const MAX_SERIES = 10_000;
