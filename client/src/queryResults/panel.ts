import * as vscode from 'vscode';
import type { BacktestView, HostMessage, ResultView, WebviewMessage } from './messages';
import { webviewHtml } from '../webviewHtml';

export const RESULTS_VIEW_TYPE = 'o11y.queryResults';

/** What the panel asks of whoever runs queries. */
export interface PanelActions {
  rerun(choice: ResultView['choice']): void;
  copy(format: 'csv' | 'json'): void;
  generateTest(): void;
}

/**
 * The "Query results" webview: one panel, reused for every run. It shows what the host posts (table, graph,
 * error) and posts back the user's time controls and copy requests; the page has no network access (CSP without
 * connect-src) and loads only the bundle in media/dist.
 */
export class QueryResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: HostMessage | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly actions: PanelActions,
  ) {}

  get visible(): boolean {
    return this.panel !== undefined;
  }

  /** Opens the panel (beside the editor) or brings it forward, and shows `view`. */
  show(view: ResultView): void {
    this.reveal({ type: 'show', view });
  }

  /** Opens the panel or brings it forward, and shows a backtest's timeline. */
  showBacktest(view: BacktestView): void {
    this.reveal({ type: 'backtest', view });
  }

  private reveal(message: HostMessage): void {
    this.shown = message;
    if (!this.panel) {
      this.panel = this.create();
    } else if (!this.panel.visible) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.post(message);
  }

  post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  private create(): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      RESULTS_VIEW_TYPE,
      'Query results',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media] },
    );
    panel.webview.html = webviewHtml(panel.webview, media, { bundle: 'queryResults', title: 'Query results', placeholder: '<p class="muted">Run a query with ▶ Run above a PromQL expression.</p>' });
    panel.webview.onDidReceiveMessage((m: WebviewMessage) => this.receive(m), undefined, this.disposables);
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
    return panel;
  }

  private receive(m: WebviewMessage): void {
    switch (m.type) {
      case 'ready':
        if (this.shown) {
          this.post(this.shown);
        }
        break;
      case 'rerun':
        this.actions.rerun(m.choice);
        break;
      case 'copy':
        this.actions.copy(m.format);
        break;
      case 'generateTest':
        this.actions.generateTest();
        break;
    }
  }
}
