/**
 * Implementations of Alertmanager's template functions (template/template.go DefaultFuncs), and Go's
 * encoding/json for `toJson`.
 */
import { JSON_NAMES } from './alertmanagerData';
import { GoFuncError } from './values';
import { formatFloat } from './goFloat';
import { goMatch, goReplaceAll, regexpCall } from './goRegexp';
import { GoTime, duration, formatTime, zoneAt } from './goTime';
import { fromUtf8, goQuote, utf8Bytes } from '../goStrconv';
import { humanizeDuration, HTML_TYPE, type Impl } from './prometheusFuncs';
import { casesTitle, goToLower, goToUpper } from './textCase';
import { GoMap, GoNamedInt, GoNamedString, GoPtr, GoSlice, GoStruct, SLICE_ANY, SLICE_STRING, MAP_STRING_ANY, sortedKeys, type GoType, type GoValue } from './values';

export interface AlertmanagerEnv {
  /** The current time in Unix nanoseconds (for `now` and `since`); default: the clock. */
  nowNs?: () => bigint;
  /** Route labels for `routeLabels`. */
  routeLabels?: Record<string, string>;
}

const URL_TYPE: GoType = { name: 'template.URL', kind: 'string', underlying: 'string' };

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') {
      out += `\\${ch}`;
    } else if (ch === '\n' || ch === '\r' || ch === '\t') {
      out += ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : '\\t';
    } else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) {
    throw new GoFuncError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  }
  const abs = Math.abs(f);
  const e = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  const s = formatFloat(f, e ? 'e' : 'f', -1);
  return e ? s.replace(/e([+-])0(\d)$/, 'e$1$2') : s;
}

/** encoding/json Marshal of a template value. */
export function toJson(v: GoValue): string {
  if (v === null || v === undefined) {
    return 'null';
  }
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'number':
      return jsonFloat(v);
    case 'bigint':
    case 'boolean':
      return String(v);
  }
  if (v instanceof GoTime) {
    return `"${formatTime(v, '2006-01-02T15:04:05.999999999Z07:00')}"`;
  }
  if (v instanceof GoNamedString) {
    return jsonString(v.value);
  }
  if (v instanceof GoNamedInt) {
    return String(v.value);
  }
  if (v instanceof GoPtr) {
    return toJson(v.target);
  }
  if (v instanceof GoSlice) {
    return `[${v.items.map(toJson).join(',')}]`;
  }
  if (v instanceof GoMap) {
    return `{${sortedKeys(v)
      .map((k) => `${jsonString(k)}:${toJson(v.entries.get(k))}`)
      .join(',')}}`;
  }
  if (v instanceof GoStruct) {
    const names = JSON_NAMES.get(v.type) ?? {};
    return `{${[...v.fields].map(([k, x]) => `${jsonString(names[k] ?? k)}:${toJson(x)}`).join(',')}}`;
  }
  return '{}';
}

/** url.QueryUnescape. */
function queryUnescape(s: string): string {
  const bytes: number[] = [];
  const raw = utf8Bytes(s);
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === 0x25) {
      const hex = String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        const bad = fromUtf8(raw.slice(i, Math.min(i + 3, raw.length)));
        throw new GoFuncError(`invalid URL escape ${goQuote(bad)}`);
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(c === 0x2b ? 0x20 : c);
    }
  }
  return fromUtf8(Uint8Array.from(bytes));
}

function base64Decode(s: string): string {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(s) || s.length % 4 !== 0) {
    const at = s.search(/[^A-Za-z0-9_=-]/);
    throw new GoFuncError(`illegal base64 data at input byte ${at < 0 ? s.length : at}`);
  }
  return fromUtf8(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
}

function base64Encode(s: string): string {
  return btoa(String.fromCharCode(...utf8Bytes(s)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

function dict(values: GoValue[]): GoMap {
  if (values.length % 2 !== 0) {
    throw new GoFuncError('dict requires an even number of arguments');
  }
  const m = new Map<string, GoValue>();
  for (let i = 0; i < values.length; i += 2) {
    if (typeof values[i] !== 'string') {
      throw new GoFuncError('dict keys must be strings');
    }
    m.set(values[i] as string, values[i + 1] ?? null);
  }
  return new GoMap(MAP_STRING_ANY, m, null);
}

/** The functions of Alertmanager notification templates. */
export function alertmanagerImpls(env: AlertmanagerEnv = {}): Record<string, Impl> {
  const now = env.nowNs ?? (() => BigInt(Date.now()) * 1_000_000n);
  return {
    toUpper: ([s]) => goToUpper(s as string),
    toLower: ([s]) => goToLower(s as string),
    title: ([s]) => casesTitle(s as string, false),
    trimSpace: ([s]) => (s as string).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ''),
    join: ([sep, list]) => ((list as GoSlice).items as string[]).join(sep as string),
    match: ([p, s]) => regexpCall(() => goMatch(p as string, s as string), p as string, false),
    safeHtml: ([s]) => new GoNamedString(HTML_TYPE, s as string),
    safeUrl: ([s]) => new GoNamedString(URL_TYPE, s as string),
    urlUnescape: ([s]) => queryUnescape(s as string),
    reReplaceAll: ([p, repl, s]) => regexpCall(() => goReplaceAll(p as string, s as string, repl as string), p as string, true),
    stringSlice: (args) => new GoSlice(SLICE_STRING, args, 'string'),
    routeLabels: ([name]) => env.routeLabels?.[name as string] ?? '',
    date: ([layout, t]) => formatTime(t as GoTime, layout as string),
    tz: ([name, t]) => {
      const zone = zoneAt(name as string, (t as GoTime).ns);
      if (!zone) {
        throw new GoFuncError(`unknown time zone ${name}`);
      }
      return new GoTime((t as GoTime).ns, zone);
    },
    now: () => new GoTime(now()),
    since: ([t]) => duration(now() - (t as GoTime).ns),
    humanizeDuration: ([v]) => humanizeDuration(v),
    toJson: ([v]) => toJson(v),
    base64encode: ([s]) => base64Encode(s as string),
    base64decode: ([s]) => base64Decode(s as string),
    list: (args) => new GoSlice(SLICE_ANY, args.map((a) => a ?? null)),
    append: ([list, ...items]) => new GoSlice(SLICE_ANY, [...(list as GoSlice).items, ...items.map((a) => a ?? null)]),
    dict,
    toDate: () => {
      throw new GoFuncError('toDate is not supported by the o11y evaluator');
    },
    mustToDate: () => {
      throw new GoFuncError('mustToDate is not supported by the o11y evaluator');
    },
  };
}
