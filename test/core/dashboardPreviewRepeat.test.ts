// Panels repeated by a variable in the dashboard preview (server/src/core/dashboardPreview/repeat.ts), rendered
// through a PreviewSession without Prometheus: one copy per selected value, placed as Grafana places them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutPanels } from '../../server/src/core/dashboardPreview/layout';
import { PreviewSession } from '../../server/src/core/dashboardPreview/session';
import type { PreviewModel } from '../../server/src/core/dashboardPreview/types';

const env = { now: () => Date.UTC(2024, 4, 1, 12) };

function dashboard(panels: object[], current: string[] = ['$__all'], query = 'a,b,c'): string {
  return JSON.stringify({ templating: { list: [{ name: 'host', type: 'custom', query, multi: true, includeAll: true, current: { value: current } }] }, panels });
}

function repeated(extra: object = {}): object {
  return { id: 1, type: 'stat', title: 'Host $host', gridPos: { x: 0, y: 0, w: 8, h: 4 }, repeat: 'host', targets: [{ expr: 'up{host=~"$host"}' }], ...extra };
}

const below = { id: 2, type: 'stat', title: 'Below', gridPos: { x: 0, y: 4, w: 24, h: 4 } };

function placed(m: PreviewModel): string[] {
  const { placed: at } = layoutPanels(m.panels.map((p) => ({ key: p.key, type: p.type, gridPos: p.gridPos, inRow: p.row, collapsed: p.collapsed })));
  return m.panels.map((p) => `${p.key} ${p.title}: ${at.get(p.key)!.x},${at.get(p.key)!.y} ${at.get(p.key)!.w}x${at.get(p.key)!.h}`);
}

test('repeat: one copy per value of All, side by side, each with its own value in title and query', async () => {
  const m = await new PreviewSession().render(dashboard([repeated(), below]), {}, env);
  assert.deepEqual(placed(m), ['id:1 Host a: 0,0 8x4', 'id:1~1 Host b: 8,0 8x4', 'id:1~2 Host c: 16,0 8x4', 'id:2 Below: 0,4 24x4']);
  assert.deepEqual(m.panels.slice(0, 3).map((p) => p.queries[0]), ['up{host=~"a"}', 'up{host=~"b"}', 'up{host=~"c"}']);
  // Only the selected values when All is not selected.
  const some = await new PreviewSession().render(dashboard([repeated()], ['b', 'c']), {}, env);
  assert.deepEqual(some.panels.map((p) => p.title), ['Host b', 'Host c']);
});

test('repeat: maxPerRow wraps copies onto new rows and moves the panels below; vertical repeats stack', async () => {
  const five = await new PreviewSession().render(dashboard([repeated({ maxPerRow: 2 }), below], ['$__all'], 'a,b,c,d,e'), {}, env);
  assert.deepEqual(placed(five), [
    'id:1 Host a: 0,0 12x4',
    'id:1~1 Host b: 12,0 12x4',
    'id:1~2 Host c: 0,4 12x4',
    'id:1~3 Host d: 12,4 12x4',
    'id:1~4 Host e: 0,8 12x4',
    'id:2 Below: 0,12 24x4',
  ]);
  const vertical = await new PreviewSession().render(dashboard([repeated({ repeatDirection: 'v', gridPos: { x: 6, y: 0, w: 10, h: 3 } }), below]), {}, env);
  assert.deepEqual(placed(vertical), ['id:1 Host a: 6,0 10x3', 'id:1~1 Host b: 6,3 10x3', 'id:1~2 Host c: 6,6 10x3', 'id:2 Below: 0,9 24x4']);
});

test('repeat bad input: an undefined variable, a repeating row and an empty variable draw the panel once', async () => {
  const m = await new PreviewSession().render(
    dashboard([repeated({ repeat: 'nope' }), { id: 3, type: 'row', title: 'R $host', repeat: 'host', gridPos: { x: 0, y: 4, w: 24, h: 1 } }]),
    {},
    env,
  );
  assert.deepEqual(m.panels.map((p) => [p.key, p.notes]), [
    ['id:1', ['Repeats by $nope, which the dashboard does not define.']],
    ['id:3', ['Rows that repeat are drawn once.']],
  ]);
  const empty = await new PreviewSession().render(dashboard([repeated()], [], ''), {}, env);
  assert.deepEqual(empty.panels.map((p) => [p.key, p.title]), [['id:1', 'Host All']]);
});
