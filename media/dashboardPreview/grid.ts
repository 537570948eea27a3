// The dashboard grid: panels placed by the shared layout (server/src/core/dashboardPreview/layout.ts) on 24 CSS
// grid columns of 30 px rows, rows as collapsible bars, each panel a frame with its title (a button that asks the
// host to reveal the panel's JSON), an error corner like Grafana's, notes, and its content. Panels whose view did
// not change keep their elements (and charts) across renders.
import { layoutPanels } from '../../server/src/core/dashboardPreview/layout';
import type { PanelContent, PanelView, PreviewModel } from '../../server/src/core/dashboardPreview/types';
import { el } from './dom';
import { renderBarGauge, renderGauge } from './panels/gauge';
import { renderHeatmap } from './panels/heatmap';
import { renderStat } from './panels/stat';
import { renderTable } from './panels/table';
import { renderText } from './panels/text';
import { disposeCharts, mountCharts, renderTimeseries } from './panels/timeseries';

export interface GridActions {
  toggleRow(key: string, collapsed: boolean): void;
  reveal(panel: PanelView): void;
}

type TimeseriesContent = Extract<PanelContent, { kind: 'timeseries' }>;

const shown = new Map<string, { signature: string; node: HTMLElement }>();

function body(p: PanelView, charts: Map<HTMLElement, TimeseriesContent>): HTMLElement {
  const c = p.content;
  if (!c) {
    return el('div', { className: 'muted loading', text: p.error ? '' : 'Loading…' });
  }
  switch (c.kind) {
    case 'timeseries': {
      const node = renderTimeseries(c);
      charts.set(node, c);
      return node;
    }
    case 'stat':
      return renderStat(c);
    case 'gauge':
      return renderGauge(c);
    case 'bargauge':
      return renderBarGauge(c);
    case 'table':
      return renderTable(c);
    case 'heatmap':
      return renderHeatmap(c);
    case 'text':
      return renderText(c);
    case 'unsupported':
      return el('div', { className: 'unsupported', text: `Unsupported panel type "${c.type}": the preview draws timeseries, graph, stat, gauge, bargauge, table, heatmap, text and rows.` });
    default:
      return el('div');
  }
}

function panelFrame(p: PanelView, actions: GridActions, charts: Map<HTMLElement, TimeseriesContent>): HTMLElement {
  const title = el('button', { className: 'panel-title', text: p.title || '\u00a0', title: 'Show this panel in the JSON' });
  title.addEventListener('click', () => actions.reveal(p));
  const header = el('div', { className: 'panel-header' }, title);
  const frame = el('section', { className: `panel type-${p.type.replace(/[^\w-]/g, '_')}` }, header);
  if (p.error) {
    frame.classList.add('has-error');
    header.prepend(el('span', { className: 'panel-error', title: p.error, text: '!' }));
  }
  if (p.description) {
    title.title = `${p.description}\n(click: show this panel in the JSON)`;
  }
  const content = el('div', { className: 'panel-body' }, body(p, charts));
  if (p.error && !p.content) {
    content.append(el('div', { className: 'panel-error-text', text: p.error }));
  }
  frame.append(content);
  if (p.notes.length) {
    frame.append(el('div', { className: 'panel-notes', title: p.notes.join('\n'), text: `ⓘ ${p.notes[0]}${p.notes.length > 1 ? ` (+${p.notes.length - 1})` : ''}` }));
  }
  frame.dataset.key = p.key;
  return frame;
}

function rowBar(p: PanelView, collapsed: boolean, count: number, actions: GridActions): HTMLElement {
  const toggle = el('button', { className: 'row-toggle', text: `${collapsed ? '▸' : '▾'} ${p.title || 'Row'}` });
  toggle.setAttribute('aria-expanded', String(!collapsed));
  toggle.addEventListener('click', () => actions.toggleRow(p.key, !collapsed));
  const bar = el('div', { className: `row ${collapsed ? 'collapsed' : ''}` }, toggle, collapsed && count ? el('span', { className: 'muted', text: ` (${count} panels)` }) : undefined);
  bar.dataset.key = p.key;
  return bar;
}

/** Draws the panels of `model` into `grid`, with the rows toggled as `rows` says. */
export function renderGrid(grid: HTMLElement, model: PreviewModel, rows: Record<string, boolean>, actions: GridActions): void {
  const { placed } = layoutPanels(
    model.panels.map((p) => ({ key: p.key, type: p.type, gridPos: p.gridPos, inRow: p.row, collapsed: p.collapsed })),
    rows,
  );
  const charts = new Map<HTMLElement, TimeseriesContent>();
  const nodes: HTMLElement[] = [];
  const seen = new Set<string>();
  for (const p of model.panels) {
    const pos = placed.get(p.key);
    if (!pos) {
      continue;
    }
    const collapsed = p.type === 'row' ? (rows[p.key] ?? p.collapsed === true) : false;
    const inside = p.type === 'row' ? model.panels.filter((c) => c.row === p.key).length : 0;
    const signature = JSON.stringify([p, collapsed, inside]);
    let node = shown.get(p.key)?.signature === signature ? shown.get(p.key)!.node : undefined;
    if (!node) {
      const old = shown.get(p.key)?.node;
      if (old) {
        disposeCharts(old);
      }
      node = p.type === 'row' ? rowBar(p, collapsed, inside, actions) : panelFrame(p, actions, charts);
      shown.set(p.key, { signature, node });
    }
    node.style.gridColumn = `${pos.x + 1} / span ${pos.w}`;
    node.style.gridRow = `${pos.y + 1} / span ${pos.h}`;
    nodes.push(node);
    seen.add(p.key);
  }
  for (const [key, { node }] of shown) {
    if (!seen.has(key)) {
      disposeCharts(node);
      shown.delete(key);
    }
  }
  grid.replaceChildren(...nodes);
  mountCharts(charts);
}
