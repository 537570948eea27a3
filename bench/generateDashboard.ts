/**
 * A large dashboard as Grafana 11 exports it: rows of ten panels (time series, stat, gauge, bar gauge, table,
 * heatmap), each with several Prometheus targets over multi-value / "All" variables, full field config, thresholds,
 * mappings and overrides. About 6.5 KiB per panel, so 300 panels make a ~2 MB file.
 */
export function generateDashboard(panels: number): string {
  const list: unknown[] = [];
  let id = 1;
  let y = 0;
  for (let i = 0; i < panels; i++) {
    if (i % 10 === 0) {
      list.push({ type: 'row', title: `Row ${i / 10 + 1}`, id: id++, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: y++ }, panels: [] });
    }
    const x = (i % 2) * 12;
    list.push(panel(i, id++, { h: 8, w: 12, x, y }));
    if (x === 12) {
      y += 8;
    }
  }
  return JSON.stringify(
    {
      annotations: { list: [{ builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true, iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard' }] },
      editable: true,
      fiscalYearStartMonth: 0,
      graphTooltip: 1,
      links: [],
      panels: list,
      refresh: '30s',
      schemaVersion: 39,
      tags: ['bench'],
      templating: { list: VARIABLES },
      time: { from: 'now-6h', to: 'now' },
      timepicker: {},
      timezone: 'browser',
      title: 'Bench: services',
      uid: 'bench-services',
      version: 1,
    },
    null,
    2,
  );
}

const DS = { type: 'prometheus', uid: '${datasource}' };

const VARIABLES = [
  { current: { text: 'Prometheus', value: 'prometheus' }, hide: 0, includeAll: false, name: 'datasource', options: [], query: 'prometheus', refresh: 1, regex: '', type: 'datasource' },
  queryVariable('job', 'label_values(up, job)'),
  queryVariable('instance', 'label_values(up{job=~"$job"}, instance)'),
  { auto: false, current: { text: '5m', value: '5m' }, name: 'window', options: [], query: '1m,5m,15m,1h', type: 'interval' },
];

function queryVariable(name: string, query: string): object {
  return {
    current: { selected: true, text: ['All'], value: ['$__all'] },
    datasource: DS,
    definition: query,
    hide: 0,
    includeAll: true,
    multi: true,
    name,
    options: [],
    query: { qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    refresh: 2,
    regex: '',
    skipUrlSync: false,
    sort: 1,
    type: 'query',
  };
}

const TYPES = ['timeseries', 'timeseries', 'timeseries', 'stat', 'timeseries', 'gauge', 'timeseries', 'bargauge', 'table', 'heatmap'];

function targets(i: number): object[] {
  const sel = `job=~"$job", instance=~"$instance"`;
  return [
    { datasource: DS, editorMode: 'code', expr: `sum by (instance) (rate(http_requests_total{${sel}, code=~"5..", handler="/api/v${i}"}[$__rate_interval]))`, legendFormat: '{{instance}} errors', range: true, refId: 'A' },
    { datasource: DS, editorMode: 'code', expr: `sum by (instance) (rate(http_requests_total{${sel}, handler="/api/v${i}"}[$__rate_interval]))`, legendFormat: '{{instance}} total', range: true, refId: 'B' },
    { datasource: DS, editorMode: 'code', expr: `histogram_quantile(0.95, sum by (le, instance) (rate(http_request_duration_seconds_bucket{${sel}, handler="/api/v${i}"}[$window])))`, legendFormat: '{{instance}} p95', range: true, refId: 'C' },
    { datasource: DS, editorMode: 'code', expr: `avg_over_time(process_resident_memory_bytes{${sel}}[$__interval]) / on (instance) group_left node_memory_MemTotal_bytes{${sel}} * ${i + 1}`, hide: false, legendFormat: '{{instance}} memory', range: true, refId: 'D' },
  ];
}

function panel(i: number, id: number, gridPos: object): object {
  const type = TYPES[i % TYPES.length];
  return {
    datasource: DS,
    description: `Requests, errors, latency and memory of handler /api/v${i} on the selected instances.`,
    fieldConfig: {
      defaults: {
        color: { mode: type === 'timeseries' ? 'palette-classic' : 'thresholds' },
        custom: type === 'timeseries' ? TIMESERIES_CUSTOM : { align: 'auto', cellOptions: { type: 'auto' }, inspect: false },
        decimals: 2,
        mappings: [
          { options: { '0': { color: 'green', index: 0, text: 'OK' } }, type: 'value' },
          { options: { from: 1, result: { color: 'red', index: 1, text: 'Failing' }, to: 1e9 }, type: 'range' },
        ],
        min: 0,
        thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 0.5 }, { color: 'red', value: 0.9 }] },
        unit: ['reqps', 'percentunit', 's', 'bytes'][i % 4],
      },
      overrides: [
        { matcher: { id: 'byName', options: `instance-${i} errors` }, properties: [{ id: 'color', value: { fixedColor: 'red', mode: 'fixed' } }, { id: 'unit', value: 'reqps' }] },
        { matcher: { id: 'byRegexp', options: '/p95/' }, properties: [{ id: 'unit', value: 's' }, { id: 'custom.axisPlacement', value: 'right' }] },
        { matcher: { id: 'byFrameRefID', options: 'D' }, properties: [{ id: 'unit', value: 'percentunit' }, { id: 'max', value: 1 }] },
        { matcher: { id: 'byName', options: `instance-${i} total` }, properties: [{ id: 'custom.lineWidth', value: 2 }, { id: 'displayName', value: 'Total of ${__field.labels.instance}' }] },
      ],
    },
    gridPos,
    id,
    links: [{ targetBlank: true, title: 'Runbook', url: `https://runbooks.example.com/api-v${i}?var-job=\${job}&var-instance=\${instance}` }],
    options: OPTIONS[type],
    pluginVersion: '11.2.0',
    targets: targets(i),
    title: `Handler /api/v${i} on $instance`,
    transformations: [{ id: 'organize', options: { excludeByName: { Time: false }, indexByName: {}, renameByName: { Value: `Handler ${i}` } } }],
    type,
  };
}

const TIMESERIES_CUSTOM = {
  axisBorderShow: false,
  axisCenteredZero: false,
  axisColorMode: 'text',
  axisLabel: '',
  axisPlacement: 'auto',
  barAlignment: 0,
  drawStyle: 'line',
  fillOpacity: 10,
  gradientMode: 'none',
  hideFrom: { legend: false, tooltip: false, viz: false },
  insertNulls: false,
  lineInterpolation: 'linear',
  lineWidth: 1,
  pointSize: 5,
  scaleDistribution: { type: 'linear' },
  showPoints: 'never',
  spanNulls: false,
  stacking: { group: 'A', mode: 'none' },
  thresholdsStyle: { mode: 'off' },
};

const REDUCE = { calcs: ['lastNotNull'], fields: '', values: false };

const OPTIONS: Record<string, object> = {
  timeseries: { legend: { calcs: ['mean', 'max'], displayMode: 'table', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
  stat: { colorMode: 'value', graphMode: 'area', justifyMode: 'auto', orientation: 'auto', reduceOptions: REDUCE, textMode: 'auto', wideLayout: true },
  gauge: { minVizHeight: 75, minVizWidth: 75, orientation: 'auto', reduceOptions: REDUCE, showThresholdLabels: false, showThresholdMarkers: true, sizing: 'auto' },
  bargauge: { displayMode: 'gradient', minVizHeight: 16, minVizWidth: 8, namePlacement: 'auto', orientation: 'horizontal', reduceOptions: REDUCE, showUnfilled: true, sizing: 'auto', valueMode: 'color' },
  table: { cellHeight: 'sm', footer: { countRows: false, fields: '', reducer: ['sum'], show: false }, showHeader: true },
  heatmap: { calculate: false, cellGap: 1, color: { exponent: 0.5, fill: 'dark-orange', mode: 'scheme', scale: 'exponential', scheme: 'Oranges', steps: 64 }, legend: { show: true }, rowsFrame: { layout: 'auto' }, tooltip: { mode: 'single', showColorScale: false, yHistogram: false }, yAxis: { axisPlacement: 'left', reverse: false } },
};
