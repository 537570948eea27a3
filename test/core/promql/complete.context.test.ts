// Step 1 of completion: analyzeContext(text, offset) → contexts, table-driven with caret markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeContext } from '../../../server/src/core/promql/complete';
import { AFTER_SELECTOR, caret, describe, OPERAND } from './completeHelpers';

const CASES: [string, string[]][] = [
  // Operand positions.
  ['<|>', OPERAND],
  ['ra<|>', OPERAND],
  ['ra<|>te', OPERAND],
  ['(<|>', OPERAND],
  ['-<|>', OPERAND],
  ['rate(<|>', ['MetricName:matrix+range', 'FunctionName:matrix', 'Aggregation']],
  ['rate(<|>)', ['MetricName:matrix+range', 'FunctionName:matrix', 'Aggregation']],
  ['rate(fo<|>o[5m])', ['MetricName:matrix', 'FunctionName:matrix', 'Aggregation']],
  ['rate(fo<|>{job="a"}[5m])', ['MetricName:matrix', 'FunctionName:matrix', 'Aggregation']],
  ['abs(<|>)', ['MetricName:vector', 'FunctionName:vector', 'Aggregation']],
  ['histogram_quantile(<|>', ['MetricName:scalar', 'FunctionName:scalar', 'Aggregation']],
  ['histogram_quantile(0.9, <|>', ['MetricName:vector', 'FunctionName:vector', 'Aggregation']],
  ['round(x, <|>', ['MetricName:scalar', 'FunctionName:scalar', 'Aggregation']],
  ['topk(<|>', ['MetricName:scalar', 'FunctionName:scalar', 'Aggregation']],
  ['topk(5, <|>', ['MetricName:vector', 'FunctionName:vector', 'Aggregation']],
  ['sum(<|>)', ['MetricName:vector', 'FunctionName:vector', 'Aggregation']],
  ['sum by (job) (<|>', ['MetricName:vector', 'FunctionName:vector', 'Aggregation']],
  ['ab<|>(x)', ['MetricName', 'FunctionName(', 'Aggregation(']],
  ['constructor(<|>', OPERAND],
  ['toString{<|>}', ['LabelName(toString)']],
  ['foo + <|>', [...OPERAND, 'Keyword(on,ignoring)']],
  ['foo / <|>', [...OPERAND, 'Keyword(on,ignoring)']],
  ['foo > <|>', [...OPERAND, 'Keyword(on,ignoring,bool)']],
  ['foo == bo<|>', [...OPERAND, 'Keyword(on,ignoring,bool)']],
  ['foo >= bool <|>', OPERAND],
  ['foo and <|>', [...OPERAND, 'Keyword(on,ignoring)']],
  ['foo unless ig<|>', [...OPERAND, 'Keyword(on,ignoring)']],
  ['foo * on(job) <|>', [...OPERAND, 'Keyword(group_left,group_right)']],
  ['foo * ignoring(job) gr<|>', [...OPERAND, 'Keyword(group_left,group_right)']],
  ['foo * on(job) group_left <|>', OPERAND],
  ['foo * on(job) group_left(version) <|>', OPERAND],
  ['1 - -<|>', OPERAND],
  // After an operand.
  ['foo <|>', AFTER_SELECTOR],
  ['foo o<|>', AFTER_SELECTOR],
  ['foo{job="a"} <|>', AFTER_SELECTOR],
  ['foo[5m] <|>', AFTER_SELECTOR],
  ['rate(foo[5m])[1h:] <|>', AFTER_SELECTOR],
  ['rate(foo[5m]) <|>', ['BinaryOperator']],
  ['(foo) <|>', ['BinaryOperator']],
  ['1 <|>', ['BinaryOperator']],
  ['foo @ start() <|>', ['BinaryOperator', 'Keyword(offset)']],
  ['foo offset 5m <|>', ['BinaryOperator']],
  ['sum(foo) <|>', ['Keyword(by,without)', 'BinaryOperator']],
  ['sum(foo) wi<|>', ['Keyword(by,without)', 'BinaryOperator']],
  ['sum by (job) (foo) <|>', ['BinaryOperator']],
  ['sum(foo) by (job) <|>', ['BinaryOperator']],
  ['sum <|>', ['Keyword(by,without)']],
  ['sum b<|>', ['Keyword(by,without)']],
  ['topk <|>', ['Keyword(by,without)']],
  // Places where only one thing fits, or nothing does.
  ['sum by <|>', []],
  ['sum by (job) <|>', []],
  ['foo + on <|>', []],
  ['foo @ <|>', ['Keyword(start(),end())']],
  ['foo @ st<|>', ['Keyword(start(),end())']],
  ['foo @ start(<|>)', []],
  ['foo # a comment <|>', []],
  ['foo # a <|>comment', []],
  ['foo > 1<|>', []],
  ['"abc" <|>', []],
  // Durations.
  ['foo[<|>]', ['Duration(range)']],
  ['foo[5<|>]', ['Duration(range)']],
  ['foo{job="a"}[<|>', ['Duration(range)']],
  ['foo[5m:<|>]', ['Duration(step)']],
  ['rate(foo[5m])[1h:1<|>]', ['Duration(step)']],
  ['foo offset <|>', ['Duration(offset)']],
  ['foo offset 1<|>', ['Duration(offset)']],
  ['foo[5m] offset -<|>', ['Duration(offset)']],
  ['foo[5m <|>]', []],
  ['foo[ste<|>]', []],
  ['rate(foo[$__rate<|>])', ['Duration(range)']],
  ['rate(foo[$<|>', ['Duration(range)']],
  // Braces.
  ['foo{<|>}', ['LabelName(foo)']],
  ['foo{jo<|>}', ['LabelName(foo)']],
  ['foo {<|>', ['LabelName(foo)']],
  ['{<|>}', ['LabelName()']],
  ['foo{job="a", <|>}', ['LabelName(foo -job)']],
  ['foo{job="a", in<|>, mode!="idle"}', ['LabelName(foo -job,mode)']],
  ['{__name__="foo", <|>}', ['LabelName(foo)']],
  ['{"foo.bar", <|>}', ['LabelName(foo.bar)']],
  ['foo{job <|>}', ['MatchOperator']],
  ['foo{job=<|>}', ['LabelValue(job@foo)']],
  ['foo{job!~<|>}', ['LabelValue(job@foo)']],
  ['foo{job="<|>"}', ['LabelValue(job@foo ")']],
  ['foo{job="ap<|>i"}', ['LabelValue(job@foo ")']],
  ["foo{job='<|>'}", ["LabelValue(job@foo ')"]],
  ['foo{job=`<|>`}', ['LabelValue(job@foo `)']],
  ['foo{job=~"a|<|>', ['LabelValue(job@foo ")']],
  ['rate(foo{job="<|>"}[5m])', ['LabelValue(job@foo ")']],
  ['{job="<|>"}', ['LabelValue(job ")']],
  ['foo{job="a"<|>}', []],
  ['foo{job="a" <|>}', []],
  ['foo{"my.label"=<|>}', ['LabelValue(my.label@foo)']],
  // Label lists.
  ['sum by (<|>) (rate(foo[5m]))', ['GroupingLabel(by: foo)']],
  ['sum by (<|>)', ['GroupingLabel(by: )']],
  ['sum without (instance, <|>) (foo + bar)', ['GroupingLabel(without: foo,bar -instance)']],
  ['sum(rate(bar[5m])) by (<|>)', ['GroupingLabel(by: bar)']],
  ['sum(rate(bar[5m])) by (jo<|>', ['GroupingLabel(by: bar)']],
  ['sum by (job <|>)', []],
  ['histogram_quantile(0.9, sum by (<|>) (rate(foo_bucket{a="b"}[5m])))', ['GroupingLabel(by: foo_bucket)']],
  ['sum by (<|>) ({__name__="foo"})', ['GroupingLabel(by: foo)']],
  ['count by (<|>) (sum by (le) (x) * on (le) group_left y)', ['GroupingLabel(by: x,y)']],
  ['a + on(<|>) b', ['GroupingLabel(on: a,b)']],
  ['(a / ignoring(<|>) rate(b[5m])) > 1', ['GroupingLabel(ignoring: a,b)']],
  ['a * on(job) group_left(<|>) b', ['GroupingLabel(group_left: a,b)']],
  ['label_replace(up, "<|>", "$1", "instance", "(.*)")', ['GroupingLabel(label_replace: up)']],
  ['label_replace(up, "host", "<|>"', []],
  ['label_join(foo{a="b"}, "dst", ",", "a", "<|>")', ['GroupingLabel(label_join: foo)']],
  ['count_values("<|>", build_info)', ['GroupingLabel(count_values: build_info)']],
  ['sort_by_label(up, "<|>")', ['GroupingLabel(sort_by_label: up)']],
];

for (const [marked, expected] of CASES) {
  test(`context ${marked}`, () => {
    const { text, offset } = caret(marked);
    const contexts = analyzeContext(text, offset);
    assert.deepEqual(contexts.map(describe), expected);
    for (const c of contexts) {
      assert.ok(c.replace.from <= offset && offset <= c.replace.to, 'the caret is inside the replaced span');
      assert.equal(c.prefix, text.slice(c.replace.from, offset));
    }
  });
}

const SPANS: [string, string][] = [
  // marked text → the replaced text
  ['ra<|>te(foo[5m])', 'rate'],
  ['foo{job="ap<|>i"}', 'api'],
  ['foo{job="ap<|>', 'ap'],
  ['foo{job=<|>}', ''],
  ['foo[5<|>]', '5'],
  ['sum by (jo<|>b)', 'job'],
  ['foo un<|>', 'un'],
  ['rate(foo[$__ra<|>te_interval])', '$__rate_interval'],
];

for (const [marked, replaced] of SPANS) {
  test(`replace span ${marked}`, () => {
    const { text, offset } = caret(marked);
    const [c] = analyzeContext(text, offset);
    assert.equal(text.slice(c.replace.from, c.replace.to), replaced);
  });
}

test('out-of-range offsets are clamped', () => {
  assert.deepEqual(analyzeContext('foo', 99).map(describe), ['MetricName', 'FunctionName', 'Aggregation']);
  assert.deepEqual(analyzeContext('', -3).map(describe), ['MetricName', 'FunctionName', 'Aggregation']);
});

test('analysis is fast and linear', () => {
  const typical = 'sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="api"}[5m'.concat(']))');
  const at = typical.indexOf('code=~"') + 7;
  let start = performance.now();
  for (let i = 0; i < 1000; i++) {
    analyzeContext(typical, at);
  }
  const perCall = (performance.now() - start) / 1000;
  // Generous bounds (the suite shares a busy machine): they catch a quadratic walk, which would take seconds here.
  assert.ok(perCall < 5, `typical analysis takes ${perCall.toFixed(3)} ms (bound 5 ms)`);

  const unit = 'sum by (job) (rate(foo{a="b"}[5m])) + ';
  const big = unit.repeat(Math.ceil(100_000 / unit.length)) + 'x';
  const nested = '('.repeat(50_000) + 'foo{' ;
  for (const [text, label] of [[big, '100 KB'], [nested, '50k open parentheses']] as const) {
    start = performance.now();
    const contexts = analyzeContext(text, text.length);
    const ms = performance.now() - start;
    assert.ok(contexts.length > 0, label);
    assert.ok(ms < 2000, `${label}: ${ms.toFixed(1)} ms`);
  }
});
