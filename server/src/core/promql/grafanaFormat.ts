/**
 * How Grafana turns a variable's value into query text: its format registry (`${var:regex}`, `:pipe`, `:csv` …,
 * @grafana/scenes formatRegistry) and, without a format, the Prometheus data source's `interpolateQueryExpr`
 * (public/app/plugins/datasource/prometheus/datasource.ts, "classic" escaping).
 */

/**
 * A concrete value: one string (single-value variable), several (multi-value: formatted as Grafana's data source
 * would, `(a|b)` by default), or a selection with the variable's options. With `all` (the "All" option selected)
 * `values` holds every option, unless the variable has a custom `allValue`, which Grafana inserts unformatted.
 */
export type VariableValue = string | string[] | VariableSelection;

export interface VariableSelection {
  values: string[];
  multi?: boolean;
  includeAll?: boolean;
  all?: boolean;
  allValue?: string;
}

/**
 * The text Grafana inserts for a value. Without a format, the Prometheus data source's `interpolateQueryExpr`:
 * a single-value variable is escaped for a PromQL string, a multi-value or include-All one is regex-escaped for
 * use inside a string and joined as `(a|b)`. Formats as Grafana's registry defines them; an unknown one is `glob`,
 * as in Grafana (so are `lucene`, `html` and `uriencode`, which have no use in PromQL).
 */
export function formatValue(value: VariableValue, format: string | undefined, name = ''): string {
  const sel: VariableSelection =
    typeof value === 'string' ? { values: [value] } : Array.isArray(value) ? { values: value, multi: true } : value;
  if (sel.all && sel.allValue !== undefined && format !== 'text' && format !== 'queryparam') {
    return sel.allValue;
  }
  const several = sel.multi || sel.includeAll || sel.values.length !== 1;
  const v: string | string[] = several ? sel.values : sel.values[0];
  const list = Array.isArray(v) ? v : [v];
  const [fmt, ...args] = (format ?? '').split(':');
  switch (fmt) {
    case '':
      if (!sel.multi && !sel.includeAll) {
        return list.map(promRegularEscape).join(',');
      }
      return list.length === 1 ? promRegexEscape(list[0]) : `(${list.map(promRegexEscape).join('|')})`;
    case 'regex':
      return list.length === 1 ? escapeRegex(list[0]) : `(${list.map(escapeRegex).join('|')})`;
    case 'pipe':
      return list.join('|');
    case 'csv':
    case 'raw':
      return list.join(',');
    case 'text':
      return sel.all ? 'All' : list.join(' + ');
    case 'json':
      return Array.isArray(v) ? JSON.stringify(v) : v;
    case 'doublequote':
      return list.map((s) => `"${s.replace(/"/g, '\\"')}"`).join(',');
    case 'singlequote':
      return list.map((s) => `'${s.replace(/'/g, "\\'")}'`).join(',');
    case 'sqlstring':
      return list.map((s) => `'${s.replace(/'/g, "''").replace(/"/g, '\\"')}'`).join(',');
    case 'distributed':
      return list.map((s, i) => (i === 0 ? s : `${name}=${s}`)).join(',');
    case 'queryparam':
      return list.map((s) => `var-${name}=${encodeStrict(s)}`).join('&');
    case 'percentencode':
      return encodeStrict(Array.isArray(v) ? `{${v.join(',')}}` : v);
    case 'date':
      return formatDate(list[0], args[0]);
    default:
      return list.length > 1 ? `{${list.join(',')}}` : list.join(',');
  }
}

/** Prometheus data source, single value: escape `\` and `'` for a PromQL string (classic behaviour). */
function promRegularEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

/** Prometheus data source, multi value: regex metacharacters escaped with `\\` so they survive the string. */
function promRegexEscape(s: string): string {
  return s.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]+?.()|]/g, '\\\\$&');
}

/** @grafana/data `escapeRegex`, used by the `regex` format. */
function escapeRegex(s: string): string {
  return s.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

function encodeStrict(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** The `date` format of a millisecond timestamp: `seconds`, `ms`, or ISO 8601 (the default). */
export function formatDate(ms: string, arg: string | undefined): string {
  const n = Number(ms);
  if (!Number.isFinite(n)) {
    return 'NaN';
  }
  return arg === 'seconds' ? String(Math.round(n / 1000)) : arg === 'ms' ? ms : new Date(n).toISOString();
}
