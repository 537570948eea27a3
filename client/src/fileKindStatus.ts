import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './selector';

/** The language status item: which kind of observability file the active document is. */
export class FileKindStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('o11y.fileKind', DOCUMENT_SELECTOR);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'O11y file kind';
    this.item.text = 'O11y';
    this.item.command = { title: 'Configure', command: 'workbench.action.openSettings', arguments: ['o11y.fileAssociations'] };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidSaveTextDocument(() => this.refresh()),
    );
  }

  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.client.isRunning()) {
      return;
    }
    this.client.sendRequest<{ kind: string; label: string }>('o11y/fileKind', { uri: doc.uri.toString() }).then(
      (res) => {
        this.item.text = res.label;
        this.item.detail = res.kind === 'unknown' ? 'o11y: no checks for this file' : 'o11y: validated';
        this.item.severity = vscode.LanguageStatusSeverity.Information;
      },
      () => {
        this.item.text = 'O11y: server unavailable';
        this.item.severity = vscode.LanguageStatusSeverity.Error;
      },
    );
  }

  dispose(): void {
    this.item.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
