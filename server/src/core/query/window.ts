// Time windows and steps of query runs: the step a range gets when none is chosen, durations as Prometheus writes
// them, and the time arguments users type (`now-1h`, RFC 3339, unix seconds).
import { durationMs } from '../schema/formats';
import type { TimeWindow } from './types';

/** About this many points per series when the step is automatic: enough for a graph a few hundred pixels wide. */
const POINTS = 240;
const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

/** The automatic step of a range of `seconds`: the smallest round step giving at most POINTS points. */
export function autoStep(seconds: number): number {
  const want = seconds / POINTS;
  return NICE_STEPS.find((s) => s >= want) ?? Math.ceil(want / 86400) * 86400;
}

/** A window of `seconds` ending at `end`, with its automatic step. */
export function lastWindow(seconds: number, end: number, step?: number): TimeWindow {
  return { start: end - seconds, end, step: step ?? autoStep(seconds) };
}

/** `90` → `90s`, `3600` → `1h`, `0.5` → `500ms`: the shortest exact Prometheus duration. */
export function durationText(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (ms % 1000 !== 0) {
    return `${ms}ms`;
  }
  const s = ms / 1000;
  if (s !== 0 && s % 86400 === 0) {
    return `${s / 86400}d`;
  }
  if (s !== 0 && s % 3600 === 0) {
    return `${s / 3600}h`;
  }
  return s !== 0 && s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}

/** Seconds of a Prometheus duration (`30s`, `1h30m`), or of a plain number of seconds; undefined otherwise. */
export function parseDurationSeconds(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    return Number(t);
  }
  const ms = durationMs(t);
  return ms === undefined ? undefined : ms / 1000;
}

/**
 * Unix seconds of a time as typed: `now`, `now-1h`, an RFC 3339 / ISO 8601 date, or unix seconds (as Prometheus's
 * API takes them). Undefined when it is none of those.
 */
export function parseTime(text: string, nowSeconds: number): number | undefined {
  const t = text.trim();
  const relative = /^now(?:\s*([+-])\s*(.+))?$/.exec(t);
  if (relative) {
    if (!relative[1]) {
      return nowSeconds;
    }
    const d = parseDurationSeconds(relative[2]);
    return d === undefined ? undefined : relative[1] === '-' ? nowSeconds - d : nowSeconds + d;
  }
  if (/^\d+(\.\d+)?$/.test(t)) {
    return Number(t);
  }
  const ms = /^\d{4}-\d{2}-\d{2}/.test(t) ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? undefined : ms / 1000;
}
