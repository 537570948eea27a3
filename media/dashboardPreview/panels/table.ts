// Table panels: label columns and the value, as text.
import type { PanelContent } from '../../../server/src/core/dashboardPreview/types';
import { el } from '../dom';

export function renderTable(c: Extract<PanelContent, { kind: 'table' }>): HTMLElement {
  const head = el('tr', {}, ...c.columns.map((name) => el('th', { text: name })));
  const body = c.rows.map((r) => el('tr', {}, ...r.map((cell, i) => el('td', { text: cell, className: i >= c.columns.length - 1 ? 'num' : undefined }))));
  const note = c.truncated ? el('p', { className: 'muted', text: `${c.truncated} more rows not shown.` }) : undefined;
  return el('div', { className: 'table-wrap' }, el('table', {}, el('thead', {}, head), el('tbody', {}, ...body)), note);
}
