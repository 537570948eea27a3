// Differential test: our PromQL checker against the real `promtool check rules` (Debian's promtool 2.42, the oracle).
//
// Every expression of the corpus (test/fixtures/promql/corpus-*.txt, valid and invalid, every function, operator and
// aggregation, every error class) becomes a recording rule of ONE rule file: promtool validates every rule of a file
// and names the failing ones ("group …, rule N, "rNNN": could not parse expression: …"), so a single run gives a
// verdict per expression in well under a second.
//   1. promtool must still agree with the verdicts recorded in the corpus (so a changed promtool is noticed);
//   2. our checker, with target version 2.42, must reach promtool's verdict on every expression, except the
//      differences listed below, each with the message we must give instead.
//
// Nothing is skipped: a missing promtool makes the test fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPromQL } from '../../server/src/core/promql/check';
import { AGGREGATIONS, BINARY_OPERATORS, FUNCTIONS } from '../../server/src/core/promql/functions';
import { loadCorpus, type CorpusCase } from '../fixtures/promql/corpus';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const TARGET = '2.42';

/**
 * Version differences: syntax and functions newer than promtool 2.42. promtool rejects them (as an unknown function,
 * an unexpected token, a bad duration …); with target 2.42 we reject them too, and must say what they need.
 */
const VERSION_DIFFERENCES: Record<string, string> = {
  'histogram_avg(rate(http_request_duration_seconds[5m]))': 'function "histogram_avg" needs Prometheus ≥ 2.51',
  'histogram_stddev(rate(http_request_duration_seconds[5m]))': 'function "histogram_stddev" needs Prometheus ≥ 2.47',
  'histogram_stdvar(rate(http_request_duration_seconds[5m]))': 'function "histogram_stdvar" needs Prometheus ≥ 2.47',
  'mad_over_time(latency[1h])': 'function "mad_over_time" needs Prometheus ≥ 2.49',
  'sort_by_label(up, "job")': 'function "sort_by_label" needs Prometheus ≥ 2.49',
  'sort_by_label_desc(up, "job", "instance")': 'function "sort_by_label_desc" needs Prometheus ≥ 2.49',
  'info(rate(http_requests_total[5m]))': 'function "info" needs Prometheus ≥ 2.55',
  'info(up, {k8s_cluster_name=~".+"})': 'function "info" needs Prometheus ≥ 2.55',
  'double_exponential_smoothing(temperature[1h], 0.3, 0.1)': 'function "double_exponential_smoothing" needs Prometheus ≥ 3.0',
  'ts_of_max_over_time(x[1h])': 'function "ts_of_max_over_time" needs Prometheus ≥ 3.5',
  'ts_of_min_over_time(x[1h])': 'function "ts_of_min_over_time" needs Prometheus ≥ 3.5',
  'ts_of_last_over_time(x[1h])': 'function "ts_of_last_over_time" needs Prometheus ≥ 3.5',
  'ts_of_first_over_time(x[1h])': 'function "ts_of_first_over_time" needs Prometheus ≥ 3.7',
  'first_over_time(x[1h])': 'function "first_over_time" needs Prometheus ≥ 3.7',
  'histogram_quantiles(sum by (le) (rate(latency_bucket[5m])), "quantile", 0.5, 0.99)': 'function "histogram_quantiles" needs Prometheus ≥ 3.11',
  'start_timestamp(http_requests_total)': 'function "start_timestamp" needs Prometheus ≥ 3.14',
  'min_of(1, 2)': 'function "min_of" needs Prometheus ≥ 3.13',
  'max_of(1, 2)': 'function "max_of" needs Prometheus ≥ 3.13',
  'step()': 'function "step" needs Prometheus ≥ 3.12',
  'start()': 'function "start" needs Prometheus ≥ 3.12',
  'end()': 'function "end" needs Prometheus ≥ 3.12',
  'range()': 'function "range" needs Prometheus ≥ 3.12',
  'limitk(10, up)': 'aggregation "limitk" needs Prometheus ≥ 2.54',
  'limit_ratio(0.1, up)': 'aggregation "limit_ratio" needs Prometheus ≥ 2.54',
  'limitk(5, x)': 'aggregation "limitk" needs Prometheus ≥ 2.54',
  'limit_ratio(0.5, x)': 'aggregation "limit_ratio" needs Prometheus ≥ 2.54',
  '1_000': 'a number with _ separators needs Prometheus ≥ 2.54',
  '1_000.5': 'a number with _ separators needs Prometheus ≥ 2.54',
  '0x_1F': 'a number with _ separators needs Prometheus ≥ 2.54',
  '1_000_000': 'a number with _ separators needs Prometheus ≥ 2.54',
  'x > 1_000': 'a number with _ separators needs Prometheus ≥ 2.54',
  '1e1_0': 'a number with _ separators needs Prometheus ≥ 2.54',
  '5m': 'a duration used as a number needs Prometheus ≥ 2.54',
  '1h30m': 'a duration used as a number needs Prometheus ≥ 2.54',
  '5m + 1': 'a duration used as a number needs Prometheus ≥ 2.54',
  'x * 5m': 'a duration used as a number needs Prometheus ≥ 2.54',
  'x offset 5m + 1m': 'a duration used as a number needs Prometheus ≥ 2.54',
  'x @ 5m': 'a duration as @ timestamp needs Prometheus ≥ 2.54',
  'x[5]': 'a duration without a unit needs Prometheus ≥ 2.54',
  'x[5m:1]': 'a duration without a unit needs Prometheus ≥ 2.54',
  'x[300]': 'a duration without a unit needs Prometheus ≥ 2.54',
  'x[5m:30]': 'a duration without a unit needs Prometheus ≥ 2.54',
  'rate(x[60])': 'a duration without a unit needs Prometheus ≥ 2.54',
  'x offset 5': 'a duration without a unit needs Prometheus ≥ 2.54',
  'x offset 300': 'a duration without a unit needs Prometheus ≥ 2.54',
  'x offset +5m': 'this sign on an offset needs Prometheus ≥ 3.4',
  'x[5m+1m]': 'a duration expression needs Prometheus ≥ 3.4',
  'x[5m*2]': 'a duration expression needs Prometheus ≥ 3.4',
  'x[(5m)]': 'a duration expression needs Prometheus ≥ 3.4',
  'x[1h - 5m:1m]': 'a duration expression needs Prometheus ≥ 3.4',
  'x offset (1h)': 'a duration expression needs Prometheus ≥ 3.4',
  'x[step()]': 'this duration function needs Prometheus ≥ 3.6',
  'x[5m:step()]': 'this duration function needs Prometheus ≥ 3.6',
  'x[range()]': 'this duration function needs Prometheus ≥ 3.12',
  'x[min_of(5m, step())]': 'this duration function needs Prometheus ≥ 3.13',
  '{"up"}': 'a quoted metric name needs Prometheus ≥ 3.0',
  '{"my.metric"}': 'a quoted metric name needs Prometheus ≥ 3.0',
  '{"my.metric", job="a"}': 'a quoted metric name needs Prometheus ≥ 3.0',
  '{"my.metric", job="api"}': 'a quoted metric name needs Prometheus ≥ 3.0',
  '{"my.label"="x", __name__="up"}': 'a quoted label name needs Prometheus ≥ 3.0',
  '{"service.name"="api"}': 'a quoted label name needs Prometheus ≥ 3.0',
  'up{"my.label"="x"}': 'a quoted label name needs Prometheus ≥ 3.0',
  'up{"k8s.namespace"="default"}': 'a quoted label name needs Prometheus ≥ 3.0',
  'sum by ("job") (x)': 'a quoted label name needs Prometheus ≥ 3.0',
  'sum by ("k8s.namespace") (up)': 'a quoted label name needs Prometheus ≥ 3.0',
  'sum without ("my.label") (up)': 'a quoted label name needs Prometheus ≥ 3.0',
  'a / on("my.label") b': 'a quoted label name needs Prometheus ≥ 3.0',
  'a * on(job) group_left("my.label") b': 'a quoted label name needs Prometheus ≥ 3.0',
  'x[5m] anchored': 'the anchored modifier needs Prometheus ≥ 3.7',
  'rate(x[5m] smoothed)': 'the smoothed modifier needs Prometheus ≥ 3.7',
  'a + fill(0) b': 'a fill modifier needs Prometheus ≥ 3.10',
  'a + fill_left(0) fill_right(1) b': 'a fill modifier needs Prometheus ≥ 3.10',
  'a </ 5': 'the </ operator needs Prometheus ≥ 3.11',
  'a >/ 5': 'the >/ operator needs Prometheus ≥ 3.11',
};

/**
 * Failures every evaluation of the rule would raise (promql/functions.go, promql/engine.go). promtool only
 * parses, so it accepts these, and so do we (same verdict), with a warning in the engine's wording.
 */
const EVALUATION_DIFFERENCES: Record<string, string> = {
  'label_replace(up, "host", "$1", "instance", "(.*")': 'invalid regular expression in label_replace(): (.*',
  'label_replace(up, "bad-name", "$1", "instance", "(.*)")': 'invalid destination label name in label_replace(): bad-name',
  'label_join(up, "bad-name", ",", "a")': 'invalid destination label name in label_join(): bad-name',
  'label_join(up, "dst", ",", "a b")': 'invalid source label name in label_join(): a b',
  'holt_winters(x[1h], 0, 0.5)': 'invalid smoothing factor. Expected: 0 < sf < 1, got: 0.000000',
  'holt_winters(x[1h], 0.5, 1.5)': 'invalid trend factor. Expected: 0 < tf < 1, got: 1.500000',
  'count_values("bad label", x)': 'invalid label name "bad label"',
};

interface Oracle {
  /** Rule index → promtool's message, for the rules promtool rejects. */
  rejected: Map<number, string>;
  output: string;
}

function runPromtool(cases: CorpusCase[]): Promise<Oracle> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-promql-'));
  const file = join(dir, 'corpus.rules.yml');
  const rules = cases.flatMap((c, i) => [`  - record: r${i}`, `    expr: ${JSON.stringify(c.expr)}`]);
  writeFileSync(file, ['groups:', '- name: corpus', '  rules:', ...rules, ''].join('\n'));
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, ['check', 'rules', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', () => {
      rmSync(dir, { recursive: true, force: true });
      const rejected = new Map<number, string>();
      for (const m of output.matchAll(/group "corpus", rule \d+, "r(\d+)": (.*)/g)) {
        rejected.set(Number(m[1]), m[2]);
      }
      resolve({ rejected, output });
    });
  });
}

const cases = loadCorpus();
const oracle = runPromtool(cases);

function ours(expr: string): { valid: boolean; messages: string[] } {
  const problems = checkPromQL(expr, { prometheusVersion: TARGET }).problems;
  return { valid: !problems.some((p) => p.severity === 'error'), messages: problems.map((p) => p.message) };
}

test('the corpus is large, has no duplicates, and uses every function, aggregation and operator', () => {
  assert.ok(cases.length >= 400, `only ${cases.length} expressions`);
  const seen = new Set<string>();
  const dups = cases.filter((c) => seen.size === seen.add(c.expr).size).map((c) => c.expr);
  assert.deepEqual(dups, []);
  const all = cases.map((c) => c.expr).join('\n');
  const missing = [
    ...FUNCTIONS.filter((f) => !all.includes(`${f.name}(`)).map((f) => f.name),
    ...AGGREGATIONS.filter((a) => !new RegExp(`\\b${a.name}\\b`).test(all)).map((a) => a.name),
    ...BINARY_OPERATORS.filter((o) => !all.includes(` ${o.name} `)).map((o) => o.name),
  ];
  assert.deepEqual(missing, []);
});

test('promtool still gives the verdicts recorded in the corpus', async (t) => {
  const { rejected, output } = await oracle;
  assert.ok(output.includes('Checking'), `promtool did not run: ${output}`);
  const changed = cases.filter((c, i) => c.valid === rejected.has(i)).map((c) => `${c.file}:${c.line} ${c.expr} → promtool: ${rejected.get(cases.indexOf(c)) ?? 'valid'}`);
  assert.deepEqual(changed, []);
  t.diagnostic(`${cases.length} expressions, promtool rejects ${rejected.size}`);
});

test(`our verdicts (target ${TARGET}) agree with promtool's, except the listed differences`, async (t) => {
  const { rejected } = await oracle;
  const disagreements: string[] = [];
  let agreed = 0;
  cases.forEach((c, i) => {
    const promtoolValid = !rejected.has(i);
    const us = ours(c.expr);
    agreed += us.valid === promtoolValid ? 1 : 0;
    if (us.valid !== promtoolValid) {
      disagreements.push(`${c.file}:${c.line} ${c.expr}\n    promtool: ${rejected.get(i) ?? 'valid'}\n    o11y:     ${us.messages.join(' | ') || 'valid'}`);
    }
  });
  t.diagnostic(`same verdict as promtool: ${agreed}/${cases.length}`);
  assert.equal(disagreements.join('\n'), '');
});

test('version differences: promtool 2.42 rejects them, and we say which Prometheus version they need', async () => {
  const { rejected } = await oracle;
  const wrong: string[] = [];
  for (const [expr, message] of Object.entries(VERSION_DIFFERENCES)) {
    const i = cases.findIndex((c) => c.expr === expr);
    const us = ours(expr);
    if (i < 0 || !rejected.has(i) || !us.messages.some((m) => m.startsWith(message))) {
      wrong.push(`${expr}: in corpus ${i >= 0}, promtool rejects ${rejected.has(i)}, o11y says ${us.messages.join(' | ')}`);
    }
  }
  assert.deepEqual(wrong, []);
  // Every "needs Prometheus ≥" in the corpus is listed above.
  const unlisted = cases.filter((c) => !VERSION_DIFFERENCES[c.expr] && ours(c.expr).messages.some((m) => m.includes('needs Prometheus ≥'))).map((c) => c.expr);
  assert.deepEqual(unlisted, []);
});

test('evaluation-time failures: promtool accepts them, and we warn with the error the engine would raise', async () => {
  const { rejected } = await oracle;
  for (const [expr, message] of Object.entries(EVALUATION_DIFFERENCES)) {
    const i = cases.findIndex((c) => c.expr === expr);
    assert.ok(i >= 0 && !rejected.has(i), `${expr} should be in the corpus and accepted by promtool`);
    assert.ok(ours(expr).valid, expr);
    assert.ok(ours(expr).messages.some((m) => m.startsWith(`fails at evaluation: ${message}`)), `${expr}: ${ours(expr).messages.join(' | ')}`);
  }
});
