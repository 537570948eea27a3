// The result as a table: one row per series, a column per label, then the value (instant) or the last value and
// the number of points (range).
import { labelColumns } from '../../server/src/core/query/table';
import type { QuerySuccess } from '../../server/src/core/query/types';
import { el } from './dom';

/** Rows beyond this are left out of the page (the copy buttons still give everything). */
const MAX_ROWS = 2000;

function formatTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, ' UTC');
}

export function renderTable(result: QuerySuccess): HTMLElement {
  if (result.resultType === 'scalar' || result.resultType === 'string') {
    const [t, v] = result.series[0]?.value ?? [0, ''];
    return el('p', { className: 'scalar' }, el('strong', { text: v }), el('span', { className: 'muted', text: ` ${result.resultType} at ${formatTime(t)}` }));
  }
  if (!result.series.length) {
    return el('p', { className: 'muted', text: 'No data: the expression selects no series at this time.' });
  }
  const columns = labelColumns(result);
  const range = result.resultType === 'matrix';
  const head = el('tr', {}, ...columns.map((c) => el('th', { text: c })), ...(range ? [el('th', { className: 'num', text: 'points' }), el('th', { className: 'num', text: 'last' })] : [el('th', { className: 'num', text: 'value' })]));
  const rows = result.series.slice(0, MAX_ROWS).map((s) => {
    const sample = range ? s.values?.at(-1) : s.value;
    const cells = columns.map((c) => el('td', { text: s.labels[c] ?? '' }));
    const value = el('td', { className: 'num', text: sample?.[1] ?? '', title: sample ? formatTime(sample[0]) : undefined });
    return el('tr', {}, ...cells, ...(range ? [el('td', { className: 'num', text: String(s.values?.length ?? 0) })] : []), value);
  });
  const table = el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows));
  const more = result.series.length > MAX_ROWS ? el('p', { className: 'muted', text: `${result.series.length - MAX_ROWS} more series not shown; copy as CSV or JSON for all.` }) : undefined;
  return el('div', { className: 'table' }, table, more);
}
