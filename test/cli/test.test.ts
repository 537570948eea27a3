import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/lspClient';

function o11y(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/o11y.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-cli-test-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const RULES = 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 1m\n';
const testFile = (firingAt: string): string =>
  `rule_files: [rules.yml]\ntests:\n  - interval: 1m\n    input_series: [{series: 'up{i="a"}', values: 0 0 0}]\n` +
  `    alert_rule_test: [{eval_time: ${firingAt}, alertname: Down, exp_alerts: [{exp_labels: {i: a}}]}]\n`;

test('passing and failing files: promtool-style report, summary, exit 1 on a failure', () => {
  const dir = folder({ 'rules.yml': RULES, 'good.yml': testFile('1m'), 'bad.yml': testFile('0m') });
  const ok = o11y(['test', 'good.yml'], dir);
  assert.equal(ok.status, 0);
  assert.match(ok.stdout, /^Unit Testing: {2}good\.yml\n {2}SUCCESS\n\n✓ 1 file\(s\), 1 test group\(s\) passed \(\d+ ms\)\n$/);
  const r = o11y(['test', 'good.yml', 'bad.yml'], dir);
  assert.equal(r.status, 1);
  assert.ok(
    r.stdout.includes(
      'Unit Testing:  bad.yml\n  FAILED:\n    alertname: Down, time: 0s, \n        exp:[\n            0:\n' +
        '              Labels:{alertname="Down", i="a"}\n              Annotations:{}\n            ], \n        got:[]\n\n\n',
    ),
    r.stdout,
  );
  assert.match(r.stdout, /✗ 1 of 2 file\(s\) failed; 1 of 2 test group\(s\) failed/);
});

test('--format json gives the structured results', () => {
  const dir = folder({ 'rules.yml': RULES, 'bad.yml': testFile('0m') });
  const r = o11y(['test', '--format', 'json', 'bad.yml'], dir);
  assert.equal(r.status, 1);
  const [file] = JSON.parse(r.stdout);
  assert.equal(file.status, 'failed');
  const [c] = file.groups[0].cases;
  assert.deepEqual([c.kind, c.title, c.status, c.span.line], ['alert', 'alertname: Down, time: 0s', 'failed', 5]);
  assert.deepEqual(c.failure.expected, [{ labels: '{alertname="Down", i="a"}', annotations: '{}' }]);
});

test('bad usage exits 2; unreadable files and unmatched rule_files are reported', () => {
  const dir = folder({ 'nothing.yml': 'rule_files: [missing/*.yml]\ntests: []\n' });
  assert.equal(o11y(['test'], dir).status, 2);
  assert.equal(o11y(['test', '--format', 'xml', 'nothing.yml'], dir).status, 2);
  assert.equal(o11y(['test', '--run', '(', 'nothing.yml'], dir).status, 2);
  const warned = o11y(['test', 'nothing.yml'], dir);
  assert.equal(warned.status, 0);
  assert.equal(warned.stderr, '  WARNING: no file match pattern missing/*.yml\n');
  const missing = o11y(['test', 'absent.yml'], dir);
  assert.equal(missing.status, 1);
  assert.match(missing.stdout, /Unit Testing: {2}absent\.yml\n {2}FAILED:\nENOENT: no such file or directory, open 'absent\.yml'\n/);
});

test('--engine promtool runs the same files through promtool: its report and exit status', () => {
  const dir = folder({ 'rules.yml': RULES, 'good.yml': testFile('1m'), 'bad.yml': testFile('0m') });
  const good = o11y(['test', '--engine', 'promtool', 'good.yml'], dir);
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stdout, /Unit Testing: {2}good\.yml\n {2}SUCCESS/);
  const bad = o11y(['test', '--engine', 'promtool', 'bad.yml'], dir);
  assert.equal(bad.status, 1);
  // The two engines print the same failure report.
  const ours = o11y(['test', 'bad.yml'], dir);
  assert.ok(ours.stdout.startsWith(bad.stdout.trimEnd()), `promtool:\n${bad.stdout}\nours:\n${ours.stdout}`);
  assert.equal(o11y(['test', '--engine', 'go', 'good.yml'], dir).status, 2);
  assert.equal(o11y(['test', '--engine', 'promtool', '--junit', 'x.xml', 'good.yml'], dir).status, 2);
  const missing = o11y(['test', '--engine', 'promtool', '--promtool', join(dir, 'no-such-promtool'), 'good.yml'], dir);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot run .*no-such-promtool/);
});
