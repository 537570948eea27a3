// `o11y query` against a real Prometheus (Debian's 2.42 scraping itself and node-exporter): tables, JSON and CSV,
// instant and range queries, Prometheus's errors with a caret under the place, the connection from --url, the
// environment or .o11y.yaml, and usage errors.
//
// Run: node scripts/build.mjs && node --import tsx --test test/cli/query.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/lspClient';
import { freePort, startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { waitForHistory } from '../helpers/promHistory';

let prom: RunningPrometheus;
let host: string;
const empty = mkdtempSync(join(tmpdir(), 'o11y-cli-query-'));

before(async () => {
  prom = await startPrometheus();
  host = new URL(prom.url).host;
  await waitForHistory(prom.url, 5);
});

after(async () => {
  await prom?.stop();
  rmSync(empty, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process (the test's Prometheus keeps being served meanwhile). */
function o11y(args: string[], cwd = empty, env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('O11Y_PROMETHEUS')));
    const child = spawn(process.execPath, [join(REPO, 'bin/o11y.js'), 'query', ...args], { cwd, env: { ...clean, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('an instant query as a table, with the summary on stderr', async () => {
  const r = await o11y(['sum by (job) (up)', '--url', prom.url]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^SERIES\s+VALUE$/);
  assert.deepEqual(lines.slice(1).map((l) => l.split(/\s+/)).sort(), prom.jobs.map((j) => [`{job="${j}"}`, '1']));
  assert.match(r.stderr, new RegExp(`^${prom.jobs.length} series · max 1 · \\d+ ms \\(${host.replace(/\./g, '\\.')}\\)\n$`));
});

test('JSON and CSV: every series with its labels and sample', async () => {
  const json = await o11y(['up', '--url', prom.url, '--format', 'json', '--time', 'now-1s']);
  assert.equal(json.code, 0, json.stderr);
  const body = JSON.parse(json.stdout) as { query: string; time: number; resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
  assert.equal(body.resultType, 'vector');
  assert.deepEqual(body.result.map((s) => s.metric.job).sort(), prom.jobs);
  assert.ok(Math.abs(body.time - (Date.now() / 1000 - 1)) < 10);
  assert.equal(json.stderr, '');
  const csv = await o11y(['sum by (job) (up)', '--url', prom.url, '--format', 'csv']);
  const [head, ...rows] = csv.stdout.trimEnd().split('\n');
  assert.equal(head, 'job,timestamp,value');
  assert.deepEqual(rows.map((r) => r.split(',')[0]).sort(), prom.jobs);
  assert.ok(rows.every((r) => /^\w+,\d+(\.\d+)?,1$/.test(r)), rows.join('\n'));
});

test('range queries: --range with --step, or --start and --end', async () => {
  const r = await o11y(['up{job="prometheus"}', '--url', prom.url, '--range', '20s', '--step', '2s']);
  assert.equal(r.code, 0, r.stderr);
  const [head, row] = r.stdout.trimEnd().split('\n');
  assert.match(head, /^SERIES\s+POINTS\s+MIN\s+MAX\s+LAST$/);
  const [, points, min, max] = row.split(/\s{2,}/);
  assert.ok(Number(points) >= 2 && Number(points) <= 11, row);
  assert.deepEqual([min, max], ['1', '1']);
  const end = Math.floor(Date.now() / 1000);
  const json = await o11y(['up', '--url', prom.url, '--start', new Date((end - 10) * 1000).toISOString(), '--end', String(end), '--format', 'json']);
  const body = JSON.parse(json.stdout) as { range: { start: number; end: number; step: number }; resultType: string };
  assert.deepEqual(body.range, { start: end - 10, end, step: 1 });
  assert.equal(body.resultType, 'matrix');
});

test("a bad expression: exit 1, Prometheus's message verbatim and a caret under the place", async () => {
  const r = await o11y(['rate(up{job="é"}[1m]) bla', '--url', prom.url]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'o11y: bad_data: invalid parameter "query": 1:24: parse error: unexpected identifier "bla"\n' +
      '  rate(up{job="é"}[1m]) bla\n' +
      '                        ^\n',
  );
});

test('the connection: O11Y_PROMETHEUS_URL, else .o11y.yaml (by --connection or its default)', async () => {
  const env = await o11y(['vector(1)', '--format', 'csv'], empty, { O11Y_PROMETHEUS_URL: prom.url });
  assert.equal(env.code, 0, env.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'o11y-cli-query-cfg-'));
  const down = `http://127.0.0.1:${await freePort()}`;
  writeFileSync(join(dir, '.o11y.yaml'), `connections:\n  prometheus:\n    - name: down\n      url: ${down}\n    - name: local\n      url: ${prom.url}\n      default: true\n`);
  try {
    const byDefault = await o11y(['vector(3)'], dir);
    assert.equal(byDefault.code, 0, byDefault.stderr);
    assert.match(byDefault.stderr, /^1 series · max 3 · \d+ ms \(local\)\n$/);
    const named = await o11y(['vector(3)', '--connection', 'down'], dir);
    assert.equal(named.code, 1);
    assert.match(named.stderr, /^o11y: Prometheus "down": cannot connect to http:\/\/127\.0\.0\.1:\d+: connection refused/);
    const unknown = await o11y(['up', '--connection', 'nope'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^o11y: no connection named "nope" \(\.o11y\.yaml has: down, local\)\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors: exit 2 with the reason and the help', async () => {
  const cases: [string[], string][] = [
    [[], 'give a PromQL expression to run'],
    [['up', 'down'], 'give the expression as one argument (quote it)'],
    [['up', '--format', 'xml'], 'unknown --format "xml" (use table, json or csv)'],
    [['up', '--time', 'yesterday'], '--time: "yesterday" is not a time (now, now-1h, RFC 3339 or unix seconds)'],
    [['up', '--step', '30s'], '--step and --end need --start or --range'],
    [['up', '--range', '1h', '--start', 'now-2h'], 'give either --range or --start, not both'],
    [['up', '--range', '-5m'], '--range: "-5m" is not a positive duration (30s, 5m, 1h …)'],
    [['up', '--start', 'now', '--end', 'now-1h'], '--end is before --start'],
    [['up', '--url'], '--url needs a value'],
  ];
  for (const [args, message] of cases) {
    const r = await o11y(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.startsWith(`o11y: ${message}\nUsage: o11y query`), r.stderr);
  }
  const help = await o11y(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: o11y query \[options\] <expr>/);
});

test('nothing listening at --url: exit 1 and why', async () => {
  const url = `http://127.0.0.1:${await freePort()}`;
  const r = await o11y(['up', '--url', url]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^o11y: Prometheus "127\.0\.0\.1:\d+": cannot connect to http:\/\/127\.0\.0\.1:\d+: connection refused/);
});
