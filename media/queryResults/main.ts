// The results panel's page: shows what the host posts (a run's result or error) and sends back the time controls
// and copy requests. It never fetches anything itself.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import type { QueryFailure, QuerySuccess } from '../../server/src/core/query/types';
import type { BacktestView, HostMessage, ResultView, TimeChoice, WebviewMessage } from '../../client/src/queryResults/messages';
import { el } from './dom';
import { renderGraph } from './graph';
import { renderTable } from './table';
import { renderBacktestHeader, renderTimeline } from './timeline';

declare function acquireVsCodeApi(): { postMessage(m: WebviewMessage): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let view: ResultView | undefined;

function send(m: WebviewMessage): void {
  vscode.postMessage(m);
}

function select<T extends string>(id: string, value: T, options: [T, string][]): HTMLSelectElement {
  const s = el('select', { title: id }, ...options.map(([v, label]) => Object.assign(el('option', { text: label }), { value: v })));
  s.id = id;
  s.value = value;
  return s;
}

function input(id: string, value: string, placeholder: string, size: number): HTMLInputElement {
  const i = Object.assign(el('input'), { id, value, placeholder, size, type: 'text' });
  i.setAttribute('aria-label', id);
  return i;
}

/** The time controls; changing them (or pressing Run) asks the host to run the expression again. */
function controls(choice: TimeChoice, canCopy: boolean): HTMLElement {
  const mode = select('mode', choice.mode, [
    ['instant', 'Instant'],
    ['range', 'Range'],
  ]);
  const last = select('last', choice.last, [
    ['5m', 'Last 5 minutes'],
    ['1h', 'Last hour'],
    ['6h', 'Last 6 hours'],
    ['24h', 'Last 24 hours'],
    ['custom', 'Custom'],
  ]);
  const from = input('from', choice.from, 'now-1h', 16);
  const to = input('to', choice.to, 'now', 16);
  const step = input('step', choice.step, 'auto', 6);
  const custom = el('span', { className: 'custom' }, from, ' to ', to);
  const sync = () => {
    custom.hidden = last.value !== 'custom';
    from.disabled = mode.value === 'instant';
    step.disabled = mode.value === 'instant';
  };
  sync();
  const read = (): TimeChoice => ({ mode: mode.value as TimeChoice['mode'], last: last.value as TimeChoice['last'], from: from.value, to: to.value, step: step.value });
  const run = el('button', { text: 'Run', className: 'primary' });
  run.addEventListener('click', () => send({ type: 'rerun', choice: read() }));
  for (const s of [mode, last]) {
    s.addEventListener('change', () => {
      sync();
      if (last.value !== 'custom') {
        send({ type: 'rerun', choice: read() });
      }
    });
  }
  for (const i of [from, to, step]) {
    i.addEventListener('keydown', (e) => e.key === 'Enter' && send({ type: 'rerun', choice: read() }));
  }
  const csv = el('button', { text: 'Copy CSV' });
  const json = el('button', { text: 'Copy JSON' });
  csv.disabled = json.disabled = !canCopy;
  csv.addEventListener('click', () => send({ type: 'copy', format: 'csv' }));
  json.addEventListener('click', () => send({ type: 'copy', format: 'json' }));
  return el('div', { className: 'controls' }, mode, last, custom, el('label', { text: 'Step ' }, step), run, csv, json);
}

function notes(r: QuerySuccess): HTMLElement | undefined {
  const items = [
    ...r.warnings.map((w) => el('li', { className: 'warning', text: `Warning: ${w}` })),
    ...r.infos.map((w) => el('li', { text: `Info: ${w}` })),
    ...r.substituted.map((v) =>
      el('li', { className: v.concrete ? undefined : 'warning', text: `$${v.name} → ${v.value}${v.concrete ? '' : ' (no value in the dashboard: a stand-in)'}` }),
    ),
  ];
  if (r.seriesCount > r.series.length) {
    items.push(el('li', { className: 'warning', text: `Prometheus returned ${r.seriesCount} series; only the first ${r.series.length} are shown.` }));
  }
  return items.length ? el('ul', { className: 'notes' }, ...items) : undefined;
}

function failure(f: QueryFailure): HTMLElement {
  const pointer =
    f.query !== undefined && f.queryOffset !== undefined
      ? el('pre', { className: 'query' }, f.query.slice(0, f.queryOffset), el('mark', { text: f.query.slice(f.queryOffset, f.queryOffset + 1) || ' ' }), f.query.slice(f.queryOffset + 1))
      : undefined;
  return el('div', { className: 'error' }, el('p', { text: f.errorType ? `${f.errorType}: ${f.message}` : f.message }), pointer);
}

function header(v: ResultView): HTMLElement {
  const r = v.response;
  const where = [v.source, r.connection && `${r.connection}${r.url ? ` (${r.url})` : ''}`].filter(Boolean).join(' · ');
  return el(
    'header',
    {},
    el('div', { className: 'muted', text: where }),
    r.ok || r.queryOffset === undefined ? el('pre', { className: 'query', text: r.query ?? '' }) : undefined,
    el('div', { className: r.ok ? 'summary' : 'summary failed', text: r.summary }),
  );
}

function render(v: ResultView): void {
  const r = v.response;
  const body: (HTMLElement | undefined)[] = [header(v), controls(v.choice, r.ok)];
  if (r.ok) {
    body.push(notes(r), r.resultType === 'matrix' && r.series.length ? renderGraph(r) : undefined, renderTable(r));
  } else {
    body.push(failure(r));
  }
  app.replaceChildren(...body.filter((b): b is HTMLElement => b !== undefined));
}

function renderBacktest(v: BacktestView): void {
  const r = v.response;
  const generate = el('button', { text: 'Generate unit test', className: 'primary', title: 'Write a promtool test case from this history' });
  generate.addEventListener('click', () => send({ type: 'generateTest' }));
  const body = [renderBacktestHeader(v.source, r), r.ok ? el('div', { className: 'controls' }, generate) : undefined, r.ok ? renderTimeline(r) : undefined];
  app.replaceChildren(...body.filter((b): b is HTMLElement => b !== undefined));
}

function status(text: string, className: string): void {
  app.querySelector('.status')?.remove();
  app.prepend(el('div', { className: `status ${className}`, text }));
}

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  switch (m.type) {
    case 'show':
      view = m.view;
      vscode.setState(view);
      render(view);
      break;
    case 'backtest':
      view = undefined;
      vscode.setState({ backtest: m.view });
      renderBacktest(m.view);
      break;
    case 'running':
      status('Running…', 'muted');
      break;
    case 'invalid':
      status(m.message, 'failed');
      break;
  }
});

// A panel brought back from the background rebuilds itself from its saved state, then asks for the latest.
const saved = vscode.getState() as ResultView | { backtest: BacktestView } | undefined;
if (saved && 'backtest' in saved) {
  renderBacktest(saved.backtest);
} else if (saved) {
  view = saved;
  render(view);
}
send({ type: 'ready' });
