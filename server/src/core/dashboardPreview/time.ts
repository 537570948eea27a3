// Grafana's time range text: `now`, `now-6h`, `now-1d/d` (rounded to the start of the day; as the end of a range,
// to its end), an ISO date, or epoch milliseconds as Grafana's URLs carry them (seconds are taken too).
import { parseTime } from '../query/window';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Unix seconds of a Grafana time, or undefined when it is not one. Rounding is done in UTC. */
export function parseGrafanaTime(text: string, nowSeconds: number, isEnd: boolean): number | undefined {
  const t = text.trim();
  const rounded = /^(now(?:[+-]\s*\w+)?)\/([smhdw])$/.exec(t);
  if (rounded) {
    const base = parseGrafanaTime(rounded[1], nowSeconds, isEnd);
    const unit = UNIT_SECONDS[rounded[2]];
    if (base === undefined) {
      return undefined;
    }
    // Weeks start on Monday; the epoch was a Thursday.
    const shift = rounded[2] === 'w' ? 3 * 86400 : 0;
    const start = Math.floor((base + shift) / unit) * unit - shift;
    return isEnd ? start + unit - 1 : start;
  }
  if (/^\d{12,}$/.test(t)) {
    return Number(t) / 1000;
  }
  const relative = /^now\s*([+-])\s*(\d+)([smhdwMy])$/.exec(t);
  if (relative && (relative[3] === 'w' || relative[3] === 'M' || relative[3] === 'y')) {
    const unit = { w: 604800, M: 30 * 86400, y: 365 * 86400 }[relative[3]]!;
    return nowSeconds + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * unit;
  }
  return parseTime(t, nowSeconds);
}

/** A range's two ends as unix seconds, or an error naming the part that is not a time. */
export function resolveRange(from: string, to: string, nowSeconds: number): { start: number; end: number } | { error: string } {
  const start = parseGrafanaTime(from, nowSeconds, false);
  const end = parseGrafanaTime(to, nowSeconds, true);
  if (start === undefined || end === undefined) {
    return { error: `"${start === undefined ? from : to}" is not a time Grafana takes (now, now-6h, now/d, an ISO date or epoch ms).` };
  }
  if (end <= start) {
    return { error: `The time range ends (${to}) before it starts (${from}).` };
  }
  return { start, end };
}

