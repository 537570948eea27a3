/**
 * Whether a named time interval holds at a moment (timeinterval/timeinterval.go ContainsTime): one of its
 * periods holds when every part it sets does — times of day (start inclusive, end exclusive), weekdays, days of
 * the month (negative days count from the month's end), months and years — in its `location` (default UTC).
 */
import { getValue, items, type AstNode } from '../../syntax/ast';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

interface Civil {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  weekday: number;
  minutes: number;
  daysInMonth: number;
}

function civilAt(ms: number, zone: string): Civil | undefined {
  let parts: Intl.DateTimeFormatPart[];
  try {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'long' });
    parts = fmt.formatToParts(new Date(ms));
  } catch {
    return undefined;
  }
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const [year, month, day] = [Number(get('year')), Number(get('month')), Number(get('day'))];
  return {
    year,
    month,
    day,
    weekday: WEEKDAYS.indexOf(get('weekday').toLowerCase()),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

function str(node: AstNode | undefined): string {
  return node && (node.type === 'string' || node.type === 'number') ? String(node.value) : '';
}

/** `a` or `a:b`, each side a number or a name from `names` (counted from `base`). */
function ranges(node: AstNode | undefined, names: string[] = [], base = 0): [number, number][] | undefined {
  const list = items(node);
  if (!node || list.length === 0) {
    return undefined;
  }
  const one = (s: string): number => {
    const i = names.indexOf(s.trim().toLowerCase());
    return i >= 0 ? i + base : Number(s);
  };
  return list.map((i) => {
    const [a, b] = str(i).split(':');
    return [one(a), one(b ?? a)];
  });
}

const inAny = (rs: [number, number][] | undefined, v: number): boolean => !rs || rs.some(([a, b]) => a <= v && v <= b);

function minutes(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return h * 60 + m;
}

function periodHolds(period: AstNode, ms: number): boolean {
  const c = civilAt(ms, str(getValue(period, 'location')) || 'UTC');
  if (!c) {
    return false;
  }
  const times = items(getValue(period, 'times'));
  if (times.length > 0 && !times.some((r) => minutes(str(getValue(r, 'start_time'))) <= c.minutes && c.minutes < minutes(str(getValue(r, 'end_time'))))) {
    return false;
  }
  const days = ranges(getValue(period, 'days_of_month'))?.map(([a, b]): [number, number] => [a < 0 ? c.daysInMonth + a + 1 : a, b < 0 ? c.daysInMonth + b + 1 : b]);
  return inAny(ranges(getValue(period, 'weekdays'), WEEKDAYS), c.weekday) && inAny(days, c.day) && inAny(ranges(getValue(period, 'months'), MONTHS, 1), c.month) && inAny(ranges(getValue(period, 'years')), c.year);
}

/** The named intervals of a configuration (`time_intervals` and the older `mute_time_intervals`). */
export function namedIntervals(root: AstNode | undefined): Map<string, AstNode> {
  const out = new Map<string, AstNode>();
  for (const key of ['mute_time_intervals', 'time_intervals']) {
    for (const entry of items(getValue(root, key))) {
      out.set(str(getValue(entry, 'name')), entry);
    }
  }
  return out;
}

/** True when the interval holds at `ms`; undefined when no interval has that name. */
export function intervalHolds(intervals: Map<string, AstNode>, name: string, ms: number): boolean | undefined {
  const entry = intervals.get(name);
  return entry && items(getValue(entry, 'time_intervals')).some((p) => periodHolds(p, ms));
}
