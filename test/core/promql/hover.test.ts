// Hover on PromQL: docs, durations in seconds, metric info from a source, value type of the sub-expression.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staticMetricSource } from '../../../server/src/core/promql/complete';
import { hoverPromQL } from '../../../server/src/core/promql/hover';
import type { MetricSource } from '../../../server/src/core/promql/types';
import { caret } from './completeHelpers';

const SOURCE = staticMetricSource([{ name: 'http_requests_total', type: 'counter', help: 'Requests served.', source: 'rule-test series' }]);

async function hover(marked: string, source?: MetricSource): Promise<{ markdown: string; spanText: string } | undefined> {
  const { text, offset } = caret(marked);
  const h = await hoverPromQL(text, offset, { source });
  return h && { markdown: h.markdown, spanText: text.slice(h.span.from, h.span.to) };
}

/** marked text → [hovered text, fragments the markdown must contain (in order)]. */
const CASES: [string, string, string[]][] = [
  ['ra<|>te(foo[5m])', 'rate', ['```promql\nrate(v range-vector) → instant-vector\n```', 'Per-second average increase', 'Example:', 'instant vector: `rate(foo[5m])`']],
  ['<|>rate(foo[5m])', 'rate', ['rate(v range-vector)']],
  ['rate<|>(foo[5m])', '(', ['instant vector: `rate(foo[5m])`']],
  ['histogram_quantile(0.9, x)<|>', ')', ['instant vector']],
  ['holt_wi<|>nters(x[1h], 0.5, 0.5)', 'holt_winters', ['Removed in Prometheus 3.0; use `double_exponential_smoothing`.']],
  ['mad_over<|>_time(x[1h])', 'mad_over_time', ['Experimental: needs `--enable-feature=promql-experimental-functions`.', 'Since Prometheus 2.49.']],
  ['su<|>m by (job) (x)', 'sum', ['sum(v instant-vector) → instant-vector', 'Adds up', 'instant vector: `sum by (job) (x)`']],
  ['SU<|>M(x)', 'SUM', ['Adds up']],
  ['top<|>k(5, x)', 'topk', ['topk(k scalar, v instant-vector) → instant-vector']],
  ['sum(x) wi<|>thout (a)', 'without', ['**`without`** — aggregation grouping: drop these labels']],
  ['sum b<|>y (job) (x)', 'by', ['**`by`**']],
  ['a +<|> b', '+', ['**`+`** — arithmetic operator', 'Addition.', 'instant vector: `a + b`']],
  ['1 <|>+ 2', '+', ['Addition.', 'scalar: `1 + 2`']],
  ['a <|>> bool b', '>', ['comparison operator', 'instant vector: `a > bool b`']],
  ['a an<|>d b', 'and', ['set operator', 'Intersection']],
  ['a / ig<|>noring (x) b', 'ignoring', ['vector matching: match ignoring these labels']],
  ['a * on (x) group_le<|>ft b', 'group_left', ['many-to-one matching']],
  ['a ==<|> bool 1', '==', ['Equal.']],
  ['a == bo<|>ol 1', 'bool', ['comparison returns 0 or 1']],
  ['<|>-foo', '-', ['unary minus', 'instant vector: `-foo`']],
  ['foo o<|>ffset 5m', 'offset', ['shift the selector back in time']],
  ['foo <|>@ 100', '@', ['evaluate at a fixed time']],
  ['foo @ sta<|>rt()', 'start', ['start of the query range']],
  ['foo{job=<|>~"a.*"}', '=~', ['label matcher: the label value matches the fully anchored regular expression']],
  ['foo{jo<|>b="a"}', 'job', ['**job** — label']],
  ['sum by (jo<|>b) (x)', 'job', ['**job** — label']],
  // Durations.
  ['rate(foo[5<|>m])', '5m', ['duration `5m` = 300 s', 'range vector: `foo[5m]`']],
  ['rate(foo[1h3<|>0m])', '1h30m', ['duration `1h30m` = 5,400 s']],
  ['foo[3<|>00]', '300', ['duration `300` = 300 s (5m)', 'range vector: `foo[5m]`']],
  ['foo offset 1<|>w', '1w', ['duration `1w` = 604,800 s']],
  ['foo offset <|>-1d', '-', ['unary minus']],
  ['foo offset -1<|>d', '1d', ['duration `1d` = 86,400 s']],
  ['rate(foo[5m])[1h:3<|>0s]', '30s', ['duration `30s` = 30 s']],
  ['foo[1<|>00ms]', '100ms', ['duration `100ms` = 0.1 s']],
  ['foo > 5<|>m', '5m', ['duration `5m` = 300 s']],
  // Numbers and metrics.
  ['0x1<|>F', '0x1F', ['number `0x1F` = 31', 'scalar: `31`']],
  ['1e<|>3 > 1', '1e3', ['number `1e3` = 1000']],
  ['In<|>f', 'Inf', ['the number infinity']],
  ['rate(foo_b<|>ar[5m])', 'foo_bar', ['**foo_bar** — metric', 'range vector: `foo_bar[5m]`']],
  ['foo<|>', 'foo', ['**foo** — metric', 'instant vector: `foo`']],
  ['constr<|>uctor', 'constructor', ['**constructor** — metric']],
  ['"a<|>b"', '"ab"', ['string: `"ab"`']],
];

for (const [marked, spanText, fragments] of CASES) {
  test(`hover ${marked}`, async () => {
    const h = await hover(marked);
    assert.ok(h, 'a hover');
    assert.equal(h.spanText, spanText);
    let from = 0;
    for (const f of fragments) {
      const at = h.markdown.indexOf(f, from);
      assert.ok(at >= 0, `missing ${JSON.stringify(f)} in\n${h.markdown}`);
      from = at + f.length;
    }
  });
}

test('metric hover shows TYPE and HELP from the source', async () => {
  const h = await hover('rate(http_requ<|>ests_total[5m])', SOURCE);
  assert.equal(h?.markdown, '**http_requests_total** (counter)\n\nRequests served.\n\nSource: rule-test series\n\n---\n\nrange vector: `http_requests_total[5m]`');
});

test('a failing source falls back to the bare metric hover', async () => {
  const broken: MetricSource = { metricNames: () => Promise.reject(new Error('down')), labelNames: () => [], labelValues: () => [] };
  assert.match((await hover('fo<|>o', broken))!.markdown, /^\*\*foo\*\* — metric/);
});

test('word hovers work on text that does not parse; the type line needs a parse', async () => {
  const h = await hover('sum(rate(foo[5m]) by (<|>');
  assert.equal(h, undefined);
  const f = await hover('ra<|>te(foo[5m]');
  assert.match(f!.markdown, /Per-second average increase/);
  assert.doesNotMatch(f!.markdown, /instant vector:/);
});

test('no hover in comments, whitespace far from tokens, or empty text', async () => {
  assert.equal(await hover('foo # a co<|>mment'), undefined);
  assert.equal(await hover('<|>'), undefined);
  assert.equal(await hover('foo  <|>  + 1'), undefined);
});

test('long sub-expressions are shortened in the type line', async () => {
  const long = `sum(${Array.from({ length: 20 }, (_, i) => `metric_${i}`).join(' + ')})`;
  const h = await hoverPromQL(long, 1);
  const line = h!.markdown.split('\n').at(-1)!;
  assert.ok(line.length < 120 && line.endsWith('...`'), line);
});
