// A query result as text: a table for a terminal, CSV and JSON for copying elsewhere. Used by the CLI and by the
// results panel's "Copy as CSV / JSON".
import type { Labels } from '../prometheus/types';
import { shortNumber } from './summary';
import type { QuerySuccess } from './types';

/** `name{a="1", b="2"}` as Prometheus shows a series (label values escaped as PromQL strings). */
export function seriesName(labels: Labels): string {
  const { __name__: name = '', ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`);
  return pairs.length || !name ? `${name}{${pairs.join(', ')}}` : name;
}

/** Every label name of the result, `__name__` first, the others sorted. */
export function labelColumns(result: Pick<QuerySuccess, 'series'>): string[] {
  const names = new Set<string>();
  result.series.forEach((s) => Object.keys(s.labels).forEach((k) => names.add(k)));
  const sorted = [...names].filter((n) => n !== '__name__').sort();
  return names.has('__name__') ? ['__name__', ...sorted] : sorted;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per sample: the labels, `timestamp` (unix seconds) and `value`, as Prometheus sent it. */
export function toCsv(result: QuerySuccess): string {
  const columns = labelColumns(result);
  const rows = [[...columns, 'timestamp', 'value']];
  for (const s of result.series) {
    const labels = columns.map((c) => s.labels[c] ?? '');
    for (const [t, v] of s.values ?? (s.value ? [s.value] : [])) {
      rows.push([...labels, String(t), v]);
    }
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** The result as the Prometheus API shapes it (`resultType` and `result`), with what was run. */
export function toJson(result: QuerySuccess): string {
  const body =
    result.resultType === 'scalar' || result.resultType === 'string'
      ? result.series[0]?.value
      : result.series.map((s) => (s.values ? { metric: s.labels, values: s.values } : { metric: s.labels, value: s.value }));
  const when = result.range ? { range: result.range } : { time: result.time };
  return JSON.stringify({ query: result.query, ...when, resultType: result.resultType, result: body, warnings: result.warnings }, null, 2) + '\n';
}

function pad(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}

/**
 * A table for a terminal: one row per series with its value (instant), or with its number of points, minimum,
 * maximum and last value (range); a scalar or string on its own.
 */
export function toTable(result: QuerySuccess): string {
  if (result.resultType === 'scalar' || result.resultType === 'string') {
    return `${result.series[0]?.value?.[1] ?? ''}\n`;
  }
  if (!result.series.length) {
    return '(no data)\n';
  }
  if (result.resultType === 'vector') {
    return pad([['SERIES', 'VALUE'], ...result.series.map((s) => [seriesName(s.labels), s.value?.[1] ?? ''])]);
  }
  const rows = result.series.map((s) => {
    const values = (s.values ?? []).map(([, v]) => Number(v)).filter((v) => !Number.isNaN(v));
    const stat = (f: (...n: number[]) => number) => (values.length ? shortNumber(f(...values)) : '');
    return [seriesName(s.labels), String(s.values?.length ?? 0), stat(Math.min), stat(Math.max), s.values?.at(-1)?.[1] ?? ''];
  });
  return pad([['SERIES', 'POINTS', 'MIN', 'MAX', 'LAST'], ...rows]);
}
