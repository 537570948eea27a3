// Stat panels: each reduced value, big, in its threshold colour (or on it, with colour mode "background"), with
// the series as a sparkline behind it.
import type { PanelContent, ReducedValue } from '../../../server/src/core/dashboardPreview/types';
import { el, svg } from '../dom';

type Stat = Extract<PanelContent, { kind: 'stat' }>;

/** The values of a series as an SVG area path over a 100 × 30 box. */
export function sparkline(values: (number | null)[], color: string): SVGSVGElement {
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const span = hi - lo || 1;
  const step = 100 / Math.max(1, values.length - 1);
  const points = values.map((v, i) => (v === null || !Number.isFinite(v) ? undefined : `${(i * step).toFixed(2)},${(30 - ((v - lo) / span) * 28 - 1).toFixed(2)}`)).filter(Boolean);
  const line = `M${points.join(' L')}`;
  return svg(
    'svg',
    { class: 'spark', viewBox: '0 0 100 30', preserveAspectRatio: 'none' },
    svg('path', { d: `${line} L100,30 L0,30 Z`, fill: color, 'fill-opacity': 0.2, stroke: 'none' }),
    svg('path', { d: line, fill: 'none', stroke: color, 'stroke-width': 1, 'vector-effect': 'non-scaling-stroke' }),
  );
}

function statValue(v: ReducedValue, c: Stat, many: boolean): HTMLElement {
  const showName = c.textMode === 'name' || c.textMode === 'value_and_name' || (c.textMode === 'auto' && many && v.name !== '');
  const showValue = c.textMode !== 'name' && c.textMode !== 'none';
  const box = el(
    'div',
    { className: 'stat-value' },
    showName ? el('div', { className: 'stat-name', text: v.name }) : undefined,
    showValue ? el('div', { className: 'stat-number', text: v.text }) : undefined,
  );
  if (c.colorMode === 'background') {
    box.style.background = v.color;
    box.classList.add('on-color');
  } else if (c.colorMode === 'value') {
    box.style.color = v.color;
  }
  if (v.spark && c.graphMode === 'area') {
    box.prepend(sparkline(v.spark, c.colorMode === 'background' ? 'rgba(255,255,255,0.8)' : v.color));
  }
  return box;
}

export function renderStat(c: Stat): HTMLElement {
  return el('div', { className: 'stat' }, ...c.values.map((v) => statValue(v, c, c.values.length > 1)));
}
