import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePromQL } from '../../../server/src/core/promql/parse';
import { evaluateInstant, evaluateRange } from '../../../server/src/core/ruletest/engine/evaluate';
import { EvalError } from '../../../server/src/core/ruletest/engine/types';
import { labelsString } from '../../../server/src/core/ruletest/labels';
import { load, query } from './engineHelpers';

const st = load(`
  requests_total{job="a"} 0+10x20
  requests_total{job="b"} 0 5 10 2 7 12 stale 20
  gauge{id="1"} 1 _x3 5
  bucket{le="1"} 0+1x10
  bucket{le="+Inf"} 0+2x10
  t{host="x"} 1 2 3 4 5 6 7 8 9 10
  t{host="y"} 3 3 3 3 3 3 3 3 3 3
  t{host="z"} 5 4 3 2 1 0 -1 -2 -3 -4
  u{host="x"} 1x10
  lonely{id="1"} 7
`);

test('instant selectors: lookback, gaps and staleness', () => {
  assert.deepEqual(query(st, 'gauge', 60), ['{__name__="gauge", id="1"} 1']);
  assert.deepEqual(query(st, 'gauge', 239), ['{__name__="gauge", id="1"} 1']);
  assert.deepEqual(query(st, 'gauge', 360), ['{__name__="gauge", id="1"} 5']);
  // Exactly 5 minutes back is still inside the window (Prometheus 2.x closed interval); one second more is not.
  assert.deepEqual(query(st, 'lonely', 300), ['{__name__="lonely", id="1"} 7']);
  assert.deepEqual(query(st, 'lonely', 301), []);
  assert.deepEqual(query(st, 'lonely offset 1m', 360), ['{__name__="lonely", id="1"} 7']);
  assert.deepEqual(query(st, 'lonely @ 300', 9999), ['{__name__="lonely", id="1"} 7']);
  assert.deepEqual(query(st, 'gauge', 10 * 60, { lookbackMs: 60_000 }), []);
  // The staleness marker at 6m hides job="b" until its next sample.
  assert.deepEqual(query(st, 'requests_total{job="b"}', 390), []);
  assert.deepEqual(query(st, 'requests_total{job="b"}', 420), ['{__name__="requests_total", job="b"} 20']);
});

test('range selectors and subqueries', () => {
  assert.deepEqual(query(st, 'requests_total{job="a"}[2m]', 300), ['{__name__="requests_total", job="a"} 30@180 40@240 50@300']);
  // Staleness markers are left out of ranges.
  assert.deepEqual(query(st, 'requests_total{job="b"}[3m]', 420), ['{__name__="requests_total", job="b"} 7@240 12@300 20@420']);
  assert.deepEqual(query(st, 'requests_total{job="a"}[3m:90s]', 300), ['{__name__="requests_total", job="a"} 30@180 40@270']);
  assert.deepEqual(query(st, 'sum(requests_total)[2m:]', 300, { subqueryStepMs: 120_000 }), ['{} 47@240']);
});

test('rate extrapolation and counter resets', () => {
  // 10/min with samples at both window edges: 5 intervals seen, extrapolated to the 5m window.
  assert.deepEqual(query(st, 'rate(requests_total{job="a"}[5m])', 600), ['{job="a"} 0.16666666666666669']);
  // Resets add the value before the drop: 0 5 10 2 7 12 → 22, samples cover the whole window.
  assert.deepEqual(query(st, 'increase(requests_total{job="b"}[5m])', 300), ['{job="b"} 22']);
  // Half a minute short at the end, extrapolated by that much: 22 × 330 / 300.
  assert.deepEqual(query(st, 'increase(requests_total{job="b"}[330s])', 330), ['{job="b"} 24.200000000000003']);
  assert.deepEqual(query(st, 'delta(t{host="z"}[4m])', 240), ['{host="z"} -4']);
  assert.deepEqual(query(st, 'irate(requests_total{job="b"}[5m])', 180), ['{job="b"} 0.03333333333333333']);
  assert.deepEqual(query(st, 'rate(gauge[5m])', 120), []);
});

test('functions missing from promtool 2.42', () => {
  assert.deepEqual(query(st, 'double_exponential_smoothing(t{host="x"}[5m], 0.5, 0.5)', 540), ['{host="x"} 10']);
  assert.deepEqual(query(st, 'mad_over_time(t[5m])', 540), ['{host="x"} 1.5', '{host="y"} 0', '{host="z"} 1.5']);
  assert.deepEqual(query(st, 'first_over_time(t{host="x"}[5m])', 540), ['{__name__="t", host="x"} 5']);
  assert.deepEqual(query(st, 'ts_of_max_over_time(t[5m])', 540), ['{host="x"} 540', '{host="y"} 540', '{host="z"} 240']);
  assert.deepEqual(query(st, 'ts_of_min_over_time(t[5m])', 540), ['{host="x"} 240', '{host="y"} 540', '{host="z"} 540']);
  assert.deepEqual(query(st, 'limitk(2, t)', 540), ['{__name__="t", host="x"} 10', '{__name__="t", host="y"} 3']);
  assert.deepEqual(query(st, 'limitk by (host) (1, t)', 540).length, 3);
  assert.deepEqual(query(st, 'limit_ratio(1, t)', 540).length, 3);
  assert.deepEqual(query(st, 'limit_ratio(0, t)', 540), []);
  // A ratio and its negative complement split the series between them.
  const half = query(st, 'limit_ratio(0.5, t)', 540);
  const rest = query(st, 'limit_ratio(-0.5, t)', 540);
  assert.deepEqual([...half, ...rest].sort(), query(st, 't', 540));
});

test('aggregations keep Go arithmetic and heap tie-breaking', () => {
  assert.deepEqual(query(st, 'avg(t)', 540), ['{} 3']);
  assert.deepEqual(query(st, 'stddev(t)', 60), ['{} 0.816496580927726']);
  assert.deepEqual(query(st, 'topk(1, t)', 120), ['{__name__="t", host="x"} 3']);
  assert.deepEqual(query(st, 'count_values("v", t)', 120), ['{v="3"} 3']);
  assert.deepEqual(query(st, 'quantile(0.5, t)', 0), ['{} 3']);
  assert.deepEqual(query(st, 'group without (host) (t)', 0), ['{} 1']);
});

test('Go math: pow, log2 and friends', () => {
  assert.deepEqual(query(st, '1 ^ NaN', 0), ['scalar 1']);
  assert.deepEqual(query(st, '(-1) ^ Inf', 0), ['scalar 1']);
  assert.deepEqual(query(st, 'log2(vector(8))', 0), ['{} 3']);
  assert.deepEqual(query(st, 'histogram_quantile(0.25, bucket)', 600), ['{} 0.5']);
  assert.deepEqual(query(st, 'label_replace(gauge, "x", "$1x-${1}y$$", "id", "(.*)")', 0), ['{__name__="gauge", id="1", x="-1y$"} 1']);
});

test('evaluation errors carry Prometheus messages and spans', () => {
  const fail = (expr: string): EvalError => {
    try {
      query(st, expr, 300);
    } catch (err) {
      assert.ok(err instanceof EvalError);
      return err;
    }
    assert.fail(`${expr} did not fail`);
  };
  const dup = fail('abs({__name__=~"t|u"})');
  assert.equal(dup.message, 'vector cannot contain metrics with the same labelset');
  const span = fail('1 + label_replace(t, "host", "h", "", "")').span;
  assert.deepEqual([span?.from, span?.to], [4, 41]);
  assert.equal(fail('t * on() t').message, 'found duplicate series for the match group {} on the right hand-side of the operation: [{__name__="t", host="y"}, {__name__="t", host="x"}];many-to-many matching not allowed: matching labels must be unique on one side');
  assert.equal(fail('topk(NaN, t)').message, 'Scalar value NaN overflows int64');
  assert.equal(fail('t{host=~"("}').message.startsWith('error parsing regexp'), true);
});

test('range evaluation and cancellation', () => {
  const expr = parsePromQL('sum(t) by (host) > 4').expr!;
  const series = evaluateRange(expr, 0, 300_000, 60_000, st);
  assert.deepEqual(
    series.map((s) => `${labelsString(s.labels)} ${s.points.map((p) => `${p.v}@${p.t / 1000}`).join(' ')}`),
    ['{host="x"} 5@240 6@300', '{host="z"} 5@0'],
  );
  assert.throws(() => evaluateRange(parsePromQL('t[5m]').expr!, 0, 60_000, 60_000, st), /invalid expression type "range vector" for range query/);
  let calls = 0;
  const stop = (): void => {
    if (++calls > 3) {
      throw new Error('cancelled');
    }
  };
  assert.throws(() => evaluateRange(expr, 0, 3_600_000, 1000, st, { checkpoint: stop }), /cancelled/);
  assert.throws(() => evaluateInstant(parsePromQL('max_over_time(t[1h:1s])').expr!, 3_600_000, st, { checkpoint: stop }), /cancelled/);
});
