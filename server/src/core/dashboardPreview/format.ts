// Numbers as a Grafana panel shows them: the field's unit (Grafana's value formats: scaled SI / IEC prefixes,
// durations, percentages, rates, custom `suffix:` / `prefix:` / `si:` units) and decimals (fixed, or about three
// significant digits when not set). Units the preview does not know are shown after the number, as Grafana does.

const SI = ['p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'];
const IEC = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SHORT = ['', ' K', ' Mil', ' Bil', ' Tri', ' Quadr', ' Quint'];

/** Digits after the point: fixed, or enough for about three significant digits (none for whole numbers). */
export function fixed(v: number, decimals?: number): string {
  if (!Number.isFinite(v)) {
    return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  }
  if (decimals !== undefined) {
    return v.toFixed(Math.min(20, Math.max(0, Math.round(decimals))));
  }
  if (Number.isInteger(v)) {
    return String(v);
  }
  const digits = Math.max(0, Math.min(10, 2 - Math.floor(Math.log10(Math.abs(v)))));
  return String(Number(v.toFixed(digits)));
}

/** `v` scaled by powers of `base` into the prefix list, starting from `offset` in it. */
function scaled(v: number, base: number, prefixes: string[], unit: string, decimals: number | undefined, offset = 0, sep = ' '): string {
  if (!Number.isFinite(v) || v === 0) {
    return `${fixed(v, decimals)}${sep}${prefixes[offset]}${unit}`.trimEnd();
  }
  let i = offset;
  let x = v;
  while (Math.abs(x) >= base && i < prefixes.length - 1) {
    x /= base;
    i++;
  }
  while (Math.abs(x) < 1 && i > 0) {
    x *= base;
    i--;
  }
  return `${fixed(x, decimals)}${sep}${prefixes[i]}${unit}`.trimEnd();
}

function si(v: number, unit: string, decimals: number | undefined, offset = 4): string {
  return scaled(v, 1000, SI, unit, decimals, offset);
}

const TIME_UNITS: [number, string][] = [
  [31536000, 'year'],
  [604800, 'week'],
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'min'],
  [1, 's'],
  [0.001, 'ms'],
  [0.000001, 'µs'],
  [0.000000001, 'ns'],
];

/** A duration given in seconds, in the largest unit where it is at least 1. */
function duration(seconds: number, decimals: number | undefined): string {
  if (!Number.isFinite(seconds) || seconds === 0) {
    return `${fixed(seconds, decimals)} s`;
  }
  const [size, name] = TIME_UNITS.find(([s]) => Math.abs(seconds) >= s) ?? TIME_UNITS.at(-1)!;
  return `${fixed(seconds / size, decimals)} ${name}`;
}

const SECONDS: Record<string, number> = { ns: 1e-9, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400, dtdurations: 1, dtdurationms: 1e-3, clocks: 1, clockms: 1e-3 };

const SUFFIX: Record<string, string> = {
  reqps: ' req/s', rps: ' rd/s', wps: ' wr/s', iops: ' io/s', ops: ' ops/s', cps: ' c/s', eps: ' evt/s', mps: ' msg/s',
  opm: ' ops/min', rpm: ' rd/min', wpm: ' wr/min', cpm: ' c/min', epm: ' evt/min', mpm: ' msg/min', pps: ' p/s',
  celsius: '°C', fahrenheit: '°F', kelvin: ' K', humidity: '%H', dB: ' dB', ppm: ' ppm', pixel: ' px', degree: '°',
};

const SI_UNITS: Record<string, string> = {
  hertz: 'Hz', watt: 'W', voltamp: 'VA', volt: 'V', amp: 'A', ohm: 'Ω', joule: 'J', watth: 'Wh', bps: 'b/s', Bps: 'B/s',
  decbits: 'b', decbytes: 'B', flops: 'FLOP/s', lengthm: 'm', massg: 'g',
};

const IEC_UNITS: Record<string, [string, number]> = {
  bytes: ['B', 0], kbytes: ['B', 1], mbytes: ['B', 2], gbytes: ['B', 3], tbytes: ['B', 4], pbytes: ['B', 5],
  bits: ['b', 0], binBps: ['B/s', 0], binbps: ['b/s', 0], KiBs: ['B/s', 1], MiBs: ['B/s', 2], GiBs: ['B/s', 3],
};

const SI_OFFSET_UNITS: Record<string, [string, number]> = {
  deckbytes: ['B', 5], decmbytes: ['B', 6], decgbytes: ['B', 7], dectbytes: ['B', 8], KBs: ['B/s', 5], MBs: ['B/s', 6],
  GBs: ['B/s', 7], Kbits: ['b/s', 5], Mbits: ['b/s', 6], Gbits: ['b/s', 7], kwatt: ['W', 5], mwatt: ['W', 3],
};

const CURRENCY: Record<string, string> = { currencyUSD: '$', currencyEUR: '€', currencyGBP: '£', currencyJPY: '¥', currencyINR: '₹' };

/** A value with its unit and decimals, as a panel shows it. */
export function formatValue(v: number | null | undefined, unit?: string, decimals?: number): string {
  if (v === null || v === undefined) {
    return 'No data';
  }
  const u = unit ?? '';
  if (u === '' || u === 'none' || u === 'string' || u === 'locale') {
    return fixed(v, decimals);
  }
  const custom = /^(suffix|prefix|si|count|currency):(.*)$/s.exec(u);
  if (custom) {
    const [, kind, text] = custom;
    return kind === 'suffix' ? `${fixed(v, decimals)}${text}` : kind === 'prefix' || kind === 'currency' ? `${text}${fixed(v, decimals)}` : kind === 'si' ? si(v, text, decimals) : scaled(v, 1000, SHORT, ` ${text}`, decimals, 0, '');
  }
  if (u === 'short') {
    return scaled(v, 1000, SHORT, '', decimals, 0, '');
  }
  if (u === 'percent') {
    return `${fixed(v, decimals)}%`;
  }
  if (u === 'percentunit') {
    return `${fixed(v * 100, decimals)}%`;
  }
  if (u in SECONDS) {
    return duration(v * SECONDS[u], decimals);
  }
  if (u in SUFFIX) {
    return `${fixed(v, decimals)}${SUFFIX[u]}`;
  }
  if (u in SI_UNITS) {
    return si(v, SI_UNITS[u], decimals);
  }
  if (u in IEC_UNITS) {
    return scaled(v, 1024, IEC, IEC_UNITS[u][0], decimals, IEC_UNITS[u][1]);
  }
  if (u in SI_OFFSET_UNITS) {
    return si(v, SI_OFFSET_UNITS[u][0], decimals, SI_OFFSET_UNITS[u][1]);
  }
  if (u in CURRENCY) {
    return `${CURRENCY[u]}${scaled(v, 1000, SHORT, '', decimals, 0, '')}`;
  }
  if (u.startsWith('bool')) {
    const [yes, no] = u === 'bool_yes_no' ? ['Yes', 'No'] : u === 'bool_on_off' ? ['On', 'Off'] : ['True', 'False'];
    return v ? yes : no;
  }
  return `${fixed(v, decimals)} ${u}`;
}
