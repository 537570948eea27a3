import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { doc, problemsOf, workspace } from '../helpers/service';

// Regression tests for the false positives found on real dashboards (test/integration/realDashboards.test.ts):
// fields older and newer Grafana versions write are known, while the mistakes next to them are still caught.

const { root, service } = workspace({});
const codes = (value: object): string[] => problemsOf(service, join(root, 'dashboards/d.json'), JSON.stringify(value, null, 2)).map((p) => p.replace(/^\S+ /, ''));

function dashboard(panels: object[], extra: Record<string, unknown> = {}): object {
  return { uid: 'models', title: 'Models', schemaVersion: 39, panels, ...extra };
}

const grid = (y: number): object => ({ x: 0, y, w: 24, h: 8 });

test('fields of older exports are known: hideControls, iteration, legacy row and graph fields, heatmap axes, Angular hash keys', () => {
  const value = dashboard(
    [
      { id: 1, type: 'row', title: 'R', collapsed: false, collapse: false, showTitle: true, titleSize: 'h6', gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [] },
      { id: 2, type: 'graph', title: 'G', gridPos: grid(1), datasource: '$ds', grid: {}, paceLength: 10, spaceLength: 10, targets: [{ refId: 'A', expr: 'up', $$hashKey: 'object:1' }] },
      { id: 3, type: 'heatmap', title: 'H', gridPos: grid(9), xAxis: { show: true }, yAxis: { format: 's', logBase: 1, show: true } },
      { id: 4, type: 'stat', title: 'S', gridPos: grid(17), options: { fieldOptions: { calcs: ['lastNotNull'] }, text: { titleSize: 12, valueSize: 30 } } },
    ],
    {
      hideControls: false,
      sharedCrosshair: false,
      iteration: 1617891254963,
      links: [{ $$hashKey: 'object:12', title: 'Docs', type: 'link', url: 'https://example.com' }],
      annotations: { list: [{ $$hashKey: 'object:257', builtIn: 1, name: 'Annotations & Alerts', type: 'dashboard' }] },
      templating: { list: [{ name: 'ds', type: 'datasource', query: 'prometheus', current: { isNone: true, selected: false, text: 'None', value: '' }, options: [{ $$hashKey: 'object:3', text: 'a', value: 'a' }], $$hashKey: 'object:2' }] },
    },
  );
  assert.deepEqual(codes(value), []);
});

test('fields of newer exports are known: unitScale, overrides managed by the UI', () => {
  const value = dashboard([
    {
      id: 1,
      type: 'timeseries',
      title: 'T',
      gridPos: grid(0),
      fieldConfig: {
        defaults: { unit: 's', unitScale: true },
        overrides: [{ __systemRef: 'hideSeriesFrom', matcher: { id: 'byNames', options: { mode: 'exclude', names: ['a'] } }, properties: [] }],
      },
    },
  ]);
  assert.deepEqual(codes(value), []);
});

test('mistakes next to those fields are still reported', () => {
  const value = dashboard([
    { id: 1, type: 'stat', title: 'S', gridPos: grid(0), fieldConfig: { defaults: { unitScal: true }, overrides: [] }, options: { text: { mode: 'markdown' } } },
  ]);
  assert.deepEqual(codes(value), [
    'warning schema/unknown-key Unknown key "unitScal", which is ignored. Did you mean "unitScale"?',
    'warning schema/unknown-key Unknown key "mode", which is ignored.',
  ]);
});

test('legacy rows: an empty list is harmless, rows with panels are an info', () => {
  assert.deepEqual(codes(dashboard([], { rows: [] })), []);
  const legacy = dashboard([], { schemaVersion: 14, rows: [{ title: 'A', panels: [{ id: 1, type: 'graph', span: 12, targets: [{ refId: 'A', expr: 'up' }] }] }] });
  assert.deepEqual(codes(legacy), [
    'info grafana/legacy-rows This dashboard lays out its panels in 1 row of the model before schemaVersion 16; Grafana converts them to row panels when it loads it (and to grid positions), so the JSON it saves will differ. Saving it once from Grafana gives the current model.',
  ]);
});

test('a unit written as text with other characters than a unit id is a deliberate custom unit: info, no suggestion', () => {
  const value = dashboard([{ id: 1, type: 'timeseries', title: 'T', gridPos: grid(0), fieldConfig: { defaults: { unit: 'io/s' }, overrides: [] } }]);
  const found = service.check(doc(join(root, 'dashboards/d.json'), JSON.stringify(value))).problems.filter((p) => p.code === 'grafana/unknown-unit');
  assert.deepEqual(found.map((p) => [p.severity, p.fix]), [['info', undefined]]);
});

test('a panel inside a collapsed row is checked once, not also as part of its row', () => {
  const nested = { id: 2, type: 'timeseries', title: 'CPU of $nope', gridPos: grid(1) };
  const value = dashboard([{ id: 1, type: 'row', title: 'R', collapsed: true, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [nested] }]);
  assert.deepEqual(codes(value), ['warning grafana/undefined-variable The variable "nope" is not defined in this dashboard\'s templating; Grafana leaves "$nope" in the text as written.']);
});

test('expansions inside strings are skipped only when harmless: a quote in a value or a bad "All" regex is still caught', () => {
  const value = dashboard(
    [
      {
        id: 1,
        type: 'timeseries',
        title: 'T',
        gridPos: grid(0),
        targets: [
          { refId: 'A', expr: 'up{path=~"$path"}' },
          { refId: 'B', expr: 'up{job=~"$job"}' },
        ],
      },
    ],
    {
      templating: {
        list: [
          { name: 'path', type: 'custom', query: 'a"b,c', multi: true },
          { name: 'job', type: 'query', query: 'label_values(up, job)', includeAll: true, allValue: '(' },
        ],
      },
    },
  );
  const found = codes(value).filter((p) => p.includes('grafana/variable-expansion'));
  assert.equal(found.length, 2, found.join('\n'));
  assert.match(found[0], /With one value selected in "path", Grafana inserts "a"b"/);
  assert.match(found[1], /With "All" selected in "job", Grafana inserts "\("/);
});
