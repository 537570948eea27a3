import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, TextDocumentEdit } from 'vscode-languageserver-types';
import type { RuleTestRunResult } from '../../server/src/core/ruletest/runReport';
import type { GenerateRuleTestResult } from '../../server/src/lsp/generateRuleTest';
import { LspProcess } from '../helpers/lspClient';

// Over stdio: `Debug output` of a case (o11y/debugRuleTest), and "Generate test for this alert" (lens, code
// action, o11y/generateRuleTest) adding to the test file that loads the rule file or creating tests/<name>-test.yml.
const dir = mkdtempSync(join(tmpdir(), 'o11y-lsp-debug-generate-'));
mkdirSync(join(dir, 'rules'));
mkdirSync(join(dir, 'tests'));
const RULES = `groups:
  - name: g
    rules:
      - alert: Down
        expr: up{job="api"} == 0
        for: 1m
        labels: {severity: page}
      - alert: Slow
        expr: rate(http_seconds_sum[5m]) / rate(http_seconds_count[5m]) > 0.5
        annotations: {summary: "{{ $labels.instance }} takes {{ $value }}s"}
`;
writeFileSync(join(dir, 'rules/api.yml'), RULES);
writeFileSync(join(dir, 'rules/other.yml'), 'groups:\n  - name: o\n    rules:\n      - alert: Other\n        expr: vector(1)\n');
const TESTS = `rule_files: [../rules/api.yml]
tests:
  - name: down
    interval: 1m
    input_series: [{series: 'up{job="api"}', values: 0 0 0 0}]
    alert_rule_test:
      - eval_time: 30s
        alertname: Down
        exp_alerts: []
`;
writeFileSync(join(dir, 'tests/api-test.yml'), TESTS);
const uriOf = (rel: string): string => pathToFileURL(join(dir, rel)).href;
let server: LspProcess;

before(async () => {
  server = new LspProcess();
  await server.initialize(pathToFileURL(dir).href);
});
after(async () => server.stop());

test('Debug output of a case: the alert states at eval_time; bad input answers with a message', async () => {
  const debug = (params: object): Promise<{ text: string }> => server.connection.sendRequest('o11y/debugRuleTest', params) as Promise<{ text: string }>;
  const { text } = await debug({ uri: uriOf('tests/api-test.yml'), groups: [0], case: { kind: 'alert', index: 0 } });
  assert.equal(
    text.split('\n').slice(0, 7).join('\n'),
    `# Debug output of tests/api-test.yml

## Test group "down", alert_rule_test[0] (alertname: Down, time: 30s): passed

Rule evaluation at 0s (the last at or before eval_time 30s): 1 alerting rule named Down, 0 firing and 1 pending alert.
  pending  {alertname="Down", job="api", severity="page"}
           value 0, active since 0s`,
  );
  assert.equal((await debug({ uri: 'untitled:Untitled-1' })).text, '# Debug output of untitled:Untitled-1\n\nonly rule-test files saved on disk can be run: their rule_files are relative to the file\n');
});

test('rule file: a Generate test lens on untested alerts only, the code action on any alerting rule', async () => {
  const uri = uriOf('rules/api.yml');
  await server.open(uri, RULES);
  const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
  assert.deepEqual(
    lenses.filter((l) => l.command?.command === 'o11y.generateRuleTest').map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]),
    [[7, 'Generate test', [{ uri, alertname: 'Slow' }]]],
  );
  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 4, character: 12 }, end: { line: 4, character: 12 } },
    context: { diagnostics: [] },
  })) as CodeAction[];
  assert.deepEqual(
    actions.filter((a) => a.command?.command === 'o11y.generateRuleTest').map((a) => [a.title, a.kind, a.command?.arguments]),
    [['Generate test for this alert', 'refactor', [{ uri, alertname: 'Down' }]]],
  );
  const outside = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } },
    context: { diagnostics: [] },
  })) as CodeAction[];
  assert.deepEqual(outside.filter((a) => a.command?.command === 'o11y.generateRuleTest'), []);
});

test('generate: added to the test file loading the rule file, and the group passes when run', async () => {
  const result = (await server.connection.sendRequest('o11y/generateRuleTest', { uri: uriOf('rules/api.yml'), position: { line: 8, character: 20 } })) as GenerateRuleTestResult;
  assert.equal(result.uri, uriOf('tests/api-test.yml'));
  assert.deepEqual([result.created, result.fires], [false, true]);
  const [edit] = result.edit!.changes![result.uri!];
  assert.deepEqual(edit.range, { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } });
  assert.match(edit.newText, /^ {2}- name: 'Slow fires'\n/);
  assert.deepEqual(result.range!.start, { line: 9, character: 0 });
  writeFileSync(join(dir, 'tests/api-test.yml'), TESTS + edit.newText);
  const run = (await server.connection.sendRequest('o11y/runRuleTests', { uri: result.uri, groups: [1] })) as RuleTestRunResult;
  assert.deepEqual([run.status, run.groups.map((g) => [g.name, g.status])], ['passed', [['Slow fires', 'passed']]]);
});

test('generate: a new tests/<rule file>-test.yml beside rules/ when no test file loads the rule file; bad input', async () => {
  const result = (await server.connection.sendRequest('o11y/generateRuleTest', { uri: uriOf('rules/other.yml'), alertname: 'Other' })) as GenerateRuleTestResult;
  const uri = uriOf('tests/other-test.yml');
  assert.deepEqual([result.uri, result.created, result.fires], [uri, true, true]);
  const [create, change] = result.edit!.documentChanges! as [{ kind: string; uri: string }, TextDocumentEdit];
  assert.deepEqual([create.kind, create.uri, change.textDocument.uri], ['create', uri, uri]);
  assert.match(change.edits[0].newText, /^rule_files:\n {2}- '\.\.\/rules\/other\.yml'\n/);
  writeFileSync(fileURLToPath(uri), change.edits[0].newText);
  const run = (await server.connection.sendRequest('o11y/runRuleTests', { uri })) as RuleTestRunResult;
  assert.equal(run.status, 'passed', JSON.stringify(run));
  assert.match(readFileSync(fileURLToPath(uri), 'utf8'), /\n {4}input_series: \[\]\n {4}alert_rule_test:\n {6}- eval_time: 2m\n {8}alertname: Other\n/);

  const request = (params: object): Promise<GenerateRuleTestResult> => server.connection.sendRequest('o11y/generateRuleTest', params) as Promise<GenerateRuleTestResult>;
  assert.deepEqual(await request({ uri: uriOf('rules/api.yml'), position: { line: 0, character: 0 } }), {
    error: 'put the cursor on an alerting rule of a rule file to generate a test for it',
  });
  assert.deepEqual(await request({ uri: uriOf('rules/api.yml'), alertname: 'Nope' }), { error: `no alerting rule named Nope in ${join(dir, 'rules/api.yml')}` });
  assert.deepEqual(await request({ uri: 'untitled:Untitled-2', alertname: 'Down' }), { error: 'only rule files saved on disk can be tested: rule_files name them by path' });
});
