// `o11y check --live` against a real Prometheus (Debian's 2.42 scraping itself and node-exporter): unknown metrics,
// label values no series carries, rate() on a gauge; and against a local fake server for the failures (nothing
// listening, 401, an API that never answers, a Thanos-like backend without /api/v1/metadata) and bad usage.
//
// Run: node scripts/build.mjs && node --import tsx --test test/cli/checkLive.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/lspClient';
import { freePort, startPrometheus, type RunningPrometheus } from '../helpers/prometheus';

const dir = mkdtempSync(join(tmpdir(), 'o11y-check-live-'));
let prom: RunningPrometheus;
let fake: Server;
let fakeUrl: string;
let host: string;
let fakeHost: string;

const ok = (res: ServerResponse, data: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));

/** `/locked` wants a token; `/hang` never answers; `/thanos` has names and label values but no metadata or buildinfo. */
function fakePrometheus(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url!, 'http://x');
  if (url.pathname.startsWith('/hang/')) {
    return;
  }
  if (url.pathname.startsWith('/locked/')) {
    res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized\n');
    return;
  }
  const api = url.pathname.replace(/^\/thanos/, '');
  const match = url.searchParams.getAll('match[]');
  if (api === '/api/v1/query') {
    ok(res, { resultType: 'scalar', result: [Date.now() / 1000, '1'] });
  } else if (api === '/api/v1/label/__name__/values') {
    ok(res, ['up', 'node_load1']);
  } else if (api === '/api/v1/label/job/values' && match[0] === 'up{}') {
    ok(res, ['node']);
  } else if (api === '/api/v1/label/instance/values') {
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'internal', error: 'store unavailable' }));
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
  }
}

before(async () => {
  fake = createServer(fakePrometheus);
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeHost = `127.0.0.1:${(fake.address() as { port: number }).port}`;
  fakeUrl = `http://${fakeHost}`;
  prom = await startPrometheus();
  host = new URL(prom.url).host;
});

after(async () => {
  fake?.closeAllConnections();
  fake?.close();
  await prom?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI without blocking this process (the fake server and Prometheus keep being served meanwhile). */
function o11y(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const started = Date.now();
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('O11Y_PROMETHEUS')));
    const child = spawn(process.execPath, [join(REPO, 'bin/o11y.js'), 'check', ...args], { cwd: dir, env: { ...clean, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

function rules(name: string, exprs: string[]): string {
  const body = exprs.map((e, i) => `      - alert: A${i}\n        expr: ${e}\n        labels: { severity: page }\n        annotations: { summary: s, description: d }\n`);
  writeFileSync(join(dir, name), `groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n${body.join('')}`);
  return name;
}

/** The findings of some codes as `line:col code message`. */
function findings(stdout: string, codes: RegExp): string[] {
  return stdout
    .split('\n')
    .map((l) => /^[^:]+:(\d+):(\d+): \w+: (.*) \[([^\]]+)\]$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && codes.test(m[4]))
    .map((m) => `${m[1]}:${m[2]} ${m[4]} ${m[3]}`);
}

const LIVE = /^promql\/(unknown-metric|unknown-label-value|rate-on-gauge)$/;

test('live lints from a real Prometheus: unknown metric, a label value no series has, rate() on a gauge', async () => {
  const file = rules('live.rules.yml', [
    'prometheus_http_requests_totall > 0',
    'up{job="nodee"} == 0',
    'rate(node_load1[5m]) > 0',
    // None of these: a regex, a label up never has, `label=""`, a value that exists, a recorded metric, ALERTS.
    'up{job=~"nodee"} == 0 or up{zone="x"} == 0 or up{job=""} == 0 or up{job="node"} == 0',
    'job:up:sum{job="zzz"} > 0 or ALERTS{alertname="Nope"}',
  ]);
  const r = await o11y(['--live', '--url', prom.url, file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual(findings(r.stdout, LIVE), [
    `7:15 promql/unknown-metric metric "prometheus_http_requests_totall" not found on ${host}: the server has no series of that name (a typo, or a target that is not scraped there)`,
    `11:22 promql/unknown-label-value label "job" of "up" never has value "nodee" on ${host} (its values there: "node", "prometheus")`,
    `15:20 promql/rate-on-gauge rate() is for counters, but "node_load1" is a gauge on ${host} (its TYPE in the metadata); for a gauge use deriv()`,
  ]);
  const plain = await o11y([file]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.deepEqual(findings(plain.stdout, LIVE), [], 'without --live no server is asked');
});

test('--format json carries the live findings; a connection of .o11y.yaml by name; lint levels apply', async () => {
  const file = rules('json.rules.yml', ['up{job="nodee"} == 0', 'nope_metric > 0']);
  const config = join(dir, 'live.o11y.yaml');
  writeFileSync(config, `connections:\n  prometheus:\n    - name: local\n      url: ${prom.url}\nlints:\n  promql/unknown-metric: off\n`);
  const r = await o11y(['--live', '--connection', 'local', '--config', config, '--format', 'json', file]);
  assert.equal(r.code, 0, r.stderr);
  const parsed = JSON.parse(r.stdout) as { code: string; severity: string; message: string }[];
  assert.deepEqual(
    parsed.filter((f) => LIVE.test(f.code)).map((f) => [f.code, f.severity, f.message]),
    [['promql/unknown-label-value', 'warning', 'label "job" of "up" never has value "nodee" on local (its values there: "node", "prometheus")']],
  );
});

test('nothing listening: one error line, exit 1, no findings', async () => {
  const port = await freePort();
  const r = await o11y(['--live', '--url', `http://127.0.0.1:${port}`, rules('down.rules.yml', ['up == 0'])]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^o11y: --live: cannot connect to http://127\\.0\\.0\\.1:${port}: connection refused [^\\n]*\\n$`));
});

test('a server that never answers: the timeout ends the wait with one line', async () => {
  const r = await o11y(['--live', '--url', `${fakeUrl}/hang`, '--timeout', '1s', rules('hang.rules.yml', ['up == 0'])]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `o11y: --live: Prometheus at ${fakeUrl}/hang (/api/v1/status/buildinfo): no complete answer within 1s\n`);
  assert.ok(r.ms < 8000, `took ${r.ms} ms`);
});

test('401: says authentication failed', async () => {
  const r = await o11y(['--live', '--url', `${fakeUrl}/locked`, rules('locked.rules.yml', ['up == 0'])]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^o11y: --live: authentication failed: [^\n]*401[^\n]*\n$/);
});

test('a backend without /api/v1/metadata or buildinfo: a note, the other live lints still work, a failed lookup says nothing', async () => {
  const file = rules('thanos.rules.yml', ['upp > 0', 'up{job="nodee"} == 0', 'rate(node_load1[5m]) > 0', 'up{instance="nowhere"} == 0']);
  const r = await o11y(['--live', '--url', `${fakeUrl}/thanos`, file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `note: TYPE and HELP unavailable: ${fakeHost} has no /api/v1/metadata endpoint (HTTP 404); rate() on a gauge is not checked\n`);
  assert.deepEqual(
    findings(r.stdout, LIVE).map((l) => l.split(' ').slice(0, 2).join(' ')),
    ['7:15 promql/unknown-metric', '11:22 promql/unknown-label-value'],
  );
});

test('bad usage exits 2; a malformed URL is one error line', async () => {
  const file = rules('usage.rules.yml', ['up == 0']);
  const withoutLive = await o11y(['--url', prom.url, file]);
  assert.equal(withoutLive.code, 2);
  assert.match(withoutLive.stderr, /^o11y: --url goes with --live\n/);
  const badTimeout = await o11y(['--live', '--url', prom.url, '--timeout', 'soon', file]);
  assert.equal(badTimeout.code, 2);
  assert.match(badTimeout.stderr, /^o11y: --timeout: "soon" is not a positive duration/);
  const noSuch = await o11y(['--live', '--connection', 'nope', file]);
  assert.equal(noSuch.code, 2);
  assert.match(noSuch.stderr, /^o11y: no connection named "nope"/);
  const malformed = await o11y(['--live', '--url', 'localhost:9090', file]);
  assert.equal(malformed.code, 1);
  assert.equal(malformed.stderr, 'o11y: --live: the Prometheus url must start with http:// or https:// (got localhost://…)\n');
});
