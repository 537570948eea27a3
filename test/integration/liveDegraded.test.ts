// A Prometheus-compatible backend that lacks some endpoints (as Thanos Query, Grafana Mimir or VictoriaMetrics may:
// no /api/v1/metadata, /api/v1/status/config, /api/v1/rules or buildinfo), faked by a local HTTP server answering
// 404 there, with the real language server over stdio: completion still lists the metric names (without TYPE and
// HELP, saying why), hover says the metadata is unavailable, nothing is logged as an error; the label-value lint
// works from /api/v1/label/<name>/values and says nothing when that lookup fails.
//
// Run: node scripts/build.mjs && node --import tsx --test test/integration/liveDegraded.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspProcess } from '../helpers/lspClient';
import { caret } from '../helpers/service';

const dir = mkdtempSync(join(tmpdir(), 'o11y-live-degraded-'));
let fake: Server;
let host: string;
let p: LspProcess;
const logged: { type: number; message: string }[] = [];
/** Every path the fake server was asked for, to show the missing endpoints were really tried. */
const asked: string[] = [];
let version = 0;

const ok = (res: ServerResponse, data: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));

function backend(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url!, 'http://x');
  const match = url.searchParams.getAll('match[]');
  asked.push(url.pathname);
  if (url.pathname === '/api/v1/query') {
    ok(res, { resultType: 'vector', result: [{ metric: {}, value: [Date.now() / 1000, '2'] }] });
  } else if (url.pathname === '/api/v1/query_range') {
    ok(res, { resultType: 'matrix', result: [] });
  } else if (url.pathname === '/api/v1/label/__name__/values') {
    ok(res, ['up', 'node_load1', 'http_requests_total']);
  } else if (url.pathname === '/api/v1/label/job/values') {
    ok(res, match[0] === 'up{}' ? ['node', 'api'] : []);
  } else if (url.pathname === '/api/v1/label/instance/values') {
    res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'no store answered' }));
  } else if (url.pathname === '/api/v1/labels') {
    ok(res, ['__name__', 'instance', 'job']);
  } else {
    // /api/v1/metadata, /api/v1/status/buildinfo, /api/v1/status/config, /api/v1/rules …
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
  }
}

before(async () => {
  fake = createServer(backend);
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(fake.address() as { port: number }).port}`;
  p = new LspProcess();
  p.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => logged.push(m));
  await p.initialize(pathToFileURL(dir).href, {}, { prometheus: { url: `http://${host}` } });
});

after(async () => {
  await p?.stop();
  fake?.closeAllConnections();
  fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const RULES = `groups:
  - name: demo
    rules:
      - alert: Anything
        expr: <|>
`;

async function open(name: string, expr: string): Promise<{ uri: string; position: { line: number; character: number } }> {
  const { text, position } = caret(RULES.replace('<|>', expr));
  const uri = pathToFileURL(join(dir, name)).href;
  await p.open(uri, text, 'yaml', ++version);
  return { uri, position };
}

async function until<T>(ask: () => Promise<T>, done: (t: T) => boolean): Promise<T> {
  const end = Date.now() + 10_000;
  for (;;) {
    const t = await ask();
    if (done(t) || Date.now() > end) {
      return t;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const NOTE = () => `TYPE and HELP unavailable: ${host} has no /api/v1/metadata endpoint (HTTP 404)`;

test('completion lists the live metric names without TYPE or HELP, with a note saying why', async () => {
  const { uri, position } = await open('complete.rules.yml', 'http_req<|>');
  const items = await until(
    async () => {
      const r = await p.connection.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
      return Array.isArray(r) ? r : (r?.items ?? []);
    },
    (i) => i.some((x) => x.label === 'http_requests_total' && String((x.documentation as MarkupContent | undefined)?.value).includes('unavailable')),
  );
  const item = items.find((i) => i.label === 'http_requests_total');
  assert.ok(item, `offered: ${items.map((i) => i.label).join(', ')}`);
  assert.equal(item.detail, `Prometheus ${host}`);
  assert.equal((item.documentation as MarkupContent).value, `**http_requests_total**\n\n_${NOTE()}_\n\nSource: Prometheus ${host}`);
  assert.ok(asked.includes('/api/v1/metadata'), 'the metadata endpoint was tried');
});

test('hover says the metadata is unavailable and still shows the series count', async () => {
  const { uri, position } = await open('hover.rules.yml', 'u<|>p == 0');
  const hover = await until(
    async () => ((await p.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position }))?.contents as MarkupContent | undefined)?.value ?? '',
    (text) => text.includes('Series now'),
  );
  assert.ok(hover.startsWith(`**up**\n\nSeries now: 2\n\n_${NOTE()}_\n\nSource: Prometheus ${host}\n`), hover);
});

test('label values no series has are reported; a failed lookup, a regex or an unknown label say nothing; no rate-on-gauge without TYPE', async () => {
  const { uri } = await open('lint.rules.yml', 'up{job="web"} == 0 or up{instance="x"} == 0 or up{job=~"web"} == 0 or up{zone="eu"} == 0 or rate(node_load1[5m]) > 0');
  const codes = /^promql\/(unknown-metric|unknown-label-value|rate-on-gauge)$/;
  const diags = await until(
    async () => {
      p.clearDiagnostics(uri);
      return (await p.diagnostics(uri, version, 2000).catch(() => [] as Diagnostic[])).filter((d) => codes.test(String(d.code)));
    },
    (d) => d.length > 0,
  );
  assert.deepEqual(
    diags.map((d) => [d.code, d.severity, d.range.start.character, d.range.end.character, d.message]),
    [['promql/unknown-label-value', 2, 21, 26, `label "job" of "up" never has value "web" on ${host} (its values there: "api", "node")`]],
  );
});

test('dashboards: a written value is checked, one made of a Grafana variable is not', async () => {
  const expr = 'up{job="web"} or up{job="$job"} or up{job="${job}-canary"} or up{job="api"}';
  const dashboard = { title: 'd', schemaVersion: 39, templating: { list: [{ name: 'job', type: 'custom', query: 'api,node' }] }, panels: [{ id: 1, type: 'timeseries', title: 'p', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A', expr }] }] };
  const text = JSON.stringify(dashboard, null, 2);
  const uri = pathToFileURL(join(dir, 'dash.json')).href;
  await p.open(uri, text, 'json', ++version);
  const diags = await until(
    async () => {
      p.clearDiagnostics(uri);
      return (await p.diagnostics(uri, version, 2000).catch(() => [] as Diagnostic[])).filter((d) => d.code === 'promql/unknown-label-value');
    },
    (d) => d.length > 0,
  );
  const line = text.split('\n').find((l) => l.includes('"expr"'))!;
  const at = line.indexOf('\\"web\\"');
  assert.deepEqual(
    diags.map((d) => [d.range.start.character, d.range.end.character, d.message]),
    [[at, at + 7, `label "job" of "up" never has value "web" on ${host} (its values there: "api", "node")`]],
  );
});

test('a backtest without /api/v1/rules runs, with a note instead of the server evaluation times', async () => {
  const text = RULES.replace('<|>', 'up == 0');
  const uri = pathToFileURL(join(dir, 'backtest.rules.yml')).href;
  await p.open(uri, text, 'yaml', ++version);
  const r = await p.connection.sendRequest<{ ok: boolean; message?: string; notes?: string[]; aligned?: boolean }>('o11y/backtest', { uri, at: { line: 3, character: 8 }, range: '10m' });
  assert.equal(r.ok, true, r.message);
  assert.equal(r.aligned, false);
  assert.ok(r.notes?.includes(`${host} has no /api/v1/rules endpoint: evaluation times are not matched to the server's own`), r.notes?.join('\n'));
  assert.ok(asked.includes('/api/v1/rules'));
});

test('the connection counts as connected (without a version) and nothing was logged as an error or warning', async () => {
  const status = await p.connection.sendRequest<{ connections: { state: string; version?: string; message?: string }[] }>('o11y/connectionStatus');
  assert.deepEqual(status.connections.map((c) => [c.state, c.version, c.message]), [['connected', undefined, undefined]]);
  assert.deepEqual(
    logged.filter((m) => m.type <= 2),
    [],
  );
  assert.ok(asked.includes('/api/v1/status/buildinfo'), 'buildinfo was tried, then a query');
});
