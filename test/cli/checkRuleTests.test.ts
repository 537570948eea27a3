import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/lspClient';
import { PROMTOOL } from '../helpers/promtoolRules';

// `o11y check` reports the problems of promtool unit-test files, and its verdict agrees with `promtool test rules`.

function run(cmd: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const RULES = `groups:
  - name: availability
    rules:
      - alert: InstanceDown
        expr: up == 0
        for: 5m
        labels:
          severity: page
        annotations:
          summary: '{{ $labels.instance }} is down'
          description: 'It has not answered scrapes for 5 minutes.'
`;

const TEST = `rule_files: [rules/alerts.yml]
tests:
  - interval: 1m
    input_series:
      - series: 'up{job="node", instance="a:9100"}'
        values: 1 1 0x10
    alert_rule_test:
      - eval_time: 8m
        alertname: InstanceDown
        exp_alerts:
          - exp_labels: { severity: page, job: node, instance: a:9100 }
            exp_annotations:
              summary: a:9100 is down
              description: It has not answered scrapes for 5 minutes.
`;

function folder(test: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-ruletests-'));
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'rules/alerts.yml'), RULES);
  writeFileSync(join(dir, 'alerts.test.yml'), test);
  writeFileSync(join(dir, '.o11y.yaml'), 'versions:\n  prometheus: "2.42"\n');
  return dir;
}

test('a valid test file: o11y check finds nothing and promtool passes it', () => {
  const dir = folder(TEST);
  const r = run(process.execPath, [join(REPO, 'bin/o11y.js'), 'check', '.'], dir);
  assert.equal(r.stdout, '✓ 3 files checked, no problems\n');
  assert.equal(r.status, 0);
  assert.equal(run(PROMTOOL, ['test', 'rules', 'alerts.test.yml'], dir).status, 0);
});

test('o11y check reports test-file errors with positions and exits 1, where promtool fails too', () => {
  const cases: [string, string][] = [
    [
      TEST.replace('1 1 0x10', '1 1 0x10 oops'),
      'alerts.test.yml:6:26: error: unexpected identifier "oops" in series values, expected number or "stale" [ruletests/invalid-values]',
    ],
    [
      TEST.replace(`'up{job="node", instance="a:9100"}'`, `'up{job="node", instance=~"a:9100"}'`),
      'alerts.test.yml:5:33: error: only "=" is allowed in a series label set, got "=~" [ruletests/invalid-series]',
    ],
    [
      TEST.replace('alertname: InstanceDown', 'alertname: InstanceDwn'),
      'alerts.test.yml:9:20: error: No alerting rule in the rule files is named "InstanceDwn". Did you mean "InstanceDown"? [ruletests/unknown-alert]',
    ],
    [TEST.replace('rules/alerts.yml', 'rules/alert.yml'), 'alerts.test.yml:1:14: error: "rules/alert.yml" does not exist (relative to this test file). [ruletests/rule-file-not-found]'],
  ];
  for (const [text, expected] of cases) {
    const dir = folder(text);
    const r = run(process.execPath, [join(REPO, 'bin/o11y.js'), 'check', 'alerts.test.yml'], dir);
    assert.equal(r.stdout, `${expected}\n1 error(s), 0 warning(s), 0 info in 1 of 1 file(s) checked\n`);
    assert.equal(r.status, 1);
    assert.equal(run(PROMTOOL, ['test', 'rules', 'alerts.test.yml'], dir).status, 1, expected);
  }
});
