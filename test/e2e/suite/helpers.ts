// Shared by the end-to-end cases: open workspace files, reach the extension's API, wait for a state.
import * as vscode from 'vscode';
import type { O11yApi } from '../../../client/src/api';

export const EXTENSION_ID = 'o11y-authoring.o11y-authoring';

/** Activates the extension (if a test runs before any file did) and returns its API. */
export async function api(): Promise<O11yApi> {
  const ext = vscode.extensions.getExtension<O11yApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  }
  return ext.activate();
}

export function workspaceUri(relPath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the end-to-end workbench opened no folder');
  }
  return vscode.Uri.joinPath(folder.uri, relPath);
}

/** Opens a file of the test workspace (test/e2e/workspace, copied per run) in an editor. */
export async function openFile(relPath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relPath));
  return vscode.window.showTextDocument(doc);
}

/**
 * Polls `probe` until it returns something other than undefined/false, then returns that; fails with `what` and the
 * last value seen after `timeoutMs`. Tests wait for states this way, never with fixed sleeps.
 */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await probe();
      if (last !== undefined && last !== false) {
        return last as Exclude<T, undefined | false>;
      }
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${String(last)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The position just after the first occurrence of `marker` in the document (`line` and `character` 0-based). */
export function positionAfter(doc: vscode.TextDocument, marker: string): vscode.Position {
  const offset = doc.getText().indexOf(marker);
  if (offset < 0) {
    throw new Error(`"${marker}" is not in ${doc.uri.path}`);
  }
  return doc.positionAt(offset + marker.length);
}

export function completionLabels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}
