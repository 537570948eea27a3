// Live completion, hover, lints and connection status: the real language server over stdio connected to a real
// Prometheus (Debian's 2.42, scraping itself and node-exporter every second), and to local fake servers for the
// failures (nothing listening, 401 until a token is set, an API that never answers).
//
// Run: node scripts/build.mjs && node --import tsx --test test/integration/liveCompletion.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspProcess } from '../helpers/lspClient';
import { freePort, PROMETHEUS, startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { caret } from '../helpers/service';

interface Report {
  name: string;
  url: string;
  state: string;
  version?: string;
  message?: string;
  active: boolean;
}

const dir = mkdtempSync(join(tmpdir(), 'o11y-live-'));
const rulesUri = (name: string): string => pathToFileURL(join(dir, name)).href;
let prom: RunningPrometheus;
let fake: Server;
let fakeUrl: string;
let live: LspProcess;
let failing: LspProcess;
let version = 0;

/** buildinfo answers at once; `/locked` wants `Bearer s3cret`; every other endpoint never answers. */
function fakePrometheus(req: IncomingMessage, res: ServerResponse): void {
  if (req.url!.startsWith('/locked/') && req.headers.authorization !== 'Bearer s3cret') {
    res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized\n');
    return;
  }
  if (req.url!.endsWith('/api/v1/status/buildinfo')) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { version: '9.9.9' } }));
  }
}

async function server(prometheus: Record<string, unknown>): Promise<LspProcess> {
  const p = new LspProcess();
  await p.initialize(pathToFileURL(dir).href, {}, { prometheus });
  return p;
}

before(async () => {
  fake = createServer(fakePrometheus);
  const [started, port] = await Promise.all([startPrometheus(), freePort()]);
  prom = started;
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
  live = await server({ url: prom.url });
  failing = await server({
    connections: [
      { name: 'down', url: `http://127.0.0.1:${port}` },
      { name: 'locked', url: `${fakeUrl}/locked` },
      { name: 'slow', url: `${fakeUrl}/slow` },
      { name: 'broken', url: 'localhost:9090' },
    ],
    defaultConnection: 'slow',
  });
});

after(async () => {
  await Promise.all([live?.stop(), failing?.stop()]);
  fake?.closeAllConnections();
  fake?.close();
  await prom?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const RULES = `groups:
  - name: demo
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Anything
        expr: <|>
`;

/** Opens a rule file whose alert expression is `expr` (with a `<|>` caret) and returns the caret position. */
async function openRules(p: LspProcess, name: string, expr: string): Promise<{ uri: string; position: { line: number; character: number } }> {
  const { text, position } = caret(RULES.replace('<|>', expr));
  const uri = rulesUri(name);
  await p.open(uri, text, 'yaml', ++version);
  return { uri, position };
}

async function complete(p: LspProcess, name: string, expr: string): Promise<CompletionItem[]> {
  const { uri, position } = await openRules(p, name, expr);
  const r = await p.connection.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
  return Array.isArray(r) ? r : (r?.items ?? []);
}

/** Completion, asked again until the live answer has filled the cache (the first ask may answer from the workspace). */
async function completeUntil(p: LspProcess, name: string, expr: string, done: (items: CompletionItem[]) => boolean): Promise<CompletionItem[]> {
  const end = Date.now() + 10_000;
  for (;;) {
    const items = await complete(p, name, expr);
    if (done(items) || Date.now() > end) {
      return items;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Pushed diagnostics of `uri`, waited for until `done` holds (live lints arrive once the cache has filled). */
async function diagnosticsUntil(p: LspProcess, uri: string, done: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const end = Date.now() + 10_000;
  for (;;) {
    const d = await p.diagnostics(uri, 1, Math.max(1, end - Date.now())).catch(() => []);
    if (done(d) || Date.now() > end) {
      return d;
    }
    p.clearDiagnostics(uri);
  }
}

async function metadataOf(metric: string): Promise<{ type: string; help: string }> {
  const body = (await (await fetch(`${prom.url}/api/v1/metadata?metric=${metric}`)).json()) as { data: Record<string, { type: string; help: string }[]> };
  return body.data[metric][0];
}

const connectionName = (): string => new URL(prom.url).host;

test('status: connected, with the version the binary reports', async () => {
  const printed = spawnSync(PROMETHEUS, ['--version'], { encoding: 'utf8' });
  const expected = /version (\S+)/.exec(printed.stdout + printed.stderr)?.[1];
  const status = await live.connection.sendRequest<{ active: string; connections: Report[] }>('o11y/connectionStatus');
  assert.equal(status.active, connectionName());
  assert.deepEqual(
    status.connections.map((c) => [c.name, c.url, c.state, c.version, c.active]),
    [[connectionName(), prom.url, 'connected', expected, true]],
  );
});

test('metric completion: live names with TYPE in the detail and HELP in the docs, next to recorded ones', async () => {
  const expected = await metadataOf('prometheus_http_requests_total');
  const items = await completeUntil(live, 'complete.rules.yml', 'prometheus_http_req<|>', (i) => i.some((x) => x.label === 'prometheus_http_requests_total'));
  const item = items.find((i) => i.label === 'prometheus_http_requests_total');
  assert.ok(item, `live metric offered; got ${items.map((i) => i.label).join(', ')}`);
  assert.equal(item.detail, `${expected.type} · Prometheus ${connectionName()}`);
  assert.match((item.documentation as MarkupContent).value, new RegExp(expected.help.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const recorded = await complete(live, 'complete.rules.yml', 'job:up<|>');
  assert.ok(recorded.some((i) => i.label === 'job:up:sum'), 'the workspace recording rule is still offered');
});

test('label values are scoped to the metric and the matchers already typed', async () => {
  const hasAll = (items: CompletionItem[]) => prom.jobs.every((j) => items.some((i) => i.label === j));
  const all = await completeUntil(live, 'values.rules.yml', 'up{job=<|>}', hasAll);
  assert.deepEqual(all.map((i) => [i.label, i.textEdit?.newText]).sort(), prom.jobs.map((j) => [j, `"${j}"`]));
  const own = new URL(prom.url).host;
  const scoped = await completeUntil(live, 'values.rules.yml', `up{instance="${own}", job="<|>"}`, (i) => i.length === 1);
  assert.deepEqual(scoped.map((i) => i.label), ['prometheus']);
  const byMetric = await completeUntil(live, 'values.rules.yml', 'prometheus_build_info{job="<|>"}', (i) => i.length === 1);
  assert.deepEqual(byMetric.map((i) => i.label), ['prometheus']);
});

test('hover on a live metric: TYPE, HELP and the current series count', async () => {
  const expected = await metadataOf('prometheus_build_info');
  const { uri, position } = await openRules(live, 'hover.rules.yml', 'prometheus_bu<|>ild_info');
  let text = '';
  for (const end = Date.now() + 10_000; Date.now() < end && !text.includes('Series now'); ) {
    const h = await live.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    text = (h?.contents as MarkupContent | undefined)?.value ?? '';
    await new Promise((r) => setTimeout(r, text.includes('Series now') ? 0 : 100));
  }
  assert.match(text, /^\*\*prometheus_build_info\*\* \(gauge\)/);
  assert.ok(text.includes(expected.help), text);
  assert.match(text, /Series now: 1\b/);
});

test('lints: an unknown metric is reported with the connection, a recorded one is not; rate() on a gauge', async () => {
  assert.ok(prom.nodeExporter, 'node-exporter runs');
  const expr = 'prometheus_http_requests_totall > 0 or job:up:sum > 0 or rate(prometheus_tsdb_head_series[5m]) > 0 or rate(node_load1[5m]) > 0';
  const { uri } = await openRules(live, 'lint.rules.yml', expr);
  assert.equal((await metadataOf('prometheus_tsdb_head_series')).type, 'gauge');
  assert.equal((await metadataOf('node_load1')).type, 'gauge');
  const codes = (d: Diagnostic[]) => d.map((x) => x.code).filter((c) => typeof c === 'string' && /^promql\/(unknown-metric|rate-on)/.test(c));
  const diags = await diagnosticsUntil(live, uri, (d) => codes(d).length >= 3 && !codes(d).includes('promql/rate-on-non-counter'));
  const lines = diags.filter((d) => codes([d]).length).map((d) => [d.code, d.severity, d.message]);
  assert.deepEqual(lines, [
    ['promql/unknown-metric', 2, `metric "prometheus_http_requests_totall" not found on ${connectionName()}: the server has no series of that name (a typo, or a target that is not scraped there)`],
    ['promql/rate-on-gauge', 2, `rate() is for counters, but "prometheus_tsdb_head_series" is a gauge on ${connectionName()} (its TYPE in the metadata); for a gauge use deriv()`],
    // The name-based guess (promql/rate-on-non-counter, a hint) gives way to what the metadata says.
    ['promql/rate-on-gauge', 2, `rate() is for counters, but "node_load1" is a gauge on ${connectionName()} (its TYPE in the metadata); for a gauge use deriv()`],
  ]);
});

test('failures: nothing listening is unreachable, a 401 is authFailed, a token set at run time connects', async () => {
  const status = await failing.connection.sendRequest<{ active: string; connections: Report[] }>('o11y/connectionStatus');
  assert.equal(status.active, 'slow');
  assert.deepEqual(
    status.connections.map((c) => [c.name, c.state, c.version]),
    [
      ['down', 'unreachable', undefined],
      ['locked', 'authFailed', undefined],
      ['slow', 'connected', '9.9.9'],
      ['broken', 'unreachable', undefined],
    ],
  );
  assert.equal(status.connections[3].message, 'the Prometheus url must start with http:// or https:// (got localhost://…)');
  const report = await failing.connection.sendRequest<Report>('o11y/setCredentials', { connection: 'locked', url: `${fakeUrl}/locked`, kind: 'bearer', secret: 's3cret' });
  assert.deepEqual([report.state, report.version], ['connected', '9.9.9']);
  const wrongUrl = await failing.connection.sendRequest<Report>('o11y/setCredentials', { connection: 'locked', url: 'http://elsewhere:9090', kind: 'bearer', secret: 's3cret' });
  assert.equal(wrongUrl.state, 'authFailed', 'a secret stored for another URL is not sent');
  assert.equal(await failing.connection.sendRequest('o11y/setCredentials', { connection: 'locked' }), null, 'malformed parameters are refused');
});

test('a connected server that never answers: completion still comes quickly, from the workspace', async () => {
  const started = Date.now();
  const items = await complete(failing, 'slow.rules.yml', 'job:up<|>');
  const ms = Date.now() - started;
  assert.ok(items.some((i) => i.label === 'job:up:sum'), 'the recorded metric is offered');
  assert.ok(ms < 1500, `completion took ${ms} ms`);
  const values = Date.now();
  await complete(failing, 'slow.rules.yml', 'up{job="<|>"}');
  assert.ok(Date.now() - values < 1500, `label value completion took ${Date.now() - values} ms`);
});
