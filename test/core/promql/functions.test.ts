// The functions table: complete against Prometheus 3.14's promql/parser/functions.go, documented, and every
// example checks clean for a Prometheus version that has the function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPromQL } from '../../../server/src/core/promql/check';
import { AGGREGATIONS, argumentRange, argumentType, BINARY_OPERATORS, FUNCTIONS, getAggregation, getBinaryOperator, getFunction, signature } from '../../../server/src/core/promql/functions';

// Names in promql/parser/functions.go of Prometheus 3.14, plus holt_winters (until 3.0).
const GO_FUNCTIONS = `abs absent absent_over_time acos acosh asin asinh atan atanh avg_over_time ceil changes clamp clamp_max clamp_min cos
cosh count_over_time days_in_month day_of_month day_of_week day_of_year deg end delta deriv exp first_over_time floor histogram_avg
histogram_count histogram_sum histogram_stddev histogram_stdvar histogram_fraction histogram_quantile histogram_quantiles
double_exponential_smoothing holt_winters hour idelta increase info irate label_replace label_join max_of last_over_time min_of ln log10
log2 mad_over_time max_over_time min_over_time ts_of_first_over_time ts_of_max_over_time ts_of_min_over_time ts_of_last_over_time minute
month pi predict_linear present_over_time quantile_over_time rad range rate resets round scalar sgn sin sinh sort sort_desc sort_by_label
sort_by_label_desc sqrt start start_timestamp step stddev_over_time stdvar_over_time sum_over_time tan tanh time timestamp vector year`.split(/\s+/);

const EXPERIMENTAL = `end histogram_quantiles double_exponential_smoothing info max_of min_of mad_over_time ts_of_first_over_time ts_of_max_over_time
ts_of_min_over_time ts_of_last_over_time range sort_by_label sort_by_label_desc start start_timestamp step`.split(/\s+/);

test('the table has exactly the functions of Prometheus 3.14 (and holt_winters)', () => {
  assert.deepEqual(FUNCTIONS.map((f) => f.name).sort(), [...GO_FUNCTIONS].sort());
});

test('experimental flags match Prometheus 3.14 (first_over_time was experimental until 3.14)', () => {
  const experimentalAt314 = FUNCTIONS.filter((f) => f.experimental && !f.stableSince).map((f) => f.name);
  assert.deepEqual(experimentalAt314.sort(), [...EXPERIMENTAL].sort());
  assert.equal(getFunction('first_over_time')?.stableSince, '3.14');
});

const SIGNATURES: [string, string, { min: number; max: number }][] = [
  ['rate', 'rate(v range-vector) → instant-vector', { min: 1, max: 1 }],
  ['round', 'round(v instant-vector, to_nearest? scalar) → instant-vector', { min: 1, max: 2 }],
  ['label_join', 'label_join(v instant-vector, dst_label string, separator string, src_label…? string, …) → instant-vector', { min: 3, max: Infinity }],
  ['histogram_quantiles', 'histogram_quantiles(b instant-vector, quantile_label string, φ scalar, φ…? scalar, …) → instant-vector', { min: 3, max: 12 }],
  ['time', 'time() → scalar', { min: 0, max: 0 }],
  ['year', 'year(v? instant-vector) → instant-vector', { min: 0, max: 1 }],
];

for (const [name, sig, range] of SIGNATURES) {
  test(`signature and argument range of ${name}`, () => {
    const f = getFunction(name)!;
    assert.equal(signature(f), sig);
    assert.deepEqual(argumentRange(f), range);
  });
}

test('extra arguments of variadic functions take the type of the last argument', () => {
  assert.equal(argumentType(getFunction('label_join')!, 7), 'string');
  assert.equal(argumentType(getFunction('histogram_quantiles')!, 11), 'scalar');
  assert.equal(argumentType(getFunction('abs')!, 1), undefined);
});

test('lookups: functions are case-sensitive, aggregations and word operators are not', () => {
  assert.equal(getFunction('RATE'), undefined);
  assert.equal(getAggregation('SUM')?.name, 'sum');
  assert.equal(getBinaryOperator('AND')?.kind, 'set');
  assert.equal(getBinaryOperator('</')?.kind, 'trim');
});

test('every function, aggregation and operator has a doc; every function and aggregation an example', () => {
  for (const f of [...FUNCTIONS, ...AGGREGATIONS]) {
    assert.ok(f.doc.length > 20 && f.example, f.name);
  }
  for (const o of BINARY_OPERATORS) {
    assert.ok(o.doc.length > 10, o.name);
  }
  assert.equal(FUNCTIONS.filter((f) => f.argNames.length !== f.args.length).map((f) => f.name).join(), '');
});

for (const f of [...FUNCTIONS, ...AGGREGATIONS]) {
  test(`the example of ${f.name} checks clean`, () => {
    const version = 'removed' in f && f.removed ? '2.55' : '3.14';
    const r = checkPromQL(f.example!, { prometheusVersion: version, experimentalFunctions: true, durationExpressions: true });
    assert.deepEqual(r.problems, []);
    assert.ok(r.expr);
  });
}
