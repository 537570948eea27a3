import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runTestFile } from '../../../server/src/core/ruletest/runner';
import { selectTests } from '../../../server/src/core/ruletest/testTree';
import { pathToUri } from '../../../server/src/core/uri';
import { nodeRuleTestHost } from '../../../server/src/node/ruleTestHost';
import { withOpenDocuments } from '../../../server/src/core/ruletest/openDocuments';
import type { TestSelection } from '../../../server/src/core/ruletest/testTree';
import { problemsOf, workspace } from '../../helpers/service';

// Failures of a rule-test run as problems of the test file: on the failing exp_* entry with the got values, on
// alertname / expr when something unexpected came or nothing was expected, replaced by the next run of that case,
// dropped when the case is edited, moved when lines above it change.
const RULES = `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 1m
        labels: {severity: page}
        annotations: {summary: '{{ $labels.i }} is down'}
      - record: job:up:sum
        expr: sum(up)
`;
const TESTS = `rule_files: [rules.yml]
tests:
  - name: alerts
    interval: 1m
    input_series:
      - series: up{i="a"}
        values: 0 0 0 0
      - series: up{i="b"}
        values: 0 0 0 0
    alert_rule_test:
      - eval_time: 2m
        alertname: Down
        exp_alerts:
          - exp_labels: {i: a, severity: warn}
            exp_annotations: {summary: a is down}
          - exp_labels: {i: b, severity: page}
            exp_annotations: {summary: b is down}
      - eval_time: 2m
        alertname: Down
      - eval_time: 2m
        alertname: Down
        exp_alerts:
          - exp_labels: {i: c, severity: page}
    promql_expr_test:
      - expr: job:up:sum
        eval_time: 2m
        exp_samples:
          - labels: job:up:sum
            value: 1
      - expr: sum(rate(up[5m])
        eval_time: 1m
  - name: fine
    input_series: [{series: 'up{i="z"}', values: '1'}]
    promql_expr_test: [{expr: up, eval_time: 0m, exp_samples: [{labels: 'up{i="z"}', value: 1}]}]
`;

const GOT = '{alertname="Down", i="a", severity="page"} annotations {summary="a is down"}; {alertname="Down", i="b", severity="page"} annotations {summary="b is down"}';
const ALL = [
  '14:13-47 error ruletests/test-failed alert_rule_test failed at 2m: {alertname="Down", i="a", severity="warn"} differs: label severity: expected "warn", got "page"',
  `19:9-24 error ruletests/test-failed alert_rule_test failed at 2m: expected nothing, got ${GOT}`,
  '21:9-24 error ruletests/test-failed alert_rule_test failed at 2m: also got {alertname="Down", i="b", severity="page"} annotations {summary="b is down"}, which exp_alerts does not list',
  '23:13-47 error ruletests/test-failed alert_rule_test failed at 2m: {alertname="Down", i="c", severity="page"} differs: label i: expected "c", got "a"; annotation summary: expected (none), got "a is down"',
  '28:13-31 error ruletests/test-failed promql_expr_test failed at 2m: {__name__="job:up:sum"} differs: value: expected 1E+00, got 0E+00',
  '30:9-31 error ruletests/test-failed promql_expr_test failed at 1m: expr: "sum(rate(up[5m])", time: 1m, err: 1:4: parse error: unclosed left parenthesis',
];

function setup(): { service: ReturnType<typeof workspace>['service']; file: string; run: (text: string, selection?: TestSelection) => void } {
  const { root, service } = workspace({ 'rules.yml': RULES, 'test.yml': TESTS });
  const file = join(root, 'test.yml');
  const run = (text: string, selection: TestSelection = {}): void => {
    const host = withOpenDocuments(nodeRuleTestHost(), new Map([[file, text]]));
    service.ruleTestFailures.record(pathToUri(file), text, runTestFile(file, host, { select: selectTests(selection) }));
  };
  return { service, file, run };
}

const failures = (lines: string[]): string[] => lines.filter((l) => l.includes('ruletests/test-failed'));

test('each failing case marks its failing expected entries, or its alertname / expr, with the got values', () => {
  const { service, file, run } = setup();
  assert.deepEqual(failures(problemsOf(service, file, TESTS)), []);
  run(TESTS);
  assert.deepEqual(failures(problemsOf(service, file, TESTS)), ALL);
});

test('an edit above a case moves its marks; an edit of the case drops them', () => {
  const { service, file, run } = setup();
  run(TESTS);
  const shifted = `# a comment\n${TESTS}`;
  assert.deepEqual(
    failures(problemsOf(service, file, shifted)),
    ALL.map((l) => l.replace(/^(\d+)/, (n) => String(Number(n) + 1))),
  );
  const edited = shifted.replace('value: 1\n', 'value: 2\n');
  assert.deepEqual(
    failures(problemsOf(service, file, edited)).map((l) => l.split(' ')[0]),
    ['15:13-47', '20:9-24', '22:9-24', '24:13-47', '31:9-31'],
  );
  // Undoing the edit does not bring the mark back: it went with the edit.
  assert.equal(failures(problemsOf(service, file, shifted)).length, 5);
});

test('a run replaces the marks of what it ran only; a passing run clears them', () => {
  const { service, file, run } = setup();
  run(TESTS);
  const fixed = TESTS.replace('{i: a, severity: warn}', '{i: a, severity: page}');
  run(fixed, { groups: [0], case: { kind: 'alert', index: 0 } });
  const left = failures(problemsOf(service, file, fixed));
  assert.deepEqual(left, ALL.slice(1));
  run(fixed, { groups: ['fine'] });
  assert.deepEqual(failures(problemsOf(service, file, fixed)), ALL.slice(1));
  const passing = `rule_files: [rules.yml]\ntests:\n  - input_series: [{series: 'up{i="z"}', values: '1'}]\n`;
  run(passing);
  assert.deepEqual(failures(problemsOf(service, file, passing)), []);
});

test('failures of a group as a whole mark its first line or the input series; a file error clears all', () => {
  const { service, file, run } = setup();
  const bad = `rule_files: [rules.yml]
tests:
  - name: bad input
    input_series:
      - series: up{i="a"}
        values: 1 x 2
    alert_rule_test: [{eval_time: 0m, alertname: Down}]
  - name: bad rule
    input_series: []
    promql_expr_test: [{expr: up, eval_time: 0m}]
`;
  run(bad);
  assert.deepEqual(failures(problemsOf(service, file, bad)), [
    '5:9-26 error ruletests/test-failed Test group failed: 1:13: parse error: unexpected "x" in series values',
  ]);
  run('rule_files: [rules.yml]\ntests: {not: a list}\n');
  assert.deepEqual(failures(problemsOf(service, file, bad)), []);
});

test('the code can be switched off in .o11y.yaml lints', () => {
  const { root, service } = workspace({ 'rules.yml': RULES, 'test.yml': TESTS }, { lints: { 'ruletests/test-failed': 'off' } });
  const file = join(root, 'test.yml');
  service.ruleTestFailures.record(pathToUri(file), TESTS, runTestFile(file, nodeRuleTestHost()));
  assert.deepEqual(failures(problemsOf(service, file, TESTS)), []);
});

test('a rule that fails to evaluate marks the group name; an alert that does not fire says it got nothing', () => {
  const dup = `groups:\n  - name: d\n    rules:\n      - record: same\n        expr: up\n        labels: {i: x}\n      - alert: Never\n        expr: up > 5\n`;
  const tests = `rule_files: [dup.yml]
tests:
  - name: duplicate
    input_series: [{series: 'up{i="a"}', values: '1'}, {series: 'up{i="b"}', values: '1'}]
    alert_rule_test: [{eval_time: 0m, alertname: Never}]
  - input_series: [{series: 'up{i="a"}', values: '1'}]
    alert_rule_test:
      - eval_time: 0m
        alertname: Never
        exp_alerts: [{exp_labels: {i: a}}]
`;
  const { root, service } = workspace({ 'dup.yml': dup, 't.yml': tests });
  const file = join(root, 't.yml');
  service.ruleTestFailures.record(pathToUri(file), tests, runTestFile(file, nodeRuleTestHost()));
  assert.deepEqual(failures(problemsOf(service, file, tests)), [
    '3:5-20 error ruletests/test-failed Test group failed: rule: same, time: 0s, err: vector contains metrics with the same labelset after applying rule labels',
    '10:22-42 error ruletests/test-failed alert_rule_test failed at 0s: this alert is not firing; got nothing',
  ]);
});
