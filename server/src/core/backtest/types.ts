// The data of an alert backtest (`o11y/backtest`) and of a unit test generated from one, shared by the server,
// the VS Code client, its results panel and the tests.
import type { Position, Range } from 'vscode-languageserver-types';

/** What `o11y/backtest` takes. */
export interface BacktestParams {
  /** A rule file open in the editor. */
  uri: string;
  /** A position on the alerting rule (the CodeLens gives the `alert:` key's). */
  at: Position;
  /** How far back to look, as a Prometheus duration (`24h`); default the `o11y.backtest.range` setting. */
  range?: string;
  /** The window's end (unix seconds); default now. */
  end?: number;
  /** The window's start (unix seconds); overrides `range`. */
  start?: number;
  /** A connection name; default the active one. */
  connection?: string;
}

/** One stretch of time an alert was firing; unix seconds. */
export interface FiringInterval {
  /** The first evaluation at which it was firing. */
  start: number;
  /** The first evaluation at which it no longer was, or the window's end when it still fired there. */
  end: number;
  /** Still firing at the window's end. */
  open: boolean;
}

/** The history of one alert (one label set after the rule's labels are applied). */
export interface BacktestSeries {
  labels: Record<string, string>;
  intervals: FiringInterval[];
  /** Seconds spent firing in the window. */
  firingSeconds: number;
}

export interface BacktestSuccess {
  ok: true;
  connection: string;
  url: string;
  alertname: string;
  /** The expression sent to Prometheus. */
  query: string;
  /** The window evaluated, unix seconds; `step` is the evaluation interval in seconds. */
  window: { start: number; end: number; step: number };
  forSeconds: number;
  keepFiringForSeconds: number;
  /** Where the evaluation interval came from, e.g. `the group's interval`, said to the user. */
  intervalSource: string;
  /** True when the steps sit on the times the connected Prometheus evaluates this rule's group. */
  aligned: boolean;
  /** How many times an alert started firing (over every series). */
  firings: number;
  /** Seconds of firing, summed over the series. */
  firingSeconds: number;
  /** Alerts that fired at least once, most firing time first (at most MAX_BACKTEST_SERIES). */
  series: BacktestSeries[];
  /** How many alerts fired (more than `series.length` when cut). */
  seriesCount: number;
  /** Evaluations whose result Prometheus gave (for a user to see how much history there was). */
  evaluations: number;
  /** Milliseconds the backtest took. */
  ms: number;
  /** Notes for the user: Prometheus's warnings, what was approximated, what was cut. */
  notes: string[];
  summary: string;
  /** The rule's range in the document, for placing the result. */
  at: Range;
}

export type BacktestFailureKind = 'noRule' | 'noConnection' | 'badRange' | 'prometheus' | 'evaluation';

export interface BacktestFailure {
  ok: false;
  kind: BacktestFailureKind;
  message: string;
  at?: Range;
  connection?: string;
  summary: string;
}

export type BacktestResponse = BacktestSuccess | BacktestFailure;

/** More alerts than this are not listed (the counts still cover them). */
export const MAX_BACKTEST_SERIES = 200;
/** Prometheus refuses range queries of more than 11,000 points per series; longer windows are asked in chunks. */
export const MAX_POINTS_PER_QUERY = 10_000;
/** Evaluations over this many steps are refused: a 1s interval over a year is not a backtest anyone waits for. */
export const MAX_BACKTEST_STEPS = 1_000_000;
export const DEFAULT_BACKTEST_RANGE = '24h';

/** What `o11y/generateTestFromBacktest` takes: the rule, and the window to turn into input series. */
export interface GenerateTestParams extends BacktestParams {}

/** A test file to create, or a test case to append to an existing one. */
export interface GeneratedTestEdit {
  ok: true;
  /** The test file. */
  uri: string;
  /** True when `uri` does not exist yet: `text` is the whole file; else `text` goes at `insertAt`. */
  create: boolean;
  text: string;
  insertAt?: Position;
  /** Test-file time (seconds from its start) of each eval_time, and how many alerts are expected there. */
  checks: { evalTime: string; alerts: number }[];
  notes: string[];
  summary: string;
}

export type GenerateTestResponse = GeneratedTestEdit | BacktestFailure;
