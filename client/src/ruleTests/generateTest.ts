import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { GenerateRuleTestResult } from '../../../server/src/lsp/generateRuleTest';

/** The lens's or code action's argument; from the command palette, the alerting rule at the cursor. */
export interface GenerateRuleTestArgs {
  uri: string;
  alertname?: string;
  position?: { line: number; character: number };
}

/**
 * `o11y.generateRuleTest`: asks the server for a starter test of an alerting rule, applies the edit (which may
 * create the test file) and shows the new test group.
 */
export async function generateRuleTest(client: LanguageClient, args?: GenerateRuleTestArgs): Promise<GenerateRuleTestResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const params: GenerateRuleTestArgs | undefined = args ?? (editor && { uri: editor.document.uri.toString(), position: editor.selection.active });
  if (!params) {
    void vscode.window.showWarningMessage('O11y: put the cursor on an alerting rule to generate a test for it.');
    return undefined;
  }
  const result = await client.sendRequest<GenerateRuleTestResult>('o11y/generateRuleTest', params);
  if (result.error || !result.edit || !result.uri) {
    void vscode.window.showWarningMessage(`O11y: ${result.error ?? 'no test was generated'}`);
    return result;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage('O11y: the generated test could not be written.');
    return result;
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
  const range = result.range && client.protocol2CodeConverter.asRange(result.range);
  await vscode.window.showTextDocument(doc, { selection: range && new vscode.Range(range.start, range.start), preview: false });
  if (range) {
    vscode.window.activeTextEditor?.revealRange(range, vscode.TextEditorRevealType.AtTop);
  }
  if (!result.fires) {
    void vscode.window.showInformationMessage('O11y: no generated input made this alert fire; adjust input_series and exp_alerts of the new test.');
  }
  return result;
}
