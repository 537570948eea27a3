import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { NotificationPreviewParams, NotificationPreviewResult } from '../../../server/src/lsp/notificationPreview';

const CONFIG_GLOB = '**/alertmanager*.{yml,yaml}';

async function fileKind(client: LanguageClient, uri: vscode.Uri): Promise<string> {
  const r = await client.sendRequest<{ kind: string }>('o11y/fileKind', { uri: uri.toString() });
  return r.kind;
}

/** The alertmanager.yml to preview with: the active one, else the only one of the workspace, else the user's pick. */
async function pickConfig(client: LanguageClient, active: vscode.TextEditor | undefined): Promise<vscode.Uri | undefined> {
  if (active && (await fileKind(client, active.document.uri)) === 'alertmanagerConfig') {
    return active.document.uri;
  }
  const found = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 50);
  if (found.length <= 1) {
    if (found.length === 0) {
      void vscode.window.showWarningMessage('No alertmanager*.yml in the workspace to preview notifications with.');
    }
    return found[0];
  }
  const pick = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: 'Alertmanager configuration to route the alert with' },
  );
  return pick?.uri;
}

/**
 * O11y: Preview Notification. The alert comes from the rule-test case under the cursor (its expected alerts), or
 * is typed as labels and annotations; the server routes it and renders each receiver's notification, shown as a
 * Markdown preview beside the editor.
 */
export async function previewNotification(clientPromise: Promise<LanguageClient>): Promise<void> {
  const client = await clientPromise;
  const active = vscode.window.activeTextEditor;
  const config = await pickConfig(client, active);
  if (!config) {
    return;
  }
  const params: NotificationPreviewParams = { configUri: config.toString() };
  if (active && (await fileKind(client, active.document.uri)) === 'ruleTests') {
    params.fromTest = { uri: active.document.uri.toString(), position: active.selection.active };
  } else {
    const labels = await vscode.window.showInputBox({ prompt: 'The alert\'s labels', placeHolder: 'alertname=HighErrorRate,severity=critical,service=api', ignoreFocusOut: true });
    if (labels === undefined) {
      return;
    }
    const annotations = await vscode.window.showInputBox({ prompt: 'Its annotations (optional)', placeHolder: 'summary="Error rate above 5%"', ignoreFocusOut: true });
    if (annotations === undefined) {
      return;
    }
    params.labelsText = labels;
    params.annotationsText = annotations;
  }
  const result = await client.sendRequest<NotificationPreviewResult>('o11y/notificationPreview', params);
  if ('error' in result) {
    void vscode.window.showErrorMessage(`Notification preview: ${result.error}`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
}
