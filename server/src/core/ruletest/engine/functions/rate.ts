/**
 * rate(), increase(), delta(), irate() and idelta() for floats, as extrapolatedRate and instantValue in
 * promql/functions.go (Prometheus 2.x) compute them, operation for operation so results are bit-identical.
 */
import type { Point } from '../types';
import { durationSeconds, type Window } from './window';

/**
 * The increase over the window, counter resets compensated when `isCounter`, extrapolated towards the window's
 * edges (at most half an average sample interval beyond the first/last sample, never below zero for counters),
 * per second when `isRate`.
 */
export function extrapolatedRate(points: Point[], w: Window, isCounter: boolean, isRate: boolean): number | undefined {
  if (points.length < 2) {
    return undefined;
  }
  const first = points[0];
  const last = points[points.length - 1];
  let result = last.v - first.v;
  if (isCounter) {
    let prev = first.v;
    for (let i = 1; i < points.length; i++) {
      const cur = points[i].v;
      if (cur < prev) {
        result += prev;
      }
      prev = cur;
    }
  }
  let durationToStart = (first.t - w.start) / 1000;
  const durationToEnd = (w.end - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (points.length - 1);
  if (isCounter && result > 0 && first.v >= 0) {
    // A counter cannot go below zero: extrapolate at most to where it would have been zero.
    const durationToZero = sampledInterval * (first.v / result);
    if (durationToZero < durationToStart) {
      durationToStart = durationToZero;
    }
  }
  const threshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval += durationToStart < threshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval += durationToEnd < threshold ? durationToEnd : averageDurationBetweenSamples / 2;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) {
    factor /= durationSeconds(w.rangeMs);
  }
  return result * factor;
}

/** irate()/idelta(): from the last two samples. */
export function instantValue(points: Point[], isRate: boolean): number | undefined {
  if (points.length < 2) {
    return undefined;
  }
  const last = points[points.length - 1];
  const previous = points[points.length - 2];
  let result = isRate && last.v < previous.v ? last.v : last.v - previous.v;
  const sampledInterval = last.t - previous.t;
  if (sampledInterval === 0) {
    return undefined;
  }
  if (isRate) {
    result /= sampledInterval / 1000;
  }
  return result;
}
