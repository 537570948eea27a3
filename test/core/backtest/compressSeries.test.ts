// Recorded values written in promtool's series notation must read back, through the same parser the rule-test
// engine uses, as exactly the values given (same bits), and as short as the notation allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressSeries, formatSeriesNumber, type RecordedValue } from '../../../server/src/core/backtest/compressSeries';
import { parseSeriesValues, type SeriesValue } from '../../../server/src/core/ruletest/seriesNotation';

function back(values: RecordedValue[]): RecordedValue[] {
  const parsed = parseSeriesValues(compressSeries(values));
  assert.deepEqual(parsed.problems, [], compressSeries(values));
  return parsed.values.map((v: SeriesValue) => (v.kind === 'value' ? v.value : v.kind === 'stale' ? 'stale' : null));
}

function assertRoundTrip(values: RecordedValue[]): void {
  const got = back(values);
  assert.equal(got.length, values.length, compressSeries(values));
  got.forEach((v, i) => assert.ok(Object.is(v, values[i]), `slot ${i}: ${String(v)} ≠ ${String(values[i])} in ${compressSeries(values)}`));
}

test('runs are written in the shortest notation', () => {
  const cases: [RecordedValue[], string][] = [
    [[1, 1, 1, 1], '1x3'],
    [[0, 2, 4, 6, 8], '0+2x4'],
    [[10, 7, 4], '10-3x2'],
    [[-5, -3, -1], '-5+2x2'],
    [[1, 2], '1 2'],
    [[null, null, null, 4], '_x3 4'],
    [[null, 7, 'stale', null, null], '_ 7 stale _x2'],
    [[NaN, NaN, Infinity, -Infinity, Infinity], 'NaN NaN Inf -Inf Inf'],
    [[1.5, 1.5, 2, 3, 4, 4], '1.5x1 2+1x2 4'],
    [[], ''],
  ];
  for (const [values, text] of cases) {
    assert.equal(compressSeries(values), text);
    assertRoundTrip(values);
  }
});

test('steps that repeated addition does not reproduce bit for bit are written out', () => {
  // 0.1 + 0.1 + 0.1 is 0.30000000000000004, so [0, 0.1, 0.2, 0.3] is not 0+0.1x3.
  assert.equal(compressSeries([0, 0.1, 0.2, 0.3]), '0+0.1x2 0.3');
  assertRoundTrip([0, 0.1, 0.2, 0.30000000000000004]);
  assert.equal(compressSeries([0, 0.1, 0.2, 0.30000000000000004]), '0+0.1x3');
});

test('odd numbers keep their exact value', () => {
  for (const v of [-0, 5e-324, 1.7976931348623157e308, 1e21, 1e-7, 1700000000.123, -1.25e-10, 0.1 + 0.2]) {
    assert.ok(Object.is(back([v])[0], v), formatSeriesNumber(v));
  }
  assertRoundTrip([-0, 0, -0]);
});

test('random recorded histories round-trip exactly', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let run = 0; run < 300; run++) {
    const values: RecordedValue[] = [];
    let counter = Math.floor(random() * 1000);
    for (let i = 0; i < 60; i++) {
      const r = random();
      if (r < 0.1) {
        values.push(null);
      } else if (r < 0.13) {
        values.push('stale');
      } else if (r < 0.5) {
        values.push(counter);
      } else if (r < 0.8) {
        counter += run % 2 ? 0.25 : 3;
        values.push(counter);
      } else {
        values.push(random() * 10 ** Math.floor(random() * 20 - 10) * (random() < 0.2 ? -1 : 1));
      }
    }
    assertRoundTrip(values);
  }
});
