import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTestFile, type RunOptions } from '../../../server/src/core/ruletest/runner';
import type { FileResult } from '../../../server/src/core/ruletest/results';
import { memoryHost } from './memoryHost';

function run(test: string, rules: Record<string, string> = {}, options: RunOptions = {}): FileResult {
  return runTestFile('/t/test.yml', memoryHost({ '/t/test.yml': test, ...rules }), { now: () => 0, ...options });
}

const messages = (r: FileResult): string[] => [...r.failures, ...r.groups.flatMap((g) => g.failures)].map((f) => f.message);

const DOWN_RULES = {
  '/t/rules.yml': `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 2m
        labels: {severity: page}
        annotations: {summary: '{{ $labels.instance }} down, value {{ $value }}'}
`,
};

test('an alert is pending for `for`, then firing; results carry cases, positions and expected/got', () => {
  const r = run(
    `rule_files: [rules.yml]
tests:
  - name: down
    interval: 1m
    input_series:
      - series: up{instance="a"}
        values: 1 0 0 0 0 0
    alert_rule_test:
      - eval_time: 2m
        alertname: Down
        exp_alerts: []
      - eval_time: 3m
        alertname: Down
        exp_alerts:
          - exp_labels: {severity: page, instance: a}
            exp_annotations: {summary: 'a down, value 0'}
      - eval_time: 2m
        alertname: Down
        exp_alerts:
          - exp_labels: {severity: page, instance: a}
`,
    DOWN_RULES,
  );
  assert.equal(r.status, 'failed');
  const [group] = r.groups;
  assert.deepEqual(group.cases.map((c) => [c.title, c.status, c.span.line]), [
    ['alertname: Down, time: 2m', 'passed', 9],
    ['alertname: Down, time: 3m', 'passed', 12],
    ['alertname: Down, time: 2m', 'failed', 17],
  ]);
  const failure = group.cases[2].failure!;
  assert.deepEqual(failure.expected, [{ labels: '{alertname="Down", instance="a", severity="page"}', annotations: '{}' }]);
  assert.deepEqual(failure.got, []);
  assert.equal(
    failure.message,
    '    name: down,\n    alertname: Down, time: 2m, \n        exp:[\n            0:\n              Labels:{alertname="Down", instance="a", severity="page"}\n              Annotations:{}\n            ], \n        got:[]',
  );
});

test('keep_firing_for holds a firing alert after its condition clears, then it resolves', () => {
  const rules = { '/t/rules.yml': 'groups:\n  - name: g\n    rules:\n      - alert: E\n        expr: errors > 0\n        keep_firing_for: 2m\n' };
  const at = (t: string, firing: boolean): string =>
    `      - eval_time: ${t}\n        alertname: E\n        exp_alerts: ${firing ? '[{exp_labels: {}}]' : '[]'}\n`;
  const file = (cases: string): string =>
    `rule_files: [rules.yml]\ntests:\n  - interval: 1m\n    input_series:\n      - series: errors\n        values: 0 1 0 0 0 0\n    alert_rule_test:\n${cases}`;
  assert.equal(run(file(at('1m', true) + at('2m', true) + at('3m', true) + at('4m', false)), rules).status, 'passed');
  assert.equal(run(file(at('4m', true)), rules).status, 'failed');
});

test('recording rules feed later rules; a recorded series that vanishes is marked stale', () => {
  const rules = {
    '/t/rules.yml': `groups:
  - name: g
    rules:
      - record: job:x:sum
        expr: sum by (job) (x)
      - record: job:x:double
        expr: job:x:sum * 2
`,
  };
  const r = run(
    `rule_files: [rules.yml]
tests:
  - interval: 1m
    input_series:
      - series: x{job="a", i="1"}
        values: 1 2 stale
    promql_expr_test:
      - expr: job:x:double
        eval_time: 1m
        exp_samples: [{labels: 'job:x:double{job="a"}', value: 4}]
      - expr: job:x:double
        eval_time: 2m
        exp_samples: []
`,
    rules,
  );
  assert.deepEqual(messages(r), []);
});

test('input samples are loaded only up to the last evaluation, as promtool loads them', () => {
  // eval_time 90s with a 1m evaluation interval: the last evaluation is at 60s, so the sample at 90s is not loaded.
  const r = run(`tests:
  - interval: 30s
    input_series:
      - series: x
        values: 1 2 3 4
    promql_expr_test:
      - expr: x
        eval_time: 90s
        exp_samples: [{labels: x, value: 4}]
`);
  assert.deepEqual(messages(r), ['    expr: "x", time: 1m30s,\n        exp: {__name__="x"} 4E+00\n        got: {__name__="x"} 3E+00']);
  assert.deepEqual(r.groups[0].cases[0].failure?.got, [{ labels: '{__name__="x"}', value: '3E+00' }]);
});

test('a rule that fails to evaluate stops its test group; later cases are not run', () => {
  const rules = { '/t/rules.yml': 'groups:\n  - name: g\n    limit: 1\n    rules:\n      - alert: Many\n        expr: up == 0\n' };
  const r = run(
    `rule_files: [rules.yml]
tests:
  - interval: 1m
    input_series:
      - {series: 'up{i="1"}', values: 0 0}
      - {series: 'up{i="2"}', values: 1 0}
    alert_rule_test:
      - {eval_time: 0m, alertname: Many, exp_alerts: [{exp_labels: {i: "1"}}]}
      - {eval_time: 1m, alertname: Many, exp_alerts: []}
`,
    rules,
  );
  assert.deepEqual(messages(r), ['    rule: Many, time: 1m0s, err: exceeded limit of 1 with 2 alerts']);
  assert.deepEqual(r.groups[0].cases.map((c) => c.status), ['passed', 'notRun']);
});

test('version differences: interval default (2.49), fuzzy_compare (3.5), start_timestamp (3.9)', () => {
  const noInterval = 'tests:\n  - input_series: [{series: x, values: 1 2 3}]\n    promql_expr_test: [{expr: x, eval_time: 2m, exp_samples: [{labels: x, value: 3}]}]\n';
  assert.equal(run(noInterval).status, 'failed', '2.42 loads every sample at time 0');
  assert.equal(run(noInterval, {}, { version: '2.49' }).status, 'passed');
  // 0.1 + 0.2 is one step above 0.3.
  const fuzzy = (on: boolean): string =>
    `fuzzy_compare: ${on}\ntests:\n  - interval: 1m\n    input_series: [{series: x, values: 0.1}]\n    promql_expr_test: [{expr: x + 0.2, eval_time: 0m, exp_samples: [{labels: '{}', value: 0.3}]}]\n`;
  assert.match(messages(run(fuzzy(true)))[0], /field fuzzy_compare not found in type main.unitTestFile/);
  assert.equal(run(fuzzy(true), {}, { version: '3.5' }).status, 'passed');
  assert.equal(run(fuzzy(false), {}, { version: '3.5' }).status, 'failed');
  const start = 'tests:\n  - interval: 1m\n    start_timestamp: 1700000000\n    input_series: [{series: x, values: 1 2}]\n    promql_expr_test: [{expr: timestamp(x), eval_time: 1m, exp_samples: [{labels: "{}", value: 1700000060}]}]\n';
  assert.equal(run(start, {}, { version: '3.9' }).status, 'passed');
});

test('bad input: positioned YAML errors, bad durations, missing alertname, unreadable files', () => {
  const yamlErr = run('tests:\n  - interval: 1m\n    input_serie: []\n    promql_expr_test: {}\n');
  assert.deepEqual(messages(yamlErr), [
    'yaml: unmarshal errors:\n  line 3: field input_serie not found in type main.testGroup\n  line 4: cannot unmarshal !!map into []main.promqlTestCase',
  ]);
  assert.deepEqual([yamlErr.failures[0].span?.line, yamlErr.failures[0].span?.column], [3, 5]);
  assert.deepEqual(messages(run('evaluation_interval: 1 minute\n')), ['not a valid duration string: "1 minute"']);
  assert.deepEqual(messages(run('tests:\n  - name: t\n    alert_rule_test: [{eval_time: 5m}]\n')), [
    'an item under alert_rule_test misses required attribute alertname at eval_time 5m (in TestGroup t)',
  ]);
  const missing = runTestFile('/t/none.yml', memoryHost({}));
  assert.deepEqual(messages(missing), ['open /t/none.yml: no such file or directory']);
  const badRules = run('rule_files: [rules.yml]\ntests: [{interval: 1m}]\n', { '/t/rules.yml': 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: sum(\n' });
  assert.match(messages(badRules)[0], /^\/t\/rules.yml: 5:15: group "g", rule 1, "r": could not parse expression: 1:\d+: parse error: /);
  const unmatched = run('rule_files: [nothing-*.yml]\ntests: []\n');
  assert.deepEqual([unmatched.status, unmatched.warnings], ['passed', ['no file match pattern /t/nothing-*.yml']]);
});

test('limits and control: too many evaluations are refused, --run filters groups, a checkpoint cancels', () => {
  const long = 'evaluation_interval: 1s\ntests:\n  - interval: 1m\n    promql_expr_test: [{expr: vector(1), eval_time: 10000h, exp_samples: [{value: 1}]}]\n';
  assert.match(messages(run(long))[0], /^too many evaluations: eval_time 416d16h needs 36000001 rule evaluations/);
  const two = 'tests:\n  - {name: alpha, interval: 1m}\n  - {name: beta, interval: 1m}\n';
  assert.deepEqual(run(two, {}, { run: /^b/ }).groups.map((g) => g.name), ['beta']);
  let calls = 0;
  const cancel = (): void => {
    if (++calls > 3) {
      throw new Error('cancelled');
    }
  };
  assert.throws(() => run('tests:\n  - interval: 1m\n    promql_expr_test: [{expr: vector(1), eval_time: 1h}]\n', {}, { checkpoint: cancel }), /cancelled/);
});
