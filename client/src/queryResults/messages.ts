// The messages between the results panel's host (client/src/queryResults/panel.ts) and its webview
// (media/queryResults/): the webview never fetches anything, the host sends it every result.
import type { BacktestResponse } from '../../../server/src/core/backtest/types';
import type { QueryResponse } from '../../../server/src/core/query/types';

/** The time controls of the panel, as the user set them. */
export interface TimeChoice {
  mode: 'instant' | 'range';
  last: '5m' | '1h' | '6h' | '24h' | 'custom';
  /** With `custom`: the start of a range (any time `o11y query` takes, or the input's `YYYY-MM-DDTHH:mm`). */
  from: string;
  /** With `custom`: the end of a range, or the evaluation time of an instant query. */
  to: string;
  /** A duration (`30s`); empty for the automatic step. */
  step: string;
}

export const DEFAULT_TIME_CHOICE: TimeChoice = { mode: 'instant', last: '1h', from: '', to: '', step: '' };

/** What the panel shows: one run and the controls it was run with. */
export interface ResultView {
  /** Where the expression is, e.g. `alerts.yml:12`; empty for a bare expression. */
  source: string;
  choice: TimeChoice;
  response: QueryResponse;
}

/** An alert backtest: its outcome, and where the rule is (`alerts.yml:12`). */
export interface BacktestView {
  source: string;
  response: BacktestResponse;
}

export type HostMessage =
  | { type: 'show'; view: ResultView }
  | { type: 'backtest'; view: BacktestView }
  | { type: 'running' }
  /** The controls could not be turned into a query (a custom time that is not one, say). */
  | { type: 'invalid'; message: string };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'rerun'; choice: TimeChoice }
  | { type: 'copy'; format: 'csv' | 'json' }
  /** "Generate unit test" under a backtest: a test case from the history just shown. */
  | { type: 'generateTest' };
