import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../helpers/lspClient';
import type { ScaffoldPlanResponse } from '../../server/src/lsp/scaffold';

// o11y/scaffoldPlan of the real server over stdio: the VS Code wizard's generator. It plans, never writes.

async function withServer(run: (plan: (params: unknown) => Promise<ScaffoldPlanResponse>, dir: string, server: LspProcess) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-scaffold-lsp-'));
  const server = new LspProcess();
  try {
    await server.initialize(pathToFileURL(dir).href);
    await run((params) => server.connection.sendRequest('o11y/scaffoldPlan', params) as Promise<ScaffoldPlanResponse>, dir, server);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const API = { name: 'api', address: 'api:8000', metricsPath: '/metrics' };

function ok(res: ScaffoldPlanResponse): Extract<ScaffoldPlanResponse, { ok: true }> {
  assert.ok(res.ok, `expected a plan, got ${JSON.stringify(res)}`);
  return res;
}

test('o11y/scaffoldPlan: an empty folder gets every file created, with no findings, and nothing is written', async () => {
  await withServer(async (plan, dir) => {
    const res = ok(await plan({ workspaceFolder: pathToFileURL(dir).href, folder: 'monitoring/', options: { targets: [API] } }));
    assert.equal(res.folder, 'monitoring');
    assert.deepEqual(res.findings, []);
    assert.ok(res.plan.every((a) => a.kind === 'create'));
    const paths = res.plan.map((a) => a.path);
    for (const p of ['docker-compose.yml', 'prometheus/prometheus.yml', 'alertmanager/alertmanager.yml', 'README.md', '.env.example']) {
      assert.ok(paths.includes(p), p);
    }
    const prom = res.plan.find((a) => a.path === 'prometheus/prometheus.yml') as { text: string };
    assert.match(prom.text, /job_name: api/);
    assert.equal(existsSync(join(dir, 'monitoring')), false);
  });
});

test('o11y/scaffoldPlan: over an existing stack, user edits are merged into YAML or the file goes to *.new; the rest is unchanged', async () => {
  await withServer(async (plan, dir) => {
    const params = { workspaceFolder: pathToFileURL(dir).href, folder: '', options: { components: ['prometheus', 'alertmanager', 'grafana'] } };
    for (const a of ok(await plan(params)).plan) {
      mkdirSync(dirname(join(dir, a.path)), { recursive: true });
      writeFileSync(join(dir, a.path), (a as { text: string }).text);
    }
    writeFileSync(join(dir, 'README.md'), '# Our stack\n');
    const res = ok(await plan({ ...params, options: { ...params.options, targets: [API] } }));
    const kinds = new Map(res.plan.map((a) => [a.path, a.kind]));
    assert.equal(kinds.get('prometheus/prometheus.yml'), 'merge');
    assert.equal(kinds.get('README.md'), 'new');
    assert.equal(kinds.get('alertmanager/alertmanager.yml'), 'unchanged');
    const merge = res.plan.find((a) => a.path === 'prometheus/prometheus.yml') as { added: string[]; text: string };
    assert.ok(merge.added.some((x) => x.includes('api')), merge.added.join());
    assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), '# Our stack\n');
  });
});

test('o11y/scaffoldPlan: bad input answers ok: false with the field and a clear message, and the server keeps serving', async () => {
  await withServer(async (plan, dir, server) => {
    const ws = pathToFileURL(dir).href;
    const problems = async (params: unknown) => {
      const res = await plan(params);
      assert.equal(res.ok, false, JSON.stringify(params));
      return (res as Extract<ScaffoldPlanResponse, { ok: false }>).problems;
    };
    assert.deepEqual(await problems({ workspaceFolder: ws, folder: '../outside', options: {} }), [
      { field: 'folder', message: '"../outside" climbs out of the stack folder with ".."' },
    ]);
    assert.deepEqual(await problems({ workspaceFolder: ws, folder: '/etc', options: {} }), [
      { field: 'folder', message: '"/etc" is absolute; only paths inside the stack folder are written' },
    ]);
    assert.deepEqual(await problems({ workspaceFolder: ws, folder: 'ok', options: { targets: [{ name: '../api', address: 'api', metricsPath: 'metrics' }] } }), [
      { field: 'targets[0].name', message: 'target name "../api" looks like a path; use letters, digits, "-" and "_" only' },
      { field: 'targets[0].address', message: 'address "api" must be host:port, e.g. api:8000' },
      { field: 'targets[0].metricsPath', message: 'metrics path "metrics" must start with "/", e.g. /metrics' },
    ]);
    assert.deepEqual(await problems({ workspaceFolder: ws, folder: '', options: { components: 'prometheus', targets: [{ name: 1 }], ports: null } }), [
      { field: 'components', message: 'components must be a list' },
      { field: 'targets', message: 'each target needs the strings name, address and metricsPath' },
      { field: 'ports', message: 'ports must map component names to numbers' },
    ]);
    assert.deepEqual(await problems({ workspaceFolder: 'untitled:ws', folder: '' }), [
      { field: 'workspaceFolder', message: 'the stack is written into a folder on disk: give a file: URI' },
    ]);
    assert.deepEqual(await problems({ workspaceFolder: pathToFileURL(join(dir, 'missing')).href, folder: '' }), [
      { field: 'workspaceFolder', message: `${join(dir, 'missing')} is not a folder` },
    ]);
    assert.equal((await problems(null))[0].field, 'workspaceFolder');
    // A symbolic link on the way could lead anywhere: refused, though the path itself is fine.
    const outside = join(dir, 'elsewhere');
    mkdirSync(outside);
    symlinkSync(outside, join(dir, 'linked'));
    const [link] = await problems({ workspaceFolder: ws, folder: 'linked', options: {} });
    assert.equal(link.field, 'folder');
    assert.match(link.message, /^linked is a symbolic link; the scaffold writes only real files inside /);
    ok(await plan({ workspaceFolder: ws, folder: 'after', options: {} }));
    assert.doesNotMatch(server.stderr, /scaffoldPlan failed/);
  });
});
