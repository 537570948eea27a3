// The bar above the grid: the dashboard's title, its template variables as dropdowns (text boxes for `textbox`),
// the time range picker (last 5 minutes … 7 days, or a custom from/to) and the refresh picker (off … 5m).
import type { PreviewModel, VariableView } from '../../server/src/core/dashboardPreview/types';
import { el } from './dom';

export interface ToolbarActions {
  variables(values: Record<string, string[]>): void;
  time(from: string, to: string): void;
  refresh(): void;
  autoRefresh(seconds: number): void;
}

const RANGES = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '24h', '2d', '7d'];
const REFRESH: [string, number][] = [['Off', 0], ['5s', 5], ['10s', 10], ['30s', 30], ['1m', 60], ['5m', 300]];

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  const o = el('option', { text });
  o.value = value;
  o.selected = selected;
  return o;
}

function variableControl(v: VariableView, onChange: (values: string[]) => void): HTMLElement {
  const id = `var-${v.name}`;
  let control: HTMLSelectElement | HTMLInputElement;
  if (v.type === 'textbox') {
    control = Object.assign(el('input'), { type: 'text', value: v.current[0] ?? '' });
    control.addEventListener('change', () => onChange([control.value]));
  } else {
    const select = el('select');
    select.multiple = v.multi;
    if (v.multi) {
      select.size = Math.min(4, v.options.length + (v.includeAll ? 1 : 0));
    }
    if (v.includeAll) {
      select.append(option('$__all', 'All', v.current.includes('$__all')));
    }
    for (const o of v.options) {
      select.append(option(o.value, o.text, v.current.includes(o.value)));
    }
    select.addEventListener('change', () => {
      const chosen = [...select.selectedOptions].map((o) => o.value);
      // Picking a value next to "All" means that value, as in Grafana.
      onChange(chosen.length > 1 ? chosen.filter((c) => c !== '$__all') : chosen);
    });
    control = select;
  }
  control.id = id;
  const label = el('label', { className: 'variable', title: v.error ?? '' }, v.hide === 1 ? undefined : el('span', { text: v.label }), control);
  label.htmlFor = id;
  if (v.error) {
    label.classList.add('has-error');
  }
  return label;
}

function timePicker(model: PreviewModel, actions: ToolbarActions, live: boolean): HTMLElement {
  const current = /^now-(\w+)$/.exec(model.time.from)?.[1];
  const preset = model.time.to === 'now' && current && RANGES.includes(current) ? current : 'custom';
  const select = el('select', { title: 'Time range' }, ...RANGES.map((r) => option(r, `Last ${r}`, r === preset)), option('custom', 'Custom', preset === 'custom'));
  select.id = 'time-range';
  const from = Object.assign(el('input'), { id: 'time-from', type: 'text', value: model.time.from, size: 14 });
  const to = Object.assign(el('input'), { id: 'time-to', type: 'text', value: model.time.to, size: 14 });
  const custom = el('span', { className: 'custom' }, from, ' to ', to);
  custom.hidden = preset !== 'custom';
  select.addEventListener('change', () => {
    custom.hidden = select.value !== 'custom';
    if (select.value !== 'custom') {
      actions.time(`now-${select.value}`, 'now');
    }
  });
  for (const input of [from, to]) {
    input.addEventListener('keydown', (e) => e.key === 'Enter' && actions.time(from.value, to.value));
  }
  const refresh = el('button', { text: '↻', title: 'Refresh' });
  refresh.id = 'refresh';
  refresh.addEventListener('click', () => actions.refresh());
  const auto = el('select', { title: 'Auto refresh' }, ...REFRESH.map(([t, s]) => option(String(s), t, t === model.refresh)));
  auto.id = 'auto-refresh';
  auto.addEventListener('change', () => actions.autoRefresh(Number(auto.value)));
  [select, from, to, refresh, auto].forEach((c) => (c.disabled = !live));
  return el('div', { className: 'time' }, select, custom, refresh, auto);
}

export function renderToolbar(model: PreviewModel, actions: ToolbarActions, live: boolean): HTMLElement {
  const selections = Object.fromEntries(model.variables.map((v) => [v.name, v.current]));
  const vars = model.variables
    .filter((v) => v.hide !== 2)
    .map((v) =>
      variableControl(v, (values) => {
        selections[v.name] = values;
        actions.variables({ ...selections });
      }),
    );
  if (!live) {
    vars.forEach((v) => v.querySelectorAll('select, input').forEach((c) => ((c as HTMLInputElement).disabled = true)));
  }
  const when = new Date(model.renderedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const source = el('span', { className: 'muted source', text: `${model.source ? `${model.source} · ` : ''}${when}` });
  return el(
    'header',
    { className: 'toolbar' },
    el('div', { className: 'title-line' }, el('h1', { text: model.title }), source, timePicker(model, actions, live)),
    vars.length ? el('div', { className: 'variables' }, ...vars) : undefined,
  );
}
