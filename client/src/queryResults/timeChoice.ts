// The panel's time controls as query parameters: an instant query's time, or a range query's window and step.
import type { TimeWindow } from '../../../server/src/core/query/types';
import { lastWindow, parseDurationSeconds, parseTime } from '../../../server/src/core/query/window';
import type { TimeChoice } from './messages';

const LAST_SECONDS: Record<Exclude<TimeChoice['last'], 'custom'>, number> = { '5m': 300, '1h': 3600, '6h': 21600, '24h': 86400 };

/** `{ time }` or `{ range }` for the choice at `now` (unix seconds), or `{ error }` saying which control is wrong. */
export function timeParams(choice: TimeChoice, now: number): { time: number } | { range: TimeWindow } | { error: string } {
  let step: number | undefined;
  if (choice.step.trim()) {
    step = parseDurationSeconds(choice.step);
    if (step === undefined || step <= 0) {
      return { error: `step "${choice.step}" is not a duration such as 15s, 1m or 1h` };
    }
  }
  const custom = choice.last === 'custom';
  const end = custom && choice.to.trim() ? parseTime(choice.to, now) : now;
  if (end === undefined) {
    return { error: `"${choice.to}" is not a time (now, now-1h, 2024-05-01T12:00 or unix seconds)` };
  }
  if (choice.mode === 'instant') {
    return { time: end };
  }
  if (choice.last !== 'custom') {
    return { range: lastWindow(LAST_SECONDS[choice.last], end, step) };
  }
  const start = parseTime(choice.from, now);
  if (start === undefined || start >= end) {
    return { error: start === undefined ? `"${choice.from}" is not a time` : 'the start of the range must be before its end' };
  }
  return { range: lastWindow(end - start, end, step) };
}
