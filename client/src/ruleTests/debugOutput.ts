import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RunRuleTestsArgs } from './explorer';

/**
 * `o11y.debugRuleTest` (the `Debug output` lens): runs a test group or case and shows what the engine saw at each
 * eval_time in an untitled Markdown document beside the test file. Without arguments, the active test file.
 */
export async function showDebugOutput(client: LanguageClient, args?: RunRuleTestsArgs): Promise<vscode.TextDocument | undefined> {
  const uri = args?.uri ?? vscode.window.activeTextEditor?.document.uri.toString();
  if (!uri) {
    void vscode.window.showWarningMessage('O11y: open a rule-test file to see its debug output.');
    return undefined;
  }
  const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Running rule tests for debug output' }, (_p, token) =>
    client.sendRequest<{ text: string }>('o11y/debugRuleTest', { uri, groups: args?.groups, case: args?.case }, token),
  );
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: answer.text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  return doc;
}
