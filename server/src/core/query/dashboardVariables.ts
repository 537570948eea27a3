// The values Grafana would give a dashboard's variables when a query of it runs: each template variable's saved
// selection (`templating.list[].current`), and the global `$__interval`, `$__rate_interval`, `$__range` … of the
// time window being queried. The variable model is Grafana's dashboard JSON (docs "JSON model", templating).
import type { VariableValue } from '../promql/grafanaVariables';
import { toValue, type ParsedDocument } from '../syntax/ast';
import type { TimeWindow } from './types';
import { durationText } from './window';

/** Grafana's Prometheus data source scrape interval when none is configured (its "Scrape interval" setting). */
const GRAFANA_DEFAULT_SCRAPE_SECONDS = 15;
const ALL = '$__all';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).filter((s): s is string | number => typeof s === 'string' || typeof s === 'number').map(String);
}

/** The dashboard object: the file itself, or its `dashboard` member in the API's export shape. */
function dashboardOf(docs: ParsedDocument[]): Json | undefined {
  const root = toValue(docs[0]?.root);
  if (!isObject(root)) {
    return undefined;
  }
  return isObject(root.dashboard) && !isObject(root.templating) ? root.dashboard : root;
}

export function dashboardTitle(docs: ParsedDocument[]): string | undefined {
  const title = dashboardOf(docs)?.title;
  return typeof title === 'string' ? title : undefined;
}

/** The values of the dashboard's template variables, by name, from what each one has selected. */
export function dashboardVariables(docs: ParsedDocument[], window: TimeWindow): Record<string, VariableValue> {
  const list = dashboardOf(docs)?.templating;
  const vars = isObject(list) && Array.isArray(list.list) ? list.list : [];
  const out: Record<string, VariableValue> = {};
  for (const v of vars) {
    if (!isObject(v) || typeof v.name !== 'string' || v.type === 'adhoc') {
      continue;
    }
    const value = variableValue(v, window);
    if (value !== undefined) {
      out[v.name] = value;
    }
  }
  return out;
}

/** Option values of a variable, without the "All" entry. */
function optionValues(v: Json): string[] {
  const options = Array.isArray(v.options) ? v.options : [];
  return options.flatMap((o) => (isObject(o) ? strings(o.value) : [])).filter((s) => s !== ALL);
}

function variableValue(v: Json, window: TimeWindow): VariableValue | undefined {
  const flags = { multi: v.multi === true, includeAll: v.includeAll === true };
  const current = isObject(v.current) ? strings(v.current.value) : [];
  if (current.includes(ALL)) {
    const allValue = typeof v.allValue === 'string' && v.allValue !== '' ? v.allValue : undefined;
    const values = optionValues(v);
    // A query variable saves no options: with nothing to list, match anything, as its "All" means.
    return { ...flags, all: true, values, allValue: allValue ?? (values.length ? undefined : '.*') };
  }
  let values = current;
  if (!values.length) {
    const options = optionValues(v);
    const query = typeof v.query === 'string' ? v.query : '';
    values = options.length ? options.slice(0, 1) : query && v.type !== 'query' ? [query.split(',')[0].trim()] : [];
  }
  if (!values.length) {
    return undefined;
  }
  // An interval variable on "auto" follows the time window like `$__interval`.
  values = values.map((s) => (v.type === 'interval' && /^\$__auto/.test(s) ? durationText(window.step) : s));
  return { ...flags, values };
}

/**
 * Grafana's global variables for a query over `window`. `$__rate_interval` is Grafana's
 * max(`$__interval` + scrape interval, 4 × scrape interval) (docs "Prometheus template variables").
 */
export function builtinVariables(window: TimeWindow, scrapeSeconds = GRAFANA_DEFAULT_SCRAPE_SECONDS, title?: string): Record<string, string> {
  const rate = Math.max(window.step + scrapeSeconds, 4 * scrapeSeconds);
  const range = Math.max(0, Math.round(window.end - window.start));
  const out: Record<string, string> = {
    __interval: durationText(window.step),
    __interval_ms: String(Math.round(window.step * 1000)),
    __auto: durationText(window.step),
    __rate_interval: durationText(rate),
    __rate_interval_ms: String(Math.round(rate * 1000)),
    __range: `${range}s`,
    __range_s: String(range),
    __range_ms: String(range * 1000),
    __from: String(Math.round(window.start * 1000)),
    __to: String(Math.round(window.end * 1000)),
  };
  if (title !== undefined) {
    out.__dashboard = title;
  }
  return out;
}
