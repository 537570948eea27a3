// PromQL conformance: our test scripts in Prometheus's promqltest format (test/conformance/scripts/*.test) run
// against the built-in engine. Prints the pass rate and each failing command; fails when the rate drops below the
// recorded baseline (baseline.json) — raise the baseline when the engine gets better.
//
// Run: node --import tsx --test test/conformance/conformance.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScript, type EvalOutcome } from './promqlScript';

const here = fileURLToPath(new URL('.', import.meta.url));
const scriptsDir = join(here, 'scripts');
const baseline = JSON.parse(readFileSync(join(here, 'baseline.json'), 'utf8')) as { passRate: number; minScripts: number };

test('the PromQL test scripts pass at least at the recorded rate', (t) => {
  const scripts = readdirSync(scriptsDir).filter((f) => f.endsWith('.test')).sort();
  assert.ok(scripts.length >= baseline.minScripts, `only ${scripts.length} scripts`);
  const results: (EvalOutcome & { script: string })[] = scripts.flatMap((s) => runScript(readFileSync(join(scriptsDir, s), 'utf8')).map((o) => ({ ...o, script: s })));
  const passed = results.filter((r) => r.passed).length;
  const rate = passed / results.length;
  t.diagnostic(`PromQL conformance: ${passed}/${results.length} commands passed (${(rate * 100).toFixed(1)}%) in ${scripts.length} scripts`);
  for (const r of results.filter((x) => !x.passed)) {
    t.diagnostic(`  ${r.script}:${r.line} ${r.command}: ${r.message}`);
  }
  assert.ok(rate >= baseline.passRate, `the pass rate ${(rate * 100).toFixed(1)}% is below the baseline ${(baseline.passRate * 100).toFixed(1)}%`);
});

test('the runner fails what is wrong: a wrong value, a missing sample, an unexpected success, a bad command', () => {
  const outcomes = runScript(`load 1m
  m{a="1"} 1 2

eval instant at 1m m
  m{a="1"} 3

eval instant at 1m m

eval_fail instant at 1m m

eval range from 0 to 1m step 1m m
  m{a="1"} 1 5

frobnicate

eval instant at 1m m
  m{a="1"} 2.0000000001
`);
  assert.deepEqual(
    outcomes.map((o) => [o.line, o.passed, o.message]),
    [
      [4, false, '{__name__="m", a="1"}: expected 3, got 2'],
      [7, false, 'expected 0 samples, got 1: {__name__="m", a="1"} 2'],
      [9, false, 'expected an error, the evaluation succeeded'],
      [11, false, '{__name__="m", a="1"}: expected 0s=1 60s=5, got 0s=1 60s=2'],
      [14, false, 'unknown command'],
      [16, true, undefined],
    ],
  );
});
