/** What a range function sees besides the samples: the window they were cut from and the evaluation time. */
export interface Window {
  /** Window start and end, milliseconds. */
  start: number;
  end: number;
  rangeMs: number;
  /** The evaluation time, milliseconds. */
  ts: number;
}

/** time.Duration.Seconds() of a duration in milliseconds: whole seconds plus the nanoseconds over 1e9, as Go computes it. */
export function durationSeconds(ms: number): number {
  return Math.trunc(ms / 1000) + ((ms % 1000) * 1e6) / 1e9;
}
