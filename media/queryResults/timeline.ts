// A backtest's firing intervals as a timeline: one row per alert (its labels), a bar per interval along the window,
// drawn in SVG from the numbers the host sent. Hovering a bar shows when it fired and for how long.
import type { BacktestFailure, BacktestSuccess } from '../../server/src/core/backtest/types';
import { el } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const ROW = 14;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, String(v)));
  return node;
}

function when(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function labelText(labels: Record<string, string>): string {
  const { alertname: _, ...rest } = labels;
  const pairs = Object.keys(rest).sort().map((k) => `${k}="${rest[k]}"`);
  return pairs.length ? `{${pairs.join(', ')}}` : '{}';
}

function row(r: BacktestSuccess, series: BacktestSuccess['series'][number]): HTMLElement {
  const span = Math.max(1, r.window.end - r.window.start);
  const bar = svg('svg', { viewBox: `0 0 ${WIDTH} ${ROW}`, preserveAspectRatio: 'none', class: 'timeline-bar', role: 'img' });
  bar.append(svg('rect', { x: 0, y: 0, width: WIDTH, height: ROW, class: 'timeline-track' }));
  for (const i of series.intervals) {
    const x = ((i.start - r.window.start) / span) * WIDTH;
    const w = Math.max(1, ((i.end - i.start) / span) * WIDTH);
    const rect = svg('rect', { x, y: 1, width: w, height: ROW - 2, class: i.open ? 'timeline-firing open' : 'timeline-firing' });
    const title = svg('title', {});
    title.textContent = `firing ${when(i.start)} → ${i.open ? 'still firing at the end' : when(i.end)} (${Math.round(i.end - i.start)} s)`;
    rect.append(title);
    bar.append(rect);
  }
  const name = el('td', { className: 'timeline-labels', text: labelText(series.labels), title: labelText(series.labels) });
  const count = el('td', { className: 'timeline-count', text: `${series.intervals.length}× · ${Math.round(series.firingSeconds)} s` });
  return el('tr', {}, name, el('td', {}, bar), count);
}

export function renderTimeline(r: BacktestSuccess): HTMLElement {
  const facts = [
    `every ${r.window.step} s (${r.intervalSource}${r.aligned ? ', on the server’s own evaluation times' : ''})`,
    `for ${r.forSeconds} s`,
    `keep_firing_for ${r.keepFiringForSeconds} s`,
    `${r.evaluations} evaluations with a result`,
  ];
  const axis = el('tr', { className: 'muted' }, el('td'), el('td', { className: 'timeline-axis' }, el('span', { text: when(r.window.start) }), el('span', { text: when(r.window.end) })), el('td'));
  const rows = r.series.map((s) => row(r, s));
  const table = rows.length ? el('table', { className: 'timeline' }, el('tbody', {}, ...rows, axis)) : el('p', { className: 'muted', text: 'The alert never fired in this window.' });
  const notes = r.notes.length ? el('ul', { className: 'notes' }, ...r.notes.map((n) => el('li', { className: 'warning', text: n }))) : undefined;
  if (r.seriesCount > r.series.length) {
    notes?.append(el('li', { className: 'warning', text: `${r.seriesCount} alerts fired; ${r.series.length} are shown.` }));
  }
  return el('section', { className: 'backtest' }, el('p', { className: 'muted', text: facts.join(' · ') }), notes, table);
}

export function renderBacktestHeader(source: string, r: BacktestSuccess | BacktestFailure): HTMLElement {
  const where = [source, r.connection && `${r.connection}${r.ok ? ` (${r.url})` : ''}`].filter(Boolean).join(' · ');
  const title = r.ok ? `Backtest of ${r.alertname}` : 'Backtest';
  return el(
    'header',
    {},
    el('div', { className: 'muted', text: `${title} · ${where}` }),
    r.ok ? el('pre', { className: 'query', text: r.query }) : undefined,
    el('div', { className: r.ok ? 'summary' : 'summary failed', text: r.summary }),
    r.ok ? undefined : el('div', { className: 'error' }, el('p', { text: r.message })),
  );
}
