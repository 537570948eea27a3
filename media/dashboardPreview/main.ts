// The dashboard preview page: draws the render model the host posts (or, in a page written by `o11y render`, the
// model inlined in it) and sends back the user's variable, time, refresh and row choices and title clicks. It
// never fetches anything itself; every string of the dashboard reaches the page as text, never as HTML.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import type { HostMessage, WebviewMessage } from '../../client/src/dashboardPreview/messages';
import type { PreviewModel } from '../../server/src/core/dashboardPreview/types';
import { el } from './dom';
import { renderGrid } from './grid';
import { renderToolbar } from './toolbar';

interface HostApi {
  postMessage(m: WebviewMessage): void;
  getState(): unknown;
  setState(s: unknown): void;
}

interface State {
  model?: PreviewModel;
  rows: Record<string, boolean>;
}

declare const acquireVsCodeApi: (() => HostApi) | undefined;

const host = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const app = document.getElementById('app')!;
const grid = el('div', { className: 'grid' });
let state: State = { rows: {} };
let status: HTMLElement | undefined;
let timer: ReturnType<typeof setInterval> | undefined;
let renders = 0;
let width = pageWidth();
let resizing: ReturnType<typeof setTimeout> | undefined;

/** Resizes are told to the host once they settle, so dragging the editor's edge does not re-query on every pixel. */
const RESIZE_DEBOUNCE_MS = 300;

function pageWidth(): number {
  return document.documentElement.clientWidth;
}

function send(m: WebviewMessage): void {
  host?.postMessage(m);
}

function setStatus(text: string | undefined, className = 'muted'): void {
  status?.remove();
  status = text ? el('div', { className: `status ${className}`, text }) : undefined;
  if (status) {
    app.prepend(status);
  }
}

function render(): void {
  const model = state.model;
  if (!model) {
    return;
  }
  const scroll = window.scrollY;
  const toolbar = renderToolbar(
    model,
    {
      variables: (values) => send({ type: 'variables', values }),
      time: (from, to) => send({ type: 'time', from, to }),
      refresh: () => send({ type: 'refresh' }),
      autoRefresh: (seconds) => {
        clearInterval(timer);
        timer = seconds > 0 ? setInterval(() => send({ type: 'refresh' }), seconds * 1000) : undefined;
      },
    },
    host !== undefined,
  );
  const problems = model.problems.length ? el('ul', { className: 'problems' }, ...model.problems.map((p) => el('li', { text: p }))) : undefined;
  renderGrid(grid, model, state.rows, {
    toggleRow: (key, collapsed) => {
      state.rows = { ...state.rows, [key]: collapsed };
      save();
      render();
      send({ type: 'rows', rows: state.rows });
    },
    reveal: (p) => send({ type: 'reveal', key: p.key, offset: p.offset, length: p.length }),
  });
  app.replaceChildren(...[toolbar, problems, grid].filter((n): n is HTMLElement => n !== undefined));
  status = undefined;
  window.scrollTo(0, scroll);
  const count = ++renders;
  requestAnimationFrame(() => (document.body.dataset.renders = String(count)));
}

function save(): void {
  host?.setState(state);
}

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  switch (m?.type) {
    case 'model':
      state = { model: m.model, rows: m.rows };
      save();
      render();
      break;
    case 'loading':
      setStatus('Loading…');
      break;
    case 'failed':
      setStatus(m.message, 'failed');
      break;
  }
});

const inlined = document.getElementById('o11y-model');
if (inlined?.textContent) {
  state = { model: JSON.parse(inlined.textContent) as PreviewModel, rows: {} };
  render();
} else {
  const saved = host?.getState() as State | undefined;
  if (saved?.model) {
    state = saved;
    render();
  }
  send({ type: 'ready', width });
}

if (host) {
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      if (pageWidth() !== width && pageWidth() > 0) {
        width = pageWidth();
        send({ type: 'width', width });
      }
    }, RESIZE_DEBOUNCE_MS);
  });
}
