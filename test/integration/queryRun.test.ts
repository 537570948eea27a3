// Inline query runs through the real language server over stdio against a real Prometheus (Debian's 2.42,
// scraping itself and node-exporter every second): `▶ Run` lenses on every expression, `o11y/query` instant and
// range runs, Prometheus's own error text with its position mapped into the document (through YAML and JSON
// escapes and Grafana variables), dashboard variables substituted, and cancellation of a run that hangs.
//
// Run: node scripts/build.mjs && node --import tsx --test test/integration/queryRun.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type CodeLens, type Range } from 'vscode-languageserver-protocol';
import type { QueryFailure, QueryParams, QueryResponse, QuerySuccess } from '../../server/src/core/query/types';
import { LspProcess } from '../helpers/lspClient';
import { freePort, startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { waitForHistory } from '../helpers/promHistory';

const dir = mkdtempSync(join(tmpdir(), 'o11y-query-'));
const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;
let prom: RunningPrometheus;
let hanging: Server;
let live: LspProcess;
let other: LspProcess;

const RULES = `groups:
  - name: demo
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Broken
        expr: "sum(rate(up{job=\\"prometheus\\"}[1m])"
      - alert: Down
        expr: |
          up
            == 0
`;

const TESTS = `rule_files: [rules.yml]
tests:
  - input_series:
      - series: up{job="a"}
        values: 1x5
    promql_expr_test:
      - expr: count(up)
        eval_time: 1m
`;

const DASHBOARD = JSON.stringify(
  {
    title: 'Live',
    schemaVersion: 39,
    templating: { list: [{ name: 'job', type: 'query', current: { text: 'prometheus', value: 'prometheus' } }] },
    panels: [
      {
        type: 'timeseries',
        targets: [
          { refId: 'A', expr: 'sum by (job) (rate(prometheus_http_requests_total{job="$job"}[$__rate_interval]))' },
          { refId: 'B', expr: 'rate(up{job="$job"}[$__rate_interval]) + on foo' },
        ],
      },
    ],
  },
  null,
  2,
);

async function server(prometheus: Record<string, unknown>): Promise<LspProcess> {
  const p = new LspProcess();
  await p.initialize(pathToFileURL(dir).href, {}, { prometheus });
  return p;
}

before(async () => {
  hanging = createServer((req) => req.resume());
  const [started, downPort] = await Promise.all([startPrometheus(), freePort()]);
  prom = started;
  await waitForHistory(prom.url, 5);
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const hangingUrl = `http://127.0.0.1:${(hanging.address() as { port: number }).port}`;
  live = await server({ url: prom.url });
  other = await server({
    connections: [
      { name: 'hangs', url: hangingUrl, default: true },
      { name: 'down', url: `http://127.0.0.1:${downPort}` },
    ],
  });
  await Promise.all(
    [live, other].flatMap((p) => [
      p.open(uriOf('rules.yml'), RULES),
      p.open(uriOf('rules_test.yml'), TESTS),
      p.open(uriOf('dash.json'), DASHBOARD, 'json'),
    ]),
  );
});

after(async () => {
  await Promise.all([live?.stop(), other?.stop()]);
  hanging?.closeAllConnections();
  hanging?.close();
  await prom?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function runLenses(p: LspProcess, name: string): Promise<CodeLens[]> {
  const lenses = await p.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(name) } });
  return lenses.filter((l) => l.command?.command === 'o11y.runQuery');
}

/** The text a range covers in one of the documents. */
function textAt(text: string, r: Range): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) {
    return lines[r.start.line].slice(r.start.character, r.end.character);
  }
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

function query(p: LspProcess, params: QueryParams): Promise<QueryResponse> {
  return p.connection.sendRequest<QueryResponse>('o11y/query', params);
}

async function lensRun(name: string, index: number, extra: Partial<QueryParams> = {}): Promise<QueryResponse> {
  const lens = (await runLenses(live, name))[index];
  const [uri, at] = lens.command!.arguments as [string, Range];
  return query(live, { uri, at, ...extra });
}

function succeeded(r: QueryResponse): QuerySuccess {
  assert.equal(r.ok, true, JSON.stringify(r));
  return r as QuerySuccess;
}

function failed(r: QueryResponse): QueryFailure {
  assert.equal(r.ok, false, JSON.stringify(r));
  return r as QueryFailure;
}

test('▶ Run above each expr of a rule file, a rule test file and a dashboard, on the line of the expression', async () => {
  const rules = await runLenses(live, 'rules.yml');
  assert.deepEqual(
    rules.map((l) => [l.range.start.line, l.command!.title, textAt(RULES, l.range)]),
    [
      [4, '▶ Run', 'sum by (job) (up)'],
      [6, '▶ Run', '"sum(rate(up{job=\\"prometheus\\"}[1m])"'],
      [8, '▶ Run', '|\n          up\n            == 0\n'],
    ],
  );
  assert.deepEqual((await runLenses(live, 'rules_test.yml')).map((l) => textAt(TESTS, l.range)), ['count(up)']);
  const dash = await runLenses(live, 'dash.json');
  assert.equal(dash.length, 2);
  assert.match(textAt(DASHBOARD, dash[1].range), /^"rate\(up\{job=\\"\$job\\"\}/);
});

test('an instant run: the series, their values, the time taken, in one summary line', async () => {
  const r = succeeded(await lensRun('rules.yml', 0));
  assert.equal(r.resultType, 'vector');
  assert.equal(r.query, 'sum by (job) (up)');
  assert.deepEqual(r.series.map((s) => s.labels.job).sort(), prom.jobs);
  assert.ok(r.series.every((s) => s.value?.[1] === '1'));
  assert.equal(r.connection, new URL(prom.url).host);
  assert.match(r.summary, new RegExp(`^→ ${prom.jobs.length} series · max 1 · \\d+ ms$`));
  const block = succeeded(await lensRun('rules.yml', 2));
  assert.equal(block.query, 'up\n  == 0\n');
  assert.match(block.summary, /^→ no data · \d+ ms$/);
});

test('a range run: every series with its samples over the window', async () => {
  const end = Math.floor(Date.now() / 1000);
  const r = succeeded(await lensRun('rules_test.yml', 0, { range: { start: end - 20, end, step: 2 } }));
  assert.equal(r.resultType, 'matrix');
  assert.equal(r.series.length, 1);
  const values = r.series[0].values!;
  assert.ok(values.length >= 2, JSON.stringify(values));
  assert.ok(values.every(([t]) => t >= end - 20 && t <= end));
  assert.deepEqual(r.range, { start: end - 20, end, step: 2 });
});

test("a bad expression: Prometheus's message verbatim, placed in the document where it points", async () => {
  const r = failed(await lensRun('rules.yml', 1));
  assert.equal(r.kind, 'api');
  assert.equal(r.errorType, 'bad_data');
  assert.equal(r.message, 'invalid parameter "query": 1:35: parse error: unclosed left parenthesis');
  // Column 35 is the end of the decoded expression: the last `)` in the file, after two `\"` escapes.
  const line = RULES.split('\n')[6];
  assert.deepEqual(r.at, { start: { line: 6, character: line.lastIndexOf(')') }, end: { line: 6, character: line.lastIndexOf(')') + 1 } });
  assert.match(r.summary, /^✗ bad_data: invalid parameter "query": 1:35: parse error: unclosed left parenthesis$/);
});

test('Grafana variables: the dashboard selection and $__rate_interval are substituted before running', async () => {
  const r = succeeded(await lensRun('dash.json', 0));
  assert.equal(r.query, 'sum by (job) (rate(prometheus_http_requests_total{job="prometheus"}[1m]))');
  assert.deepEqual(r.substituted, [
    { name: 'job', value: 'prometheus', concrete: true },
    { name: '__rate_interval', value: '1m', concrete: true },
  ]);
  assert.deepEqual(r.series.map((s) => s.labels), [{ job: 'prometheus' }]);
  // A range run: $__rate_interval follows the step (max(step + 15s, 60s)).
  const end = Math.floor(Date.now() / 1000);
  const ranged = succeeded(await lensRun('dash.json', 0, { range: { start: end - 3600, end, step: 120 } }));
  assert.match(ranged.query, /\[135s\]\)\)$/);
});

test('an error after substituted variables points at the text as written in the dashboard', async () => {
  const r = failed(await lensRun('dash.json', 1));
  assert.match(r.message, /^invalid parameter "query": 1:37: parse error: unexpected identifier "foo" in grouping opts, expected "\("$/);
  assert.equal(textAt(DASHBOARD, r.at!), 'foo');
});

test('a selection inside a string runs the selected part, decoded; a bare expression runs as given', async () => {
  const line = RULES.split('\n').findIndex((l) => l.includes('Broken')) + 1;
  const text = RULES.split('\n')[line];
  const from = text.indexOf('up{');
  const at = { start: { line, character: from }, end: { line, character: text.indexOf('}') + 1 } };
  const r = succeeded(await query(live, { uri: uriOf('rules.yml'), expr: 'ignored when inside a string', at }));
  assert.equal(r.query, 'up{job="prometheus"}');
  assert.equal(r.series.length, 1);
  const bare = succeeded(await query(live, { expr: 'vector(2) * 21' }));
  assert.match(bare.summary, /^→ 1 series · max 42 · \d+ ms$/);
  const scalar = succeeded(await query(live, { expr: '1 + 1' }));
  assert.match(scalar.summary, /^→ scalar 2 · \d+ ms$/);
});

test('bad requests: nothing to run, an empty window, an unknown connection', async () => {
  const nothing = failed(await query(live, { uri: uriOf('rules.yml'), at: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
  assert.deepEqual([nothing.kind, nothing.message], ['noExpression', 'there is no PromQL expression at line 1 to run']);
  const window = failed(await query(live, { expr: 'up', range: { start: 10, end: 5, step: 0 } }));
  assert.equal(window.kind, 'noExpression');
  const unknown = failed(await query(live, { expr: 'up', connection: 'nope' }));
  assert.deepEqual([unknown.kind, unknown.message], ['noConnection', 'no connection named "nope"']);
  const down = failed(await query(other, { expr: 'up', connection: 'down' }));
  assert.equal(down.kind, 'unreachable');
  assert.match(down.message, /^Prometheus "down": cannot connect to http:\/\/127\.0\.0\.1:\d+: connection refused/);
});

test('cancelling the request stops a run that hangs', async () => {
  const source = new CancellationTokenSource();
  const started = Date.now();
  const pending = other.connection.sendRequest<QueryResponse>('o11y/query', { expr: 'up' }, source.token);
  setTimeout(() => source.cancel(), 200);
  await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
  assert.ok(Date.now() - started < 5000);
  // The server still answers afterwards.
  assert.equal((await runLenses(other, 'rules.yml')).length, 3);
});
