// Step 2 of completion: buildItems(contexts, source, options) → items, fed with hand-made contexts, plus the
// static metric source and a few end-to-end checks through completePromQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildItems, completePromQL, functionSnippet, staticMetricSource, type CompletionContext } from '../../../server/src/core/promql/complete';
import { FUNCTIONS, getFunction } from '../../../server/src/core/promql/functions';
import type { MetricSource } from '../../../server/src/core/promql/types';
import { caret } from './completeHelpers';

const SOURCE = staticMetricSource(
  [
    { name: 'http_requests_total', type: 'counter', help: 'Requests served.', source: 'rule-test series' },
    { name: 'job:http_requests:rate5m', source: 'recording rule in rules/api.yml' },
  ],
  {
    http_requests_total: { job: ['api', 'web'], code: ['200', '500'], path: ['/a"b'] },
    node_load1: { instance: ['host:9100'], job: ['node'] },
  },
);

const span = { from: 3, to: 5 };
const at = <K extends CompletionContext['kind']>(kind: K, rest: object): CompletionContext => ({ kind, replace: span, prefix: '', ...rest }) as CompletionContext;
const labels = async (c: CompletionContext, source: MetricSource | undefined = SOURCE, options = {}): Promise<string[]> => (await buildItems([c], source, options)).map((i) => i.label);

test('function items: one per function, snippet with the required arguments, replace span kept', async () => {
  const items = await buildItems([at('FunctionName', { hasParen: false })], undefined, {});
  assert.equal(items.length, FUNCTIONS.length);
  const rate = items.find((i) => i.label === 'rate')!;
  assert.deepEqual(
    { insertText: rate.insertText, snippet: rate.snippet, kind: rate.kind, detail: rate.detail, replace: rate.replace },
    { insertText: 'rate(${1:v range-vector})', snippet: true, kind: 'function', detail: 'rate(v range-vector) → instant-vector', replace: span },
  );
  assert.match(rate.documentation!, /Per-second average increase/);
  assert.match(rate.documentation!, /```promql\nsum by \(job\) \(rate\(http_requests_total\[5m\]\)\)\n```/);
  assert.equal(items.find((i) => i.label === 'holt_winters')?.deprecated, true);
});

const SNIPPETS: [string, string][] = [
  ['rate', 'rate(${1:v range-vector})'],
  ['histogram_quantile', 'histogram_quantile(${1:φ scalar}, ${2:b instant-vector})'],
  ['round', 'round(${1:v instant-vector})'],
  ['label_replace', 'label_replace(${1:v instant-vector}, ${2:dst_label string}, ${3:replacement string}, ${4:src_label string}, ${5:regex string})'],
  ['label_join', 'label_join(${1:v instant-vector}, ${2:dst_label string}, ${3:separator string})'],
  ['time', 'time()'],
  ['hour', 'hour()'],
];
for (const [name, snippet] of SNIPPETS) {
  test(`function snippet ${name}`, () => assert.equal(functionSnippet(getFunction(name)!), snippet));
}

test('functions: plain text without snippets, bare name before an existing parenthesis', async () => {
  const plain = await buildItems([at('FunctionName', { hasParen: false })], undefined, { snippets: false });
  assert.equal(plain.find((i) => i.label === 'rate')?.insertText, 'rate()');
  assert.ok(plain.every((i) => !i.snippet));
  const paren = await buildItems([at('FunctionName', { hasParen: true })], undefined, {});
  assert.equal(paren.find((i) => i.label === 'rate')?.insertText, 'rate');
});

test('functions returning the expected type sort first', async () => {
  const items = await buildItems([at('FunctionName', { hasParen: false, expectedType: 'scalar' })], undefined, {});
  const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);
  assert.ok(sorted.indexOf('time') < sorted.indexOf('rate'));
  assert.ok(sorted.indexOf('scalar') < sorted.indexOf('abs'));
});

test('experimental and removed functions can be left out', async () => {
  const names = await labels(at('FunctionName', { hasParen: false }), undefined, { experimental: false, removed: false });
  assert.ok(!names.includes('mad_over_time'));
  assert.ok(!names.includes('holt_winters'));
  assert.ok(names.includes('rate'));
});

test('aggregation items with parameter snippets', async () => {
  const items = await buildItems([at('Aggregation', { hasParen: false })], undefined, {});
  const byName = new Map(items.map((i) => [i.label, i]));
  assert.equal(byName.get('sum')?.insertText, 'sum(${1:v instant-vector})');
  assert.equal(byName.get('topk')?.insertText, 'topk(${1:k scalar}, ${2:v instant-vector})');
  assert.equal(byName.get('count_values')?.insertText, 'count_values(${1:label string}, ${2:v instant-vector})');
  assert.equal(byName.get('quantile')?.detail, 'quantile(φ scalar, v instant-vector) → instant-vector');
  assert.equal(byName.get('sum')?.kind, 'aggregation');
});

test('keyword items', async () => {
  const items = await buildItems([at('Keyword', { keywords: ['by', 'offset', '@', 'bool', 'group_left'] })], undefined, {});
  assert.deepEqual(
    items.map((i) => [i.label, i.insertText]),
    [
      ['by', 'by (${1})'],
      ['offset', 'offset ${1:5m}'],
      ['@ end()', '@ ${1:end()}'],
      ['bool', 'bool'],
      ['group_left', 'group_left (${1})'],
    ],
  );
  const plain = await buildItems([at('Keyword', { keywords: ['by', 'offset'] })], undefined, { snippets: false });
  assert.deepEqual(plain.map((i) => i.insertText), ['by ()', 'offset 5m']);
});

test('binary operators: symbols and words, no experimental trim operators', async () => {
  const items = await buildItems([at('BinaryOperator', { afterOperand: true })], undefined, {});
  const names = items.map((i) => i.label);
  for (const op of ['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless', 'atan2']) {
    assert.ok(names.includes(op), op);
  }
  assert.ok(!names.includes('</'));
  assert.equal(items.find((i) => i.label === 'and')?.kind, 'keyword');
  assert.equal(items.find((i) => i.label === '+')?.kind, 'operator');
});

test('metric names from the source, with TYPE/HELP and a range snippet where a range vector is wanted', async () => {
  const items = await buildItems([at('MetricName', { needsRange: true, expectedType: 'matrix' })], SOURCE, {});
  const http = items.find((i) => i.label === 'http_requests_total')!;
  assert.equal(http.insertText, 'http_requests_total[${1:5m}]');
  assert.equal(http.detail, 'counter · rule-test series');
  assert.equal(http.documentation, '**http_requests_total** (counter)\n\nRequests served.\n\nSource: rule-test series');
  assert.deepEqual(items.map((i) => i.label), ['http_requests_total', 'job:http_requests:rate5m', 'node_load1']);
  assert.deepEqual(await labels(at('MetricName', { prefix: 'htr' })), ['http_requests_total', 'job:http_requests:rate5m']);
  assert.deepEqual(await buildItems([at('MetricName', {})], undefined, {}), []);
});

test('label names of the metric, minus those already matched', async () => {
  assert.deepEqual(await labels(at('LabelName', { metric: 'http_requests_total', exclude: ['code'] })), ['job', 'path']);
  assert.deepEqual(await labels(at('LabelName', { exclude: [] })), ['code', 'instance', 'job', 'path']);
  assert.deepEqual(await labels(at('LabelName', { metric: 'unknown', exclude: [] })), []);
});

test('grouping labels: the union over the aggregated metrics', async () => {
  assert.deepEqual(await labels(at('GroupingLabel', { keyword: 'by', metrics: ['http_requests_total', 'node_load1'], exclude: ['job'] })), ['code', 'instance', 'path']);
  assert.deepEqual(await labels(at('GroupingLabel', { keyword: 'by', metrics: [], exclude: [] })), ['code', 'instance', 'job', 'path']);
});

test('label values: quoted when no string is open, escaped for the open string otherwise', async () => {
  const bare = await buildItems([at('LabelValue', { label: 'path', metric: 'http_requests_total' })], SOURCE, {});
  assert.deepEqual(bare.map((i) => i.insertText), ['"/a\\"b"']);
  const dq = await buildItems([at('LabelValue', { label: 'path', metric: 'http_requests_total', quote: '"' })], SOURCE, {});
  assert.deepEqual(dq.map((i) => i.insertText), ['/a\\"b']);
  const sq = await buildItems([at('LabelValue', { label: 'path', metric: 'http_requests_total', quote: "'" })], SOURCE, {});
  assert.deepEqual(sq.map((i) => i.insertText), ['/a"b']);
  assert.deepEqual(await labels(at('LabelValue', { label: 'job' })), ['api', 'node', 'web']);
});

test('durations: common lengths, units after a typed number, Grafana variables on request', async () => {
  const common = await buildItems([at('Duration', { role: 'range' })], undefined, {});
  assert.deepEqual(common.slice(0, 3).map((i) => [i.label, i.detail]), [['1m', '1m = 60 s'], ['5m', '5m = 300 s'], ['10m', '10m = 600 s']]);
  const typed = await labels(at('Duration', { role: 'range', prefix: '90' }));
  assert.deepEqual(typed, ['90s', '90m', '90h', '90d', '90w', '90y', '90ms']);
  const grafana = await labels(at('Duration', { role: 'range' }), undefined, { grafanaVariables: true });
  assert.ok(grafana.includes('$__rate_interval'));
});

test('a failing source yields no dynamic items and no error', async () => {
  const broken: MetricSource = {
    metricNames: () => Promise.reject(new Error('down')),
    labelNames: () => {
      throw new Error('down');
    },
    labelValues: async () => {
      throw new Error('down');
    },
  };
  const items = await buildItems([at('MetricName', {}), at('FunctionName', { hasParen: false }), at('LabelName', { exclude: [] }), at('LabelValue', { label: 'x' })], broken, {});
  assert.equal(items.length, FUNCTIONS.length);
});

test('names that are Object.prototype members are just names', async () => {
  assert.deepEqual(await labels(at('LabelValue', { label: 'constructor', metric: 'toString' })), []);
  assert.deepEqual(await labels(at('LabelName', { metric: 'constructor', exclude: [] })), []);
  const odd = staticMetricSource([], { constructor: { __proto__: ['x'] } as unknown as Record<string, string[]> });
  assert.deepEqual(await labels(at('LabelName', { metric: 'constructor', exclude: [] }), odd), []);
});

test('entries of the wrong shape from a source are dropped', async () => {
  const sloppy = { metricNames: () => [{ name: 'ok' }, null, { name: 3 }], labelNames: () => ['a', 7, undefined], labelValues: () => 'not a list' } as unknown as MetricSource;
  assert.deepEqual(await labels(at('MetricName', {}), sloppy), ['ok']);
  assert.deepEqual(await labels(at('LabelName', { exclude: [] }), sloppy), ['a']);
  assert.deepEqual(await labels(at('LabelValue', { label: 'a' }), sloppy), []);
});

test('the number of dynamic items is capped', async () => {
  const many = staticMetricSource(Array.from({ length: 2000 }, (_, i) => ({ name: `m${i}` })));
  assert.equal((await labels(at('MetricName', {}), many)).length, 500);
  assert.equal((await labels(at('MetricName', {}), many, { maxDynamicItems: 20 })).length, 20);
});

const END_TO_END: [string, string[]][] = [
  ['http_requests_total{job="<|>"}', ['api', 'web']],
  ['http_requests_total{<|>}', ['code', 'job', 'path']],
  ['sum by (<|>) (rate(http_requests_total[5m]))', ['code', 'job', 'path']],
  ['sum(rate(node_load1[5m])) by (job, <|>)', ['instance']],
  ['foo @ <|>', ['start()', 'end()']],
  ['sum(x) <|>', ['by', 'without']],
];
for (const [marked, expected] of END_TO_END) {
  test(`completePromQL ${marked}`, async () => {
    const { text, offset } = caret(marked);
    const items = await completePromQL(text, offset, SOURCE);
    assert.deepEqual(items.map((i) => i.label).slice(0, expected.length), expected);
  });
}

test('completePromQL in rate( offers metrics with a range first, then functions and aggregations', async () => {
  const { text, offset } = caret('rate(<|>');
  const items = await completePromQL(text, offset, SOURCE);
  const kinds = new Set(items.map((i) => i.kind));
  assert.deepEqual([...kinds], ['metric', 'function', 'aggregation']);
  assert.equal(items[0].insertText, 'http_requests_total[${1:5m}]');
  assert.ok(items.every((i) => i.replace.from === 5 && i.replace.to === 5));
});
