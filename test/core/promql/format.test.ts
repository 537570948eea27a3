// formatPromQL: Prometheus's own prettier test vectors, the canonical one-line printer, invalid input, bytes vs.
// characters, and bounded time on huge input. The differential corpus against promtool is in
// test/integration/promtoolFormat.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPromQL } from '../../../server/src/core/promql/format';
import { goFloat } from '../../../server/src/core/promql/formatString';
import { UPSTREAM_WIDTH_10 } from './formatUpstreamCases';

for (const [group, input, expected] of UPSTREAM_WIDTH_10) {
  test(`prettier_test.go ${group}: ${input.replace(/\s+/g, ' ').slice(0, 60)}`, () => {
    const out = formatPromQL(input, { maxLineLength: 10 });
    assert.equal(out, expected);
    assert.equal(formatPromQL(out!, { maxLineLength: 10 }), out, 'formatting again changes nothing');
  });
}

const ONE_LINE: [string, string][] = [
  ['sum  by(job,instance)(x)', 'sum by (job, instance) (x)'],
  ['sum(x)without(a)', 'sum without (a) (x)'],
  ['foo{b="2",a="1",c=~"3"}', 'foo{a="1",b="2",c=~"3"}'],
  ['foo{a!~"x", a!="y"}', 'foo{a!="y",a!~"x"}'],
  ["foo{a='it\\'s'}", 'foo{a="it\'s"}'],
  ['foo{a="\\u00e9\\x41"}', 'foo{a="éA"}'],
  ['a+on(x,y)group_right(z)b', 'a + on (x, y) group_right (z) b'],
  ['a/ignoring(x)b', 'a / ignoring (x) b'],
  ['a>bool on(x)b', 'a > bool on (x) b'],
  ['rate(x[1h30m])[1d:5m]', 'rate(x[1h30m])[1d:5m]'],
  ['rate(x[120s])[86400s:300s]', 'rate(x[2m])[1d:5m]'],
  ['x[1500ms]', 'x[1s500ms]'],
  ['x offset -1h30m', 'x offset -1h30m'],
  ['x @ 1.2345', 'x @ 1.235'],
  ['x @ -1.2345', 'x @ -1.235'],
  ['x @ -10', 'x @ -10.000'],
  ['x[5m] anchored', 'x[5m] anchored'],
  ['x offset 5m smoothed', 'x smoothed offset 5m'],
  ['rate(x[2*1h])', 'rate(x[2 * 1h])'],
  ['rate(x[(5m)])', 'rate(x[(5m)])'],
  ['rate(x[((5m))])', 'rate(x[(5m)])'],
  ['rate(x[-(5m) + 10m])', 'rate(x[-(5m) + 10m])'],
  ['rate(x[step()])', 'rate(x[step()])'],
  ['rate(x[min_of(5m, step()*2)])', 'rate(x[min_of(5m, step() * 2)])'],
  ['x offset (1h + 5m)', 'x offset (1h + 5m)'],
  ['x offset -(5m)', 'x offset -(5m)'],
  ['a + fill(0) b', 'a + fill (0) b'],
  ['a + fill_left(1) fill_right(2) b', 'a + fill_left (1) fill_right (2) b'],
  ['a + fill_left(1000000) b', 'a + fill_left (1e+06) b'],
  ['0.1 + 0.2', '0.1 + 0.2'],
  ['-0', '-0'],
  ['1e308 * 10', `1${'0'.repeat(308)} * 10`],
  ['5e-324', `0.${'0'.repeat(323)}5`],
];

for (const [input, expected] of ONE_LINE) {
  test(`one line: ${input}`, () => {
    assert.equal(formatPromQL(input, { maxLineLength: 10_000 }), expected);
  });
}

test('goFloat writes Go\'s strconv.FormatFloat(v, \'f\', -1, 64)', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [1.5, '1.5'],
    [-2, '-2'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [123456.789, '123456.789'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ];
  for (const [v, s] of cases) {
    assert.equal(goFloat(v), s, String(v));
  }
});

test('invalid PromQL is not formatted', () => {
  for (const bad of ['sum(', 'foo{a="b"', 'rate(foo)[', 'foo offset 5m offset 1m', '', '   ', '# only a comment', 'a +', '"unterminated']) {
    assert.equal(formatPromQL(bad), undefined, bad);
  }
});

test('comments are dropped', () => {
  assert.equal(formatPromQL('sum( # total\n  rate(x[5m]) # per second\n)'), 'sum(rate(x[5m]))');
});

test('the line length counts bytes, as Go does', () => {
  // 45 characters of é are 90 bytes: the call is 113 bytes, over the limit, with 68 characters.
  const input = `label_join(x, "${'é'.repeat(45)}", "")`;
  assert.equal(formatPromQL(input), `label_join(\n  x,\n  "${'é'.repeat(45)}",\n  ""\n)`);
  assert.equal(formatPromQL(input, { maxLineLength: 113 }), input);
});

test('huge and deep expressions format in bounded time', () => {
  // About 100 KB with 840 operators, in 42 parenthesised groups (the parser refuses very long operator chains).
  const term = (i: number): string => `rate(metric_${i}_total{job="api-server",namespace="monitoring",cluster="eu-west-1",path=~"/api/v1/(query|series)"}[5m])`;
  const groups = Array.from({ length: 42 }, (_, g) => `(${Array.from({ length: 20 }, (_, i) => term(g * 20 + i)).join(' + ')})`);
  const big = groups.join(' + ');
  assert.ok(big.length > 90_000, `${big.length} bytes`);
  let start = performance.now();
  const out = formatPromQL(big);
  assert.ok(out, 'formatted');
  assert.ok(performance.now() - start < 2000, `100 KB: ${(performance.now() - start).toFixed(0)} ms`);
  assert.ok(out.split('\n').length > 700);

  const deep = `${'('.repeat(800)}foo${')'.repeat(800)}`;
  start = performance.now();
  const nested = formatPromQL(deep)!;
  assert.ok(performance.now() - start < 2000, `800 levels: ${(performance.now() - start).toFixed(0)} ms`);
  assert.equal(formatPromQL(nested), nested);
});
