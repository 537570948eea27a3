import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caret, doc, problemsOf, workspace } from '../helpers/service';
import { REPO } from '../helpers/lspClient';

const PROVISIONING = 'apiVersion: 1\ndatasources:\n  - name: Prometheus\n    type: prometheus\n    uid: prom\n    url: http://prometheus:9090\n';

/** A dashboard with the given panels and variables, pretty-printed as Grafana saves it. */
function dashboard(panels: unknown[], variables: unknown[] = [], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ uid: 'test', title: 'Test', schemaVersion: 39, templating: { list: variables }, panels, ...extra }, null, 2);
}

function ts(id: number, gridPos: object, targets: unknown[] = [], more: Record<string, unknown> = {}): object {
  return { id, type: 'timeseries', title: `Panel ${id}`, gridPos, targets, ...more };
}

const { root, service } = workspace({ 'provisioning/datasources/ds.yml': PROVISIONING });
service.indexFile(join(root, 'provisioning/datasources/ds.yml'), PROVISIONING);
const check = (text: string, name = 'dashboards/d.json'): string[] => problemsOf(service, join(root, name), text);
/** Problems without their positions, for checks whose place is asserted elsewhere. */
const codes = (text: string): string[] => check(text).map((p) => p.replace(/^\S+ /, ''));

test('the example dashboards are clean', () => {
  for (const name of ['service-red.json', 'node.json']) {
    const text = readFileSync(join(REPO, 'examples/grafana/dashboards', name), 'utf8');
    const ws = workspace({});
    ws.service.indexFile(join(ws.root, 'ds.yml'), readFileSync(join(REPO, 'examples/grafana/provisioning/datasources/prometheus.yml'), 'utf8'));
    assert.deepEqual(problemsOf(ws.service, join(ws.root, name), text), [], name);
  }
});

test('dashboards are recognised as JSON models, API payloads and operator resources', () => {
  const kind = (name: string, text: string): string => service.fileKind(doc(join(root, name), text));
  assert.equal(kind('a.json', '{"schemaVersion": 39}'), 'grafanaDashboard');
  assert.equal(kind('b.json', '{"dashboard": {"panels": []}, "overwrite": true}'), 'grafanaDashboard');
  assert.equal(kind('c.yaml', 'apiVersion: grafana.integreatly.org/v1beta1\nkind: GrafanaDashboard\nspec:\n  json: "{}"\n'), 'grafanaDashboard');
  assert.equal(kind('prometheus-overview.json', '{"panels": []}'), 'grafanaDashboard');
});

test('unknown keys are warnings (Grafana ignores them), with a suggestion; bad grid values are errors', () => {
  const text = dashboard([{ id: 1, type: 'stat', gridPos: { x: 0, y: 0, w: 25, h: 4 }, options: { graphMod: 'area' } }]);
  assert.deepEqual(codes(text), [
    'error schema/maximum Must be <= 24.',
    'warning schema/unknown-key Unknown key "graphMod", which is ignored. Did you mean "graphMode"?',
  ]);
});

test('duplicate panel ids, panels past column 24 and overlapping panels', () => {
  const text = dashboard([ts(1, { x: 0, y: 0, w: 12, h: 8 }), ts(1, { x: 6, y: 4, w: 12, h: 8 }), ts(3, { x: 20, y: 20, w: 8, h: 4 })]);
  assert.deepEqual(codes(text), [
    'warning grafana/duplicate-panel-id Panel id 1 is already used by "Panel 1"; Grafana renumbers one of them when it loads the dashboard, which breaks links to it.',
    'warning grafana/panel-overlap This panel overlaps "Panel 1" (x 0–12, y 0–8); Grafana pushes one of them down, so the layout differs from the JSON.',
    'warning grafana/grid-overflow The panel ends at column 28 (x 20 + w 8), past the grid\'s 24 columns; Grafana moves or narrows it.',
  ]);
});

test('panels kept inside an expanded row are reported; a collapsed row may keep them', () => {
  const nested = [ts(2, { x: 0, y: 1, w: 24, h: 4 })];
  const expanded = dashboard([{ id: 1, type: 'row', title: 'R', collapsed: false, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: nested }]);
  assert.match(codes(expanded).join('\n'), /grafana\/expanded-row-panels This row is expanded/);
  const collapsed = dashboard([{ id: 1, type: 'row', title: 'R', collapsed: true, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: nested }, ts(3, { x: 0, y: 1, w: 24, h: 4 })]);
  assert.deepEqual(codes(collapsed), []);
});

test('a uid another dashboard of the workspace has', () => {
  const other = join(root, 'dashboards/other.json');
  service.indexFile(other, dashboard([], [], { uid: 'shared' }));
  const problems = check(dashboard([], [], { uid: 'shared' }));
  assert.deepEqual(problems, ['2:10-18 warning grafana/duplicate-uid The uid "shared" is also used by dashboards/other.json; Grafana keeps one dashboard per uid, so provisioning one hides the other.']);
  service.forgetFile(other);
  assert.deepEqual(check(dashboard([], [], { uid: 'shared' })), []);
});

test('undefined variables in titles and queries, unused variables as info', () => {
  const text = dashboard(
    [ts(1, { x: 0, y: 0, w: 24, h: 8 }, [{ refId: 'A', expr: 'up{job=~"$job", env="$env"}' }], { title: 'Targets of $job' })],
    [
      { name: 'job', type: 'query', query: 'label_values(up, job)', multi: true },
      { name: 'spare', type: 'custom', query: 'a,b' },
    ],
  );
  const problems = check(text);
  assert.ok(problems.some((p) => /^\d+:\d+-\d+ info grafana\/unused-variable The variable "spare"/.test(p)), problems.join('\n'));
  const env = problems.find((p) => p.includes('"env" is not defined'));
  assert.ok(env, problems.join('\n'));
  // Placed on `$env` inside the expression string.
  const line = text.split('\n')[Number(env!.split(':')[0]) - 1];
  const [from, to] = env!.split(' ')[0].split(':')[1].split('-').map(Number);
  assert.equal(line.slice(from - 1, to - 1), '$env');
  assert.ok(!problems.some((p) => p.includes('"job" is not defined')));
});

test('data source references that match no provisioned data source', () => {
  const text = dashboard([ts(1, { x: 0, y: 0, w: 24, h: 8 }, [{ refId: 'A', expr: 'up' }], { datasource: { type: 'prometheus', uid: 'prometheus' } })]);
  assert.deepEqual(codes(text), ['warning grafana/unknown-datasource No data source provisioned in the workspace has the uid "prometheus"; known: "prom" (Prometheus).']);
  const ok = dashboard([ts(1, { x: 0, y: 0, w: 24, h: 8 }, [], { datasource: { type: 'prometheus', uid: 'prom' } }), ts(2, { x: 0, y: 8, w: 24, h: 8 }, [], { datasource: 'Prometheus' })]);
  assert.deepEqual(codes(ok), []);
});

test('unknown units: a likely typo is a warning with a fix, another text is info', () => {
  const text = dashboard([
    ts(1, { x: 0, y: 0, w: 12, h: 8 }, [], { fieldConfig: { defaults: { unit: 'bytess' }, overrides: [] } }),
    ts(2, { x: 12, y: 0, w: 12, h: 8 }, [], { fieldConfig: { defaults: { unit: 'widgets/min' }, overrides: [{ matcher: { id: 'byName', options: 'x' }, properties: [{ id: 'unit', value: 'suffix: widgets' }] }] } }),
  ]);
  const found = service.check(doc(join(root, 'dashboards/d.json'), text)).problems.filter((p) => p.code === 'grafana/unknown-unit');
  assert.deepEqual(found.map((p) => [p.severity, p.message, p.fix?.replacement]), [
    ['warning', '"bytess" is not a Grafana unit: Grafana shows it as text after each value. Did you mean "bytes"?', '"bytes"'],
    ['info', '"widgets/min" is not a Grafana unit: Grafana shows it as text after each value. For a custom unit, write "suffix:widgets/min".', undefined],
  ]);
});

test('legendFormat labels the query aggregates away', () => {
  const text = dashboard([ts(1, { x: 0, y: 0, w: 24, h: 8 }, [{ refId: 'A', expr: 'sum by (job) (rate(http_requests_total[5m]))', legendFormat: '{{job}} {{ instance }}' }])]);
  assert.deepEqual(codes(text), ['warning grafana/legend-label-missing The query\'s result has no label "instance" (sum by (job) removes it), so the legend shows nothing for {{instance}}.']);
});

test('queries that break only when a variable holds two values or "All"', () => {
  const variables = [
    { name: 'by', type: 'custom', query: 'job,instance', multi: true },
    { name: 'labels', type: 'custom', query: 'job,instance', multi: true },
    { name: 'job', type: 'query', query: 'label_values(up, job)', includeAll: true, allValue: '.*' },
  ];
  const text = dashboard(
    [
      ts(1, { x: 0, y: 0, w: 24, h: 8 }, [
        { refId: 'A', expr: 'sum by ($by) (up)' },
        { refId: 'B', expr: 'sum by (${labels:csv}) (up)' },
        { refId: 'C', expr: 'up{job="$job"}' },
      ]),
    ],
    variables,
  );
  assert.deepEqual(codes(text), [
    'warning grafana/variable-expansion With two values selected in "by", Grafana inserts "(job|instance)" and the query fails: unexpected "(" in grouping opts, expected label',
    'warning grafana/multi-value-equals "job" can hold "All" (.*), which Grafana inserts as a regular expression such as (a|b); an = or != matcher compares it as plain text, so it matches nothing. Use =~ or !~.',
  ]);
});

test('PromQL of Prometheus targets is checked; Loki targets are left alone', () => {
  const text = dashboard([
    ts(1, { x: 0, y: 0, w: 12, h: 8 }, [{ refId: 'A', expr: 'sum(rate(up[5m])' }]),
    { id: 2, type: 'logs', gridPos: { x: 12, y: 0, w: 12, h: 8 }, datasource: { type: 'loki', uid: 'logs' }, targets: [{ refId: 'A', expr: '{job="api"} |= "error"' }] },
  ]);
  assert.deepEqual(codes(text).filter((p) => p.includes('promql/')), ['error promql/syntax unclosed left parenthesis']);
});

test('an API payload is checked inside `dashboard`', () => {
  const text = JSON.stringify({ overwrite: true, folderUid: 'ops', dashboard: JSON.parse(dashboard([ts(1, { x: 0, y: 0, w: 24, h: 8 }, [], { fieldConfig: { defaults: { unit: 'percentunt' } } })])) }, null, 2);
  assert.deepEqual(codes(text), ['warning grafana/unknown-unit "percentunt" is not a Grafana unit: Grafana shows it as text after each value. Did you mean "percentunit"?']);
});

test('the JSON of a grafana-operator resource is checked where it is written', () => {
  const yaml = [
    'apiVersion: grafana.integreatly.org/v1beta1',
    'kind: GrafanaDashboard',
    'metadata:',
    '  name: api',
    'spec:',
    '  instanceSelector: { matchLabels: { dashboards: grafana } }',
    '  json: |',
    '    { "uid": "api", "title": "API", "panels": [',
    '      { "id": 1, "type": "stat", "title": "$nope", "gridPos": { "x": 0, "y": 0, "w": 6, "h": 4 },',
    '        "targets": [{ "refId": "A", "expr": "rate(up[5m]" }] } ] }',
    '',
  ].join('\n');
  assert.deepEqual(problemsOf(service, join(root, 'k8s/api-dashboard.yaml'), yaml), [
    '9:44-49 warning grafana/undefined-variable The variable "nope" is not defined in this dashboard\'s templating; Grafana leaves "$nope" in the text as written.',
    '10:50-51 error promql/syntax unclosed left parenthesis',
  ]);
});

test('completion of keys and values in dashboard JSON, and hover', async () => {
  const complete = async (src: string): Promise<{ label: string; text: string }[]> => {
    const { text, position } = caret(src);
    const items = await service.complete(doc(join(root, 'dashboards/c.json'), text), position);
    return items.map((i) => ({ label: i.label, text: (i.textEdit as { newText: string }).newText }));
  };
  const keys = await complete('{\n  "schemaVersion": 39,\n  "panels": [{ "type": "stat", "gridPos": { "x": 0, <|> } }]\n}');
  assert.deepEqual(keys.map((k) => k.label), ['y', 'w', 'h', 'static']);
  assert.equal(keys[0].text, '"y": ${1:0}');
  const typed = await complete('{\n  "schemaVersion": 39,\n  "ti<|>\n}');
  assert.equal(typed.find((k) => k.label === 'title')?.text, '"title": "$1"');
  const values = await complete('{\n  "panels": [{ "type": "stat", "options": { "colorMode": <|> } }]\n}');
  assert.deepEqual(values.map((v) => v.label), ['"value"', '"background"', '"background_solid"', '"none"']);
  const hover = await service.hover(doc(join(root, 'dashboards/c.json'), '{\n  "panels": [{ "gridPos": { "w": 1 } }]\n}'), { line: 1, character: 28 });
  assert.match(JSON.stringify(hover), /Width in columns, 1 to 24/);
});

test('bad input: garbage, deep nesting and a 10 MB dashboard give positioned problems, not a hang', () => {
  assert.ok(check('{"panels": [}, garbage').some((p) => p.includes('error json/syntax')));
  const deep = '{"panels": ' + '['.repeat(5000) + ']'.repeat(5000) + '}';
  assert.deepEqual(check(deep), ['1:1-1 error json/too-deep The document is nested more than 500 levels deep; it is not analysed.']);
  const panels = Array.from({ length: 11000 }, (_, i) =>
    ts(i + 1, { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 }, [{ refId: 'A', expr: `sum by (job) (rate(http_requests_total{route="/r${i}"}[$__rate_interval]))`, legendFormat: '{{job}}' }], {
      fieldConfig: { defaults: { unit: 'reqps', thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }] } }, overrides: [] },
      options: { legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] }, tooltip: { mode: 'single', sort: 'none' } },
    }),
  );
  const big = dashboard(panels);
  assert.ok(big.length > 10_000_000, String(big.length));
  const started = Date.now();
  assert.deepEqual(check(big, 'dashboards/big.json'), []);
  assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
});
