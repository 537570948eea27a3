// The example unit tests (examples/prometheus/tests/) are part of what a team copies: every alert of the example
// rule files must be fired by some test case, every recording rule must be checked by some promql_expr_test, and
// all the files must pass under both engines, the real `promtool test rules` (Debian 2.42) and our runner.
//
// Run: node --import tsx --test test/integration/examplesRuleTests.test.ts (needs promtool on PATH or $PROMTOOL).
// Nothing is skipped: a missing promtool makes the tests fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runTestFile } from '../../server/src/core/ruletest/runner';
import { nodeRuleTestHost } from '../../server/src/node/ruleTestHost';
import { PROMTOOL } from '../helpers/promtoolRules';
import { run } from '../helpers/run';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const rulesDir = join(repoRoot, 'examples', 'prometheus', 'rules');
const testsDir = join(repoRoot, 'examples', 'prometheus', 'tests');

const ymlIn = (dir: string): string[] => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
const ruleFiles = ymlIn(rulesDir);
const testFiles = ymlIn(testsDir);

interface RuleGroup {
  name: string;
  rules: { alert?: string; record?: string }[];
}
interface TestFile {
  rule_files?: string[];
  group_eval_order?: string[];
  tests?: {
    alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[];
    promql_expr_test?: { expr: string }[];
  }[];
}

const groupsOf = (file: string): RuleGroup[] => (parse(readFileSync(file, 'utf8')) as { groups: RuleGroup[] }).groups;
const testOf = (file: string): TestFile => parse(readFileSync(file, 'utf8')) as TestFile;
const rulesUnder = (file: string): string[] => (testOf(file).rule_files ?? []).map((r) => resolve(testsDir, r));

test('every example rule file has its own test file, named after it', () => {
  const missing = ruleFiles
    .map((rules) => ({ rules, tests: join(testsDir, basename(rules).replace(/\.ya?ml$/, '-test.yml')) }))
    .filter(({ rules, tests }) => !testFiles.includes(tests) || !rulesUnder(tests).includes(rules))
    .map(({ rules }) => relative(repoRoot, rules));
  assert.deepEqual(missing, []);
});

test('every example alert is fired by some alert_rule_test case', () => {
  const fired = new Set<string>();
  for (const file of testFiles) {
    for (const group of testOf(file).tests ?? []) {
      for (const c of group.alert_rule_test ?? []) {
        if ((c.exp_alerts ?? []).length > 0) fired.add(c.alertname);
      }
    }
  }
  const alerts = ruleFiles.flatMap((f) => groupsOf(f).flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : []))));
  assert.ok(alerts.length >= 30, `expected at least 30 example alerts, found ${alerts.length}`);
  assert.deepEqual(alerts.filter((a) => !fired.has(a)), []);
});

test('every example recording rule is queried by some promql_expr_test case', () => {
  const exprs = testFiles.flatMap((f) => (testOf(f).tests ?? []).flatMap((g) => (g.promql_expr_test ?? []).map((c) => c.expr)));
  const records = ruleFiles.flatMap((f) => groupsOf(f).flatMap((g) => g.rules.flatMap((r) => (r.record ? [r.record] : []))));
  assert.deepEqual(records.filter((r) => !exprs.some((e) => e.includes(r))), []);
});

// promtool 2.42 evaluates rule groups left out of group_eval_order in random order, so an alert reading a recording
// rule of another group would fire a minute early or late from one run to the next.
test('example test files order every group of their rule files', () => {
  const unordered: string[] = [];
  for (const file of testFiles) {
    const names = rulesUnder(file).flatMap((r) => groupsOf(r).map((g) => g.name));
    const order = testOf(file).group_eval_order ?? [];
    if (names.length > 1 && names.some((n) => !order.includes(n))) unordered.push(relative(repoRoot, file));
  }
  assert.deepEqual(unordered, []);
});

test('promtool test rules passes every example test file', async () => {
  const files = testFiles.map((f) => relative(repoRoot, f));
  const r = await run(PROMTOOL, ['test', 'rules', ...files], repoRoot);
  assert.equal(r.spawnError, undefined, `cannot run ${PROMTOOL}: ${r.spawnError?.message}`);
  assert.equal(r.code, 0, `promtool test rules failed:\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.stdout.match(/^ {2}SUCCESS$/gm)?.length, files.length, r.stdout);
});

test('o11y test passes every example test file', () => {
  const failed = testFiles
    .map((f) => runTestFile(f, nodeRuleTestHost()))
    .filter((result) => result.status !== 'passed' || result.groups.length === 0)
    .map((result) => `${relative(repoRoot, result.file)}: ${JSON.stringify(result.failures.concat(result.groups.flatMap((g) => g.failures)))}`);
  assert.deepEqual(failed, []);
});
