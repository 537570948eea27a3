import * as vscode from 'vscode';
import type { Location as LspLocation, Position as LspPosition } from 'vscode-languageserver-types';

/**
 * The `o11y.showRuleTests` lens command: the unit-test cases of an alerting rule in the references peek at the
 * rule, or a message that none covers it.
 */
export async function showRuleTests(uri: string, position: LspPosition, locations: LspLocation[], alertname: string): Promise<void> {
  if (!locations.length) {
    void vscode.window.showInformationMessage(`No unit test covers alert ${alertname}`);
    return;
  }
  const toPosition = (p: LspPosition): vscode.Position => new vscode.Position(p.line, p.character);
  const found = locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(toPosition(l.range.start), toPosition(l.range.end))));
  await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), toPosition(position), found);
}
