import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-languageserver-protocol/node';
import type { CodeLens } from 'vscode-languageserver-types';
import type { RuleTestRunResult } from '../../server/src/core/ruletest/runReport';
import type { RuleTestFileItem } from '../../server/src/core/ruletest/testTree';
import { LspProcess } from '../helpers/lspClient';

// Listing and running promtool unit tests through the real server over stdio (o11y/ruleTests, o11y/runRuleTests,
// the CodeLenses), with the editor's unsaved texts, bad input and cancellation.
const dir = mkdtempSync(join(tmpdir(), 'o11y-lsp-ruletests-run-'));
mkdirSync(join(dir, 'rules'));
mkdirSync(join(dir, 'tests'));
const RULES = [
  'groups:',
  '  - name: g',
  '    rules:',
  '      - alert: Down',
  '        expr: up == 0',
  '        for: 1m',
  '        labels: {severity: page}',
  '        annotations: {summary: "{{ $labels.i }} is down"}',
  '',
].join('\n');
writeFileSync(join(dir, 'rules/alerts.yml'), RULES);
const TESTS = [
  'rule_files: [../rules/alerts.yml]',
  'tests:',
  '  - name: fires',
  '    interval: 1m',
  "    input_series: [{series: 'up{i=\"a\"}', values: 0 0 0}]",
  '    alert_rule_test:',
  '      - eval_time: 2m',
  '        alertname: Down',
  '        exp_alerts: [{exp_labels: {i: a, severity: page}, exp_annotations: {summary: a is down}}]',
  '    promql_expr_test:',
  '      - expr: up',
  '        eval_time: 1m',
  "        exp_samples: [{labels: 'up{i=\"a\"}', value: 0}]",
  '  - name: wrong severity',
  '    interval: 1m',
  "    input_series: [{series: 'up{i=\"b\"}', values: 0 0 0}]",
  '    alert_rule_test:',
  '      - eval_time: 2m',
  '        alertname: Down',
  '        exp_alerts: [{exp_labels: {i: b, severity: warn}, exp_annotations: {summary: b is down}}]',
  '',
].join('\n');
writeFileSync(join(dir, 'tests/alerts.test.yml'), TESTS);
writeFileSync(join(dir, 'tests/broken.test.yml'), 'rule_files: [../rules/alerts.yml]\ntests:\n  - name: [unclosed\n');
writeFileSync(join(dir, 'tests/missing.test.yml'), 'rule_files: [../rules/nope.yml]\ntests:\n  - alert_rule_test:\n      - {eval_time: 0m, alertname: Down, exp_alerts: [{}]}\n');
writeFileSync(join(dir, 'prometheus.yml'), 'global: {scrape_interval: 15s}\n');
const uriOf = (rel: string): string => pathToFileURL(join(dir, rel)).href;
const TEST_URI = uriOf('tests/alerts.test.yml');
let server: LspProcess;

const run = (params: object, token?: CancellationTokenSource): Promise<RuleTestRunResult> =>
  (token ? server.connection.sendRequest('o11y/runRuleTests', params, token.token) : server.connection.sendRequest('o11y/runRuleTests', params)) as Promise<RuleTestRunResult>;

before(async () => {
  server = new LspProcess();
  await server.initialize(pathToFileURL(dir).href);
});

after(async () => {
  await server.stop();
});

test('o11y/ruleTests lists the test files of the workspace with their groups, cases and ranges', async () => {
  const { files } = (await server.connection.sendRequest('o11y/ruleTests', {})) as { files: RuleTestFileItem[] };
  assert.deepEqual(files.map((f) => f.uri).sort(), [uriOf('tests/alerts.test.yml'), uriOf('tests/broken.test.yml'), uriOf('tests/missing.test.yml')]);
  const file = files.find((f) => f.uri === TEST_URI)!;
  assert.deepEqual(
    file.groups.map((g) => [g.name, g.range.start.line, g.cases.map((c) => [c.kind, c.index, c.label, c.range.start.line])]),
    [
      ['fires', 2, [['alert', 0, 'Down at 2m', 6], ['expr', 0, 'up at 1m', 10]]],
      ['wrong severity', 13, [['alert', 0, 'Down at 2m', 17]]],
    ],
  );
  const broken = files.find((f) => f.uri === uriOf('tests/broken.test.yml'))!;
  assert.deepEqual(broken.groups, []);
  assert.equal(broken.error!.message, 'yaml: line 4: Flow sequence in block collection must be sufficiently indented and end with a ]');
  assert.equal(broken.error!.range!.start.line, 3);

  const one = (await server.connection.sendRequest('o11y/ruleTests', { uri: uriOf('prometheus.yml') })) as { files: RuleTestFileItem[] };
  assert.deepEqual(one.files, []);
});

test('CodeLenses: run all tests on tests:, run test and debug output on each group, run and debug output on each case', async () => {
  await server.open(TEST_URI, TESTS);
  const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: TEST_URI } })) as CodeLens[];
  const alert = (group: number): object => ({ uri: TEST_URI, groups: [group], case: { kind: 'alert', index: 0 } });
  const expr = { uri: TEST_URI, groups: [0], case: { kind: 'expr', index: 0 } };
  assert.deepEqual(
    lenses
      .filter((l) => l.command?.command === 'o11y.runRuleTests' || l.command?.command === 'o11y.debugRuleTest')
      .map((l) => [l.range.start.line, l.command?.title, l.command?.arguments])
      .sort((a, b) => (a[0] as number) - (b[0] as number)),
    [
      [1, '▶ Run all tests', [{ uri: TEST_URI }]],
      [2, '▶ Run test', [{ uri: TEST_URI, groups: [0] }]],
      [2, 'Debug output', [{ uri: TEST_URI, groups: [0] }]],
      [6, '▶ Run', [alert(0)]],
      [6, 'Debug output', [alert(0)]],
      [10, '▶ Run', [expr]],
      [10, 'Debug output', [expr]],
      [13, '▶ Run test', [{ uri: TEST_URI, groups: [1] }]],
      [13, 'Debug output', [{ uri: TEST_URI, groups: [1] }]],
      [17, '▶ Run', [alert(1)]],
      [17, 'Debug output', [alert(1)]],
    ],
  );
});

test('a passing group passes; a failing one reports the case, the diff and expected vs got', async () => {
  const passing = await run({ uri: TEST_URI, groups: [0] });
  assert.equal(passing.status, 'passed');
  assert.deepEqual(
    passing.groups.map((g) => [g.name, g.status, g.cases.map((c) => c.status)]),
    [['fires', 'passed', ['passed', 'passed']]],
  );

  const failing = await run({ uri: TEST_URI, groups: ['wrong severity'] });
  assert.equal(failing.status, 'failed');
  const [group] = failing.groups;
  assert.deepEqual([group.index, group.status, group.failures], [1, 'failed', []]);
  const failure = group.cases[0].failure!;
  assert.equal(failure.range!.start.line, 17);
  assert.match(failure.message, /^name: wrong severity,\nalertname: Down, time: 2m, \n {4}exp:\[/);
  assert.equal(failure.diff, '~ {alertname="Down", i="b", severity="warn"}\n    label severity: expected "warn", got "page"');
  assert.equal(failure.expected, '{alertname="Down", i="b", severity="warn"} annotations {summary="b is down"}');
  assert.equal(failure.got, '{alertname="Down", i="b", severity="page"} annotations {summary="b is down"}');

  const oneCase = await run({ uri: TEST_URI, groups: [0], case: { kind: 'expr', index: 0 } });
  assert.deepEqual(oneCase.groups[0].cases.map((c) => [c.kind, c.status]), [['expr', 'passed']]);
});

test("the editor's unsaved text of the rule file and of the test file is what runs", async () => {
  const rulesUri = uriOf('rules/alerts.yml');
  await server.open(rulesUri, RULES);
  await server.change(rulesUri, 2, RULES.replace('severity: page', 'severity: warn'));
  const edited = await run({ uri: TEST_URI });
  assert.deepEqual(edited.groups.map((g) => g.status), ['failed', 'passed']);
  assert.equal(edited.groups[0].cases[0].failure?.diff, '~ {alertname="Down", i="a", severity="page"}\n    label severity: expected "page", got "warn"');

  await server.change(TEST_URI, 2, TESTS.replace('severity: page}', 'severity: warn}'));
  const both = await run({ uri: TEST_URI });
  assert.equal(both.status, 'passed');
  await server.change(rulesUri, 3, RULES);
  await server.change(TEST_URI, 3, TESTS);
});

test('bad input: a test file that is not valid YAML, a missing rule file, a missing test file', async () => {
  const broken = await run({ uri: uriOf('tests/broken.test.yml') });
  assert.equal(broken.status, 'error');
  assert.match(broken.errors[0].message, /^yaml: line 4: Flow sequence/);
  assert.equal(broken.errors[0].range!.start.line, 3);

  const missing = await run({ uri: uriOf('tests/missing.test.yml') });
  assert.equal(missing.status, 'failed');
  assert.deepEqual(missing.warnings, [
    {
      message: 'rule_files: no file matches "../rules/nope.yml", so no rule of it is evaluated',
      range: { start: { line: 0, character: 13 }, end: { line: 0, character: 30 } },
    },
  ]);

  const absent = await run({ uri: uriOf('tests/absent.test.yml') });
  assert.equal(absent.status, 'error');
  assert.match(absent.errors[0].message, /^cannot read .*absent\.test\.yml$/);
  const untitled = await run({ uri: 'untitled:Untitled-1' });
  assert.match(untitled.errors[0].message, /saved on disk/);
});

test('a cancelled run answers at once, and the next run works', async () => {
  // 200 hours at a 1s evaluation interval: 720,001 evaluations, far longer than the test waits.
  const long = [
    'rule_files: [../rules/alerts.yml]',
    'evaluation_interval: 1s',
    'tests:',
    '  - interval: 1m',
    "    input_series: [{series: 'up{i=\"a\"}', values: 0x12000}]",
    '    alert_rule_test: [{eval_time: 200h, alertname: Down}]',
    '',
  ].join('\n');
  const uri = uriOf('tests/long.test.yml');
  await server.open(uri, long);
  const source = new CancellationTokenSource();
  const pending = run({ uri }, source);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cancelledAt = performance.now();
  source.cancel();
  const error = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - cancelledAt;
  assert.ok(error instanceof ResponseError && error.code === -32800, `expected RequestCancelled, got ${String(error)}`);
  assert.ok(ms < 1000, `the cancelled run answered after ${ms.toFixed(0)} ms`);
  // The worker stopped at its next evaluation step: the next run does not wait for it to be killed (after 2 s).
  const started = performance.now();
  const next = await run({ uri: TEST_URI, groups: [0] });
  assert.equal(next.status, 'passed');
  assert.ok(performance.now() - started < 1900, `the next run took ${(performance.now() - started).toFixed(0)} ms`);
});
