/** A small builder of Grafana dashboard JSON: stat panels in a row on top, time series two per row below. */

export interface PanelSpec {
  type: 'stat' | 'timeseries';
  title: string;
  description: string;
  unit: string;
  expr: string;
  /** Legend, e.g. `{{instance}}`; stat panels have none. */
  legend?: string;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  panels: PanelSpec[];
  /** A multi-value `job` variable over this query's `job` label values (for `job=~"$job"` selectors). */
  jobVariableFrom?: string;
}

const DATASOURCE = { type: 'prometheus', uid: 'prometheus' };

function panelJson(p: PanelSpec, id: number, gridPos: Record<string, number>): Record<string, unknown> {
  const stat = p.type === 'stat';
  return {
    id,
    type: p.type,
    title: p.title,
    description: p.description,
    datasource: DATASOURCE,
    gridPos,
    fieldConfig: {
      defaults: stat
        ? { unit: p.unit, color: { mode: 'thresholds' }, thresholds: { mode: 'absolute', steps: [{ color: 'blue', value: null }] } }
        : { unit: p.unit, custom: { lineWidth: 1, fillOpacity: 10, showPoints: 'never' } },
      overrides: [],
    },
    options: stat
      ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'area', justifyMode: 'auto', textMode: 'auto' }
      : { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
    targets: [{ refId: 'A', datasource: DATASOURCE, expr: p.expr, ...(p.legend ? { legendFormat: p.legend } : {}), range: !stat, instant: stat }],
  };
}

function layout(panels: PanelSpec[]): Record<string, unknown>[] {
  const stats = panels.filter((p) => p.type === 'stat');
  const series = panels.filter((p) => p.type === 'timeseries');
  const out: Record<string, unknown>[] = [];
  const statWidth = stats.length ? Math.max(4, Math.floor(24 / stats.length)) : 0;
  stats.forEach((p, i) => out.push(panelJson(p, out.length + 1, { x: (i * statWidth) % 24, y: Math.floor((i * statWidth) / 24) * 4, w: statWidth, h: 4 })));
  const top = stats.length ? Math.ceil((stats.length * statWidth) / 24) * 4 : 0;
  series.forEach((p, i) => out.push(panelJson(p, out.length + 1, { x: (i % 2) * 12, y: top + Math.floor(i / 2) * 8, w: 12, h: 8 })));
  return out;
}

function jobVariable(query: string): Record<string, unknown> {
  const definition = `label_values(${query}, job)`;
  return {
    name: 'job',
    label: 'Service',
    type: 'query',
    datasource: DATASOURCE,
    query: { query: definition, refId: 'job' },
    definition,
    refresh: 2,
    sort: 1,
    multi: true,
    includeAll: true,
    allValue: '.+',
    current: { text: ['All'], value: ['$__all'] },
    options: [],
    regex: '',
    hide: 0,
  };
}

export function dashboardJson(d: DashboardSpec): string {
  const model = {
    uid: d.uid,
    title: d.title,
    description: d.description,
    tags: d.tags,
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    templating: { list: d.jobVariableFrom ? [jobVariable(d.jobVariableFrom)] : [] },
    panels: layout(d.panels),
  };
  return JSON.stringify(model, null, 2) + '\n';
}
