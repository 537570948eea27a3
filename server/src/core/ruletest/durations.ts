/**
 * The two duration spellings of promtool's unit-test output: model.Duration (prometheus/common model/time.go,
 * `5m`, `1h30m`, `0s`; test files are written in it) and Go's time.Duration.String() (`5m0s`, used in rule
 * evaluation errors).
 */
import { goQuote } from '../goStrconv';
import { parseDuration } from '../promql/literals';
import { durationString } from '../templates/goTime';

/** model.ParseDuration in milliseconds, or its error text (prometheus/common as Prometheus 2.42 vendors it). */
export function parseModelDuration(text: string): { ms: number } | { error: string } {
  if (text === '') {
    return { error: 'empty duration string' };
  }
  const parsed = parseDuration(text);
  if (parsed.error === 'duration out of range') {
    return { error: parsed.error };
  }
  return parsed.error !== undefined ? { error: `not a valid duration string: ${goQuote(text)}` } : { ms: Math.round(parsed.value * 1000) };
}

const UNITS: [string, number, boolean][] = [
  ['y', 365 * 86_400_000, true],
  ['w', 7 * 86_400_000, true],
  ['d', 86_400_000, false],
  ['h', 3_600_000, false],
  ['m', 60_000, false],
  ['s', 1000, false],
  ['ms', 1, false],
];

/** model.Duration.String(): years and weeks only when they divide the duration exactly. */
export function modelDurationString(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  let rest = ms;
  let out = '';
  for (const [unit, size, exact] of UNITS) {
    if (exact && rest % size !== 0) {
      continue;
    }
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** time.Duration.String() of a span in milliseconds: `0s`, `1m0s`, `1h0m30s`. */
export function goDurationString(ms: number): string {
  return durationString(BigInt(Math.round(ms)) * 1_000_000n);
}
