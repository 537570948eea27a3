// A range query's series as lines over time, drawn with uPlot (bundled into media/dist, no remote code).
import uPlot from 'uplot';
import { seriesName } from '../../server/src/core/query/table';
import type { QuerySuccess } from '../../server/src/core/query/types';
import { el } from './dom';

/** Lines beyond this make a graph nobody can read and a slow page; the table keeps them all. */
const MAX_LINES = 100;

function color(i: number): string {
  // Golden-angle hues: neighbours differ, and the sequence never repeats exactly.
  return `hsl(${Math.round((i * 137.508) % 360)}, 65%, 55%)`;
}

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Time stamps of all series, and each series' values aligned on them (null where a series has no sample). */
function align(series: QuerySuccess['series']): uPlot.AlignedData {
  const times = [...new Set(series.flatMap((s) => (s.values ?? []).map(([t]) => t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const ys: (number | null)[] = new Array(times.length).fill(null);
    for (const [t, v] of s.values ?? []) {
      const n = Number(v);
      ys[index.get(t)!] = Number.isFinite(n) ? n : null;
    }
    return ys;
  });
  return [times, ...columns];
}

let current: uPlot | undefined;
let resize: ResizeObserver | undefined;

/** Draws the graph into a new element; the previous graph (if any) is destroyed. */
export function renderGraph(result: QuerySuccess): HTMLElement {
  current?.destroy();
  resize?.disconnect();
  const shown = result.series.slice(0, MAX_LINES);
  const box = el('div', { className: 'graph' });
  const note = result.series.length > MAX_LINES ? el('p', { className: 'muted', text: `Graph shows the first ${MAX_LINES} of ${result.series.length} series.` }) : undefined;
  const fg = themeColor('--vscode-editor-foreground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.2)');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const options: uPlot.Options = {
    width: 600,
    height: 280,
    scales: { x: { time: true } },
    axes: [axis, { ...axis, size: 60 }],
    legend: { show: shown.length <= 12 },
    series: [{}, ...shown.map((s, i) => ({ label: seriesName(s.labels), stroke: color(i), width: 1.5, spanGaps: false }))],
  };
  // uPlot measures its container: create it once the element is in the page.
  requestAnimationFrame(() => {
    current = new uPlot({ ...options, width: Math.max(300, box.clientWidth) }, align(shown), box);
    resize = new ResizeObserver(() => current?.setSize({ width: Math.max(300, box.clientWidth), height: 280 }));
    resize.observe(box);
  });
  return el('div', {}, box, note);
}
