// `o11y render --var`: template variable values chosen for the snapshot (the bundled CLI, dist/cli.js). The
// dashboard's variables are custom lists and a textbox and its panel is text, so no Prometheus is needed; the
// snapshot's inlined model is the oracle. Renders with data: test/integration/dashboardPreviewPage.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreviewModel } from '../../server/src/core/dashboardPreview/types';
import { REPO } from '../helpers/lspClient';

const DASHBOARD = JSON.stringify({
  title: 'Shop in $env',
  templating: {
    list: [
      { name: 'env', type: 'custom', query: 'dev,prod', current: { value: 'dev' } },
      { name: 'region', type: 'custom', query: 'Europe : eu,us,ap', multi: true, includeAll: true, current: { value: ['us'] } },
      { name: 'note', type: 'textbox', query: 'none' },
    ],
  },
  panels: [{ id: 1, type: 'text', title: '$note', gridPos: { x: 0, y: 0, w: 24, h: 4 }, options: { mode: 'markdown', content: '$env / ${region:csv}' } }],
});

const dir = mkdtempSync(join(tmpdir(), 'o11y-render-var-'));
writeFileSync(join(dir, 'dash.json'), DASHBOARD);

function render(...vars: string[]): { status: number | null; stdout: string; stderr: string; model?: PreviewModel } {
  const out = join(dir, 'page.html');
  writeFileSync(out, '');
  const args = [join(REPO, 'bin/o11y.js'), 'render', 'dash.json', '--out', out, '--url', 'http://127.0.0.1:9', ...vars.flatMap((v) => ['--var', v])];
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, O11Y_PROMETHEUS_URL: '' } });
  const json = /<script type="application\/json" id="o11y-model">(.*?)<\/script>/s.exec(readFileSync(out, 'utf8'))?.[1];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, model: json ? (JSON.parse(json) as PreviewModel) : undefined };
}

function shown(model: PreviewModel | undefined): string[] {
  const panel = model!.panels[0];
  return [model!.title, panel.title, panel.content?.kind === 'text' ? panel.content.content : ''];
}

test('render --var picks values: single, several (by text or value), All, and a textbox with commas', () => {
  assert.deepEqual(shown(render().model), ['Shop in dev', 'none', 'dev / us']);
  const picked = render('env=prod', 'region=Europe,ap', 'note=a, b');
  assert.equal(picked.status, 0, picked.stderr);
  assert.deepEqual(shown(picked.model), ['Shop in prod', 'a, b', 'prod / eu,ap']);
  assert.deepEqual(picked.model!.variables.map((v) => v.current), [['prod'], ['eu', 'ap'], ['a, b']]);
  // Repeated flags of one name add up; $__all selects All.
  assert.deepEqual(shown(render('region=eu', 'region=us').model)[2], 'dev / eu,us');
  const all = render('region=$__all');
  assert.deepEqual([all.status, all.model!.variables[1].current, shown(all.model)[2]], [0, ['$__all'], 'dev / eu,us,ap']);
});

test('render --var bad input: unknown names and bad syntax are usage errors, values the variable lacks fail the run', () => {
  const unknown = render('nope=1');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^o11y: --var nope: the dashboard has no variable "nope" \(it has env, region, note\)\n/);
  assert.match(render('env').stderr, /^o11y: --var "env": write --var name=value \(name=a,b for several values, name=\$__all for All\)\n/);
  assert.match(render('env=').stderr, /^o11y: --var env: give a value; /);
  assert.match(render('--width=800').stderr, /^o11y: --var needs name=value\n/);
  const cases: [string, string][] = [
    ['env=staging', 'dash.json: --var env: "staging" is not a value of "env" (dev, prod); the page shows dev.\n'],
    ['env=dev,prod', 'dash.json: --var env: "env" takes one value, not 2; the page shows dev.\n'],
    ['env=$__all', 'dash.json: --var env: "env" has no All option; the page shows dev.\n'],
    ['region=eu,mars', 'dash.json: --var region: "mars" is not a value of "region" (Europe, us, ap); the page shows eu.\n'],
  ];
  for (const [spec, message] of cases) {
    const r = render(spec);
    assert.deepEqual([r.status, r.stderr], [1, message], spec);
    assert.match(r.stdout, /^wrote .*page\.html: 1 panels\n$/, 'the page is still written');
  }
});
