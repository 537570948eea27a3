import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { RunRuleTestsArgs } from '../../../client/src/ruleTests/explorer';
import type { GenerateRuleTestResult } from '../../../server/src/lsp/generateRuleTest';
import { api, openFile, waitFor, workspaceUri } from './helpers';

const TEST_FILE = 'tests/disk-alerts.test.yml';
// api-alerts.yml has no test file: generating one creates it, and the other suites' disk-alerts tests stay as they are.
const UNTESTED_RULES = 'rules/api-alerts.yml';
const GENERATED_FILE = 'tests/api-alerts-test.yml';

async function lensesOf(doc: vscode.TextDocument, title: string, count: number): Promise<vscode.CodeLens[]> {
  return waitFor(`${count} "${title}" CodeLenses in ${doc.uri.path}`, async () => {
    const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const found = (all ?? []).filter((l) => l.command?.title === title);
    return found.length === count && found;
  });
}

function run<T>(lens: vscode.CodeLens): Thenable<T> {
  return vscode.commands.executeCommand<T>(lens.command!.command, ...(lens.command!.arguments ?? []));
}

describe('Rule test debug output and generated tests', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Debug output of a case opens a document with the alerts firing at its eval_time, written as exp_alerts', async () => {
    await (await api()).ready;
    const editor = await openFile(TEST_FILE);
    // One on each of the two groups, one on each of their four cases.
    const lenses = await lensesOf(editor.document, 'Debug output', 6);
    const alertCase = lenses.find((l) => {
      const args = l.command!.arguments?.[0] as RunRuleTestsArgs;
      return args.groups?.[0] === 1 && args.case?.kind === 'alert' && args.case.index === 0;
    });
    assert.ok(alertCase, 'a Debug output lens on the alert case of "expects the wrong severity"');
    assert.equal(editor.document.lineAt(alertCase.range.start.line).text.trim(), '- eval_time: 6m');
    const doc = await run<vscode.TextDocument>(alertCase);
    assert.equal(doc.languageId, 'markdown');
    assert.ok(
      vscode.window.visibleTextEditors.some((e) => e.document === doc),
      'the debug output is shown in an editor',
    );
    const text = doc.getText();
    assert.match(text, /^# Debug output of tests\/disk-alerts\.test\.yml/);
    assert.match(text, /Test group "expects the wrong severity", alert_rule_test\[0\] \(alertname: DiskAlmostFull, time: 6m\): failed/);
    assert.match(text, /1 alerting rule named DiskAlmostFull, 1 firing and 0 pending alerts/);
    assert.match(text, /firing +\{alertname="DiskAlmostFull", instance="db-2", severity="page"\}/);
    assert.match(text, /value 0\.05, active since 0s, firing since 5m/);
    assert.match(text, /exp_alerts:\n {2}- exp_labels:\n {6}instance: db-2\n {6}severity: page/);
    assert.match(text, /label severity: expected "warning", got "page"/);
  });

  it('Generate test on an untested alerting rule writes a test file whose group then passes when run', async () => {
    await (await api()).ready;
    const rules = await openFile(UNTESTED_RULES);
    const [generate] = await lensesOf(rules.document, 'Generate test', 1);
    const result = await run<GenerateRuleTestResult>(generate);
    try {
      assert.equal(result.error, undefined);
      assert.equal(result.uri, workspaceUri(GENERATED_FILE).toString());
      assert.equal(result.created, true);
      assert.equal(result.fires, true);
      const test = vscode.window.activeTextEditor!;
      assert.equal(test.document.uri.toString(), result.uri);
      assert.match(test.document.getText(), /rule_files:\n {2}- '\.\.\/rules\/api-alerts\.yml'/);
      assert.match(test.document.getText(), /alertname: ApiHighErrorRatio\n {8}exp_alerts:\n {10}- exp_labels:/);
      await test.document.save();
      // The new file's own lens, run as a user would click it.
      const [runAll] = await lensesOf(test.document, '▶ Run all tests', 1);
      const summary = await run<{ passed: number; failed: number; errored: number }>(runAll);
      assert.deepEqual(summary, { passed: 1, failed: 0, errored: 0 });
      const o11y = await api();
      await waitFor('the generated group passed in the Test Explorer', () =>
        o11y.ruleTests().find((f) => f.id === result.uri)?.children[0]?.state === 'passed',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(workspaceUri(GENERATED_FILE));
    }
  });
});
