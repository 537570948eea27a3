import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSeriesSelector, parseSeriesValues, type SeriesValue } from '../../../server/src/core/ruletest/seriesNotation';
import { labelsString } from '../../../server/src/core/ruletest/labels';

const v = (value: number): SeriesValue => ({ kind: 'value', value });
const stale: SeriesValue = { kind: 'stale' };
const omitted: SeriesValue = { kind: 'omitted' };

test('expanding notation as promtool expands it', () => {
  const cases: [string, SeriesValue[]][] = [
    ['1 2 3', [v(1), v(2), v(3)]],
    ['1+2x3', [v(1), v(3), v(5), v(7)]],
    ['0-1x2', [v(0), v(-1), v(-2)]],
    ['-2+3x2', [v(-2), v(1), v(4)]],
    ['5x2', [v(5), v(5), v(5)]],
    ['_ _x2 stale', [omitted, omitted, omitted, stale]],
    ['_x0 stale', [stale]],
    ['1e3 2.5E-1 .5 010', [v(1000), v(0.25), v(0.5), v(8)]],
    ['Inf -Inf +Inf', [v(Infinity), v(-Infinity), v(Infinity)]],
    ['  1   2  ', [v(1), v(2)]],
    // No hexadecimal in series values: 0x2 is 0 repeated.
    ['0x2', [v(0), v(0), v(0)]],
    ['', []],
  ];
  for (const [text, values] of cases) {
    assert.deepEqual(parseSeriesValues(text), { values, problems: [] }, text);
  }
  const nan = parseSeriesValues('NaN').values[0];
  assert.ok(nan.kind === 'value' && Number.isNaN(nan.value));
});

test('repeated addition rounds as Go does', () => {
  const values = parseSeriesValues('0+0.1x3').values.map((x) => (x.kind === 'value' ? x.value : undefined));
  assert.deepEqual(values, [0, 0.1, 0.2, 0.30000000000000004]);
});

test('bad values give positioned errors in promtool wording', () => {
  const cases: [string, number, number, string][] = [
    ['1 2 x5', 4, 5, 'unexpected "x" in series values'],
    ['1+2x', 4, 4, 'unexpected end of input in series values'],
    ['foo', 0, 3, 'unexpected identifier "foo" in series values, expected number or "stale"'],
    ['1+2xa', 4, 5, 'unexpected identifier "a" in series values'],
    ['1x-3', 2, 3, 'unexpected <op:-> in series values'],
    ['1 2 3 $', 6, 7, "unexpected character in series sequence: '$'"],
    ['1x1.5', 2, 5, 'invalid repetition in series values: strconv.ParseUint: parsing "1.5": invalid syntax'],
    ['1 + 2', 3, 4, 'unexpected " " in series values'],
    ['1+2', 3, 3, 'unexpected end of input in series values'],
    ['stalex3', 0, 7, 'unexpected identifier "stalex3" in series values, expected number or "stale"'],
    ['1,2', 1, 2, "unexpected character in series sequence: ','"],
    ['1e', 0, 2, 'error parsing number: strconv.ParseFloat: parsing "1e": invalid syntax'],
    ['12ab', 0, 3, 'bad number syntax: "12"'],
    ['1x99999999999', 2, 13, 'too many values in series: more than 10000000'],
  ];
  for (const [text, from, to, message] of cases) {
    assert.deepEqual(parseSeriesValues(text), { values: [], problems: [{ from, to, message }] }, text);
  }
});

test('series selectors', () => {
  const ok = parseSeriesSelector('http_requests_total{job="api", code="200"}');
  assert.equal(labelsString(ok.labels!), '{__name__="http_requests_total", code="200", job="api"}');
  assert.equal(labelsString(parseSeriesSelector('{__name__="up", a="b"}').labels!), '{__name__="up", a="b"}');
  assert.deepEqual(parseSeriesSelector('up{job=~"a.*"}').problems, [{ from: 3, to: 13, message: 'only "=" is allowed in a series label set, got "=~"' }]);
  assert.deepEqual(parseSeriesSelector('up{a="1", a="2"}').problems, [{ from: 10, to: 11, message: 'duplicate label name "a"' }]);
  assert.equal(parseSeriesSelector('rate(x[5m])').problems[0].message, 'a series must be a metric name and/or a label set such as metric{label="value"}');
  assert.equal(parseSeriesSelector('up{').problems.length > 0, true);
  assert.equal(parseSeriesSelector('{a=""}').problems[0].message, 'a series needs a metric name or at least one non-empty label');
});
