import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PreviewModel, PreviewRequest } from '../../../server/src/core/dashboardPreview/types';
import type { HostMessage, WebviewMessage } from './messages';
import { webviewHtml } from '../webviewHtml';

export const PREVIEW_VIEW_TYPE = 'o11y.dashboardPreview';
/** Edits are rendered this long after the last keystroke: the preview follows typing within 300 ms. */
const DEBOUNCE_MS = 150;

let sessions = 0;

/**
 * The preview of one dashboard document, beside its editor: asks the language server for renders
 * (`o11y/previewDashboard`; the server holds the one HTTP client and the session's query cache) after the page is
 * ready, after edits (debounced, a newer render cancels the older) and after the user's choices in the page, and
 * posts each model in. The page has no network access (CSP without connect-src) and loads only media/dist.
 */
export class DashboardPreviewPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly session = `preview-${process.pid}-${++sessions}`;
  private readonly disposables: vscode.Disposable[] = [];
  private request: PreviewRequest = {};
  private pending: vscode.CancellationTokenSource | undefined;
  private timer: NodeJS.Timeout | undefined;
  private rendered: ((m: PreviewModel) => void)[] = [];
  last: PreviewModel | undefined;

  constructor(
    extensionUri: vscode.Uri,
    readonly document: vscode.TextDocument,
    private readonly client: Promise<LanguageClient>,
    private readonly log: vscode.LogOutputChannel,
    onDispose: () => void,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      `Preview ${document.uri.path.split('/').pop()}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: true },
    );
    this.panel.webview.html = webviewHtml(this.panel.webview, media, { bundle: 'dashboardPreview', title: 'Dashboard preview', placeholder: '<p>Rendering the dashboard…</p>' });
    this.panel.webview.onDidReceiveMessage((m: WebviewMessage) => this.receive(m), undefined, this.disposables);
    this.panel.onDidDispose(
      () => {
        this.dispose();
        onDispose();
      },
      undefined,
      this.disposables,
    );
  }

  /** Resolves with the next render's model (for the command's caller and tests). */
  nextRender(): Promise<PreviewModel> {
    return new Promise((resolve) => this.rendered.push(resolve));
  }

  /** The document changed: render again once typing pauses. */
  edited(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), DEBOUNCE_MS);
  }

  refresh(): void {
    void this.render(true);
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pending?.cancel();
    this.disposables.forEach((d) => d.dispose());
    void this.client.then((c) => c.sendRequest('o11y/closeDashboardPreview', { session: this.session })).catch(() => undefined);
  }

  private post(m: HostMessage): void {
    void this.panel.webview.postMessage(m);
  }

  private receive(m: WebviewMessage): void {
    switch (m.type) {
      case 'ready':
        this.request.width = m.width;
        void this.render();
        break;
      case 'width':
        this.request.width = m.width;
        void this.render();
        break;
      case 'variables':
        this.request.variables = m.values;
        void this.render();
        break;
      case 'time':
        this.request = { ...this.request, from: m.from, to: m.to };
        void this.render();
        break;
      case 'rows':
        this.request.rows = m.rows;
        void this.render();
        break;
      case 'refresh':
        void this.render(true);
        break;
      case 'reveal':
        void this.showJson(m.offset, m.length);
        break;
    }
  }

  private async render(refresh = false): Promise<void> {
    this.pending?.cancel();
    const cancel = (this.pending = new vscode.CancellationTokenSource());
    const slow = setTimeout(() => this.post({ type: 'loading' }), 400);
    try {
      const client = await this.client;
      const params = { ...this.request, refresh, session: this.session, uri: this.document.uri.toString() };
      const model = await client.sendRequest<PreviewModel>('o11y/previewDashboard', params, cancel.token);
      if (cancel.token.isCancellationRequested) {
        return;
      }
      this.last = model;
      this.post({ type: 'model', model, rows: this.request.rows ?? {} });
      this.rendered.splice(0).forEach((r) => r(model));
    } catch (e) {
      if (!cancel.token.isCancellationRequested) {
        this.log.error(`dashboard preview: ${String(e)}`);
        this.post({ type: 'failed', message: `The preview could not be rendered: ${(e as Error)?.message ?? String(e)}` });
      }
    } finally {
      clearTimeout(slow);
    }
  }

  /** Shows the panel's object in the JSON editor, selected. */
  private async showJson(offset: number, length: number): Promise<void> {
    const column = vscode.window.visibleTextEditors.find((e) => e.document === this.document)?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(this.document, { viewColumn: column, preserveFocus: false });
    const range = new vscode.Range(this.document.positionAt(offset), this.document.positionAt(offset + length));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
  }
}
