import type * as vscode from 'vscode';

/** What the language status item shows now. */
export interface LanguageStatusSnapshot {
  readonly text: string;
  readonly detail: string | undefined;
  readonly severity: 'information' | 'warning' | 'error';
}

/**
 * What `activate()` returns (`vscode.extensions.getExtension('o11y-authoring.o11y-authoring').exports`):
 * read-only facts for end-to-end tests and for other extensions. Nothing here changes the extension's state.
 */
export interface O11yApi {
  /** Resolves once the language server has started; rejects if it could not start. */
  readonly ready: Promise<void>;
  /** Milliseconds that `activate()` took (the server starts in the background and is not included). */
  readonly activateMs: number;
  /** The language status item of the active editor. */
  languageStatus(): LanguageStatusSnapshot;
  /** The kind the server gives a document, e.g. `{ kind: 'prometheusConfig', label: 'Prometheus configuration' }`. */
  fileKind(uri: vscode.Uri): Promise<{ kind: string; label: string }>;
}
