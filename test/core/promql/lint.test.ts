// lintPromQL as a whole: what fires on the PromQL corpus and on the example rules (every finding listed, so a new
// false positive fails here), ordering, options, and bounded work on large input. The rules one by one are tested in
// lint.counters.test.ts, lint.selectors.test.ts, lint.operators.test.ts and lint.matching.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { DEFAULT_SCRAPE_INTERVAL, lintPromQL, type LintOptions } from '../../../server/src/core/promql/lint';
import { parsePromQL } from '../../../server/src/core/promql/parse';
import type { PromQLProblem } from '../../../server/src/core/promql/types';
import { loadCorpus } from '../../fixtures/promql/corpus';

function lint(expr: string, options: LintOptions = { context: 'query' }): PromQLProblem[] {
  const parsed = parsePromQL(expr);
  assert.ok(parsed.expr, `does not parse: ${expr.slice(0, 200)}`);
  return lintPromQL(parsed.expr, expr, options);
}

test('corpus: every finding on the valid expressions is expected', () => {
  const found: string[] = [];
  for (const c of loadCorpus().filter((x) => x.valid)) {
    for (const p of lint(c.expr)) {
      found.push(`${c.file}:${c.line} ${p.code} ${c.expr.slice(p.from, p.to)}`);
    }
  }
  assert.deepEqual(found, [
    // histogram_quantile's result has no `le`, so matching on it cannot work.
    'corpus-edge.txt:14 promql/impossible-labels le',
    'corpus-edge.txt:19 promql/compare-nan NaN ==',
    // At the default 1m scrape interval.
    'corpus-edge.txt:21 promql/range-too-short 1m1s',
    'corpus-edge.txt:38 promql/range-too-short 1m',
    'corpus-operators.txt:135 promql/compare-nan != NaN',
    'corpus-selectors.txt:13 promql/needless-regex job=~""',
    'corpus-selectors.txt:17 promql/needless-regex __name__=~"up"',
    'corpus-selectors.txt:20 promql/needless-regex job=~".*"',
  ]);
});

test('corpus: invalid expressions that still parse never make a lint throw', () => {
  for (const c of loadCorpus().filter((x) => !x.valid)) {
    const parsed = parsePromQL(c.expr);
    if (parsed.expr) {
      for (const context of ['alert', 'record', 'query', 'test'] as const) {
        lintPromQL(parsed.expr, c.expr, { context, scrapeInterval: 15, metricType: () => 'gauge' });
      }
    }
  }
});

test('examples/prometheus/rules: no findings', () => {
  const dir = fileURLToPath(new URL('../../../examples/prometheus/rules/', import.meta.url));
  let rules = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
    const doc = parse(readFileSync(dir + file, 'utf8')) as { groups: { rules: { alert?: string; expr: string }[] }[] };
    for (const rule of doc.groups.flatMap((g) => g.rules)) {
      rules++;
      assert.deepEqual(lint(rule.expr, { context: rule.alert ? 'alert' : 'record' }), [], `${file}: ${rule.expr}`);
    }
  }
  assert.ok(rules > 0);
});

test('problems come sorted by position, with codes and a fix where one is obvious', () => {
  const expr = 'sum by (job) (rate(x_bucket[30s])) / sum(rate(node_load1[5m])) unless up == NaN';
  assert.deepEqual(
    lint(expr).map((p) => [p.code, p.severity, expr.slice(p.from, p.to), p.fix?.replacement]),
    [
      ['promql/range-too-short', 'warning', '30s', '4m'],
      ['promql/vector-matching-never-matches', 'warning', '/', ' on () group_left'],
      ['promql/rate-on-non-counter', 'info', 'node_load1', undefined],
      ['promql/compare-nan', 'warning', '== NaN', 'up != up'],
    ],
  );
});

test('the scrape interval defaults to 1m, also for nonsense values', () => {
  assert.equal(DEFAULT_SCRAPE_INTERVAL, 60);
  for (const scrapeInterval of [undefined, 0, -15, Number.NaN]) {
    assert.deepEqual(
      lint('rate(x_total[1m])', { context: 'query', scrapeInterval }).map((p) => p.code),
      ['promql/range-too-short'],
    );
  }
  assert.deepEqual(lint('rate(x_total[1m])', { context: 'query', scrapeInterval: 30 }), []);
});

test('work stays linear: long operator chains and deep aggregation nesting', () => {
  // Longer chains exceed what lezer-promql builds a tree for (parse.ts lezerGaveUp).
  const chain = Array.from({ length: 200 }, (_, i) => `sum by (job) (rate(m${i}_total[5m]))`).join(' / ');
  const nested = `${'sum by (job) ('.repeat(300)}x${')'.repeat(300)}`;
  for (const expr of [chain, nested]) {
    const start = performance.now();
    assert.deepEqual(lint(expr), []);
    assert.ok(performance.now() - start < 1000, `took ${performance.now() - start} ms`);
  }
});
