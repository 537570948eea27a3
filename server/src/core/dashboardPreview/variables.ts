// The dashboard's template variables resolved as Grafana resolves them when the dashboard loads: in list order,
// each one's options (a Prometheus lookup for `query` variables, with the earlier variables' values in its
// query; the written list for `custom` and `interval`; the value for `constant` and `textbox`), then its
// selection (the user's, else the saved `current` when still an option, else the first option — "All" when the
// variable has it).
import { substituteVariables, type VariableValue } from '../promql/grafanaVariables';
import { durationText, parseDurationSeconds } from '../query/window';
import { roundIntervalMs } from './intervals';
import { isObject, num, str, type Json } from './source';
import type { VariableOption, VariableView } from './types';
import { applyRegex, sortOptions } from './variableQuery';

export const ALL = '$__all';

export interface VariableContext {
  /** Runs a variable query (see variableQuery.ts); absent when no Prometheus is connected. */
  lookup?: (query: string) => Promise<string[]>;
  start: number;
  end: number;
  /** The user's selections by name. */
  selections?: Record<string, string[]>;
  /** Built-ins (`$__range` …) a query variable may use. */
  builtins: Record<string, string>;
}

export interface ResolvedVariables {
  views: VariableView[];
  /** What each variable inserts into queries and titles. */
  values: Record<string, VariableValue>;
}

/** Grafana's custom list: comma-separated (`\,` escapes a comma), each `value` or `text : value`. */
export function customOptions(query: string): VariableOption[] {
  const parts = query.match(/(?:\\,|[^,])+/g) ?? [];
  return parts
    .map((p) => p.trim().replace(/\\,/g, ','))
    .filter((p) => p !== '')
    .map((p) => {
      const i = p.indexOf(' : ');
      return i >= 0 ? { text: p.slice(0, i).trim(), value: p.slice(i + 3).trim() } : { text: p, value: p };
    });
}

function savedOptions(v: Json): VariableOption[] {
  const options = Array.isArray(v.options) ? v.options : [];
  return options
    .filter(isObject)
    .map((o) => ({ text: String(o.text ?? o.value ?? ''), value: String(Array.isArray(o.value) ? o.value[0] : (o.value ?? '')) }))
    .filter((o) => o.value !== ALL);
}

function savedCurrent(v: Json): string[] {
  const value = isObject(v.current) ? v.current.value : undefined;
  return (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(String);
}

/** The text of a query variable's query: a string, or `{ query }` as newer Grafana saves it. */
function queryText(v: Json): string {
  return str(v.query) ?? (isObject(v.query) ? (str(v.query.query) ?? '') : '');
}

/** `auto` of an interval variable: the range split into `auto_count` steps, rounded, at least `auto_min`. */
function autoInterval(v: Json, ctx: VariableContext): string {
  const count = num(v.auto_count) ?? 30;
  const min = str(v.auto_min) ?? '10s';
  const minMs = (parseDurationSeconds(min) ?? 10) * 1000;
  return durationText(Math.max(roundIntervalMs(((ctx.end - ctx.start) * 1000) / Math.max(1, count)), minMs) / 1000);
}

async function optionsOf(v: Json, type: string, ctx: VariableContext, values: Record<string, VariableValue>): Promise<{ options: VariableOption[]; error?: string }> {
  switch (type) {
    case 'query': {
      const query = substituteVariables(queryText(v), { ...ctx.builtins, ...values }).text;
      if (!ctx.lookup) {
        return { options: savedOptions(v), error: 'No Prometheus is connected: the saved options are shown.' };
      }
      try {
        const raw = await ctx.lookup(query);
        return { options: sortOptions(applyRegex(raw, str(v.regex) || undefined), num(v.sort) ?? 0) };
      } catch (e) {
        return { options: savedOptions(v), error: `${query}: ${(e as Error).message}` };
      }
    }
    case 'custom':
      return { options: customOptions(str(v.query) ?? '') };
    case 'interval': {
      const list = customOptions(str(v.query) ?? '');
      return { options: v.auto === true ? [{ text: 'auto', value: `$__auto_interval_${String(v.name)}` }, ...list] : list };
    }
    case 'constant':
    case 'textbox':
      return { options: [{ text: str(v.query) ?? '', value: str(v.query) ?? '' }] };
    default:
      return { options: savedOptions(v) };
  }
}

/** The selection: the user's, else the saved one, kept only where still an option (a textbox takes anything). */
function select(v: Json, type: string, options: VariableOption[], wanted: string[] | undefined): string[] {
  const includeAll = v.includeAll === true;
  const multi = v.multi === true;
  const valid = (s: string) => (s === ALL ? includeAll : type === 'textbox' || options.some((o) => o.value === s || o.text === s));
  for (const candidate of [wanted, savedCurrent(v)]) {
    if (type === 'textbox' && candidate?.length) {
      return candidate.slice(0, 1);
    }
    const kept = (candidate ?? []).filter(valid).map((s) => options.find((o) => o.text === s && o.value !== s)?.value ?? s);
    if (kept.length) {
      return multi ? kept : kept.slice(0, 1);
    }
  }
  return includeAll ? [ALL] : options.length ? [options[0].value] : [];
}

function insertValue(v: Json, current: string[], options: VariableOption[], ctx: VariableContext): VariableValue {
  const flags = { multi: v.multi === true, includeAll: v.includeAll === true };
  if (current.includes(ALL)) {
    const allValue = str(v.allValue) || undefined;
    return { ...flags, all: true, values: options.map((o) => o.value), allValue: allValue ?? (options.length ? undefined : '.*') };
  }
  return { ...flags, values: current.map((c) => (c.startsWith('$__auto_interval') ? autoInterval(v, ctx) : c)) };
}

export async function resolveVariables(list: Json[], ctx: VariableContext): Promise<ResolvedVariables> {
  const views: VariableView[] = [];
  const values: Record<string, VariableValue> = {};
  for (const v of list) {
    const name = str(v.name);
    const type = str(v.type) ?? 'query';
    if (!name || type === 'adhoc' || type === 'groupby' || type === 'system') {
      continue;
    }
    const { options, error } = await optionsOf(v, type, ctx, values);
    const current = select(v, type, options, ctx.selections?.[name]);
    values[name] = insertValue(v, current, options, ctx);
    views.push({
      name,
      label: str(v.label) || name,
      type,
      hide: type === 'constant' ? 2 : (num(v.hide) ?? 0),
      multi: v.multi === true,
      includeAll: v.includeAll === true,
      options,
      current,
      ...(error ? { error } : {}),
    });
  }
  return { views, values };
}
