import type { Problem } from '../../problem';
import { getValue, items, type AstNode } from '../../syntax/ast';
import { problem, scalarText } from './nodes';

// timeinterval/timeinterval.go: how Alertmanager reads the periods of a time interval, with its wording.

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const TIME = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/;

/** Problems of one entry of `time_intervals` (or `mute_time_intervals`). */
export function timeIntervalProblems(entry: AstNode, text: string, section: string): Problem[] {
  const out: Problem[] = [];
  const name = getValue(entry, 'name');
  // An absent name is the schema's "missing required key"; an empty one is ours.
  if (name && !scalarText(name, text)) {
    const what = section === 'mute_time_intervals' ? 'mute time interval' : 'time interval';
    out.push(problem(name, 'alertmanager/missing-name', `missing name in ${what}`));
  }
  for (const spec of items(getValue(entry, 'time_intervals'))) {
    out.push(...specProblems(spec, text));
  }
  return out;
}

function specProblems(spec: AstNode, text: string): Problem[] {
  const out: Problem[] = [];
  const each = (key: string, check: (s: string) => string | undefined): void => {
    for (const item of items(getValue(spec, key))) {
      const s = scalarText(item, text);
      const err = s === undefined ? undefined : check(s);
      if (err) {
        out.push(problem(item, 'alertmanager/invalid-time-interval', err));
      }
    }
  };
  each('weekdays', weekdayError);
  each('days_of_month', dayOfMonthError);
  each('months', monthError);
  each('years', yearError);
  for (const range of items(getValue(spec, 'times'))) {
    const err = timeRangeError(scalarText(getValue(range, 'start_time'), text) ?? '', scalarText(getValue(range, 'end_time'), text) ?? '');
    if (err) {
      out.push(problem(range, 'alertmanager/invalid-time-interval', err));
    }
  }
  const location = getValue(spec, 'location');
  const loc = scalarText(location, text);
  if (loc !== undefined && !isLocation(loc)) {
    out.push(problem(location!, 'alertmanager/unknown-location', `unknown time zone ${loc}`));
  }
  return out;
}

/** stringableRangeFromString: `a` or `a:b`, lower-cased, each side read by `member`. */
function range(s: string, member: (x: string) => number | string): [number, number] | string {
  const parts = s.toLowerCase().split(':');
  if (parts.length > 2) {
    return `couldn't parse range ${s.toLowerCase()}, invalid format`;
  }
  const values = parts.map(member);
  const bad = values.find((v) => typeof v === 'string');
  if (bad !== undefined) {
    return bad as string;
  }
  return [values[0] as number, values[values.length - 1] as number];
}

/** strconv.Atoi */
function atoi(s: string): number | string {
  return /^[+-]?\d+$/.test(s) ? Number(s) : `strconv.Atoi: parsing "${s}": invalid syntax`;
}

function weekdayError(s: string): string | undefined {
  const r = range(s, (x) => (WEEKDAYS.includes(x) ? WEEKDAYS.indexOf(x) : `${x} is not a valid weekday`));
  if (typeof r === 'string') {
    return r;
  }
  return r[0] > r[1] ? 'start day cannot be before end day' : undefined;
}

function dayOfMonthError(s: string): string | undefined {
  const r = range(s, atoi);
  if (typeof r === 'string') {
    return r;
  }
  const [begin, end] = r;
  for (const d of [begin, end]) {
    if (d === 0 || d < -31 || d > 31) {
      return `${d} is not a valid day of the month: out of range`;
    }
  }
  if (begin < 0 && end > 0) {
    return 'end day must be negative if start day is negative';
  }
  // Negative days are compared as if the month had 28 days.
  const b = begin < 0 ? 28 + begin : begin;
  const e = end < 0 ? 28 + end : end;
  return b > e ? `end day ${end} is always before start day ${begin}` : undefined;
}

function monthError(s: string): string | undefined {
  const r = range(s, (x) => (MONTHS.includes(x) ? MONTHS.indexOf(x) + 1 : typeof atoi(x) === 'number' ? (atoi(x) as number) : `${x} is not a valid month`));
  if (typeof r === 'string') {
    return r;
  }
  if (r[0] > r[1]) {
    return `end month ${MONTHS[r[1] - 1] ?? ''} is before start month ${MONTHS[r[0] - 1] ?? ''}`;
  }
  return undefined;
}

function yearError(s: string): string | undefined {
  const r = range(s, atoi);
  if (typeof r === 'string') {
    return r;
  }
  return r[0] > r[1] ? `end year ${r[1]} is before start year ${r[0]}` : undefined;
}

function minutes(s: string): number | string {
  if (!TIME.test(s)) {
    return `couldn't parse timestamp ${s}, invalid format`;
  }
  const [h, m] = s.split(':').map(Number);
  return h * 60 + m;
}

function timeRangeError(start: string, end: string): string | undefined {
  if (start === '' || end === '') {
    return 'both start and end times must be provided';
  }
  const a = minutes(start);
  const b = minutes(end);
  if (typeof a === 'string') {
    return a;
  }
  if (typeof b === 'string') {
    return b;
  }
  return a >= b ? 'start time cannot be equal or greater than end time' : undefined;
}

/** time.LoadLocation: "", UTC and Local, or a zone of the IANA database (names are case-sensitive there). */
function isLocation(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') {
    return true;
  }
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    // Intl ignores case; the zoneinfo files do not. An alias resolves to another name, whose case we cannot compare.
    return resolved === name || resolved.toLowerCase() !== name.toLowerCase();
  } catch {
    return false;
  }
}
