import type * as vscode from 'vscode';

/** What the language status item shows now. */
export interface LanguageStatusSnapshot {
  readonly text: string;
  readonly detail: string | undefined;
  readonly severity: 'information' | 'warning' | 'error';
}

/** A rule test in the Test Explorer (file, test group or case) with the outcome of its last run, if any. */
export interface RuleTestNode {
  readonly id: string;
  readonly label: string;
  /** Why the file cannot be run, shown on its item. */
  readonly error?: string;
  readonly state?: 'passed' | 'failed' | 'errored' | 'skipped';
  readonly messages?: readonly string[];
  readonly children: readonly RuleTestNode[];
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
  /** The rule tests the Test Explorer lists, with the outcome of their last run. */
  ruleTests(): RuleTestNode[];
}
