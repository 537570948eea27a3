/**
 * Go's time.Time and time.Duration as templates see them: Time.String() (`2006-01-02 15:04:05.999999999 -0700
 * MST`), Time.Format with Go's reference-time layouts (time/format.go nextStdChunk), Duration.String(), and
 * the methods templates call (`.StartsAt.Format "…"`, `.Unix`, `.UTC`, `.Sub` …).
 */
import { GoNamedInt, GoObject, type GoMethod, type GoType } from './values';

export interface Zone {
  name: string;
  /** Seconds east of UTC. */
  offset: number;
}

export const UTC: Zone = { name: 'UTC', offset: 0 };

export class GoTime extends GoObject {
  constructor(
    /** Nanoseconds since the Unix epoch. */
    readonly ns: bigint,
    readonly zone: Zone = UTC,
  ) {
    super(TIME_TYPE);
  }
}

const NS = 1_000_000_000n;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nano: number;
  weekday: number;
  yday: number;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function civil(t: GoTime): Civil {
  const sec = floorDiv(t.ns, NS) + BigInt(t.zone.offset);
  const nano = Number(t.ns - floorDiv(t.ns, NS) * NS);
  const d = new Date(Number(sec) * 1000);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - start) / 86400000) + 1;
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nano,
    weekday: d.getUTCDay(),
    yday,
  };
}

function pad(n: number, width: number, ch = '0'): string {
  const s = String(Math.abs(n)).padStart(width, ch);
  return n < 0 ? `-${s}` : s;
}

/** The next layout element (time/format.go nextStdChunk): [prefix, element, suffix]. */
function nextChunk(layout: string): [string, string, string] | undefined {
  const starts = (i: number, s: string) => layout.startsWith(s, i);
  for (let i = 0; i < layout.length; i++) {
    const at = (s: string): [string, string, string] => [layout.slice(0, i), s, layout.slice(i + s.length)];
    const lowerAfter = (n: number) => /^[a-z]/.test(layout.slice(i + n));
    switch (layout[i]) {
      case 'J':
        if (starts(i, 'January')) return at('January');
        if (starts(i, 'Jan') && !lowerAfter(3)) return at('Jan');
        break;
      case 'M':
        if (starts(i, 'Monday')) return at('Monday');
        if (starts(i, 'Mon') && !lowerAfter(3)) return at('Mon');
        if (starts(i, 'MST')) return at('MST');
        break;
      case '0':
        if (/[1-6]/.test(layout[i + 1] ?? '')) return at(layout.slice(i, i + 2));
        if (starts(i, '002')) return at('002');
        break;
      case '1':
        return at(starts(i, '15') ? '15' : '1');
      case '2':
        return at(starts(i, '2006') ? '2006' : '2');
      case '_':
        if (starts(i, '_2006')) return [layout.slice(0, i + 1), '2006', layout.slice(i + 5)];
        if (starts(i, '_2')) return at('_2');
        if (starts(i, '__2')) return at('__2');
        break;
      case '3':
      case '4':
      case '5':
        return at(layout[i]);
      case 'P':
        if (starts(i, 'PM')) return at('PM');
        break;
      case 'p':
        if (starts(i, 'pm')) return at('pm');
        break;
      case '-':
      case 'Z': {
        const c = layout[i];
        for (const z of ['070000', '07:00:00', '0700', '07:00', '07']) {
          if (starts(i, c + z)) return at(c + z);
        }
        break;
      }
      case '.':
      case ',': {
        const ch = layout[i + 1];
        if (ch === '0' || ch === '9') {
          let j = i + 1;
          while (layout[j] === ch) j++;
          if (!/[0-9]/.test(layout[j] ?? '')) return at(layout.slice(i, j));
        }
        break;
      }
    }
  }
  return undefined;
}

function formatZone(std: string, offset: number): string {
  if (std.startsWith('Z') && offset === 0) {
    return 'Z';
  }
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const [h, m, s] = [Math.floor(abs / 3600), Math.floor(abs / 60) % 60, abs % 60];
  const body = std.slice(1);
  const colon = body.includes(':') ? ':' : '';
  let out = sign + pad(h, 2);
  if (body.length > 2) {
    out += colon + pad(m, 2);
  }
  if (body === '070000' || body === '07:00:00') {
    out += colon + pad(s, 2);
  }
  return out;
}

function formatElement(std: string, c: Civil, zone: Zone): string {
  const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
  const simple: Record<string, () => string> = {
    January: () => MONTHS[c.month - 1],
    Jan: () => MONTHS[c.month - 1].slice(0, 3),
    Monday: () => DAYS[c.weekday],
    Mon: () => DAYS[c.weekday].slice(0, 3),
    '2006': () => pad(c.year, 4),
    '06': () => pad(((c.year % 100) + 100) % 100, 2),
    '01': () => pad(c.month, 2),
    '1': () => String(c.month),
    '02': () => pad(c.day, 2),
    _2: () => pad(c.day, 2, ' '),
    '2': () => String(c.day),
    '002': () => pad(c.yday, 3),
    __2: () => pad(c.yday, 3, ' '),
    '15': () => pad(c.hour, 2),
    '03': () => pad(hour12, 2),
    '3': () => String(hour12),
    '04': () => pad(c.minute, 2),
    '4': () => String(c.minute),
    '05': () => pad(c.second, 2),
    '5': () => String(c.second),
    PM: () => (c.hour >= 12 ? 'PM' : 'AM'),
    pm: () => (c.hour >= 12 ? 'pm' : 'am'),
    MST: () => zone.name || formatZone('-0700', zone.offset),
  };
  if (simple[std]) {
    return simple[std]();
  }
  if (std[0] === '.' || std[0] === ',') {
    const digits = String(c.nano).padStart(9, '0').slice(0, std.length - 1);
    if (std[1] === '0') {
      return std[0] + digits;
    }
    const trimmed = digits.replace(/0+$/, '');
    return trimmed ? std[0] + trimmed : '';
  }
  return formatZone(std, zone.offset);
}

/** Time.Format(layout). */
export function formatTime(t: GoTime, layout: string): string {
  const c = civil(t);
  let out = '';
  for (let chunk = nextChunk(layout); chunk; chunk = nextChunk(layout)) {
    const [prefix, std, suffix] = chunk;
    out += prefix + formatElement(std, c, t.zone);
    layout = suffix;
  }
  return out + layout;
}

/** Time.String(). */
export function timeString(t: GoTime): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let out = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print ||= digit !== 0n;
    if (print) {
      out = String(digit) + out;
    }
    v /= 10n;
  }
  return [print ? `.${out}` : '', v];
}

/** Duration.String(): `1h2m3.5s`, `1.5ms`, `0s`. */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < NS) {
    if (u === 0n) {
      return '0s';
    }
    const [unit, prec] = u < 1000n ? ['ns', 0] : u < 1_000_000n ? ['µs', 3] : ['ms', 6];
    const [frac, rest] = fmtFrac(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) {
        out = `${u}h${out}`;
      }
    }
  }
  return neg ? `-${out}` : out;
}

const DURATION_METHODS: Record<string, GoMethod> = {
  Hours: { params: [], call: (r) => Number(dur(r)) / 3.6e12 },
  Minutes: { params: [], call: (r) => Number(dur(r)) / 6e10 },
  Seconds: { params: [], call: (r) => Number(dur(r)) / 1e9 },
  Milliseconds: { params: [], call: (r) => dur(r) / 1_000_000n },
  Microseconds: { params: [], call: (r) => dur(r) / 1000n },
  Nanoseconds: { params: [], call: (r) => dur(r) },
  String: { params: [], call: (r) => durationString(dur(r)) },
};

export const DURATION_TYPE: GoType = {
  name: 'time.Duration',
  kind: 'int',
  underlying: 'int64',
  methods: DURATION_METHODS,
  stringer: (v) => durationString(dur(v)),
};

function dur(v: GoObject): bigint {
  return (v as GoNamedInt).value;
}

export function duration(ns: bigint): GoNamedInt {
  return new GoNamedInt(DURATION_TYPE, ns);
}

const MONTH_TYPE: GoType = { name: 'time.Month', kind: 'int', stringer: (v) => MONTHS[Number(dur(v)) - 1] ?? `%!Month(${dur(v)})` };
const WEEKDAY_TYPE: GoType = { name: 'time.Weekday', kind: 'int', stringer: (v) => DAYS[Number(dur(v))] ?? `%!Weekday(${dur(v)})` };

function tm(v: GoObject): GoTime {
  return v as GoTime;
}

const TIME_METHODS: Record<string, GoMethod> = {
  Format: { params: ['string'], call: (r, [layout]) => formatTime(tm(r), layout as string) },
  String: { params: [], call: (r) => timeString(tm(r)) },
  Unix: { params: [], call: (r) => floorDiv(tm(r).ns, NS) },
  UnixMilli: { params: [], call: (r) => floorDiv(tm(r).ns, 1_000_000n) },
  UnixNano: { params: [], call: (r) => tm(r).ns },
  UTC: { params: [], call: (r) => new GoTime(tm(r).ns, UTC) },
  Local: { params: [], call: (r) => new GoTime(tm(r).ns, UTC) },
  IsZero: { params: [], call: (r) => tm(r).ns === ZERO_TIME_NS },
  Year: { params: [], call: (r) => BigInt(civil(tm(r)).year) },
  Month: { params: [], call: (r) => new GoNamedInt(MONTH_TYPE, BigInt(civil(tm(r)).month)) },
  Day: { params: [], call: (r) => BigInt(civil(tm(r)).day) },
  Hour: { params: [], call: (r) => BigInt(civil(tm(r)).hour) },
  Minute: { params: [], call: (r) => BigInt(civil(tm(r)).minute) },
  Second: { params: [], call: (r) => BigInt(civil(tm(r)).second) },
  Nanosecond: { params: [], call: (r) => BigInt(civil(tm(r)).nano) },
  YearDay: { params: [], call: (r) => BigInt(civil(tm(r)).yday) },
  Weekday: { params: [], call: (r) => new GoNamedInt(WEEKDAY_TYPE, BigInt(civil(tm(r)).weekday)) },
  Add: { params: ['time.Duration'], call: (r, [d]) => new GoTime(tm(r).ns + (d as GoNamedInt).value, tm(r).zone) },
  Sub: { params: ['time.Time'], call: (r, [u]) => duration(tm(r).ns - (u as GoTime).ns) },
  Before: { params: ['time.Time'], call: (r, [u]) => tm(r).ns < (u as GoTime).ns },
  After: { params: ['time.Time'], call: (r, [u]) => tm(r).ns > (u as GoTime).ns },
  Equal: { params: ['time.Time'], call: (r, [u]) => tm(r).ns === (u as GoTime).ns },
};

/** The zero time.Time (January 1, year 1, UTC) in Unix nanoseconds. */
export const ZERO_TIME_NS = -62135596800n * NS;

export const TIME_TYPE: GoType = { name: 'time.Time', kind: 'struct', methods: TIME_METHODS, stringer: (v) => timeString(tm(v)) };

/** The offset and abbreviation of an IANA zone at an instant, from the platform's time zone data. */
export function zoneAt(name: string, ns: bigint): Zone | undefined {
  if (name === '' || name === 'UTC') {
    return UTC;
  }
  try {
    const ms = Number(floorDiv(ns, 1_000_000n));
    const parts = (style: 'shortOffset' | 'short') =>
      new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: style }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /GMT(?:([+-])(\d+)(?::(\d+))?)?/.exec(parts('shortOffset'));
    const offset = m && m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60) : 0;
    const abbr = parts('short');
    // Go prints tzdata's abbreviation; where the platform has none (`GMT+3`), tzdata's is usually `+03`.
    return { name: abbr.startsWith('GMT') ? formatZone('-07', offset) : abbr, offset };
  } catch {
    return undefined;
  }
}
