// Table-driven tests of checkPromQL: expression → value type of the whole expression + exact problems
// ([code without "promql/", message, from, to]).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPromQL, type CheckOptions } from '../../../server/src/core/promql/check';
import type { ValueType } from '../../../server/src/core/promql/types';

type Row = [expr: string, type: ValueType | undefined, problems: [string, string, number, number][]];

const LATEST: CheckOptions = { prometheusVersion: '3.14' };
const ALL_FLAGS: CheckOptions = { prometheusVersion: '3.14', experimentalFunctions: true, durationExpressions: true, extendedRangeSelectors: true, binopFillModifiers: true };

function run(rows: Row[], options: CheckOptions, label: string): void {
  for (const [expr, type, problems] of rows) {
    test(`${label}: ${expr}`, () => {
      const r = checkPromQL(expr, options);
      assert.deepEqual(
        r.problems.map((p) => [p.code.replace('promql/', ''), p.message, p.from, p.to]),
        problems,
      );
      assert.equal(r.type, type);
    });
  }
}

run(
  [
    ['sum by (job) (rate(http_requests_total[5m]))', 'vector', []],
    ['rate(x[5m]) > bool 0.5', 'vector', []],
    ['scalar(x) * 2', 'scalar', []],
    ['"str"', 'string', []],
    ['x[5m]', 'matrix', []],
    ['x[5m:1m]', 'matrix', []],
    ['((x[5m]))', 'matrix', []],
    ['rate((x[5m]))', 'vector', []],
    ['-(1)', 'scalar', []],
    ['abs(-x)', 'vector', []],
    ['1 atan2 2', 'scalar', []],
    ['vector(time()) > bool 1', 'vector', []],
    ['histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))', 'vector', []],
    ['x @ start() offset 1m', 'vector', []],
    ['x @ -1', 'vector', []],
    ['a </ 5', 'vector', []],
    ['first_over_time(x[5m])', 'vector', []],
    ['{"my.metric", job="api"}', 'vector', []],
    ['sum by ("k8s.ns") (x)', 'vector', []],
    ['5m + 1_000', 'scalar', []],
    ['sum by (foo:bar) (x)', 'vector', []],
    ['x offset 0s', 'vector', []],
    ['a + on(x) b offset 5m', 'vector', []],
    // Value types (checkAST in parse.go).
    ['rate(foo)', 'vector', [['type', 'expected type range vector in call to function "rate", got instant vector', 5, 8]]],
    ['rate(foo[5m:1m])', 'vector', []],
    ['abs(x[5m])', 'vector', [['type', 'expected type instant vector in call to function "abs", got range vector', 4, 9]]],
    ['foo[5m] + 1', 'vector', [['type', 'binary expression must contain only scalar and instant vector types', 0, 7]]],
    ['1 + foo[5m]', 'vector', [['type', 'binary expression must contain only scalar and instant vector types', 4, 11]]],
    ['topk(foo, bar)', 'vector', [['type', 'expected type scalar in aggregation parameter, got instant vector', 5, 8]]],
    ['count_values(1, x)', 'vector', [['type', 'expected type string in aggregation parameter, got scalar', 13, 14]]],
    ['sum(x[5m])', 'vector', [['type', 'expected type instant vector in aggregation expression, got range vector', 4, 9]]],
    ['sum(1)', 'vector', [['type', 'expected type instant vector in aggregation expression, got scalar', 4, 5]]],
    ['-foo[5m]', 'matrix', [['type', 'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"', 0, 8]]],
    ['-"a"', 'string', [['type', 'unary expression only allowed on expressions of type scalar or instant vector, got "string"', 0, 4]]],
    ['+foo[5m:]', 'matrix', [['type', 'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"', 0, 9]]],
    ['foo[5m:][5m:]', 'matrix', [['type', 'subquery is only allowed on instant vector, got matrix instead', 0, 13]]],
    // Argument counts.
    ['quantile(x)', 'vector', [['arguments', 'wrong number of arguments for aggregate expression provided, expected 2, got 1', 0, 11]]],
    ['sum()', 'vector', [['arguments', 'no arguments for aggregate expression provided', 0, 5]]],
    ['round(x, 1, 2)', 'vector', [['arguments', 'expected at most 2 argument(s) in call to "round", got 3', 0, 14]]],
    ['label_join(x)', 'vector', [['arguments', 'expected at least 3 argument(s) in call to "label_join", got 1', 0, 13]]],
    ['clamp(x)', 'vector', [['arguments', 'expected 3 argument(s) in call to "clamp", got 1', 0, 8]]],
    ['time(1)', 'scalar', [['arguments', 'expected 0 argument(s) in call to "time", got 1', 0, 7]]],
    // Operators and vector matching.
    ['a + bool b', 'vector', [['matching', 'bool modifier can only be used on comparison operators', 2, 8]]],
    ['1 > 2', 'scalar', [['matching', 'comparisons between scalars must use BOOL modifier', 2, 3]]],
    [
      'a and on(x) group_left b',
      'vector',
      [
        ['matching', 'no grouping allowed for "and" operation', 0, 24],
        ['matching', 'set operations must always be many-to-many', 0, 24],
      ],
    ],
    ['1 and 2', 'scalar', [['matching', 'set operator "and" not allowed in binary scalar expression', 0, 7]]],
    ['a or 1', 'vector', [['matching', 'set operator "or" not allowed in binary scalar expression', 0, 6]]],
    ['1 + on(x) a', 'vector', [['matching', 'vector matching only allowed between instant vectors', 0, 11]]],
    ['a + on(x) group_left 1', 'vector', [['matching', 'vector matching only allowed between instant vectors', 0, 22]]],
    ['a + on(b) group_left(b) c', 'vector', [['matching', 'label "b" must not occur in ON and GROUP clause at once', 2, 23]]],
    // Selectors and regexes.
    ['{job=~".*"}', 'vector', [['selector', 'vector selector must contain at least one non-empty matcher', 0, 11]]],
    ['{job=~"(("}', 'vector', [['regex', 'error parsing regexp: unterminated group', 6, 10]]],
    ['foo{__name__="bar"}', 'vector', [['selector', 'metric name must not be set twice: "foo" or "bar"', 0, 19]]],
    ['sum by ("") (x)', 'vector', [['syntax', 'invalid label name for grouping: ""', 8, 10]]],
    ['sum by (without) (x)', 'vector', [['syntax', 'unexpected <without> in grouping opts, expected label', 8, 15]]],
    ['atan2', 'vector', [['syntax', 'unexpected <op:atan2>', 0, 5]]],
    // Functions: unknown, removed, experimental, the info() selector.
    ['foo(x)', undefined, [['unknown-function', 'unknown function with name "foo"', 0, 3]]],
    ['holt_winters(x[5m], 0.5, 0.5)', undefined, [['unknown-function', 'unknown function with name "holt_winters" (renamed to double_exponential_smoothing in Prometheus 3.0)', 0, 12]]],
    ['mad_over_time(x[5m])', 'vector', [['experimental', 'function "mad_over_time" is not enabled', 0, 13]]],
    ['limitk(2, x)', 'vector', [['experimental', 'limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions', 0, 12]]],
    ['info(x, {a=""})', 'vector', [['experimental', 'function "info" is not enabled', 0, 4]]],
    [
      'info(x, y{a="b"})',
      'vector',
      [
        ['experimental', 'function "info" is not enabled', 0, 4],
        ['arguments', 'expected label selectors only, got vector selector instead', 8, 16],
      ],
    ],
    [
      'info(x, 1)',
      'vector',
      [
        ['experimental', 'function "info" is not enabled', 0, 4],
        ['arguments', 'expected label selectors only', 8, 9],
        ['type', 'expected type instant vector in call to function "info", got scalar', 8, 9],
      ],
    ],
    // Feature flags off.
    ['a + fill(0) b', 'vector', [['experimental', 'binop fill modifiers are experimental and not enabled', 0, 13]]],
    ['x[5m+1m]', 'matrix', [['experimental', 'experimental duration expression is not enabled', 2, 7]]],
    ['x offset -(5m)', 'vector', [['experimental', 'experimental duration expression is not enabled', 9, 14]]],
    ['x[5m] anchored', 'matrix', [['experimental', 'anchored modifier is experimental and not enabled', 6, 14]]],
    // Errors every evaluation would raise (promql/functions.go).
    ['label_replace(up, "a-b", "$1", "c", "(.*")', 'vector', [['eval-error', 'fails at evaluation: invalid regular expression in label_replace(): (.* (unterminated group)', 36, 41]]],
    [
      'double_exponential_smoothing(x[5m], 1, 0.5)',
      'vector',
      [
        ['experimental', 'function "double_exponential_smoothing" is not enabled', 0, 28],
        ['eval-error', 'fails at evaluation: invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000', 36, 37],
      ],
    ],
    // Modifiers, ranges and durations.
    ['x offset 5m offset 1m', 'vector', [['modifier', 'offset may not be set multiple times', 12, 21]]],
    ['(x) offset 5m', 'vector', [['modifier', 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery', 4, 13]]],
    ['x @ 1 @ 2', 'vector', [['modifier', '@ <timestamp> may not be set multiple times', 6, 9]]],
    ['sum(x) @ 1', 'vector', [['modifier', '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery', 7, 10]]],
    ['x @ Inf', 'vector', [['modifier', 'timestamp out of bounds for @ modifier: +Inf', 4, 7]]],
    ['x offset 5m [10m]', 'matrix', [['modifier', 'no offset modifiers allowed before range', 12, 17]]],
    ['x @ 100 [10m]', 'matrix', [['modifier', 'no @ modifiers allowed before range', 8, 13]]],
    ['(x)[5m]', 'matrix', [['modifier', 'ranges only allowed for vector selectors', 3, 7]]],
    ['x[5m:] anchored', 'matrix', [['modifier', 'anchored modifier is not supported for subqueries', 7, 15]]],
    ['sum(x) smoothed', 'vector', [['modifier', 'smoothed modifier not implemented', 7, 15]]],
    ['x[0s]', 'matrix', [['duration', 'duration must be greater than 0', 2, 4]]],
    ['x[5m:0s]', 'matrix', [['duration', 'duration must be greater than 0', 5, 7]]],
    ['x[-5m]', 'matrix', [['duration', 'duration must be greater than 0', 2, 5]]],
    ['x[1e10]', 'matrix', [['duration', 'duration out of range', 2, 6]]],
    // Syntax errors (no type: the expression does not parse).
    ['sum(rate(x[5m])', undefined, [['syntax', 'unclosed left parenthesis', 3, 4]]],
    ['foo{', undefined, [['syntax', 'unexpected end of input inside braces', 3, 4]]],
    ['1 +', undefined, [['syntax', 'unexpected end of input', 2, 3]]],
  ],
  LATEST,
  'latest',
);

run(
  [
    ['mad_over_time(x[5m])', 'vector', []],
    ['limitk(2, x)', 'vector', []],
    ['info(x, {a=""})', 'vector', []],
    ['x[5m+1m]', 'matrix', []],
    ['x[step()]', 'matrix', []],
    ['x[min_of(5m, 1h)]', 'matrix', []],
    ['x offset -(5m)', 'vector', []],
    ['x[5m] anchored', 'matrix', []],
    ['rate(x[5m] smoothed)', 'vector', []],
    ['a + fill(0) b', 'vector', []],
    ['a + fill_left(0) fill_right(-1) b', 'vector', []],
    ['step() * 2', 'scalar', []],
    ['min_of(1, 2)', 'scalar', []],
    ['histogram_quantiles(x, "q", 0.5, 0.9, 0.99)', 'vector', []],
    ['histogram_quantiles(x, "q", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)', 'vector', []],
    ['histogram_quantiles(x, "q")', 'vector', [['arguments', 'expected at least 3 argument(s) in call to "histogram_quantiles", got 2', 0, 27]]],
    ['x anchored smoothed', 'vector', [['modifier', 'anchored and smoothed modifiers cannot be used together', 11, 19]]],
    ['a and fill(1) b', 'vector', [['matching', 'filling in missing series not allowed for set operators', 0, 15]]],
    ['1 + fill(0) a', 'vector', [['matching', 'filling in missing series only allowed between instant vectors', 0, 13]]],
    ['x[5m/0]', 'matrix', [['duration', 'division by zero', 4, 5]]],
    ['x[5m%0]', 'matrix', [['duration', 'modulo by zero', 4, 5]]],
  ],
  ALL_FLAGS,
  'all feature flags',
);

run(
  [
    ['holt_winters(x[5m], 0.5, 0.5)', 'vector', []],
    ['x offset 5m', 'vector', []],
    ['info(x)', 'vector', [['too-new', 'function "info" needs Prometheus ≥ 2.55 (the target version is 2.42)', 0, 4]]],
    ['limitk(1, x)', 'vector', [['too-new', 'aggregation "limitk" needs Prometheus ≥ 2.54 (the target version is 2.42)', 0, 6]]],
    ['{"a.b"}', 'vector', [['too-new', 'a quoted metric name needs Prometheus ≥ 3.0 (the target version is 2.42)', 1, 6]]],
    ['x[300]', 'matrix', [['too-new', 'a duration without a unit needs Prometheus ≥ 2.54 (the target version is 2.42)', 2, 5]]],
    ['x[5m+1m]', 'matrix', [['too-new', 'a duration expression needs Prometheus ≥ 3.4 (the target version is 2.42)', 2, 7]]],
    ['1_000', 'scalar', [['too-new', 'a number with _ separators needs Prometheus ≥ 2.54 (the target version is 2.42)', 0, 5]]],
    ['x offset +5m', 'vector', [['too-new', 'this sign on an offset needs Prometheus ≥ 3.4 (the target version is 2.42)', 9, 12]]],
    ['x offset 0s', 'vector', [['duration', 'duration must be greater than 0', 9, 11]]],
    ['sum by (foo:bar) (x)', 'vector', [['syntax', 'unexpected metric identifier "foo:bar" in grouping opts, expected label', 8, 15]]],
    ['a </ 5', 'vector', [['too-new', 'the </ operator needs Prometheus ≥ 3.11 (the target version is 2.42)', 2, 4]]],
    ['label_replace(up, "a-b", "$1", "c", "(.*)")', 'vector', [['eval-error', 'fails at evaluation: invalid destination label name in label_replace(): a-b', 18, 23]]],
    ['count_values("a b", x)', 'vector', [['eval-error', 'fails at evaluation: invalid label name "a b"', 13, 18]]],
  ],
  { prometheusVersion: '2.42' },
  'target 2.42',
);

test('an empty version means the newest Prometheus o11y knows', () => {
  assert.deepEqual(checkPromQL('first_over_time(x[5m])', { prometheusVersion: '' }).problems, []);
});
