// Backtests over a history given by a local PrometheusApi: the alert state machine (`for`, `keep_firing_for`,
// per label set), the chunking of long windows, the alignment to a loaded group's evaluations, the lens, and the
// bad input (no rule there, no expr, an expression Prometheus refuses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runBacktest } from '../../../server/src/core/backtest/backtest';
import { backtestLenses } from '../../../server/src/core/backtest/lens';
import { ruleAt, type RuleToBacktest } from '../../../server/src/core/backtest/ruleAt';
import type { BacktestSuccess } from '../../../server/src/core/backtest/types';
import type { PrometheusApi, RangeOptions } from '../../../server/src/core/prometheus/client';
import { PrometheusError } from '../../../server/src/core/prometheus/errors';
import type { QueryResult, RuleGroup } from '../../../server/src/core/prometheus/types';
import { doc, workspace } from '../../helpers/service';

const { root, service } = workspace();
const RULES = `groups:
  - name: demo
    interval: 10s
    rules:
      - alert: High
        expr: load > 5
        for: 20s
        keep_firing_for: 10s
        labels:
          severity: page
          where: "{{ $labels.host }}"
      - alert: NoExpr
        for: 1m
      - record: x
        expr: up
`;

function ruleNamed(name: string, text = RULES): RuleToBacktest {
  const ctx = service.context(doc(join(root, 'rules.yml'), text));
  const line = text.split('\n').findIndex((l) => l.includes(`alert: ${name}`));
  const found = ruleAt(ctx, { line, character: 8 });
  assert.ok(!('error' in found), JSON.stringify(found));
  return found;
}

/** A Prometheus whose `load` series take, per host, the values of `history` at 10s steps from t=0. */
function api(history: Record<string, (number | null)[]>, extra: { rules?: RuleGroup[] | Error; calls?: RangeOptions[] } = {}): PrometheusApi {
  return {
    async queryRange(expr: string, o: RangeOptions): Promise<QueryResult> {
      extra.calls?.push(o);
      assert.equal(expr, 'load > 5');
      const start = Number(o.start) / 1000;
      const end = Number(o.end) / 1000;
      const result = Object.entries(history).map(([host, values]) => ({
        metric: { host },
        values: values.flatMap((v, i): [number, string][] => (v !== null && v > 5 && i * 10 >= start && i * 10 <= end ? [[i * 10, String(v)]] : [])),
      }));
      return { resultType: 'matrix', result: result.filter((r) => r.values.length), warnings: [], infos: [] };
    },
    async rules(): Promise<RuleGroup[]> {
      if (extra.rules instanceof Error) {
        throw extra.rules;
      }
      return extra.rules ?? [];
    },
  } as unknown as PrometheusApi;
}

const target = (a: PrometheusApi) => ({ name: 'test', url: 'http://prom.test', api: a });

test('for and keep_firing_for shape the firing intervals, per label set', async () => {
  const high = [0, 9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 9, 9, 9, 9, 0, 9, 0, 0, 0, 0];
  //            0  10 20 30 40 50 60 70 ...
  const r = (await runBacktest(ruleNamed('High'), target(api({ a: high, b: high.map(() => 0) })), { start: 0, end: 200 })) as BacktestSuccess;
  assert.equal(r.ok, true, JSON.stringify(r));
  // Pending from 10s, firing at 30s (for 20s), held 10s after it vanishes at 70s → resolved at 80s.
  // Second run: active at 110s, fires at 130s, gone at 150s but back at 160s (still kept), gone from 170s, resolved at 180s.
  assert.deepEqual(r.series, [{ labels: { alertname: 'High', host: 'a', severity: 'page', where: 'a' }, intervals: [{ start: 30, end: 80, open: false }, { start: 130, end: 180, open: false }], firingSeconds: 100 }]);
  assert.equal(r.firings, 2);
  assert.equal(r.firingSeconds, 100);
  assert.equal(r.window.step, 10);
  assert.match(r.intervalSource, /group's interval \(10s\)/);
  assert.match(r.summary, /^🔔 fired 2 times · 1 alert · 1m 40s firing in 3m 20s · \d+ ms$/);
});

test('an alert firing at the end of the window is open', async () => {
  const r = (await runBacktest(ruleNamed('High'), target(api({ a: [9, 9, 9, 9, 9] })), { start: 0, end: 40 })) as BacktestSuccess;
  assert.deepEqual(r.series[0].intervals, [{ start: 20, end: 40, open: true }]);
});

test('a long window is asked in chunks Prometheus accepts', async () => {
  const calls: RangeOptions[] = [];
  const r = (await runBacktest(ruleNamed('High'), target(api({ a: [] }, { calls })), { start: 0, end: 250_000 })) as BacktestSuccess;
  assert.equal(r.firings, 0);
  assert.match(r.summary, /^🔕 never fired in /);
  assert.equal(calls.length, 3);
  assert.ok(calls.every((c) => (Number(c.end) - Number(c.start)) / 10_000 < 11_000));
  assert.equal(Number(calls[1].start), Number(calls[0].end) + 10_000);
});

test('steps fall on the evaluations of the group the server has loaded', async () => {
  const calls: RangeOptions[] = [];
  const rules: RuleGroup[] = [{ name: 'demo', file: 'r.yml', interval: 10, lastEvaluation: '1970-01-01T00:01:43.250123456Z', rules: [{ type: 'alerting', name: 'High' } as never] }];
  const r = (await runBacktest(ruleNamed('High'), target(api({}, { calls, rules })), { start: 0, end: 60 })) as BacktestSuccess;
  assert.equal(r.aligned, true);
  assert.equal(Number(calls[0].start), 3250);
});

test('a server without /api/v1/rules still backtests, with a note', async () => {
  const missing = new PrometheusError('http', 'HTTP 404 Not Found', { status: 404 });
  const r = (await runBacktest(ruleNamed('High'), target(api({}, { rules: missing })), { start: 0, end: 60 })) as BacktestSuccess;
  assert.equal(r.ok, true);
  assert.deepEqual(r.notes, ['test has no /api/v1/rules endpoint: evaluation times are not matched to the server\'s own']);
});

test('bad input: no rule there, a rule without expr, a window that ends first, a Prometheus error', async () => {
  const ctx = service.context(doc(join(root, 'rules.yml'), RULES));
  assert.deepEqual(ruleAt(ctx, { line: 0, character: 0 }), { error: 'there is no alerting rule at line 1' });
  const noExpr = ruleAt(ctx, { line: 11, character: 10 });
  assert.equal('error' in noExpr && noExpr.error, 'alert NoExpr has no expr to backtest');
  assert.deepEqual('at' in noExpr && noExpr.at?.start, { line: 11, character: 8 });
  const bad = await runBacktest(ruleNamed('High'), target(api({})), { start: 100, end: 50 });
  assert.equal(bad.ok === false && bad.kind, 'badRange');
  const failing = { ...api({}), queryRange: async () => { throw new PrometheusError('api', 'bad', { errorType: 'execution', apiError: 'query processing would load too many samples' }); } } as unknown as PrometheusApi;
  const r = await runBacktest(ruleNamed('High'), target(failing), { start: 0, end: 60 });
  assert.equal(r.ok === false && r.message, 'backtest of High on test: execution: query processing would load too many samples');
});

test('the Backtest lens is on each alerting rule while a connection answers', () => {
  const ctx = service.context(doc(join(root, 'lens.yml'), RULES));
  assert.deepEqual(backtestLenses({ ...ctx, liveConnection: () => undefined }), []);
  const lenses = backtestLenses({ ...ctx, liveConnection: () => 'prod', settings: { ...ctx.settings, backtestRange: '7d' } });
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [[4, 'Backtest 7d'], [11, 'Backtest 7d']]);
});
