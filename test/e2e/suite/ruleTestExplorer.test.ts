import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { RuleTestNode } from '../../../client/src/api';
import { api, openFile, waitFor, workspaceUri } from './helpers';

const TEST_FILE = 'tests/disk-alerts.test.yml';

function find(nodes: readonly RuleTestNode[], label: string): RuleTestNode | undefined {
  for (const n of nodes) {
    const hit = n.label === label ? n : find(n.children, label);
    if (hit) {
      return hit;
    }
  }
  return undefined;
}

describe('Rule tests in the Test Explorer', () => {
  it('lists the test file with its test groups and cases', async () => {
    const o11y = await api();
    await o11y.ready;
    const file = await waitFor('the rule-test file in the Test Explorer', () => find(o11y.ruleTests(), TEST_FILE));
    assert.equal(file.id, workspaceUri(TEST_FILE).toString());
    assert.deepEqual(
      file.children.map((g) => [g.label, g.children.map((c) => c.label)]),
      [
        ['fires after five minutes', ['DiskAlmostFull at 4m', 'DiskAlmostFull at 6m']],
        ['expects the wrong severity', ['DiskAlmostFull at 6m', 'node_filesystem_avail_bytes / node_filesystem_size_bytes at 1m']],
      ],
    );
  });

  it('runs every test from the Test Explorer and reports pass and fail with the difference', async () => {
    const o11y = await api();
    await waitFor('the rule-test file in the Test Explorer', () => find(o11y.ruleTests(), TEST_FILE));
    await vscode.commands.executeCommand('testing.runAll');
    const failing = await waitFor('the failing group', () => {
      const g = find(o11y.ruleTests(), 'expects the wrong severity');
      return g?.state === 'failed' && g;
    });
    assert.equal(find(o11y.ruleTests(), 'fires after five minutes')?.state, 'passed');
    const [alertCase, exprCase] = failing.children;
    assert.equal(alertCase.state, 'failed');
    assert.match(alertCase.messages![0], /label severity: expected "warning", got "page"/);
    assert.equal(exprCase.state, 'passed');
  });

  it("runs a group from its CodeLens with the editor's unsaved rule file", async () => {
    const o11y = await api();
    const test = await openFile(TEST_FILE);
    const lenses = await waitFor('the rule-test CodeLenses', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', test.document.uri);
      // The file's and each group's Run lens (each case has its own `▶ Run` too).
      const ours = (all ?? []).filter((l) => l.command?.command === 'o11y.runRuleTests' && l.command.title !== '▶ Run');
      return ours.length === 3 && ours;
    });
    assert.deepEqual(
      lenses.map((l) => l.command!.title),
      ['▶ Run all tests', '▶ Run test', '▶ Run test'],
    );
    const rules = await openFile('rules/disk-alerts.yml');
    const at = rules.document.getText().indexOf('severity: page') + 'severity: '.length;
    await rules.edit((e) => e.replace(new vscode.Range(rules.document.positionAt(at), rules.document.positionAt(at + 4)), 'warning'));
    const lens = lenses[2].command!;
    const summary = (await vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []))) as { passed: number; failed: number };
    assert.deepEqual(summary, { passed: 1, failed: 0, errored: 0 });
    assert.equal(find(o11y.ruleTests(), 'expects the wrong severity')?.state, 'passed');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
