// Time series (and legacy graph) panels with uPlot, the charting library Grafana's own time series panel uses:
// lines, bars or points per Grafana's draw style, fill opacity, stacking, axes in the field's unit, and a legend
// (list or table, with its figures) drawn as page elements.
import uPlot from 'uplot';
import { formatValue } from '../../../server/src/core/dashboardPreview/format';
import type { PanelContent } from '../../../server/src/core/dashboardPreview/types';
import { el } from '../dom';

type Series = Extract<PanelContent, { kind: 'timeseries' }>;

const charts = new Map<HTMLElement, { plot: uPlot; observer: ResizeObserver }>();

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function withAlpha(color: string, alpha: number): string | undefined {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color + Math.round(alpha * 255).toString(16).padStart(2, '0') : undefined;
}

/** Values stacked in series order (Grafana's "normal" stacking): each line on top of the ones before it. */
function stacked(c: Series): (number | null)[][] {
  const sums: number[] = new Array(c.times.length).fill(0);
  return c.series.map((s) =>
    s.values.map((v, i) => {
      if (v === null) {
        return null;
      }
      sums[i] += v;
      return sums[i];
    }),
  );
}

function legend(c: Series): HTMLElement | undefined {
  if (!c.legend.show || !c.series.length) {
    return undefined;
  }
  const swatch = (color: string) => {
    const box = el('span', { className: 'swatch' });
    box.style.background = color;
    return box;
  };
  if (c.legend.table) {
    const head = el('tr', {}, el('th', { text: 'Name' }), ...(c.series[0]?.calcs ?? []).map((k) => el('th', { text: k.name })));
    const rows = c.series.map((s) => el('tr', { className: 'legend-item' }, el('td', {}, swatch(s.color), s.name), ...s.calcs.map((k) => el('td', { className: 'num', text: k.text }))));
    return el('table', { className: `legend table ${c.legend.placement}` }, el('thead', {}, head), el('tbody', {}, ...rows));
  }
  const items = c.series.map((s) => el('span', { className: 'legend-item' }, swatch(s.color), s.name, ...s.calcs.map((k) => el('span', { className: 'muted', text: ` ${k.name}: ${k.text}` }))));
  return el('div', { className: `legend list ${c.legend.placement}` }, ...items);
}

function options(c: Series, width: number, height: number, fg: string, grid: string): uPlot.Options {
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px sans-serif' };
  const paths = c.draw === 'bars' ? uPlot.paths.bars?.({ size: [0.6, 40] }) : c.draw === 'points' ? () => null : undefined;
  return {
    width,
    height,
    scales: { x: { time: true }, y: { range: (_u, lo, hi) => [c.min ?? Math.min(lo, c.draw === 'bars' ? 0 : lo), c.max ?? (hi === lo ? hi + 1 : hi)] } },
    axes: [axis, { ...axis, size: 60, values: (_u, splits) => splits.map((v) => formatValue(v, c.unit, c.decimals)) }],
    legend: { show: false },
    cursor: { points: { size: 5 } },
    series: [
      {},
      ...c.series.map((s) => ({
        label: s.name,
        stroke: s.color,
        width: 1,
        fill: c.fill > 0 ? withAlpha(s.color, c.fill) : undefined,
        paths,
        points: { show: c.draw === 'points' || c.times.length < 3 },
        spanGaps: false,
      })),
    ],
  };
}

export function renderTimeseries(c: Series): HTMLElement {
  const plotBox = el('div', { className: 'plot' });
  const note = !c.series.length ? el('div', { className: 'no-data', text: 'No data' }) : undefined;
  const box = el('div', { className: `timeseries legend-${c.legend.placement}` }, plotBox, legend(c), note);
  if (c.series.length) {
    box.dataset.chart = 'pending';
  }
  return box;
}

/**
 * Creates the charts of panels now in the page (uPlot measures its box), and resizes them with it. Every box is
 * measured before any chart is made: reading layout between chart insertions would force a layout per chart.
 */
export function mountCharts(contents: Map<HTMLElement, Series>): void {
  const fg = themeColor('--vscode-editor-foreground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.2)');
  const size = (box: HTMLElement) => ({ width: Math.max(50, box.clientWidth), height: Math.max(40, box.clientHeight) });
  const todo = [...contents]
    .filter(([box, c]) => !charts.has(box) && c.series.length > 0)
    .map(([box, c]) => ({ box, c, plotBox: box.querySelector<HTMLElement>('.plot')! }))
    .map((t) => ({ ...t, measured: size(t.plotBox) }));
  for (const { box, c, plotBox, measured } of todo) {
    const data: uPlot.AlignedData = [c.times, ...(c.stack ? stacked(c) : c.series.map((s) => s.values))];
    const plot = new uPlot(options(c, measured.width, measured.height, fg, grid), data, plotBox);
    const observer = new ResizeObserver(() => plot.setSize(size(plotBox)));
    observer.observe(plotBox);
    charts.set(box, { plot, observer });
    box.dataset.chart = 'drawn';
  }
}

/** Frees the charts inside `node` (a panel being replaced or removed). */
export function disposeCharts(node: Element): void {
  for (const [box, chart] of charts) {
    if (node === box || node.contains(box)) {
      chart.observer.disconnect();
      chart.plot.destroy();
      charts.delete(box);
    }
  }
}
