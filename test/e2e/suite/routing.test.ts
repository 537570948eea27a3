import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { RouteTestResult } from '../../../server/src/core/alertmanager/routeView';
import { openFile, waitFor } from './helpers';

/** The `Route → …` lens on the line of an alert, once the server has read the workspace's alertmanager.yml. */
async function routeLens(relPath: string, alert: string): Promise<vscode.CodeLens> {
  const editor = await openFile(relPath);
  const line = editor.document.positionAt(editor.document.getText().indexOf(`alert: ${alert}`)).line;
  return waitFor(`the routing lens of ${alert}`, async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 100);
    return lenses.find((l) => l.range.start.line === line && l.command?.title.startsWith('Route →'));
  });
}

describe('Alertmanager routing', () => {
  it('shows on an alert rule the receivers its alerts reach', async () => {
    const page = await routeLens('rules/disk-alerts.yml', 'DiskAlmostFull');
    assert.equal(page.command!.title, 'Route → pager');
    const warning = await routeLens('rules/checkout-alerts.yml', 'CheckoutSlow');
    assert.equal(warning.command!.title, 'Route → chat');
  });

  it("runs the lens: the alert's route is highlighted in alertmanager.yml", async () => {
    const lens = await routeLens('rules/disk-alerts.yml', 'DiskAlmostFull');
    const result = await vscode.commands.executeCommand<RouteTestResult>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.deepEqual(result.receivers, ['pager']);
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.uri.path, /alertmanager\.yml$/);
    assert.equal(editor.document.lineAt(editor.selection.active.line).text.trim(), `- matchers: ['severity="page"']`);
  });
});
