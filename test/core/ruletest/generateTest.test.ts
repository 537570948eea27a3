import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateRuleTest, type GenerateTestInput } from '../../../server/src/core/ruletest/generateTest';
import { insertGroup, yamlString, type DraftGroup } from '../../../server/src/core/ruletest/generatedYaml';
import { memoryHost } from './memoryHost';

const RULES = `groups:
  - name: g
    rules:
      - alert: HighLatency
        expr: histogram_quantile(0.9, rate(req_bucket{job="api"}[5m])) > 0.5
      - alert: Hot
        expr: temperature_celsius{room=~"lab|office", sensor!="x"} >= 30
        for: 2m
        labels: {severity: "yes"}
        annotations: {summary: "{{ $labels.room }} at {{ $value }}°C\\nopen a window"}
      - alert: Broken
        expr: vector(1) == 2
`;
const input = (alertname: string, extra: Partial<GenerateTestInput> = {}): GenerateTestInput => ({
  ruleFile: '/w/rules/r.yml',
  alertname,
  testFile: '/w/tests/r-test.yml',
  host: memoryHost({ '/w/rules/r.yml': RULES }),
  version: '2.42',
  ...extra,
});

test('a simple threshold with a regex matcher: the value and label that make it fire, a pending case, YAML 1.1-safe quoting', () => {
  const g = generateRuleTest(input('Hot'));
  assert.ok(!('error' in g));
  assert.equal(g.fires, true);
  assert.equal(g.created, true);
  assert.equal(
    g.edit.text,
    `rule_files:
  - '../rules/r.yml'

evaluation_interval: 1m

tests:
  - name: 'Hot fires'
    interval: 1m
    input_series:
      - series: 'temperature_celsius{instance="host-1:9100", job="example", room="lab"}'
        values: '30x4'
    alert_rule_test:
      # pending: not firing until \`for\` (2m) has passed
      - eval_time: 1m
        alertname: Hot
        exp_alerts: []
      - eval_time: 4m
        alertname: Hot
        exp_alerts:
          - exp_labels:
              instance: 'host-1:9100'
              job: example
              room: lab
              severity: 'yes'
            exp_annotations:
              summary: "lab at 30°C\\nopen a window"
`,
  );
});

test('a rate under a histogram_quantile fires with a growing counter; with no for, no pending case', () => {
  const g = generateRuleTest(input('HighLatency'));
  assert.ok(!('error' in g) && g.fires);
  assert.match(g.group, /series: 'req_bucket\{instance="host-1:9100", job="api", le="1"\}'\n {6}values: '0\+.*\n.*le="\+Inf"/);
  assert.doesNotMatch(g.group, /pending/);
});

test('added after the last group of an existing file, at its indentation; a new tests: where there is none', () => {
  const group: DraftGroup = { name: 'grp', intervalMs: 60_000, inputSeries: [], alertTests: [{ evalTimeMs: 0, alertname: 'A', expAlerts: [] }] };
  const existing = 'rule_files: [r.yml]\ntests:\n    - name: old\n      input_series: []\n# trailing comment\n';
  const edit = insertGroup(existing, group)!;
  assert.equal(edit.offset, existing.indexOf('# trailing'));
  assert.equal(edit.text, '    - name: grp\n      interval: 1m\n      input_series: []\n      alert_rule_test:\n        - eval_time: 0s\n          alertname: A\n          exp_alerts: []\n');
  assert.deepEqual(insertGroup('rule_files: [r.yml]', group)!.text.split('\n').slice(0, 3), ['', '', 'tests:']);
  const empty = 'rule_files: [r.yml]\ntests: []\n';
  const replaced = insertGroup(empty, group)!;
  assert.equal(empty.slice(0, replaced.offset) + replaced.text + empty.slice(replaced.offset + replaced.length), 'rule_files: [r.yml]\ntests:\n  - name: grp\n    interval: 1m\n    input_series: []\n    alert_rule_test:\n      - eval_time: 0s\n        alertname: A\n        exp_alerts: []\n');
  assert.equal(insertGroup('tests: [{name: a}]\n', group), undefined);
  assert.deepEqual(['on', 'a b', "it's", 'x\ty', 'job_1', '0x7'].map(yamlString), ["'on'", "'a b'", "'it''s'", '"x\\ty"', 'job_1', "'0x7'"]);
});

test('bad input: unknown alert, unreadable rule file, broken or flow test file, an alert nothing fires', () => {
  assert.deepEqual(generateRuleTest(input('Nope')), { error: 'no alerting rule named Nope in /w/rules/r.yml' });
  assert.match((generateRuleTest(input('Hot', { host: memoryHost({}) })) as { error: string }).error, /^the rule file cannot be loaded: .*no such file/);
  assert.match((generateRuleTest(input('Hot', { testText: 'tests: [unclosed\n' })) as { error: string }).error, /^the test file \/w\/tests\/r-test.yml cannot be read: yaml: line/);
  assert.match((generateRuleTest(input('Hot', { testText: 'rule_files: [../rules/r.yml]\ntests: [{name: a}]\n' })) as { error: string }).error, /flow sequence/);
  const never = generateRuleTest(input('Broken'));
  assert.ok(!('error' in never));
  assert.equal(never.fires, false);
  assert.match(never.group, /# no generated input made this alert fire: adjust input_series and exp_alerts\n/);
});
