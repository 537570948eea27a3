import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/lspClient';

// `o11y test` beyond promtool's report: the compact expected-vs-got differences after it, and --junit.
function o11y(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/o11y.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-cli-reports-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const RULES = [
  'groups:',
  '  - name: g',
  '    rules:',
  '      - alert: Down',
  '        expr: up == 0',
  '        labels: {severity: page}',
  '        annotations: {summary: "{{ $labels.i }} & <down>"}',
  '      - record: job:up:sum',
  '        expr: sum by (job) (up)',
  '',
].join('\n');
const TESTS = [
  'rule_files: [rules.yml]',
  'tests:',
  '  - name: ok',
  "    input_series: [{series: 'up{i=\"a\", job=\"x\"}', values: 1}]",
  '    alert_rule_test: [{eval_time: 0m, alertname: Down}]',
  '  - name: "wrong <expectations>"',
  '    interval: 1m',
  '    input_series:',
  "      - {series: 'up{i=\"a\", job=\"x\"}', values: 0 0}",
  "      - {series: 'up{i=\"b\", job=\"x\"}', values: 0 0}",
  '    alert_rule_test:',
  '      - eval_time: 1m',
  '        alertname: Down',
  '        exp_alerts:',
  '          - {exp_labels: {i: a, job: x, severity: warn}, exp_annotations: {summary: "a & <down>"}}',
  '          - {exp_labels: {i: c, job: y, severity: page}}',
  '    promql_expr_test:',
  '      - expr: job:up:sum',
  '        eval_time: 1m',
  "        exp_samples: [{labels: 'job:up:sum{job=\"x\"}', value: 2}, {labels: 'job:up:sum{job=\"z\"}', value: 1}]",
  '',
].join('\n');

test('after promtool report, each failed case lists what differs, with where the case is', () => {
  const dir = folder({ 'rules.yml': RULES, 't.yml': TESTS });
  const r = o11y(['test', 't.yml'], dir);
  assert.equal(r.status, 1);
  // promtool's report is unchanged ...
  assert.ok(r.stdout.startsWith('Unit Testing:  t.yml\n  FAILED:\n    name: wrong <expectations>,\n    alertname: Down, time: 1m, \n        exp:[\n'), r.stdout);
  assert.ok(r.stdout.includes('        got: {__name__="job:up:sum", job="x"} 0E+00\n\n\n'), r.stdout);
  // ... and followed by the differences.
  const differences = r.stdout.slice(r.stdout.indexOf('  Differences'), r.stdout.indexOf('✗'));
  assert.equal(
    differences,
    [
      '  Differences (- expected, not got; + got, not expected; ~ both, changed):',
      '    t.yml:12:9 wrong <expectations> › alertname: Down, time: 1m',
      '      ~ {alertname="Down", i="a", job="x", severity="warn"}',
      '          label severity: expected "warn", got "page"',
      '      - {alertname="Down", i="c", job="y", severity="page"}   expected, not got',
      '      + {alertname="Down", i="b", job="x", severity="page"}   got, not expected',
      '          annotations {summary="b & <down>"}',
      '    t.yml:18:9 wrong <expectations> › expr: "job:up:sum", time: 1m',
      '      ~ {__name__="job:up:sum", job="x"}',
      '          value: expected 2E+00, got 0E+00',
      '      - {__name__="job:up:sum", job="z"} 1E+00   expected, not got',
      '',
      '',
    ].join('\n'),
  );
  const passing = o11y(['test', '--run', '^ok$', 't.yml'], dir);
  assert.equal(passing.status, 0);
  assert.ok(!passing.stdout.includes('Differences'), passing.stdout);
});

test('--junit writes one testsuite per file and one testcase per test group, failures with the diff', () => {
  const dir = folder({ 'rules.yml': RULES, 't.yml': TESTS, 'broken.yml': 'rule_files: [rules.yml]\ntests: {}\n' });
  const r = o11y(['test', '--junit', 'report.xml', 't.yml', 'broken.yml'], dir);
  assert.equal(r.status, 1);
  const xml = readFileSync(join(dir, 'report.xml'), 'utf8')
    .replace(/timestamp="[^"]+"/g, 'timestamp="T"')
    .replace(/time="[\d.]+"/g, 'time="S"');
  const lines = xml.split('\n');
  assert.deepEqual(lines.slice(0, 5), [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    '  <testsuite name="t.yml" tests="2" failures="2" errors="0" skipped="0" timestamp="T" time="S">',
    '    <testcase name="ok" time="S"/>',
    '    <testcase name="wrong &lt;expectations&gt;" time="S">',
  ]);
  assert.equal(lines[5], '      <failure message="alertname: Down, time: 1m,">    name: wrong &lt;expectations&gt;,');
  assert.ok(xml.includes('        label severity: expected &quot;warn&quot;, got &quot;page&quot;\n'), xml);
  assert.ok(xml.includes('annotations {summary=&quot;b &amp; &lt;down&gt;&quot;}'), xml);
  assert.ok(xml.includes('      <failure message="expr: &quot;job:up:sum&quot;, time: 1m,">'), xml);
  assert.ok(
    xml.endsWith(
      '  <testsuite name="broken.yml" tests="1" failures="0" errors="1" skipped="0" timestamp="T" time="S">\n' +
        '    <testcase name="broken.yml">\n' +
        '      <error message="yaml: unmarshal errors:">yaml: unmarshal errors:\n  line 2: cannot unmarshal !!map into []main.testGroup</error>\n' +
        '    </testcase>\n  </testsuite>\n</testsuites>\n',
    ),
    xml,
  );
});

test('bad --junit usage: no file name, or a file that cannot be written', () => {
  const dir = folder({ 'rules.yml': RULES, 't.yml': TESTS });
  const missing = o11y(['test', 't.yml', '--junit'], dir);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^o11y: --junit needs a file name\n/);
  const unwritable = o11y(['test', '--junit', join(dir, 'no/such/folder/report.xml'), 't.yml'], dir);
  assert.equal(unwritable.status, 2);
  assert.match(unwritable.stderr, /^o11y: cannot write the JUnit report: ENOENT/);
});
