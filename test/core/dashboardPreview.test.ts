// The dashboard preview's core (server/src/core/dashboardPreview) without a Prometheus: layout on the 24-column
// grid, Grafana's intervals, variables, units, and renders of bad, unknown and huge input. With a real Prometheus
// and in Chromium: test/integration/dashboardPreviewPage.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatValue } from '../../server/src/core/dashboardPreview/format';
import { interpolateText } from '../../server/src/core/dashboardPreview/interpolate';
import { builtins, panelInterval, roundIntervalMs } from '../../server/src/core/dashboardPreview/intervals';
import { layoutPanels, type LayoutPanel } from '../../server/src/core/dashboardPreview/layout';
import { MAX_PANELS, PreviewSession } from '../../server/src/core/dashboardPreview/session';
import { parseGrafanaTime } from '../../server/src/core/dashboardPreview/time';
import { applyRegex, sortOptions } from '../../server/src/core/dashboardPreview/variableQuery';
import { customOptions, resolveVariables } from '../../server/src/core/dashboardPreview/variables';
import { planPanelQueries } from '../../server/src/core/dashboardPreview/panelQueries';
import { REPO } from '../helpers/lspClient';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

function p(key: string, x: number, y: number, w: number, h: number, extra: Partial<LayoutPanel> = {}): LayoutPanel {
  return { key, type: 'timeseries', gridPos: { x, y, w, h }, ...extra };
}

function places(panels: LayoutPanel[], rows?: Record<string, boolean>): Record<string, string> {
  const { placed } = layoutPanels(panels, rows);
  return Object.fromEntries([...placed].map(([k, g]) => [k, `${g.x},${g.y} ${g.w}x${g.h}`]));
}

test('layout: panels float up into gaps, overlaps are pushed down, as on Grafana grid', () => {
  assert.deepEqual(places([p('a', 0, 0, 12, 8), p('b', 12, 3, 12, 8), p('c', 0, 20, 24, 4)]), { a: '0,0 12x8', b: '12,0 12x8', c: '0,8 24x4' });
  assert.deepEqual(places([p('a', 0, 0, 12, 8), p('b', 6, 2, 12, 4)]), { a: '0,0 12x8', b: '6,8 12x4' });
});

test('layout: a collapsed row hides its own panels; toggled open they come after it and push the rest down', () => {
  const panels = [
    p('top', 0, 0, 24, 4),
    p('r1', 0, 4, 24, 1, { type: 'row', collapsed: true }),
    p('inside', 0, 5, 24, 6, { inRow: 'r1' }),
    p('r2', 0, 5, 24, 1, { type: 'row' }),
    p('after', 0, 6, 12, 4),
  ];
  assert.deepEqual(places(panels), { top: '0,0 24x4', r1: '0,4 24x1', r2: '0,5 24x1', after: '0,6 12x4' });
  assert.deepEqual(places(panels, { r1: false }), { top: '0,0 24x4', r1: '0,4 24x1', inside: '0,5 24x6', r2: '0,11 24x1', after: '0,12 12x4' });
  // Collapsing an expanded row hides the panels that follow it.
  assert.deepEqual(places(panels, { r2: true }), { top: '0,0 24x4', r1: '0,4 24x1', r2: '0,5 24x1' });
});

test("intervals: Grafana's rounding, the min interval, $__rate_interval and the step", () => {
  assert.deepEqual([14, 16_000, 50_000, 100_000, 4_000_000, 10 ** 11].map(roundIntervalMs), [10, 15_000, 60_000, 120_000, 3_600_000, 31_536_000_000]);
  const hour = { start: 1_700_000_000, end: 1_700_003_600 };
  // 3600 s over 600 px: 6 s rounds to 5 s, below the 15 s scrape interval.
  const i = panelInterval({ ...hour, maxDataPoints: 600 });
  assert.deepEqual([i.interval, i.step, i.rateInterval], [15, 15, 60]);
  const vars = builtins(i, hour, 'd');
  assert.deepEqual([vars.__interval, vars.__rate_interval, vars.__range, vars.__range_ms], ['15s', '1m', '3600s', '3600000']);
  // A day over 1000 px: 86.4 s → 1m; rate interval 1m + 15s.
  const day = panelInterval({ start: 0, end: 86400, maxDataPoints: 1000 });
  assert.deepEqual([day.interval, day.rateInterval, builtins(day, { start: 0, end: 86400 }, '').__rate_interval], [60, 75, '75s']);
  // A min interval (`>30s` as Grafana writes it) wins, and is the base of $__rate_interval.
  assert.deepEqual(panelInterval({ ...hour, maxDataPoints: 600, minInterval: '>30s' }).rateInterval, 120);
  // Prometheus is never asked for more than 11,000 points: 30 days at 100,000 points is a 5m step.
  assert.equal(panelInterval({ start: 0, end: 30 * 86400, maxDataPoints: 100_000 }).step, 300);
  // Start and end aligned down to the step.
  const aligned = panelInterval({ start: 1_000_007, end: 1_003_607, maxDataPoints: 600 });
  assert.deepEqual([aligned.start % 15, aligned.end % 15], [0, 0]);
});

test('queries: variables and the panel’s own $__interval substituted; hidden and other data sources left out', () => {
  const panel = {
    type: 'timeseries',
    targets: [
      { refId: 'A', expr: 'rate(x{job=~"$job"}[$__rate_interval])', legendFormat: '{{instance}} of $job' },
      { refId: 'B', expr: 'up', hide: true },
      { refId: 'C', expr: '{app="x"}', datasource: { type: 'loki', uid: 'l' } },
    ],
  };
  const plan = planPanelQueries(panel, { start: 0, end: 3600, width: 600, title: 't', values: { job: { values: ['a', 'b'], multi: true } } });
  assert.deepEqual(plan.queries.map((q) => [q.expr, q.legendFormat, q.step]), [['rate(x{job=~"(a|b)"}[1m])', '{{instance}} of a + b', 15]]);
  assert.deepEqual(plan.skipped, ['Query C uses a loki data source; the preview queries Prometheus only.']);
});

test("variables: custom lists, intervals with auto, constants, textboxes, saved selections and Grafana's fallbacks", async () => {
  assert.deepEqual(customOptions('a, b\\,c , Prod : prod'), [
    { text: 'a', value: 'a' },
    { text: 'b,c', value: 'b,c' },
    { text: 'Prod', value: 'prod' },
  ]);
  const { views, values } = await resolveVariables(
    [
      { name: 'env', type: 'custom', query: 'dev,prod', current: { value: 'prod' } },
      { name: 'gone', type: 'custom', query: 'a,b', current: { value: 'zzz' } },
      { name: 'multi', type: 'custom', query: 'a,b,c', multi: true, includeAll: true, allValue: '.+', current: { value: ['$__all'] } },
      { name: 'iv', type: 'interval', query: '1m,10m', auto: true, auto_count: 30, auto_min: '10s' },
      { name: 'c', type: 'constant', query: 'k' },
      { name: 't', type: 'textbox', query: 'default' },
      { name: 'q', type: 'query', query: 'label_values(up, job)', options: [{ text: 'saved', value: 'saved' }] },
      { name: 'f', type: 'adhoc' },
    ],
    { start: 0, end: 3600, builtins: {}, selections: { t: ['typed'] } },
  );
  assert.deepEqual(
    views.map((v) => [v.name, v.current, v.hide, v.options.length]),
    [
      ['env', ['prod'], 0, 2],
      ['gone', ['a'], 0, 2],
      ['multi', ['$__all'], 0, 3],
      ['iv', ['$__auto_interval_iv'], 0, 3],
      ['c', ['k'], 2, 1],
      ['t', ['typed'], 0, 1],
      ['q', ['saved'], 0, 1],
    ],
  );
  assert.equal(views[6].error, 'No Prometheus is connected: the saved options are shown.');
  // auto = 3600 s / 30 = 120 s → 2m.
  assert.deepEqual(values.iv, { multi: false, includeAll: false, values: ['2m'] });
  assert.equal(interpolateText('$env / ${multi} / ${multi:regex} / $iv / $nope', values), 'prod / All / .+ / 2m / $nope');
});

test('variable query options: regex capture groups and Grafana’s sort orders', () => {
  assert.deepEqual(applyRegex(['node-1:9100', 'node-2:9100', 'other'], '/(node-\\d+):.*/'), [
    { text: 'node-1', value: 'node-1' },
    { text: 'node-2', value: 'node-2' },
  ]);
  assert.deepEqual(applyRegex(['a=1', 'b=2'], '/(?<text>\\w)=(?<value>\\d)/'), [
    { text: 'a', value: '1' },
    { text: 'b', value: '2' },
  ]);
  const opts = ['x10', 'x9', 'X1'].map((v) => ({ text: v, value: v }));
  assert.deepEqual(sortOptions(opts, 1).map((o) => o.text), ['X1', 'x10', 'x9']);
  assert.deepEqual(sortOptions(opts, 3).map((o) => o.text), ['X1', 'x9', 'x10']);
  assert.deepEqual(sortOptions(opts, 6).map((o) => o.text), ['x9', 'x10', 'X1']);
  assert.throws(() => applyRegex(['a'], '/(/'), /not a valid regular expression/);
});

test('units and decimals as Grafana shows them', () => {
  const cases: [number, string | undefined, number | undefined, string][] = [
    [0.4213, undefined, undefined, '0.421'],
    [12, 'percent', undefined, '12%'],
    [0.5, 'percentunit', 1, '50.0%'],
    [1536, 'bytes', undefined, '1.5 KiB'],
    [1500, 'decbytes', undefined, '1.5 kB'],
    [0.0032, 's', undefined, '3.2 ms'],
    [5400, 's', undefined, '1.5 hour'],
    [250, 'ms', undefined, '250 ms'],
    [1234567, 'short', undefined, '1.23 Mil'],
    [3, 'reqps', undefined, '3 req/s'],
    [2, 'suffix: pods', undefined, '2 pods'],
    [1, 'bool_on_off', undefined, 'On'],
    [7, 'widgets', undefined, '7 widgets'],
  ];
  assert.deepEqual(cases.map(([v, u, d]) => formatValue(v, u, d)), cases.map((c) => c[3]));
  assert.equal(formatValue(null, 'bytes'), 'No data');
});

test("time ranges as Grafana writes them: now-6h, now/d, now-1d/d, ISO dates, epoch ms", () => {
  const now = NOW / 1000;
  assert.equal(parseGrafanaTime('now-6h', now, false), now - 21600);
  assert.equal(parseGrafanaTime('now/d', now, false), Date.UTC(2024, 4, 1) / 1000);
  assert.equal(parseGrafanaTime('now/d', now, true), Date.UTC(2024, 4, 2) / 1000 - 1);
  assert.equal(parseGrafanaTime('now-1d/d', now, false), Date.UTC(2024, 3, 30) / 1000);
  assert.equal(parseGrafanaTime('now-2w', now, false), now - 14 * 86400);
  assert.equal(parseGrafanaTime('1714564800000', now, false), 1714564800);
  assert.equal(parseGrafanaTime('yesterday', now, false), undefined);
});

const env = { now: () => NOW };

test('bad input: unparsable JSON before any good render is a note, after one it keeps the last good render', async () => {
  const s = new PreviewSession();
  const first = await s.render('{"panels": [', {}, env);
  assert.deepEqual(first.panels, []);
  assert.match(first.problems[0], /^The JSON does not parse at line 1, column 13: /);
  assert.equal((await s.render('[1, 2]', {}, env)).problems[0], 'The document is not a dashboard: its top level is not a JSON object.');
  const good = JSON.stringify({ title: 'T', panels: [{ id: 1, type: 'stat', title: 'S', gridPos: { x: 0, y: 0, w: 6, h: 4 }, targets: [{ expr: 'up' }] }] });
  await s.render(good, {}, env);
  const broken = await s.render(good.slice(0, -3), {}, env);
  assert.deepEqual(broken.panels.map((p) => p.title), ['S']);
  assert.match(broken.problems[0], /The preview shows the last version that parsed\.$/);
  assert.equal(broken.problems[1], 'No Prometheus is connected: panels are drawn without data.');
  assert.equal(broken.panels[0].error, 'No Prometheus is connected.');
});

test('bad input: unknown panel types, odd gridPos and a bad time range render with clear notes', async () => {
  const text = JSON.stringify({
    time: { from: 'yesterday', to: 'now' },
    panels: [
      { type: 'piechart', title: 'Pie', gridPos: { x: 30, y: -2, w: 40 } },
      { type: 'text', options: { mode: 'html', content: '<b>$x</b>' } },
      { title: 'no type' },
      'not a panel',
    ],
    templating: { list: [{ name: 'x', type: 'custom', query: 'one' }, { type: 'custom' }] },
  });
  const m = await new PreviewSession().render(text, {}, env);
  assert.deepEqual(
    m.panels.map((p) => [p.type, p.content?.kind, `${p.gridPos.x},${p.gridPos.y} ${p.gridPos.w}x${p.gridPos.h}`]),
    [
      ['piechart', 'unsupported', '0,0 24x8'],
      ['text', 'text', '0,0 12x8'],
      ['unknown', 'unsupported', '0,0 12x8'],
    ],
  );
  assert.deepEqual(m.panels[1].content, { kind: 'text', mode: 'html', content: '<b>one</b>' });
  assert.equal(m.problems[0], '"yesterday" is not a time Grafana takes (now, now-6h, now/d, an ISO date or epoch ms). The last 6 hours are shown.');
  assert.equal(m.time.end - m.time.start, 21600);
});

test('huge dashboards: the first 500 panels are drawn, in well under a second', async () => {
  const panels = Array.from({ length: 800 }, (_, i) => ({ id: i + 1, type: 'timeseries', title: `P${i}`, gridPos: { x: (i % 4) * 6, y: Math.floor(i / 4) * 8, w: 6, h: 8 }, targets: [{ expr: `rate(m_${i}[$__rate_interval])` }] }));
  const started = performance.now();
  const m = await new PreviewSession().render(JSON.stringify({ panels }), {}, env);
  assert.ok(performance.now() - started < 2000);
  assert.equal(m.panels.length, MAX_PANELS);
  assert.ok(m.problems.includes(`The dashboard has 800 panels; the preview draws the first ${MAX_PANELS}.`));
});

test('real public dashboards (test/fixtures/grafana-dashboards) render without a crash, every panel placed', async () => {
  const dir = join(REPO, 'test/fixtures/grafana-dashboards');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const m = await new PreviewSession().render(readFileSync(join(dir, name), 'utf8'), { allPanels: true }, env);
    assert.ok(m.panels.length > 0, name);
    assert.ok(!m.problems.some((p) => /does not parse/.test(p)), name);
    const { placed } = layoutPanels(m.panels.map((p) => ({ key: p.key, type: p.type, gridPos: p.gridPos, inRow: p.row, collapsed: p.collapsed })));
    assert.ok(placed.size > 0, name);
  }
});
