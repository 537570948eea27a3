// Heatmap panels: a canvas of time × bucket cells (one column per time, one row per bucket, lowest at the bottom,
// a one-pixel gap as in Grafana), each in the shade its count takes on the panel's colour scale; the bucket bounds
// down the left, the times below, and the scale as a gradient. The canvas is drawn once it has a size, again when
// that changes, and lets go of its observer once the panel leaves the page.
import { shadeIndex } from '../../../server/src/core/dashboardPreview/heatmapColors';
import type { HeatmapContent } from '../../../server/src/core/dashboardPreview/types';
import { el } from '../dom';

/** A bucket label wants about this many pixels of height; denser rows label every few buckets. */
const LABEL_PX = 13;

/** Whether the page is dark: its background's luminance (VS Code themes, or the static page's dark default). */
function darkPage(): boolean {
  const m = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g);
  if (!m || m.length < 3) {
    return true;
  }
  const [r, g, b] = m.map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

function timeText(t: number): string {
  const d = new Date(t * 1000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function draw(canvas: HTMLCanvasElement, labels: HTMLElement[], c: HeatmapContent, colors: string[]): void {
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx || !width || !height) {
    return;
  }
  ctx.scale(ratio, ratio);
  const cols = c.times.length;
  const rows = c.buckets.length;
  const cw = width / Math.max(1, cols);
  const rh = height / Math.max(1, rows);
  const gap = cw > 3 && rh > 3 ? 1 : 0;
  const scale = { min: c.min, max: c.max, exponent: c.exponent, hideBelow: c.hideBelow, steps: colors.length };
  c.counts.forEach((row, b) => {
    const y = height - (b + 1) * rh;
    row.forEach((v, t) => {
      const shade = shadeIndex(v, scale);
      if (shade >= 0) {
        ctx.fillStyle = colors[shade];
        ctx.fillRect(t * cw, y, Math.max(1, cw - gap), Math.max(1, rh - gap));
      }
    });
  });
  const every = Math.max(1, Math.ceil(LABEL_PX / rh));
  labels.forEach((l, b) => (l.style.visibility = (rows - 1 - b) % every === 0 ? 'visible' : 'hidden'));
  canvas.dataset.chart = 'drawn';
}

function legend(c: HeatmapContent, colors: string[]): HTMLElement {
  const bar = el('span', { className: 'heatmap-gradient' });
  bar.style.background = `linear-gradient(to right, ${colors.join(', ')})`;
  const figure = (v: number) => String(Number(v.toPrecision(3)));
  return el('div', { className: 'heatmap-legend muted' }, el('span', { text: figure(c.min) }), bar, el('span', { text: figure(c.max) }));
}

export function renderHeatmap(c: HeatmapContent): HTMLElement {
  if (!c.buckets.length || !c.times.length) {
    return el('div', { className: 'no-data', text: 'No data' });
  }
  const colors = c.invertOnDark && darkPage() ? [...c.colors].reverse() : c.colors;
  // Highest bucket first, so the labels read top to bottom as the rows are drawn.
  const labels = c.buckets.map((b) => el('span', { className: 'heatmap-label', text: b })).reverse();
  const canvas = el('canvas', { className: 'heatmap-cells' });
  canvas.dataset.rows = String(c.buckets.length);
  canvas.dataset.columns = String(c.times.length);
  const middle = c.times[Math.floor(c.times.length / 2)];
  const times = el('div', { className: 'heatmap-times muted' }, ...[c.times[0], middle, c.times.at(-1)!].map((t) => el('span', { text: timeText(t) })));
  const plot = el('div', { className: 'heatmap-plot' }, el('div', { className: 'heatmap-axis' }, ...labels), canvas);
  const box = el('div', { className: 'heatmap' }, plot, times, c.legend ? legend(c, colors) : undefined);
  const observer = new ResizeObserver(() => {
    if (!canvas.isConnected) {
      observer.disconnect();
      return;
    }
    draw(canvas, [...labels].reverse(), c, colors);
  });
  observer.observe(canvas);
  return box;
}
