import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PreviewModel } from '../../../server/src/core/dashboardPreview/types';
import { DashboardPreviewPanel } from './panel';

/** Set on editors of Grafana dashboards: shows the preview button in the editor title. */
const CONTEXT_KEY = 'o11y.isDashboard';

/**
 * The open dashboard previews, one per document: `o11y.previewDashboard` opens (or brings forward) the active
 * dashboard's, edits of a previewed document re-render it, and the editor-title button follows the active editor's
 * file kind.
 */
export class DashboardPreviews implements vscode.Disposable {
  private readonly open = new Map<string, DashboardPreviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: Promise<LanguageClient>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.open.get(e.document.uri.toString())?.edited()),
      vscode.window.onDidChangeActiveTextEditor((e) => void this.updateContext(e)),
    );
    // The server answers file kinds once it runs: ask again when it starts.
    void client.then((c) => this.disposables.push(c.onDidChangeState(() => void this.updateContext(vscode.window.activeTextEditor))));
    void this.updateContext(vscode.window.activeTextEditor);
  }

  /** `o11y.previewDashboard`: the given or active document's preview; resolves with its first (or next) render. */
  async show(target?: vscode.Uri | string): Promise<PreviewModel | undefined> {
    const uri = typeof target === 'string' ? vscode.Uri.parse(target) : (target ?? vscode.window.activeTextEditor?.document.uri);
    if (!uri) {
      void vscode.window.showInformationMessage('Open a Grafana dashboard JSON file to preview it.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const key = uri.toString();
    let preview = this.open.get(key);
    if (preview) {
      // Asked again: bring it forward with fresh data.
      preview.reveal();
      const next = preview.nextRender();
      preview.refresh();
      return next;
    }
    preview = new DashboardPreviewPanel(this.extensionUri, document, this.client, this.log, () => this.open.delete(key));
    this.open.set(key, preview);
    return preview.nextRender();
  }

  dispose(): void {
    this.open.forEach((p) => p.panel.dispose());
    this.disposables.forEach((d) => d.dispose());
  }

  private async updateContext(editor: vscode.TextEditor | undefined): Promise<void> {
    let dashboard = false;
    if (editor && /json/.test(editor.document.languageId)) {
      try {
        const client = await this.client;
        const { kind } = await client.sendRequest<{ kind: string }>('o11y/fileKind', { uri: editor.document.uri.toString() });
        dashboard = kind === 'grafanaDashboard';
      } catch {
        // The server is not up yet; the next editor change asks again.
      }
    }
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, dashboard);
  }
}
