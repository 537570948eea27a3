// Alert backtests against a real Prometheus (Debian's 2.42, scraping itself and node-exporter every second) that
// evaluates the very rule being backtested: the backtest's firing intervals must be the ones Prometheus wrote in its
// own ALERTS{alertstate="firing"} series; a test generated from that history must pass under our engine and under
// `promtool test rules`; the Backtest lens and o11y/backtest over the real server; bad input (no connection, a
// server answering 500, a rule without expr).
//
// Run: node scripts/build.mjs && node --import tsx --test test/integration/backtest.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeLens, Position } from 'vscode-languageserver-protocol';
import { runBacktest } from '../../server/src/core/backtest/backtest';
import { ruleAt, type RuleToBacktest } from '../../server/src/core/backtest/ruleAt';
import { generateTestFromHistory } from '../../server/src/core/backtest/testFromHistory';
import type { BacktestResponse, BacktestSuccess, GeneratedTestEdit } from '../../server/src/core/backtest/types';
import { PrometheusClient } from '../../server/src/core/prometheus/client';
import { runTestFile } from '../../server/src/core/ruletest/runner';
import { nodeRuleTestHost } from '../../server/src/node/ruleTestHost';
import { LspProcess } from '../helpers/lspClient';
import { firedIntervals, waitForFirings } from '../helpers/promHistory';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { doc, workspace } from '../helpers/service';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
// node-exporter's clock runs through a 10 s cycle: true for its first 5 s, firing 2 s in, kept 1 s after.
const RULES = `groups:
  - name: clock
    rules:
      - alert: ClockCycle
        expr: node_time_seconds{job="node"} % 10 < 5
        for: 2s
        keep_firing_for: 1s
        labels:
          severity: test
        annotations:
          summary: "clock at {{ $value }} on {{ $labels.instance }}"
`;
const NO_EXPR = `${RULES}      - alert: NoExpr
        for: 1m
`;

const dir = mkdtempSync(join(tmpdir(), 'o11y-backtest-'));
const rulesPath = join(dir, 'rules.yml');
let prom: RunningPrometheus;
let client: PrometheusClient;
let started: number;
let failing: Server;
let failingUrl: string;

before(async () => {
  writeFileSync(rulesPath, RULES);
  started = Date.now() / 1000;
  prom = await startPrometheus({ rules: RULES, nodeExporter: true });
  client = new PrometheusClient({ url: prom.url });
  failing = createServer((req, res) => {
    res.writeHead(req.url?.includes('/api/v1/rules') ? 404 : 500, { 'content-type': 'text/plain' });
    res.end('internal trouble');
  });
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
  failingUrl = `http://127.0.0.1:${(failing.address() as { port: number }).port}`;
  // Four finished firings: the first may start before the tested window and the last end too near its end.
  await waitForFirings(prom.url, 'ClockCycle', 4);
});

after(async () => {
  await client?.close();
  failing?.close();
  await prom?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function rule(name: string): RuleToBacktest {
  const { service } = workspace();
  const ctx = service.context(doc(rulesPath, RULES));
  const line = RULES.split('\n').findIndex((l) => l.includes(`alert: ${name}`));
  const found = ruleAt(ctx, { line, character: 10 });
  assert.ok(!('error' in found), JSON.stringify(found));
  return found;
}

/** A window starting when the clock alert is surely inactive (8 s into a cycle), ending a little before now. */
function window(): { start: number; end: number } {
  let start = Math.ceil(started) + 3;
  while (start % 10 !== 8) {
    start++;
  }
  return { start, end: Date.now() / 1000 - 2 };
}

function succeeded(r: BacktestResponse): BacktestSuccess {
  assert.equal(r.ok, true, JSON.stringify(r));
  return r as BacktestSuccess;
}

test('backtest firings are the ones Prometheus wrote in its own ALERTS series', async () => {
  const w = window();
  const r = succeeded(await runBacktest(rule('ClockCycle'), { name: 'real', url: prom.url, api: client }, w));
  assert.equal(r.aligned, true, 'steps on the evaluations of the loaded group');
  assert.equal(r.window.step, 1);
  const real = (await firedIntervals(prom.url, 'ClockCycle', Date.now() / 1000 - w.start + 5)).filter((i) => i.first >= w.start && i.last < w.end - 2);
  const ours = r.series.flatMap((s) => s.intervals.map((i) => ({ ...i, labels: s.labels }))).filter((i) => !i.open && i.end < w.end - 2).sort((a, b) => a.start - b.start);
  assert.ok(real.length >= 2, `Prometheus fired ${real.length} times in ${JSON.stringify(w)}: ${JSON.stringify(await firedIntervals(prom.url, 'ClockCycle', 600))}`);
  assert.equal(ours.length, real.length, `ours ${JSON.stringify(ours)}\nreal ${JSON.stringify(real)}`);
  ours.forEach((o, i) => {
    // A scrape landing in the same millisecond as an evaluation may be seen by one and not the other: one step at most.
    assert.ok(Math.abs(o.start - real[i].first) <= 1.001, `start ${o.start} vs ${real[i].first}`);
    assert.ok(Math.abs(o.end - (real[i].last + 1)) <= 1.001, `end ${o.end} vs ${real[i].last + 1}`);
    assert.deepEqual(o.labels, { ...real[i].labels });
  });
  assert.ok(r.firings >= real.length);
  assert.match(r.summary, /^🔔 fired \d+ times? · 1 alert · /);
});

test('a unit test generated from the history passes under our engine and under promtool', async () => {
  const w = window();
  const readFile = (f: string): string | undefined => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  };
  const r = await generateTestFromHistory(rule('ClockCycle'), { name: 'real', url: prom.url, api: client }, { ...w, ruleFile: { path: rulesPath, text: RULES }, readFile });
  assert.equal(r.ok, true, JSON.stringify(r));
  const edit = r as GeneratedTestEdit;
  assert.equal(edit.create, true);
  const file = fileURLToPath(edit.uri);
  assert.equal(file, join(dir, 'rules_test.yml'));
  writeFileSync(file, edit.text);
  assert.match(edit.text, /series: 'node_time_seconds\{instance="127\.0\.0\.1:\d+", job="node"\}'/);
  assert.ok(edit.checks.some((c) => c.alerts > 0) && edit.checks.some((c) => c.alerts === 0), JSON.stringify(edit.checks));
  const ours = runTestFile(file, nodeRuleTestHost());
  assert.equal(ours.status, 'passed', JSON.stringify(ours.groups.flatMap((g) => g.failures), null, 1));
  const promtool = spawnSync(PROMTOOL, ['test', 'rules', file], { encoding: 'utf8' });
  assert.equal(promtool.status, 0, `${promtool.stdout}\n${promtool.stderr}\n${edit.text.slice(0, 3000)}`);

  // A second case goes into the same file, after the first, and the file still passes under both.
  const again = (await generateTestFromHistory(rule('ClockCycle'), { name: 'real', url: prom.url, api: client }, { ...w, ruleFile: { path: rulesPath, text: RULES }, readFile })) as GeneratedTestEdit;
  assert.equal(again.create, false);
  assert.deepEqual(again.insertAt, { line: edit.text.split('\n').length - 1, character: 0 });
  writeFileSync(file, edit.text + again.text);
  assert.equal(runTestFile(file, nodeRuleTestHost()).groups.length, 2);
  assert.equal(spawnSync(PROMTOOL, ['test', 'rules', file]).status, 0);
});

test('bad input: a rule without expr, a server answering 500, no connection at all', async () => {
  const { service } = workspace();
  const ctx = service.context(doc(join(dir, 'bad.yml'), NO_EXPR));
  const noExpr = ruleAt(ctx, { line: 11, character: 10 });
  assert.equal('error' in noExpr && noExpr.error, 'alert NoExpr has no expr to backtest');

  const broken = new PrometheusClient({ url: failingUrl, timeout: '5s' });
  const now = Date.now() / 1000;
  const r = await runBacktest(rule('ClockCycle'), { name: 'broken', url: failingUrl, api: broken }, { start: now - 3600, end: now });
  await broken.close();
  assert.equal(r.ok, false);
  assert.equal(r.ok === false && r.kind, 'prometheus');
  assert.match(r.ok === false ? r.message : '', /^backtest of ClockCycle on broken: .*500/);

  const lsp = new LspProcess();
  await lsp.initialize(pathToFileURL(dir).href, {}, { prometheus: { connections: [{ name: 'none', url: 'not a url', default: true }] } });
  try {
    await lsp.open(pathToFileURL(rulesPath).href, RULES);
    const none = await lsp.connection.sendRequest<BacktestResponse>('o11y/backtest', { uri: pathToFileURL(rulesPath).href, at: { line: 3, character: 8 } });
    assert.equal(none.ok === false && none.kind, 'noConnection', JSON.stringify(none));
    const lenses = await lsp.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: pathToFileURL(rulesPath).href } });
    assert.deepEqual(lenses.filter((l) => l.command?.command === 'o11y.backtestAlert'), [], 'no Backtest lens without a connection');
  } finally {
    await lsp.stop();
  }
});

test('the Backtest lens and o11y/backtest through the language server on the real Prometheus', async () => {
  const lsp = new LspProcess();
  await lsp.initialize(pathToFileURL(dir).href, {}, { prometheus: { url: prom.url }, backtest: { range: '2m' } });
  try {
    const uri = pathToFileURL(rulesPath).href;
    await lsp.open(uri, RULES);
    let lenses: CodeLens[] = [];
    for (let i = 0; i < 50 && !lenses.length; i++) {
      await new Promise((r) => setTimeout(r, 200));
      lenses = (await lsp.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).filter((l) => l.command?.command === 'o11y.backtestAlert');
    }
    assert.deepEqual(lenses.map((l) => l.command?.title), ['Backtest 2m']);
    const [lensUri, at] = lenses[0].command!.arguments as [string, Position];
    const r = succeeded(await lsp.connection.sendRequest<BacktestResponse>('o11y/backtest', { uri: lensUri, at }));
    assert.equal(r.alertname, 'ClockCycle');
    assert.ok(r.firings >= 2, r.summary);
    assert.equal(r.window.end - r.window.start, 120);
  } finally {
    await lsp.stop();
  }
});
