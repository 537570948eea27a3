/**
 * The values the evaluation engine works with, as promql/value.go defines them (floats only: native histograms are
 * not supported by the built-in engine), and the options and errors of an evaluation.
 */
import type { Span } from '../../promql/types';
import type { Labels } from '../labels';

/** A float sample of an instant vector. `t` is the time the sample was taken, for `timestamp()`; else absent. */
export interface Sample {
  labels: Labels;
  v: number;
  t?: number;
}

export interface Point {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export interface Series {
  labels: Labels;
  points: Point[];
}

export type Value =
  | { type: 'scalar'; v: number }
  | { type: 'string'; v: string }
  | { type: 'vector'; samples: Sample[] }
  | { type: 'matrix'; series: Series[] };

export interface EngineOptions {
  /** How far back an instant selector looks for a sample (Prometheus's `--query.lookback-delta`); default 5 minutes. */
  lookbackMs?: number;
  /** The step of subqueries written without one (`x[5m:]`); promtool uses the test file's evaluation_interval. Default 1 minute. */
  subqueryStepMs?: number;
  /** Called now and then during evaluation; throw from it to stop (cancellation, time limits). */
  checkpoint?: () => void;
}

/** An evaluation failure, with Prometheus's message and, when known, the sub-expression it concerns. */
export class EvalError extends Error {
  constructor(
    message: string,
    readonly span?: Span,
  ) {
    super(message);
    this.name = 'EvalError';
  }
}
