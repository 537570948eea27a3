import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { LanguageStatusSnapshot } from './api';
import { DOCUMENT_SELECTOR } from './selector';

const SEVERITY_NAMES: Record<vscode.LanguageStatusSeverity, LanguageStatusSnapshot['severity']> = {
  [vscode.LanguageStatusSeverity.Information]: 'information',
  [vscode.LanguageStatusSeverity.Warning]: 'warning',
  [vscode.LanguageStatusSeverity.Error]: 'error',
};

/** The language status item: which kind of observability file the active document is. */
export class FileKindStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('o11y.fileKind', DOCUMENT_SELECTOR);
  private readonly subscriptions: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;

  constructor() {
    this.item.name = 'O11y file kind';
    this.item.text = 'O11y';
    this.item.command = { title: 'Configure', command: 'workbench.action.openSettings', arguments: ['o11y.fileAssociations'] };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidSaveTextDocument(() => this.refresh()),
    );
  }

  /** Called once the language client exists (it is created after activation). */
  attach(client: LanguageClient): void {
    this.client = client;
  }

  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.client?.isRunning()) {
      return;
    }
    FileKindStatus.fileKind(this.client, doc.uri).then(
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

  static fileKind(client: LanguageClient, uri: vscode.Uri): Promise<{ kind: string; label: string }> {
    return client.sendRequest<{ kind: string; label: string }>('o11y/fileKind', { uri: uri.toString() });
  }

  snapshot(): LanguageStatusSnapshot {
    return { text: this.item.text, detail: this.item.detail, severity: SEVERITY_NAMES[this.item.severity] };
  }

  dispose(): void {
    this.item.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
