// The options of a Prometheus `query` variable, as Grafana's Prometheus data source finds them
// (metric_find_query.ts): `label_names([selector])`, `label_values([selector,] label)`, `metrics(regex)`,
// `query_result(expr)`, and any other text as a series selector; then the variable's `regex` picks or rewrites
// each value and `sort` orders them.
import type { PrometheusApi } from '../prometheus/client';
import type { Labels } from '../prometheus/types';
import type { VariableOption } from './types';

export interface VariableQueryContext {
  api: PrometheusApi;
  /** Unix seconds: the dashboard's time range, which bounds label lookups. */
  start: number;
  end: number;
  signal?: AbortSignal;
}

const LABEL_NAMES = /^label_names\(\s*(.*?)\s*\)\s*$/s;
const LABEL_VALUES = /^label_values\(\s*(?:(.+?)\s*,\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$/s;
const METRICS = /^metrics\(\s*(.*?)\s*\)\s*$/s;
const QUERY_RESULT = /^query_result\(\s*(.+)\s*\)\s*$/s;

function seriesText(labels: Labels): string {
  const { __name__: name = '', ...rest } = labels;
  return `${name}{${Object.entries(rest)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;
}

/** The raw values a variable query yields (before `regex` and `sort`). */
export async function runVariableQuery(query: string, ctx: VariableQueryContext): Promise<string[]> {
  const window = { start: ctx.start * 1000, end: ctx.end * 1000, signal: ctx.signal };
  const q = query.trim();
  let m: RegExpExecArray | null;
  if ((m = LABEL_NAMES.exec(q))) {
    return ctx.api.labelNames({ ...window, match: m[1] ? [m[1]] : undefined });
  }
  if ((m = LABEL_VALUES.exec(q))) {
    return ctx.api.labelValues(m[2], { ...window, match: m[1] ? [m[1]] : undefined });
  }
  if ((m = METRICS.exec(q))) {
    const names = await ctx.api.labelValues('__name__', window);
    const re = m[1] ? new RegExp(m[1]) : undefined;
    return re ? names.filter((n) => re.test(n)) : names;
  }
  if ((m = QUERY_RESULT.exec(q))) {
    const r = await ctx.api.query(m[1], { time: ctx.end * 1000, signal: ctx.signal });
    if (r.resultType === 'vector') {
      return r.result.map((s) => `${seriesText(s.metric)} ${s.value?.[1] ?? ''} ${Math.round((s.value?.[0] ?? 0) * 1000)}`);
    }
    return r.resultType === 'scalar' || r.resultType === 'string' ? [`${r.result[1]} ${Math.round(r.result[0] * 1000)}`] : [];
  }
  if (!q) {
    return [];
  }
  return (await ctx.api.series([q], window)).map(seriesText);
}

/** Grafana's `/pattern/flags` (or a bare pattern) as a RegExp; throws a readable error when it is not one. */
export function variableRegex(text: string): RegExp {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(text);
  try {
    return m ? new RegExp(m[1], m[2].replace('g', '')) : new RegExp(text);
  } catch (e) {
    throw new Error(`the variable's regex ${text} is not a valid regular expression: ${(e as Error).message}`);
  }
}

/** Values through the regex (a `text`/`value` named group or the first group picks the part), de-duplicated. */
export function applyRegex(values: string[], regex: string | undefined): VariableOption[] {
  const re = regex ? variableRegex(regex) : undefined;
  const seen = new Set<string>();
  const out: VariableOption[] = [];
  for (const raw of values) {
    let value = raw;
    let text = raw;
    if (re) {
      const m = re.exec(raw);
      if (!m) {
        continue;
      }
      if (m.groups && (m.groups.value !== undefined || m.groups.text !== undefined)) {
        value = m.groups.value ?? m.groups.text;
        text = m.groups.text ?? value;
      } else if (m.length > 1 && m[1] !== undefined) {
        value = text = m[1];
      }
    }
    if (!seen.has(value)) {
      seen.add(value);
      out.push({ text, value });
    }
  }
  return out;
}

function firstNumber(s: string): number {
  const m = /-?\d+(\.\d+)?/.exec(s);
  return m ? Number(m[0]) : -Infinity;
}

const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Grafana's `sort`: 1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive, 7/8 natural; odd ascending. */
export function sortOptions(options: VariableOption[], sort: number): VariableOption[] {
  if (!sort || sort < 1 || sort > 8) {
    return options;
  }
  const by: Record<number, (a: string, b: string) => number> = {
    1: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    3: (a, b) => firstNumber(a) - firstNumber(b),
    5: (a, b) => a.toLowerCase().localeCompare(b.toLowerCase()),
    7: (a, b) => natural.compare(a, b),
  };
  const compare = by[sort % 2 ? sort : sort - 1];
  const sorted = [...options].sort((a, b) => compare(a.text, b.text));
  return sort % 2 ? sorted : sorted.reverse();
}
