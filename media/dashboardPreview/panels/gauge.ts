// Gauges (an arc from min to max with the threshold bands around it) and bar gauges (a bar per value).
import type { PanelContent, ReducedValue } from '../../../server/src/core/dashboardPreview/types';
import { el, svg } from '../dom';

type Gauge = Extract<PanelContent, { kind: 'gauge' }>;
type BarGauge = Extract<PanelContent, { kind: 'bargauge' }>;

function fraction(v: number | null, min: number, max: number): number {
  return v === null || !Number.isFinite(v) ? 0 : Math.min(1, Math.max(0, (v - min) / (max - min)));
}

/** A point on the gauge's 240° arc (from -210° to 30°), radius r around (50, 50). */
function at(f: number, r: number): [number, number] {
  const angle = ((-210 + 240 * f) * Math.PI) / 180;
  return [50 + r * Math.cos(angle), 50 + r * Math.sin(angle)];
}

function arc(from: number, to: number, r: number, color: string, width: number): SVGPathElement {
  const [x1, y1] = at(from, r);
  const [x2, y2] = at(to, r);
  const large = (to - from) * 240 > 180 ? 1 : 0;
  return svg('path', { d: `M${x1.toFixed(2)},${y1.toFixed(2)} A${r},${r} 0 ${large} 1 ${x2.toFixed(2)},${y2.toFixed(2)}`, fill: 'none', stroke: color, 'stroke-width': width });
}

function gauge(v: ReducedValue, c: Gauge): HTMLElement {
  const f = fraction(v.value, c.min, c.max);
  const parts: SVGElement[] = [arc(0, 1, 38, 'rgba(128,128,128,0.2)', 10)];
  if (f > 0) {
    parts.push(arc(0, Math.max(f, 0.001), 38, v.color, 10));
  }
  if (c.showThresholdMarkers) {
    c.thresholds.forEach((t, i) => {
      const next = c.thresholds[i + 1];
      const a = t.value === null ? 0 : fraction(t.value, c.min, c.max);
      const b = next?.value === null || next === undefined ? 1 : fraction(next.value, c.min, c.max);
      if (b > a) {
        parts.push(arc(a, b, 46, t.color, 3));
      }
    });
  }
  const text = svg('text', { x: 50, y: 58, 'text-anchor': 'middle', class: 'gauge-text', fill: v.color });
  text.textContent = v.text;
  parts.push(text);
  return el('div', { className: 'gauge-item' }, svg('svg', { viewBox: '0 0 100 85', class: 'gauge-svg' }, ...parts), v.name ? el('div', { className: 'gauge-name', text: v.name }) : undefined);
}

export function renderGauge(c: Gauge): HTMLElement {
  return el('div', { className: 'gauge' }, ...c.values.map((v) => gauge(v, c)));
}

export function renderBarGauge(c: BarGauge): HTMLElement {
  const rows = c.values.map((v) => {
    const bar = el('div', { className: 'bar-fill' });
    const pct = `${(fraction(v.value, c.min, c.max) * 100).toFixed(1)}%`;
    if (c.orientation === 'vertical') {
      bar.style.height = pct;
    } else {
      bar.style.width = pct;
    }
    bar.style.background = c.displayMode === 'basic' ? v.color : `linear-gradient(${c.orientation === 'vertical' ? 'to top' : 'to right'}, transparent, ${v.color})`;
    if (c.displayMode === 'lcd') {
      bar.classList.add('lcd');
    }
    const value = el('span', { className: 'bar-value', text: v.text });
    value.style.color = v.color;
    return el('div', { className: 'bar-row' }, el('span', { className: 'bar-name', text: v.name }), el('div', { className: 'bar-track' }, bar), value);
  });
  return el('div', { className: `bargauge ${c.orientation}` }, ...rows);
}
