import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { DiagnosticRefreshRequest, DocumentDiagnosticReportKind } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/languageService';
import { runSafe } from './runSafe';

/**
 * Diagnostics by pull (textDocument/diagnostic) when the client supports it, else pushed after each change
 * (debounced per document) — Neovim 0.7–0.9, Helix and Emacs eglot use push.
 */
export class DiagnosticsHandler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
    private readonly pull: boolean,
    private readonly canRefresh: boolean,
  ) {
    if (pull) {
      connection.languages.diagnostics.on((params, token) =>
        runSafe(
          connection,
          () => {
            const doc = documents.get(params.textDocument.uri);
            return { kind: DocumentDiagnosticReportKind.Full, items: doc ? this.diagnosticsOf(doc) : [] };
          },
          { kind: DocumentDiagnosticReportKind.Full, items: [] },
          'diagnostics',
          token,
          { beforeWorkspace: true },
        ),
      );
    } else {
      documents.onDidChangeContent((e) => this.schedule(e.document.uri, e.document.version === 1 ? 0 : 50));
      documents.onDidClose((e) => {
        clearTimeout(this.timers.get(e.document.uri));
        void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      });
    }
  }

  /** After a settings change: ask the client to pull again, or push everything anew. */
  refreshAll(): void {
    if (this.pull) {
      if (this.canRefresh) {
        this.connection
          .sendRequest(DiagnosticRefreshRequest.type)
          .catch((e: unknown) => this.connection.console.warn(`diagnostic refresh failed: ${String(e)}`));
      }
    } else {
      this.documents.all().forEach((d) => this.schedule(d.uri, 0));
    }
  }

  /** After something other than an edit changed one document's diagnostics (a rule-test run). */
  refresh(uri: string): void {
    if (this.pull) {
      this.refreshAll();
    } else {
      this.schedule(uri, 0);
    }
  }

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.push(uri);
      }, delay),
    );
  }

  private async push(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) {
      return;
    }
    const diagnostics = await runSafe(this.connection, () => this.diagnosticsOf(doc), [], 'diagnostics', undefined, { beforeWorkspace: true });
    await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  /**
   * A document's diagnostics. A large rule file's first check answers with the problems it has on its own, before
   * it is read into the workspace indexes; the reading follows at once, and when it brings findings (a rule
   * duplicated in another file, …) the client is asked to pull again, or they are pushed. Without a way to tell
   * a pulling client, everything is answered at once.
   */
  private diagnosticsOf(doc: TextDocument): Diagnostic[] {
    const early = this.pull && !this.canRefresh ? undefined : this.service.validateBeforeIndexing(doc);
    if (!early) {
      return this.service.validate(doc);
    }
    setImmediate(() => void runSafe(this.connection, () => this.service.indexPending(doc) && this.refresh(doc.uri), undefined, 'diagnostics', undefined, { beforeWorkspace: true }));
    return early;
  }
}
