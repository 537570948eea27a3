import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../helpers/lspClient';

// The real server process over stdio, driven by a real JSON-RPC client (push diagnostics, as Neovim 0.7 uses).
const dir = mkdtempSync(join(tmpdir(), 'o11y-lsp-'));
writeFileSync(join(dir, '.o11y.yaml'), 'versions:\n  prometheus: "2.42"\n');
writeFileSync(join(dir, 'recording.rules.yml'), 'groups:\n  - name: r\n    rules:\n      - record: instance:node_cpu:ratio\n        expr: avg by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))\n');
const uri = (name: string): string => pathToFileURL(join(dir, name)).href;
let server: LspProcess;

before(async () => {
  server = new LspProcess();
  const init = (await server.initialize(pathToFileURL(dir).href)) as { capabilities: Record<string, unknown> };
  assert.ok(init.capabilities.completionProvider);
  assert.equal(init.capabilities.hoverProvider, true);
});

after(async () => {
  await server.stop();
});

test('diagnostics for a bad prometheus.yml arrive positioned, and clear when fixed', async () => {
  const u = uri('prometheus.yml');
  await server.open(u, 'global:\n  scrape_interval: 15x\n');
  const diags = await server.diagnostics(u, 1);
  assert.deepEqual(
    diags.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.code, d.severity]),
    [[1, 19, 22, 'schema/invalid-duration', 1]],
  );
  await server.change(u, 2, 'global:\n  scrape_interval: 15s\n');
  assert.deepEqual(await server.diagnostics(u, 2), []);
});

test('the target version from .o11y.yaml applies: newer fields need a newer Prometheus', async () => {
  const u = uri('prometheus-new.yml');
  await server.open(u, 'runtime:\n  gogc: 50\n');
  const diags = await server.diagnostics(u, 1);
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, 'version/too-new');
  assert.match(diags[0].message, /^"runtime" needs Prometheus ≥ \d+\.\d+ \(the target version is 2\.42\)\.$/);
});

test('a deprecated field gets a warning and a quick fix that renames it', async () => {
  const u = uri('prometheus-deprecated.yml');
  const text = 'global:\n  scrape_interval: 1m\nscrape_configs:\n  - job_name: a\n    scrape_classic_histograms: true\n';
  writeFileSync(join(dir, '.o11y.yaml'), 'versions:\n  prometheus: "2.53"\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.o11y.yaml')).href, type: 2 }] });
  await new Promise((r) => setTimeout(r, 300));
  await server.open(u, text);
  const diags = await server.diagnostics(u, 1);
  const d = diags.find((x) => x.code === 'schema/deprecated');
  assert.ok(d, JSON.stringify(diags));
  assert.equal(d.severity, 2);
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: u },
    range: d.range,
    context: { diagnostics: [d] },
  })) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
  assert.equal(actions[0].title, 'Rename to "always_scrape_classic_histograms"');
  assert.equal(actions[0].edit.changes[u][0].newText, 'always_scrape_classic_histograms');
  writeFileSync(join(dir, '.o11y.yaml'), 'versions:\n  prometheus: "2.42"\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.o11y.yaml')).href, type: 2 }] });
  await new Promise((r) => setTimeout(r, 300));
});

test('completion offers keys with snippets, and hover documents a key', async () => {
  const u = uri('prometheus-complete.yml');
  await server.open(u, 'scrape_configs:\n  - job_name: a\n    \n');
  const list = (await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri: u },
    position: { line: 2, character: 4 },
  })) as { items: { label: string; textEdit?: { newText: string } }[] };
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('static_configs') && labels.includes('scrape_interval'), labels.join(','));
  assert.ok(!labels.includes('job_name'), 'existing keys are not offered again');
  const hover = (await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: u },
    position: { line: 1, character: 6 },
  })) as { contents: { value: string } };
  assert.match(hover.contents.value, /^\*\*job_name\*\*/);
});

test('a cancelled request answers RequestCancelled and the server keeps serving', async () => {
  const u = uri('prometheus-cancel.yml');
  await server.open(u, 'global:\n  \n');
  const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
  const params = { textDocument: { uri: u }, position: { line: 1, character: 2 } };
  // Each request is cancelled right after it is sent, as an editor does when the user types on.
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, () => {
      const source = new CancellationTokenSource();
      const p = server.connection.sendRequest('textDocument/completion', params, source.token);
      source.cancel();
      return p;
    }),
  );
  const cancelled = outcomes.filter((o) => o.status === 'rejected' && (o.reason as { code?: number }).code === -32800);
  assert.ok(cancelled.length > 0, 'at least one request is answered as cancelled');
  assert.ok(outcomes.every((o) => o.status === 'fulfilled' || (o.reason as { code?: number }).code === -32800));
  const ok = (await server.connection.sendRequest('textDocument/completion', params)) as { items: unknown[] };
  assert.ok(ok.items.length > 5);
});

test('bad input never crashes or hangs the server', async () => {
  const cases: [string, string][] = [
    ['empty.prometheus.yml', ''],
    ['garbage-prometheus.yml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
    ['deep-prometheus.yml', 'global: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'],
    ['deep-block-prometheus.yml', Array.from({ length: 10_000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n')],
    ['big-prometheus.yml', 'scrape_configs:\n' + '  - job_name: j\n    static_configs: [{targets: ["a:1"]}]\n'.repeat(90_000)],
    ['tabs-prometheus.yml', 'global:\n\tscrape_interval: 1m\n'],
  ];
  for (const [name, text] of cases) {
    const u = uri(name);
    const t = Date.now();
    await server.open(u, text);
    const diags = await server.diagnostics(u, 1, 30_000);
    assert.ok(Array.isArray(diags), name);
    assert.ok(Date.now() - t < 20_000, `${name} took ${Date.now() - t} ms`);
    await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 1 } });
    await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line: 0, character: 0 } });
  }
  const diags = await server.diagnostics(uri('deep-prometheus.yml'), 1);
  assert.ok(diags.some((d) => d.code === 'yaml/too-deep'), JSON.stringify(diags.slice(0, 3)));
  assert.ok((await server.diagnostics(uri('big-prometheus.yml'), 1)).some((d) => d.code === 'prometheus/duplicate-job-name'));
});

test('a pull-diagnostics client without refresh support survives settings changes', async () => {
  const pullServer = new LspProcess();
  try {
    await pullServer.initialize(pathToFileURL(dir).href, { textDocument: { diagnostic: { dynamicRegistration: false } } });
    const u = uri('prometheus-pull.yml');
    await pullServer.open(u, 'global:\n  scrape_interval: 15x\n');
    await pullServer.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const report = (await pullServer.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as { items: { code: string }[] };
    assert.deepEqual(report.items.map((d) => d.code), ['schema/invalid-duration']);
    await pullServer.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const again = (await pullServer.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as { items: unknown[] };
    assert.equal(again.items.length, 1);
  } finally {
    await pullServer.stop();
  }
  assert.equal(await pullServer.exited, 0);
});

test('the workspace is indexed at start: a metric recorded in a file on disk completes in an expr', async () => {
  const u = uri('alerts.rules.yml');
  await server.open(u, 'groups:\n  - name: a\n    rules:\n      - alert: CpuHigh\n        expr: instance:node\n');
  const deadline = Date.now() + 10_000;
  let labels: string[] = [];
  while (Date.now() < deadline && !labels.includes('instance:node_cpu:ratio')) {
    const list = (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line: 4, character: 27 } })) as { items: { label: string }[] };
    labels = list.items.map((i) => i.label);
  }
  assert.ok(labels.includes('instance:node_cpu:ratio'), labels.join(','));
});
