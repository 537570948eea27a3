// Heatmap panels of the dashboard preview (server/src/core/dashboardPreview/heatmap.ts): Prometheus histogram
// buckets sorted by `le`, cumulative counts turned into per-bucket counts, the colour scale, and bad buckets.
// In Chromium against a real Prometheus: test/integration/dashboardPreviewPage.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deaccumulate, parseLe, shapeHeatmap } from '../../server/src/core/dashboardPreview/heatmap';
import { schemeColors, shadeIndex } from '../../server/src/core/dashboardPreview/heatmapColors';
import type { Series } from '../../server/src/core/dashboardPreview/panelQueries';
import { PreviewSession } from '../../server/src/core/dashboardPreview/session';

/** A bucket series of query `refId` with values at t = 10, 20, 30. */
function bucket(le: string | undefined, values: (number | null)[], refId = 'A', extra: Record<string, string> = {}): Series {
  const labels = { ...(le === undefined ? {} : { le }), ...extra };
  return { refId, name: le ?? 'x', labels, points: values.map((v, i) => [10 * (i + 1), v]) };
}

const PANEL = { type: 'heatmap', targets: [{ refId: 'A', expr: 'sum by (le) (rate(x_bucket[5m]))', format: 'heatmap' }] };

test('heatmap: buckets sorted by le (+Inf last), cumulative counts turned into per-bucket counts', () => {
  const series = [bucket('+Inf', [6, 4, 7]), bucket('0.5', [3, 2, 5]), bucket('1', [6, 2, null]), bucket('0.1', [1, 2, 0])];
  const { content, errors, notes } = shapeHeatmap(PANEL, series);
  assert.deepEqual([errors, notes], [[], []]);
  assert.deepEqual(content.times, [10, 20, 30]);
  assert.deepEqual(content.buckets, ['0.1', '0.5', '1', '+Inf']);
  // Each row minus the one below; a missing sample below counts 0, a missing sample stays missing.
  assert.deepEqual(content.counts, [
    [1, 2, 0],
    [2, 0, 5],
    [3, 0, null],
    [0, 2, 7],
  ]);
  // Colour scale over the shown counts (0 is hidden, so the smallest is 1), Grafana's defaults.
  assert.deepEqual([content.min, content.max, content.exponent, content.hideBelow, content.colors.length, content.invertOnDark, content.legend], [1, 7, 0.5, 1e-9, 64, true, true]);
  assert.deepEqual(deaccumulate([[5, null], [7, 3]]), [[5, null], [2, 3]]);
});

test('heatmap: a query not of format heatmap is drawn cumulative; several series of one bucket are added up', () => {
  const panel = { type: 'heatmap', targets: [{ expr: 'rate(x_bucket[5m])' }] };
  const series = [bucket('1', [1, 1, 1], 'A', { pod: 'a' }), bucket('1', [2, null, 2], 'A', { pod: 'b' }), bucket('2', [4, 4, 4], 'A', { pod: 'a' })];
  const { content, errors, notes } = shapeHeatmap(panel, series);
  assert.deepEqual(errors, []);
  assert.deepEqual(content.counts, [
    [3, 1, 3],
    [4, 4, 4],
  ]);
  assert.deepEqual(notes, [
    'Query A returns several series per bucket; they are added up (sum by (le) gives one each).',
    'Query A is not of format Heatmap: its buckets are drawn as returned (cumulative), not per bucket.',
  ]);
});

test('heatmap bad input: series without le, a non-numeric le and an unknown scheme are reported, the rest drawn', () => {
  const noLe = shapeHeatmap({ ...PANEL, options: { calculate: true } }, [bucket(undefined, [1, 2, 3])]);
  assert.deepEqual(noLe.content.buckets, []);
  assert.deepEqual(noLe.errors, [
    'Query A returns series without an "le" label: the preview draws a heatmap from histogram buckets (a _bucket metric kept "by (le)", format Heatmap), it does not calculate buckets from plain series.',
  ]);
  const panel = { ...PANEL, options: { color: { mode: 'scheme', scheme: 'Rainbowish' } } };
  const bad = shapeHeatmap(panel, [bucket('fast', [1, 1, 1]), bucket('', [1, 1, 1]), bucket('0.5', [1, 1, 1]), bucket('+Inf', [3, 3, 3])]);
  assert.deepEqual(bad.errors, ['Bucket bounds must be numbers or +Inf; left out: le="fast", "".']);
  assert.deepEqual(bad.content.buckets, ['0.5', '+Inf']);
  assert.deepEqual(bad.content.counts, [[1, 1, 1], [2, 2, 2]]);
  assert.deepEqual(bad.notes, ['The colour scheme "Rainbowish" is drawn as Oranges.']);
  assert.deepEqual(['+Inf', 'inf', '1e-3', '0.25', '', 'NaN', 'abc'].map(parseLe), [Infinity, Infinity, 0.001, 0.25, undefined, undefined, undefined]);
});

test('heatmap colours: shades on the exponential scale, hidden empties, legacy panels with opacity and a y unit', () => {
  const scale = { min: 0, max: 4, exponent: 0.5, hideBelow: 1e-9, steps: 64 };
  // 1 of 4 is a quarter of the range; its square root is half: shade 32 of 64.
  assert.deepEqual([null, 0, 1, 4, 9, -1].map((v) => shadeIndex(v, scale)), [-1, -1, 32, 63, 63, -1]);
  assert.equal(shadeIndex(1, { ...scale, exponent: 1 }), 16);
  const oranges = schemeColors('interpolateOranges', 3, false);
  assert.deepEqual(oranges, { colors: ['#fff4e8', '#fd9243', '#7f2a05'], invertOnDark: true });
  assert.deepEqual(schemeColors('Viridis', 2, true), { colors: ['#fde725', '#440154'], invertOnDark: false });
  const legacy = {
    type: 'heatmap',
    dataFormat: 'tsbuckets',
    color: { mode: 'opacity', cardColor: '#b4ff00', colorScale: 'linear', min: 0, max: 10 },
    yAxis: { format: 's' },
    legend: { show: false },
    targets: [{ expr: 'x', format: 'heatmap' }],
  };
  const { content } = shapeHeatmap(legacy, [bucket('0.1', [1, 1, 1]), bucket('2.5', [2, 2, 2])]);
  assert.deepEqual([content.buckets, content.exponent, content.min, content.max, content.legend], [['100 ms', '2.5 s'], 1, 0, 10, false]);
  assert.deepEqual([content.colors[0], content.colors.at(-1)], ['rgba(180,255,0,0.050)', 'rgba(180,255,0,1.000)']);
});

test('heatmap panels render in a session: no Prometheus is a corner error, never a blank panel', async () => {
  const text = JSON.stringify({ panels: [{ id: 1, ...PANEL, title: 'Latency', gridPos: { x: 0, y: 0, w: 12, h: 8 } }] });
  const m = await new PreviewSession().render(text, {}, { now: () => 1_700_000_000_000 });
  assert.equal(m.panels[0].content?.kind, 'heatmap');
  assert.equal(m.panels[0].error, 'No Prometheus is connected.');
  assert.deepEqual(m.panels[0].queries, ['sum by (le) (rate(x_bucket[5m]))']);
});
