// Inline runs against a server that misbehaves on purpose (never answers, 500s, a 50 MB body, 401) or is not
// there at all: every run ends quickly with a failure whose message says what happened, and never throws.
// Real answers are tested against a real Prometheus in test/integration/queryRun.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PrometheusClient } from '../../server/src/core/prometheus/client';
import { prepareQuery, type PreparedQuery } from '../../server/src/core/query/prepare';
import { runQuery, type RunTarget } from '../../server/src/core/query/run';
import type { QueryFailure, QueryResponse } from '../../server/src/core/query/types';
import { freePort } from '../helpers/prometheus';

const scenarios: Record<string, (res: ServerResponse) => void> = {
  hang: () => undefined,
  err500json: (res) =>
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'internal', error: 'chunk 42 is corrupt' })),
  err500text: (res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded\n'),
  huge: (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
    res.write('{"status":"success","data":{"resultType":"vector","result":[');
  },
  locked: (res) => res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized\n'),
  many: (res) => {
    const result = Array.from({ length: 10_005 }, (_, i) => ({ metric: { i: String(i) }, value: [1, String(i)] }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  },
};

let server: Server;
let base: string;
const clients: PrometheusClient[] = [];

before(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    scenarios[req.url!.split('/')[1]]?.(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  server.close();
});

function target(url: string, extra: Partial<RunTarget> = {}, timeout = '1s'): RunTarget {
  const client = new PrometheusClient({ url, timeout });
  clients.push(client);
  return { name: 'fake', url, api: client, ...extra };
}

const PREPARED = prepareQuery({ expr: 'up' }, { start: 0, end: 1, step: 1 }) as PreparedQuery;

async function run(t: RunTarget, signal?: AbortSignal): Promise<{ r: QueryResponse; ms: number }> {
  const started = Date.now();
  const r = await runQuery(t, PREPARED, { time: 1_700_000_000, signal });
  return { r, ms: Date.now() - started };
}

function failed(r: QueryResponse): QueryFailure {
  assert.equal(r.ok, false, JSON.stringify(r));
  return r as QueryFailure;
}

test('a server that never answers: a timeout after the connection timeout', async () => {
  const { r, ms } = await run(target(`${base}/hang`));
  const f = failed(r);
  assert.equal(f.kind, 'timeout');
  assert.match(f.message, /no complete answer within 1s/);
  assert.match(f.summary, /^✗ .*no complete answer within 1s/);
  assert.ok(ms < 5000, `${ms} ms`);
});

test('HTTP 500: Prometheus’s own error verbatim, or the status and the body', async () => {
  const json = failed((await run(target(`${base}/err500json`))).r);
  assert.deepEqual([json.kind, json.errorType, json.message, json.summary], ['api', 'internal', 'chunk 42 is corrupt', '✗ internal: chunk 42 is corrupt']);
  const text = failed((await run(target(`${base}/err500text`))).r);
  assert.equal(text.kind, 'http');
  assert.match(text.message, /HTTP 500: upstream exploded/);
});

test('a 50 MB answer is refused at once, with advice', async () => {
  const { r, ms } = await run(target(`${base}/huge`));
  const f = failed(r);
  assert.equal(f.kind, 'tooLarge');
  assert.match(f.message, /50\.0 MB, more than the 32\.0 MB allowed.*narrower selector/);
  assert.ok(ms < 5000, `${ms} ms`);
});

test('401: the connection by name, and that it needs credentials', async () => {
  const f = failed((await run(target(`${base}/locked`))).r);
  assert.equal(f.kind, 'auth');
  assert.match(f.message, /^Prometheus "fake": .*HTTP 401 Unauthorized: it needs credentials and none are set/);
});

test('nothing listening: the default nobody configured says no Prometheus is set up; a named one says it is unreachable', async () => {
  const url = `http://127.0.0.1:${await freePort()}`;
  const quiet = failed((await run(target(url, { quiet: true }))).r);
  assert.equal(quiet.kind, 'noConnection');
  assert.match(quiet.message, new RegExp(`^no Prometheus is configured, and none answers at the default ${url} \\(.*connection refused`));
  const named = failed((await run(target(url))).r);
  assert.equal(named.kind, 'unreachable');
  assert.match(named.message, /^Prometheus "fake": cannot connect to .*connection refused/);
});

test('cancelling ends a run at once', async () => {
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 50);
  const { r, ms } = await run(target(`${base}/hang`, {}, '30s'), abort.signal);
  assert.equal(failed(r).kind, 'cancelled');
  assert.ok(ms < 2000, `${ms} ms`);
});

test('more than 10000 series: the first 10000 are kept and the summary says so', async () => {
  const { r } = await run(target(`${base}/many`));
  assert.ok(r.ok);
  assert.equal(r.series.length, 10_000);
  assert.equal(r.seriesCount, 10_005);
  assert.match(r.summary, /^→ 10005 series \(first 10000 kept\) · max 9999 · \d+ ms$/);
});
