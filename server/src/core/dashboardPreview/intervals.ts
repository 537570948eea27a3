// `$__interval`, the query step and `$__rate_interval` of a panel, computed as Grafana does:
//   interval = max(roundInterval(range / maxDataPoints), min interval)     (grafana-data rangeutil calculateInterval)
//   step = max(interval, roundInterval(range / 11000)) × intervalFactor    (Prometheus data source, query.go)
//   rate interval = max(interval + scrape interval, 4 × scrape interval)   (docs "Prometheus template variables")
// where maxDataPoints defaults to the panel's width in pixels, the min interval is the target's or panel's
// `interval`, else the data source's scrape interval (Grafana's default 15s); query start and end are aligned
// down to a multiple of the step.
import { builtinVariables } from '../query/dashboardVariables';
import { parseDurationSeconds } from '../query/window';

/** Grafana's round steps (ms): an interval below the first figure becomes the second. */
const ROUND_MS: [number, number][] = [
  [10, 1], [15, 10], [35, 20], [75, 50], [150, 100], [350, 200], [750, 500], [1500, 1000], [3500, 2000],
  [7500, 5000], [12500, 10000], [17500, 15000], [25000, 20000], [45000, 30000], [90000, 60000], [210000, 120000],
  [450000, 300000], [750000, 600000], [1050000, 900000], [1500000, 1200000], [2700000, 1800000],
  [5400000, 3600000], [9000000, 7200000], [16200000, 10800000], [32400000, 21600000], [86400000, 43200000],
  [604800000, 86400000], [1814400000, 604800000], [3628800000, 2592000000],
];
const YEAR_MS = 31536000000;

/** The Prometheus data source never asks for more than this many points per series. */
const SAFE_RESOLUTION = 11000;
export const DEFAULT_SCRAPE_SECONDS = 15;

export function roundIntervalMs(ms: number): number {
  return ROUND_MS.find(([below]) => ms < below)?.[1] ?? YEAR_MS;
}

export interface PanelInterval {
  /** `$__interval`, seconds. */
  interval: number;
  /** The query_range step, seconds. */
  step: number;
  /** `$__rate_interval`, seconds. */
  rateInterval: number;
  /** The scrape interval `$__rate_interval` is built on: the min interval when set, else the data source's. */
  rateBase: number;
  start: number;
  end: number;
}

export interface IntervalInput {
  start: number;
  end: number;
  /** Points wanted: the panel's maxDataPoints, else its width in pixels. */
  maxDataPoints: number;
  /** The panel's or target's `interval` (min interval), as written; a variable in it is ignored, as Grafana does. */
  minInterval?: string;
  intervalFactor?: number;
  scrapeSeconds?: number;
}

/** A `>15s`-style min interval (Grafana allows the `>`), or undefined when absent or not a duration. */
function minSeconds(text: string | undefined): number | undefined {
  const t = text?.trim().replace(/^>/, '');
  return t && !t.includes('$') ? parseDurationSeconds(t) : undefined;
}

export function panelInterval(input: IntervalInput): PanelInterval {
  const rangeMs = Math.max(1, (input.end - input.start) * 1000);
  const scrape = input.scrapeSeconds ?? DEFAULT_SCRAPE_SECONDS;
  const min = minSeconds(input.minInterval);
  const lowLimit = min ?? scrape;
  const intervalMs = Math.max(roundIntervalMs(rangeMs / Math.max(1, input.maxDataPoints)), lowLimit * 1000);
  const factor = input.intervalFactor && input.intervalFactor > 0 ? input.intervalFactor : 1;
  const stepMs = Math.max(intervalMs, roundIntervalMs(rangeMs / SAFE_RESOLUTION)) * factor;
  const step = Math.max(0.001, Math.round(stepMs) / 1000);
  const rateBase = min ?? scrape;
  const interval = intervalMs / 1000;
  return {
    interval,
    step,
    rateInterval: Math.max(interval + rateBase, 4 * rateBase),
    rateBase,
    start: Math.floor(input.start / step) * step,
    end: Math.floor(input.end / step) * step,
  };
}

/** Grafana's global variables of one panel query (`$__interval`, `$__range` …), by name without `$`. */
export function builtins(p: PanelInterval, range: { start: number; end: number }, title: string): Record<string, string> {
  return builtinVariables({ start: range.start, end: range.end, step: p.interval }, p.rateBase, title);
}
