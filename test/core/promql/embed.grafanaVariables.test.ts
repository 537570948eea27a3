import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '@prometheus-io/lezer-promql';
import { docSpan } from '../../../server/src/core/promql/embed';
import {
  formatValue,
  substituteVariables,
  type VariableSelection,
} from '../../../server/src/core/promql/grafanaVariables';
import { embed, jsonValue } from './embedHelpers';

function syntaxErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({
    enter(n) {
      if (n.type.isError) {
        errors.push(n.from);
      }
    },
  });
  return errors;
}

// Query → placeholders, and the context each variable was seen in. Every output must parse without errors.
const PLACEHOLDERS: [string, string, string[]][] = [
  [
    'sum by (job) (rate(http_requests_total{job=~"$job", instance="${instance}"}[$__rate_interval]))',
    'sum by (job) (rate(http_requests_total{job=~"job", instance="instance"}[4m]))',
    ['regexValue', 'labelValue', 'range'],
  ],
  ['rate(x[$__interval])', 'rate(x[1m])', ['range']],
  ['x[$__range:$__interval]', 'x[3600s:1m]', ['range', 'range']],
  ['rate(x[$window])', 'rate(x[5m])', ['range']],
  ['rate(x[${n}m])', 'rate(x[5m])', ['range']],
  ['rate(x[1${unit}])', 'rate(x[1m])', ['range']],
  ['increase(x[${__range_s}s]) / $__range_s', 'increase(x[3600s]) / 3600', ['range', 'scalar']],
  ['x / $__interval_ms * 1000', 'x / 60000 * 1000', ['scalar']],
  ['x / $__range', 'x / 3600', ['scalar']],
  ['x offset $shift', 'x offset 5m', ['offset']],
  ['x offset $__range', 'x offset 3600s', ['offset']],
  ['x @ ${__to:date:seconds}', 'x @ 1700000000', ['at']],
  ['x > $threshold', 'x > 1', ['scalar']],
  ['x > bool $threshold', 'x > bool 1', ['scalar']],
  ['topk($k, x)', 'topk(1, x)', ['scalar']],
  ['topk by (job) ($k, x)', 'topk by (job) (1, x)', ['scalar']],
  ['histogram_quantile($q, sum by (le) (rate(x[5m])))', 'histogram_quantile(1, sum by (le) (rate(x[5m])))', ['scalar']],
  ['clamp_min(x, $min)', 'clamp_min(x, 1)', ['scalar']],
  ['sum(x) by ($group)', 'sum(x) by (group)', ['labelList']],
  ['sum without ([[labels]]) (x)', 'sum without (labels) (x)', ['labelList']],
  ['x * on (${keys:csv}) group_left ($extra) y', 'x * on (keys) group_left (extra) y', ['labelList', 'labelList']],
  ['x{$label="a"}', 'x{label="a"}', ['labelName']],
  ['$metric', 'metric', ['metricName']],
  ['rate($metric[5m])', 'rate(metric[5m])', ['metricName']],
  ['$metric{job="a"}', 'metric{job="a"}', ['metricName']],
  ['sum(rate(${prefix}_requests_total[5m]))', 'sum(rate(prefix_requests_total[5m]))', ['metricName']],
  ['node_${name}_bytes', 'node_name_bytes', ['metricName']],
  ['$offset + sum($by)', 'offset_ + sum(by_)', ['metricName', 'metricName']],
  ['$1abc', '_1abc', ['metricName']],
  ['x{a=~"^${a:regex}$", b!~"[[b]]|$c"}', 'x{a=~"^a$", b!~"b|c"}', ['regexValue', 'regexValue', 'regexValue']],
  ["x{a='$a', b=`$b`}", "x{a='a', b=`b`}", ['labelValue', 'labelValue']],
  ['x{env="$__dashboard"}', 'x{env="dashboard"}', ['labelValue']],
  ['label_replace(x, "dst", "$1-$suffix", "src", "(.*)")', 'label_replace(x, "dst", "$1-suffix", "src", "(.*)")', ['string']],
  ['count_values("${label}", x)', 'count_values("label", x)', ['string']],
  ['rate(x[5m]) # per $__interval', 'rate(x[5m]) # per $__interval', []],
  ['x{a="\\"$a"}', 'x{a="\\"a"}', ['labelValue']],
  ['${var.field}', 'var', ['metricName']],
];

for (const [query, expected, contexts] of PLACEHOLDERS) {
  test(`placeholders: ${query}`, () => {
    const r = substituteVariables(query);
    assert.equal(r.text, expected);
    assert.deepEqual(
      r.variables.map((v) => v.context),
      contexts,
    );
    assert.deepEqual(syntaxErrors(r.text), [], 'the placeholders parse');
    assert.ok(r.variables.every((v) => !v.concrete));
  });
}

test('variable syntaxes, formats and field paths are recorded', () => {
  const r = substituteVariables('x{a="$a", b="${b:pipe}", c="[[c:csv]]", d="${d.text}", e="${__from:date:seconds}"}');
  assert.deepEqual(
    r.variables.map(({ name, syntax, format, fieldPath, builtin }) => ({ name, syntax, format, fieldPath, builtin })),
    [
      { name: 'a', syntax: '$var', format: undefined, fieldPath: undefined, builtin: false },
      { name: 'b', syntax: '${var}', format: 'pipe', fieldPath: undefined, builtin: false },
      { name: 'c', syntax: '[[var]]', format: 'csv', fieldPath: undefined, builtin: false },
      { name: 'd', syntax: '${var}', format: undefined, fieldPath: 'text', builtin: false },
      { name: '__from', syntax: '${var}', format: 'date:seconds', fieldPath: undefined, builtin: true },
    ],
  );
});

test('offset map: outside variables shifts, inside covers the whole variable', () => {
  const query = 'rate(x{job="$job"}[$__rate_interval]) > $threshold';
  const r = substituteVariables(query);
  assert.equal(r.text, 'rate(x{job="job"}[4m]) > 1');
  const { map } = r;
  assert.equal(map.toOriginal(0), 0);
  assert.equal(map.toOriginal(12), query.indexOf('$job'), 'start of placeholder');
  assert.equal(map.toOriginal(14), query.indexOf('$job'), 'inside placeholder');
  assert.equal(map.toOriginal(15), query.indexOf('$job') + 4, 'closing quote after the variable');
  assert.equal(map.toOriginal(18), query.indexOf('$__rate'));
  assert.equal(map.toOriginal(20), query.indexOf(']'));
  assert.equal(map.toOriginal(r.text.length), query.length);
  // A problem inside `4m` (e.g. "range too short") covers `$__rate_interval`.
  const rate = { from: query.indexOf('$__rate'), to: query.indexOf('$__rate') + '$__rate_interval'.length };
  assert.deepEqual(map.toOriginalSpan({ from: 18, to: 20 }), rate);
  assert.deepEqual(map.toOriginalSpan({ from: 19, to: 19 }), rate, 'an empty span inside');
  assert.deepEqual(map.toOriginalSpan({ from: 18, to: 19 }), rate, 'a part of the placeholder');
  // A span over the whole selector keeps its ends.
  const sel = map.toOriginalSpan({ from: 5, to: 21 });
  assert.equal(query.slice(sel.from, sel.to), 'x{job="$job"}[$__rate_interval]');
  const tail = map.toOriginalSpan({ from: r.text.length - 1, to: r.text.length });
  assert.equal(query.slice(tail.from, tail.to), '$threshold');
  assert.equal(map.fromOriginal(query.indexOf('$job') + 2), 12);
  assert.equal(map.fromOriginal(query.length), r.text.length);
  assert.equal(map.fromOriginal(query.indexOf(' > ')), r.text.indexOf(' > '));
});

test('concrete values: single, multi as (a|b), built-ins, unknown variables keep placeholders', () => {
  const r = substituteVariables('sum by ($group) (rate(x{job=~"$job", env="$env", x="$other"}[$__rate_interval]))', {
    job: ['api.v1', 'web'],
    env: "prod'1",
    group: { values: ['instance'] },
  });
  assert.equal(r.text, 'sum by (instance) (rate(x{job=~"(api\\\\.v1|web)", env="prod\\\\\'1", x="other"}[4m]))');
  assert.deepEqual(
    r.variables.map((v) => [v.name, v.concrete]),
    [
      ['group', true],
      ['job', true],
      ['env', true],
      ['other', false],
      ['__rate_interval', true],
    ],
  );
  assert.equal(substituteVariables('x[$__interval]', { __interval: '30s' }).text, 'x[30s]');
  assert.equal(substituteVariables('x @ ${__to:date:seconds}', {}).text, 'x @ 1700003600');
  assert.equal(substituteVariables('label_replace(x, "a", "$1", "b", "(.*)")', { 1: 'one' }).text, 'label_replace(x, "a", "one", "b", "(.*)")');
});

const ALL: VariableSelection = { values: ['a', 'b.c'], includeAll: true, multi: true, all: true };
const FORMATS: [string | undefined, string | string[] | VariableSelection, string][] = [
  [undefined, 'a.b', 'a.b'],
  [undefined, 'a\\b', 'a\\\\b'],
  [undefined, ['a.b'], 'a\\\\.b'],
  [undefined, ['a', 'b(c)'], '(a|b\\\\(c\\\\))'],
  [undefined, { values: ['a.b'], includeAll: true }, 'a\\\\.b'],
  [undefined, ALL, '(a|b\\\\.c)'],
  [undefined, { ...ALL, allValue: '.*' }, '.*'],
  ['regex', 'a.b', 'a\\.b'],
  ['regex', ['a.b', 'c/d'], '(a\\.b|c\\/d)'],
  ['regex', ALL, '(a|b\\.c)'],
  ['regex', { ...ALL, allValue: '.+' }, '.+'],
  ['pipe', ['a', 'b'], 'a|b'],
  ['pipe', ALL, 'a|b.c'],
  ['csv', ['a', 'b'], 'a,b'],
  ['raw', ['a', 'b.c'], 'a,b.c'],
  ['glob', ['a', 'b'], '{a,b}'],
  ['glob', ['a'], 'a'],
  ['json', ['a', 'b'], '["a","b"]'],
  ['json', 'a', 'a'],
  ['doublequote', ['a', 'b"c'], '"a","b\\"c"'],
  ['singlequote', ["a'b"], "'a\\'b'"],
  ['sqlstring', ["a'b", 'c'], "'a''b','c'"],
  ['text', ALL, 'All'],
  ['text', ['a', 'b'], 'a + b'],
  ['queryparam', ['a', 'b c'], 'var-v=a&var-v=b%20c'],
  ['percentencode', 'a b(c)', 'a%20b%28c%29'],
  ['distributed', ['a', 'b'], 'a,v=b'],
  ['date:seconds', '1700000000000', '1700000000'],
  ['date:iso', '0', '1970-01-01T00:00:00.000Z'],
  ['nosuchformat', ['a', 'b'], '{a,b}'],
];

for (const [format, value, expected] of FORMATS) {
  test(`format ${format ?? '(default)'} of ${JSON.stringify(value)}`, () => {
    assert.equal(formatValue(value, format, 'v'), expected);
  });
}

test('placeholders keep realistic dashboard queries valid', () => {
  const queries = [
    'sum(rate(container_cpu_usage_seconds_total{namespace="$namespace", pod=~"$pod", container!=""}[$__rate_interval])) by (pod)',
    'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{job=~"$job"}[$__rate_interval])) by (le, $groupby))',
    '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle", instance=~"[[instance]]"}[$__interval])))',
    'max_over_time(up{job="$job"}[$__range]) offset $__interval',
    'sum(increase(x[${__range_s}s])) / ${__range_s}',
    'topk($topk, sum by ($dim) (rate(x[5m])))',
    'avg_over_time(x[$__auto]) @ end()',
  ];
  for (const q of queries) {
    assert.deepEqual(syntaxErrors(substituteVariables(q).text), [], q);
  }
});

test('composed with embedding: a problem in a dashboard query lands on the document text', () => {
  const doc = '{"targets": [{"expr": "sum(rate(x{job=~\\"$job\\"}[$__rate_interval]) by (code)"}]}';
  const e = embed(jsonValue(doc), doc);
  assert.equal(e.text, 'sum(rate(x{job=~"$job"}[$__rate_interval]) by (code)');
  const r = substituteVariables(e.text);
  // A problem reported on the placeholder `4m` covers `$__rate_interval` in the document.
  const at = r.text.indexOf('4m');
  const span = docSpan(e, r.map.toOriginalSpan({ from: at, to: at + 2 }));
  assert.equal(doc.slice(span.from, span.to), '$__rate_interval');
  // One on the label value covers `$job`, and one on the whole matcher keeps the escaped quotes inside.
  const job = r.text.indexOf('"job"') + 1;
  const jobSpan = docSpan(e, r.map.toOriginalSpan({ from: job, to: job + 3 }));
  assert.equal(doc.slice(jobSpan.from, jobSpan.to), '$job');
  const m = r.text.indexOf('{');
  const matcher = docSpan(e, r.map.toOriginalSpan({ from: m, to: r.text.indexOf('}') + 1 }));
  assert.equal(doc.slice(matcher.from, matcher.to), '{job=~\\"$job\\"}');
  // The end of the query (where "unclosed parenthesis" is reported) is the closing quote.
  const end = docSpan(e, r.map.toOriginalSpan({ from: r.text.length, to: r.text.length }));
  assert.equal(doc[end.from], '"');
  assert.equal(end.from, doc.lastIndexOf('"'));
});

test('bad input: long and pathological queries are scanned in linear time', () => {
  const inputs = [
    '${a.'.repeat(25_000),
    '${a:'.repeat(25_000),
    '[['.repeat(50_000),
    '"$a'.repeat(30_000),
    'x{a=~"'.repeat(15_000),
    '('.repeat(100_000),
    '$'.repeat(100_000),
    'rate(x[$__rate_interval]) + '.repeat(4_000) + '1',
  ];
  for (const input of inputs) {
    const started = performance.now();
    const r = substituteVariables(input);
    assert.ok(r.map.toOriginal(r.text.length) === input.length);
    assert.ok(performance.now() - started < 1000, `${input.slice(0, 12)}… took ${performance.now() - started} ms`);
  }
});
