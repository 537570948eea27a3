import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { RuleTestRunResult } from '../../server/src/core/ruletest/runReport';
import { LspProcess } from '../helpers/lspClient';

// A rule-test run's failures become diagnostics of the test file, merged with its other diagnostics, over stdio
// with a client that takes pushed diagnostics and with one that pulls them after a refresh request.
const dir = mkdtempSync(join(tmpdir(), 'o11y-lsp-ruletest-failures-'));
writeFileSync(join(dir, 'alerts.yml'), 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        labels: {severity: page}\n');
const TESTS = [
  'rule_files: [alerts.yml]',
  'tests:',
  '  - name: wrong severity',
  "    input_series: [{series: 'up{i=\"b\"}', values: 0 0}]",
  '    alert_rule_test:',
  '      - eval_time: 1m',
  '        alertname: Down',
  '        exp_alerts:',
  '          - exp_labels: {i: b, severity: warn}',
  '      - eval_time: 1m',
  '        alertname: Nope',
  '',
].join('\n');
writeFileSync(join(dir, 'alerts.test.yml'), TESTS);
const URI = pathToFileURL(join(dir, 'alerts.test.yml')).href;
const FAILED = 'alert_rule_test failed at 1m: {alertname="Down", i="b", severity="warn"} differs: label severity: expected "warn", got "page"';

const summary = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`).sort();

test('pushed: a failing run adds its diagnostic to the others; an edit of the case clears it', async () => {
  const server = new LspProcess();
  try {
    await server.initialize(pathToFileURL(dir).href);
    await server.open(URI, TESTS);
    const before = summary(await server.diagnostics(URI));
    assert.deepEqual(before, ['10:19 ruletests/unknown-alert No alerting rule in the rule files is named "Nope".']);
    server.clearDiagnostics(URI);
    const result = (await server.connection.sendRequest('o11y/runRuleTests', { uri: URI })) as RuleTestRunResult;
    assert.equal(result.status, 'failed');
    const failed = await server.diagnosticsWhere(URI, (ds) => ds.some((d) => d.code === 'ruletests/test-failed'));
    assert.deepEqual(summary(failed), [...before, `8:12 ruletests/test-failed ${FAILED}`].sort());

    server.clearDiagnostics(URI);
    await server.change(URI, 2, TESTS.replace('severity: warn', 'severity: page'));
    assert.deepEqual(summary(await server.diagnostics(URI, 2)), before);
  } finally {
    await server.stop();
  }
});

let pulling: LspProcess;
let refreshes = 0;
before(async () => {
  pulling = new LspProcess();
  pulling.connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    return null;
  });
  await pulling.initialize(pathToFileURL(dir).href, { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } });
  await pulling.open(URI, TESTS);
});
after(async () => pulling.stop());

test('pulled: the run asks the client to pull again; the next passing run of the case clears it', async () => {
  const pull = async (): Promise<string[]> =>
    summary(((await pulling.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } })) as { items: Diagnostic[] }).items).filter((d) => d.includes('test-failed'));
  assert.deepEqual(await pull(), []);
  const before = refreshes;
  await pulling.connection.sendRequest('o11y/runRuleTests', { uri: URI, groups: [0], case: { kind: 'alert', index: 0 } });
  assert.equal(refreshes, before + 1);
  assert.deepEqual(await pull(), [`8:12 ruletests/test-failed ${FAILED}`]);
  // Another case's run leaves this one's failure alone.
  await pulling.connection.sendRequest('o11y/runRuleTests', { uri: URI, groups: [0], case: { kind: 'alert', index: 1 } });
  assert.deepEqual(await pull(), [`8:12 ruletests/test-failed ${FAILED}`]);
  writeFileSync(join(dir, 'alerts.yml'), 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        labels: {severity: warn}\n');
  await pulling.connection.sendRequest('o11y/runRuleTests', { uri: URI, groups: [0], case: { kind: 'alert', index: 0 } });
  assert.deepEqual(await pull(), []);
});
