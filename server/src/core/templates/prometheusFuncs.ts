/**
 * Implementations of Prometheus's template functions (template/template.go, with the algorithms of
 * Prometheus 2.42 that Debian's promtool runs, and later changes where the target version asks for them):
 * humanize*, the query helpers, string and URL helpers, time conversions.
 */
import { queryEscape } from './builtins';
import { GoFuncError } from './values';
import { sprintf } from './fmt';
import { GoTime, UTC, duration, DURATION_TYPE } from './goTime';
import { goMatch, goReplaceAll, regexpCall } from './goRegexp';
import { goQuote } from '../goStrconv';
import { isIP, joinHostPort, splitHostPort } from './hostPort';
import { strconvParseFloat } from './numbers';
import { compareVersions } from './functions';
import { casesTitle, goToLower, goToUpper, stringsTitle } from './textCase';
import {
  GoMap,
  GoNamedInt,
  GoNamedString,
  GoPtr,
  GoSlice,
  GoStruct,
  MAP_STRING_ANY,
  stringMap,
  typeName,
  type GoType,
  type GoValue,
} from './values';
import { compareStrings } from '../goStrconv';

/** One sample of a `query` result. */
export interface QuerySample {
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusEnv {
  /** Runs an instant query at the evaluation time; throw to make `query` fail. */
  query?: (expr: string, timeMs: number) => QuerySample[];
  /** The evaluation time, in milliseconds since the epoch. */
  timeMs: number;
  /** `--web.external-url`. */
  externalURL?: string;
  /** The Prometheus version whose behaviour to follow (default 2.42). */
  version?: string;
}

export type Impl = (args: GoValue[]) => GoValue;

export const SAMPLE_TYPE: GoType = { name: 'template.sample', kind: 'struct' };
const SAMPLE_PTR: GoType = { name: '*template.sample', kind: 'ptr' };
export const QUERY_RESULT_TYPE: GoType = { name: 'template.queryResult', kind: 'slice', underlying: '[]*template.sample' };
const TIME_PTR: GoType = { name: '*time.Time', kind: 'ptr' };
const DURATION_PTR: GoType = { name: '*time.Duration', kind: 'ptr' };
export const HTML_TYPE: GoType = { name: 'template.HTML', kind: 'string', underlying: 'string' };

export function sampleOf(s: QuerySample): GoPtr {
  const fields = new Map<string, GoValue>([
    ['Labels', stringMap(s.labels)],
    ['Value', s.value],
  ]);
  return new GoPtr(SAMPLE_PTR, new GoStruct(SAMPLE_TYPE, fields));
}

/** prometheus/common ConvertToFloat: floats, numeric strings, ints (and durations, in newer versions). */
export function convertToFloat(v: GoValue): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'string') {
    try {
      return strconvParseFloat(v);
    } catch (e) {
      throw new GoFuncError((e as Error).message);
    }
  }
  if (typeof v === 'bigint') {
    return Number(v);
  }
  if (v instanceof GoNamedInt && v.type === DURATION_TYPE) {
    return Number(v.value) / 1e9;
  }
  throw new GoFuncError(`can't convert ${v === undefined || v === null ? '<nil>' : typeName(v)} to float`);
}

const SI_UP = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SI_DOWN = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

/** Scales down by 1000 (or 1024) per prefix while |v| >= base. */
function scaleUp(v: number, base: number, prefixes: string[]): [number, string] {
  let prefix = '';
  for (const p of prefixes) {
    if (Math.abs(v) < base) {
      break;
    }
    prefix = p;
    v /= base;
  }
  return [v, prefix];
}

function scaleDown(v: number): [number, string] {
  let prefix = '';
  for (const p of SI_DOWN) {
    if (Math.abs(v) >= 1) {
      break;
    }
    prefix = p;
    v *= 1000;
  }
  return [v, prefix];
}

export function humanize(arg: GoValue): string {
  const v = convertToFloat(arg);
  if (v === 0 || !Number.isFinite(v)) {
    return sprintf('%.4g', [v]);
  }
  const [x, prefix] = Math.abs(v) >= 1 ? scaleUp(v, 1000, SI_UP) : scaleDown(v);
  return sprintf('%.4g', [x]) + prefix;
}

function humanize1024(arg: GoValue): string {
  const v = convertToFloat(arg);
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) {
    return sprintf('%.4g', [v]);
  }
  const [x, prefix] = scaleUp(v, 1024, ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']);
  return sprintf('%.4g', [x]) + prefix;
}

/** Go's int64(float64) on amd64: truncation, and the "integer indefinite" MinInt64 when out of range. */
function goInt64(v: number): bigint {
  return Math.abs(v) < 2 ** 63 ? BigInt(Math.trunc(v)) : -(1n << 63n);
}

export function humanizeDuration(arg: GoValue): string {
  let v = convertToFloat(arg);
  if (!Number.isFinite(v)) {
    return sprintf('%.4g', [v]);
  }
  if (v === 0) {
    return sprintf('%.4gs', [v]);
  }
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const d = goInt64(v);
    const [seconds, minutes, hours, days] = [d % 60n, (d / 60n) % 60n, (d / 3600n) % 24n, d / 86400n];
    if (days !== 0n) {
      return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    }
    if (hours !== 0n) {
      return `${sign}${hours}h ${minutes}m ${seconds}s`;
    }
    if (minutes !== 0n) {
      return `${sign}${minutes}m ${seconds}s`;
    }
    return `${sign}${sprintf('%.4g', [v])}s`;
  }
  const [x, prefix] = scaleDown(v);
  return `${sprintf('%.4g', [x])}${prefix}s`;
}

/** floatToTime: Unix seconds to a UTC time at millisecond precision (model.TimeFromUnixNano). */
function floatToTime(v: number): GoTime {
  if (!Number.isFinite(v)) {
    throw new GoFuncError('value is NaN or Inf');
  }
  const ts = v * 1e9;
  if (ts > 2 ** 63 || ts < -(2 ** 63)) {
    throw new GoFuncError(`${sprintf('%v', [v])} cannot be represented as a nanoseconds timestamp since it overflows int64`);
  }
  const ms = goInt64(ts) / 1_000_000n;
  return new GoTime(ms * 1_000_000n, UTC);
}

function humanizeTimestamp(arg: GoValue): string {
  const v = convertToFloat(arg);
  if (!Number.isFinite(v)) {
    return sprintf('%.4g', [v]);
  }
  return sprintf('%v', [floatToTime(v)]);
}

/** model.ParseDuration as in prometheus/common 0.39 (Prometheus 2.42): units y w d h m s ms, in that order. */
export function parseDuration(s: string, allowNegative: boolean): number {
  if (allowNegative && s.startsWith('-')) {
    return -parseDuration(s.slice(1), false);
  }
  if (s === '0') {
    return 0;
  }
  if (s === '') {
    throw new GoFuncError('empty duration string');
  }
  const m = /^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$/.exec(s);
  if (!m) {
    throw new GoFuncError(`not a valid duration string: ${goQuote(s)}`);
  }
  const mult = [31536000000n, 604800000n, 86400000n, 3600000n, 60000n, 1000n, 1n];
  let ms = 0n;
  m.slice(1).forEach((n, i) => (ms += n ? BigInt(n) * mult[i] : 0n));
  if (ms * 1_000_000n > (1n << 63n) - 1n) {
    throw new GoFuncError('duration out of range');
  }
  return Number(ms * 1_000_000n) / 1e9;
}

function stripDomain(hostPort: string): string {
  const split = splitHostPort(hostPort);
  const host = split ? split.host : hostPort;
  if (isIP(host)) {
    return hostPort;
  }
  const short = host.split('.')[0];
  return split && split.port !== '' ? joinHostPort(short, split.port) : short;
}

function urlPath(u: string): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*([^?#]*)/.exec(u);
  return m ? decodeURIComponent(m[1]) : '';
}

function sampleField(s: GoValue, field: 'Labels' | 'Value'): GoValue {
  if (!(s instanceof GoPtr) || !(s.target instanceof GoStruct)) {
    throw new GoFuncError('runtime error: invalid memory address or nil pointer dereference');
  }
  return s.target.fields.get(field);
}

/** The functions of Prometheus alert templates, bound to one evaluation. */
export function prometheusImpls(env: PrometheusEnv): Record<string, Impl> {
  const version = env.version ?? '2.42';
  const since = (v: string) => compareVersions(version, v) >= 0;
  return {
    query: ([q]) => {
      if (!env.query) {
        throw new GoFuncError('no query engine');
      }
      const samples = env.query(q as string, env.timeMs);
      return new GoSlice(QUERY_RESULT_TYPE, samples.map(sampleOf), '*template.sample');
    },
    first: ([v]) => {
      const items = (v as GoSlice).items;
      if (items.length === 0) {
        throw new GoFuncError('first() called on vector with no elements');
      }
      return items[0];
    },
    label: ([name, s]) => ((sampleField(s, 'Labels') as GoMap).entries.get(name as string) as string) ?? '',
    value: ([s]) => sampleField(s, 'Value'),
    strvalue: ([s]) => ((sampleField(s, 'Labels') as GoMap).entries.get('__value__') as string) ?? '',
    args: (args) => new GoMap(MAP_STRING_ANY, new Map(args.map((a, i) => [`arg${i}`, a ?? null])), null),
    reReplaceAll: ([p, repl, text]) => regexpCall(() => goReplaceAll(p as string, text as string, repl as string), p as string, true),
    safeHtml: ([t]) => new GoNamedString(HTML_TYPE, t as string),
    match: ([p, text]) => regexpCall(() => goMatch(p as string, text as string), p as string, false),
    title: ([t]) => (since('3.2') ? casesTitle(t as string, true) : stringsTitle(t as string)),
    toUpper: ([t]) => goToUpper(t as string),
    toLower: ([t]) => goToLower(t as string),
    graphLink: ([e]) => `/graph?g0.expr=${queryEscape(e as string)}&g0.tab=0`,
    tableLink: ([e]) => `/graph?g0.expr=${queryEscape(e as string)}&g0.tab=1`,
    sortByLabel: ([label, v]) => {
      const items = [...(v as GoSlice).items];
      const key = (s: GoValue) => ((sampleField(s, 'Labels') as GoMap).entries.get(label as string) as string) ?? '';
      items.sort((a, b) => compareStrings(key(a), key(b)));
      (v as GoSlice).items.splice(0, items.length, ...items);
      return v;
    },
    stripPort: ([hp]) => splitHostPort(hp as string)?.host ?? (hp as string),
    stripDomain: ([hp]) => stripDomain(hp as string),
    humanize: ([v]) => humanize(v),
    humanize1024: ([v]) => humanize1024(v),
    humanizeDuration: ([v]) => humanizeDuration(v),
    humanizePercentage: ([v]) => `${sprintf('%.4g', [convertToFloat(v) * 100])}%`,
    humanizeTimestamp: ([v]) => humanizeTimestamp(v),
    toTime: ([v]) => new GoPtr(TIME_PTR, floatToTime(convertToFloat(v))),
    toDuration: ([v]) => new GoPtr(DURATION_PTR, duration(goInt64(convertToFloat(v) * 1e9))),
    now: () => env.timeMs / 1000,
    pathPrefix: () => urlPath(env.externalURL ?? ''),
    externalURL: () => env.externalURL ?? '',
    parseDuration: ([d]) => parseDuration(d as string, since('3.6')),
    urlQueryEscape: ([s]) => queryEscape(s as string),
  };
}
