import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTestFile } from '../../../server/src/core/ruletest/runner';
import type { FileResult } from '../../../server/src/core/ruletest/results';
import { MAX_INPUT_SAMPLES } from '../../../server/src/core/ruletest/testStorage';

/** Runs one test file from memory (no rule files), returning the result and the wall time it took. */
function run(text: string): { result: FileResult; ms: number } {
  const host = { readFile: () => text, glob: () => [] };
  const started = performance.now();
  const result = runTestFile('/t/test.yml', host);
  return { result, ms: performance.now() - started };
}

const messages = (r: FileResult): string[] => [...r.failures, ...r.groups.flatMap((g) => g.failures)].map((f) => f.message);

/** A test group with `series` input series of `samples` samples each at 1m, and one promql_expr_test at `evalTime`. */
function bigGroup(series: number, samples: number, evalTime: string): string {
  const out = ['tests:', '  - interval: 1m', '    input_series:'];
  for (let i = 0; i < series; i++) {
    out.push(`      - series: up{instance="i${i}"}`, `        values: '0+1x${samples - 1}'`);
  }
  out.push('    promql_expr_test:', '      - expr: count(up)', `        eval_time: ${evalTime}`, '        exp_samples:', `          - value: ${series}`);
  return `${out.join('\n')}\n`;
}

test('10k series × 10k samples are refused quickly with a clear message, pointing at the series over the limit', () => {
  const before = process.memoryUsage().rss;
  const { result, ms } = run(bigGroup(10_000, 10_000, '9999m'));
  assert.equal(result.status, 'failed');
  assert.deepEqual(messages(result), [
    `too many samples in input_series: more than ${MAX_INPUT_SAMPLES}; the built-in engine loads at most ${MAX_INPUT_SAMPLES} samples per test group`,
  ]);
  const failure = result.groups[0].failures[0];
  // The limit is crossed by the 1,001st series (1,000 × 10,000 samples fit exactly): its entry is the one marked.
  assert.equal(failure.span?.line, 4 + 2 * 1000);
  assert.ok(ms < 15_000, `took ${ms.toFixed(0)} ms`);
  assert.ok(process.memoryUsage().rss - before < 1.5 * 1024 ** 3, 'stays well under 2 GB');
});

test('a series given twice counts once toward the sample limit', () => {
  const half = MAX_INPUT_SAMPLES / 2 + 1;
  const text = `tests:
  - interval: 1s
    input_series:
      - series: up
        values: '0x${half - 1}'
      - series: up
        values: '1x${half - 1}'
    promql_expr_test:
      - expr: up
        eval_time: 0s
        exp_samples:
          - labels: up
            value: 1
`;
  assert.deepEqual(messages(run(text).result), []);
});

test('more than 1,000,000 evaluation steps are refused before any is run; exactly that many run', () => {
  const steps = (evalTime: string): string => `evaluation_interval: 1s
tests:
  - interval: 1m
    promql_expr_test:
      - expr: vector(1)
        eval_time: ${evalTime}
        exp_samples:
          - value: 1
`;
  const refused = run(steps('1000001s'));
  assert.deepEqual(messages(refused.result), [
    'too many evaluations: eval_time 11d13h46m41s needs 1000002 rule evaluations at evaluation_interval 1s; the built-in engine allows at most 1000000',
  ]);
  assert.ok(refused.ms < 1_000, `took ${refused.ms.toFixed(0)} ms`);
  const allowed = run(steps('1000000s'));
  assert.equal(allowed.result.status, 'passed', messages(allowed.result).join('\n'));
  assert.ok(allowed.ms < 10_000, `took ${allowed.ms.toFixed(0)} ms`);
});
