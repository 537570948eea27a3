import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugReport } from '../../../server/src/core/ruletest/debugReport';
import { runTestFile } from '../../../server/src/core/ruletest/runner';
import { selectTests, type TestSelection } from '../../../server/src/core/ruletest/testTree';
import { memoryHost } from './memoryHost';

// "Debug output": what the engine saw at a case's eval_time — alert states with labels, annotations, value and
// times (pending ones too), the whole result of an expression — and the same written as exp_alerts / exp_samples.
const FILES: Record<string, string> = {
  '/t/rules.yml': `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 2m
        keep_firing_for: 5m
        labels: {severity: page}
        annotations: {summary: '{{ $labels.i }} down'}
`,
  '/t/test.yml': `rule_files: [rules.yml]
tests:
  - name: down
    interval: 1m
    input_series:
      - series: up{i="a"}
        values: 0 0 0 0 0
      - series: up{i="b"}
        values: 1 1 1 0 0
      - series: up{i="c"}
        values: 0 0 0 1 1
    alert_rule_test:
      - eval_time: 4m
        alertname: Down
        exp_alerts:
          - exp_labels: {i: a, severity: page}
            exp_annotations: {summary: a down}
    promql_expr_test:
      - expr: up
        eval_time: 4m
        exp_samples:
          - labels: up{i="a"}
            value: 0
      - expr: scalar(sum(up)) / 3
        eval_time: 1m
        exp_samples: [{labels: '{}', value: 0.3333333333333333}]
      - expr: rate(
        eval_time: 1m
`,
};
const host = memoryHost(FILES);
const report = (selection: TestSelection = {}): string =>
  debugReport(runTestFile('/t/test.yml', host, { observe: true, select: selectTests(selection) }), FILES['/t/test.yml'], 'test.yml', '2.42');

test('an alert case: firing, pending and kept-firing alerts with their times, the firing ones as exp_alerts, the diff', () => {
  assert.equal(
    report({ groups: [0], case: { kind: 'alert', index: 0 } }),
    `# Debug output of test.yml

## Test group "down", alert_rule_test[0] (alertname: Down, time: 4m): failed

Rule evaluation at 4m (the last at or before eval_time 4m): 1 alerting rule named Down, 2 firing and 1 pending alert.
  firing   {alertname="Down", i="a", severity="page"}
           value 0, active since 0s, firing since 2m
           annotations {summary="a down"}
  firing   {alertname="Down", i="c", severity="page"}
           value 0, active since 0s, firing since 2m, kept firing since 3m
           annotations {summary="c down"}
  pending  {alertname="Down", i="b", severity="page"}
           value 0, active since 3m
           annotations {summary="b down"}

The firing alerts (what promtool compares) as exp_alerts:
exp_alerts:
  - exp_labels:
      i: a
      severity: page
    exp_annotations:
      summary: 'a down'
  - exp_labels:
      i: c
      severity: page
    exp_annotations:
      summary: 'c down'

Expected vs got:
  + {alertname="Down", i="c", severity="page"}   got, not expected
      annotations {summary="c down"}
`,
  );
});

test('expression cases: the whole vector or the scalar as exp_samples; an expression that does not parse', () => {
  assert.equal(
    report({ groups: ['down'] }).split('## ').slice(2).join('## '),
    `Test group "down", promql_expr_test[0] (expr: "up", time: 4m): failed

Result: a vector of 3 samples
  {__name__="up", i="a"}  0
  {__name__="up", i="b"}  0
  {__name__="up", i="c"}  1

As exp_samples:
exp_samples:
  - labels: 'up{i="a"}'
    value: 0
  - labels: 'up{i="b"}'
    value: 0
  - labels: 'up{i="c"}'
    value: 1

Expected vs got:
  + {__name__="up", i="b"} 0E+00   got, not expected
  + {__name__="up", i="c"} 1E+00   got, not expected

## Test group "down", promql_expr_test[1] (expr: "scalar(sum(up)) / 3", time: 1m): passed

Result: the scalar 0.3333333333333333

As exp_samples:
exp_samples:
  - labels: '{}'
    value: 0.3333333333333333

## Test group "down", promql_expr_test[2] (expr: "rate(", time: 1m): failed

expr: "rate(", time: 1m, err: 1:5: parse error: unclosed left parenthesis
`,
  );
});

test('bad input: a file that cannot run, a group whose input does not parse', () => {
  const broken = debugReport(runTestFile('/t/x.yml', { readFile: () => 'tests: [', glob: () => [] }, { observe: true }), 'tests: [', 'x.yml', '2.42');
  assert.match(broken, /^# Debug output of x\.yml\n\nThe file cannot be run: yaml: line 1: /);
  const text = 'tests:\n  - input_series: [{series: up, values: "1 x"}]\n    promql_expr_test: [{expr: up, eval_time: 0m}]\n';
  const badInput = debugReport(runTestFile('/t/y.yml', { readFile: () => text, glob: () => [] }, { observe: true }), text, 'y.yml', '2.42');
  assert.match(badInput, /Test group "unnamed#0" failed: 1:6: parse error: unexpected "x" in series values\n\n## Test group "unnamed#0", promql_expr_test\[0\] \(expr: "up", time: 0s\): not run\n$/);
});
