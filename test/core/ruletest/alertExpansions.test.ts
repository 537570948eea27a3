// Alert templates are expanded once per alert, labels and value, and kept for the next evaluations (groupEval.ts):
// templates that read the time or the stored series (`query`, `now`) must still be expanded at every evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTestFile } from '../../../server/src/core/ruletest/runner';
import type { FileResult } from '../../../server/src/core/ruletest/results';
import { memoryHost } from './memoryHost';

const RULES = `groups:
  - name: g
    rules:
      - alert: Busy
        expr: busy > 0
        labels: {severity: page}
        annotations:
          load: '{{ with query "sum(load)" }}{{ . | first | value }}{{ end }}'
          value: '{{ $value }}'
          host: 'host {{ $labels.host }}'
`;

/** Busy stays active with the same labels; its value changes at 6m, the queried load grows every minute. */
function busyTest(cases: string): string {
  return `rule_files: [rules.yml]
tests:
  - interval: 1m
    input_series:
      - series: busy{host="a"}
        values: 1 1 1 1 1 1 2 2 2 2 2
      - series: load
        values: 0+5x10
    alert_rule_test:
${cases}`;
}

function busyCase(at: string, load: string, value: string): string {
  return `      - eval_time: ${at}
        alertname: Busy
        exp_alerts:
          - exp_labels: {severity: page, host: a}
            exp_annotations: {load: '${load}', value: '${value}', host: host a}
`;
}

function run(tests: string, rules = RULES, version?: string): FileResult {
  return runTestFile('/t/test.yml', memoryHost({ '/t/test.yml': tests, '/t/rules.yml': rules }), { now: () => 0, version });
}

const messages = (r: FileResult): string[] => [...r.failures, ...r.groups.flatMap((g) => g.failures)].map((f) => f.message);

test('an alert that stays active gets its query annotation expanded anew at each evaluation, and its new value seen (promtool agrees)', () => {
  const r = run(busyTest(busyCase('2m', '10', '1') + busyCase('5m', '25', '1') + busyCase('8m', '40', '2')));
  assert.deepEqual(messages(r), []);
});

test('a wrong expectation on a kept expansion still fails, with the text got at that evaluation', () => {
  const r = run(busyTest(busyCase('3m', '15', '1') + busyCase('4m', '20', '2')));
  assert.equal(r.status, 'failed');
  const [message] = messages(r);
  assert.match(message, /alertname: Busy, time: 4m/);
  assert.match(message, /Annotations:\{host="host a", load="20", value="1"\}/);
});

test('`now` (Prometheus 3.6) is read at each evaluation, not kept from the first one', () => {
  const rules = RULES.replace(`host: 'host {{ $labels.host }}'`, `host: 'at {{ now }}'`);
  const cases = [['2m', '10', '120'], ['5m', '25', '300']]
    .map(([at, load, now]) => busyCase(at, load, '1').replace('host: host a', `host: at ${now}`))
    .join('');
  assert.deepEqual(messages(run(busyTest(cases), rules, '3.6')), []);
});
