import * as vscode from 'vscode';
import { choiceItems, stackPath, type Choice, type Conflict } from './writes';

/** The scheme of the proposed texts shown in the diff editor; they live in memory while the review is open. */
export const PROPOSED_SCHEME = 'o11y-scaffold';

/**
 * Asks about each generated file that would change an existing one: a diff between the file and the proposed text
 * opens beside, and a pick offers Write / Write as *.new / Skip. Resolves with a choice per path of the plan, or
 * undefined when the user cancels (then nothing is written at all).
 */
export async function reviewConflicts(workspaceFolder: vscode.Uri, folder: string, conflicts: Conflict[]): Promise<Map<string, Choice> | undefined> {
  const choices = new Map<string, Choice>();
  if (!conflicts.length) {
    return choices;
  }
  const proposed = new Map<string, string>();
  const provider = vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, {
    provideTextDocumentContent: (uri) => proposed.get(uri.path),
  });
  try {
    for (const [i, a] of conflicts.entries()) {
      const rel = stackPath(folder, a.path);
      const right = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${rel}` });
      proposed.set(right.path, a.text);
      const current = vscode.Uri.joinPath(workspaceFolder, rel);
      await vscode.commands.executeCommand('vscode.diff', current, right, `${rel}: yours ↔ scaffold`, { preview: true, preserveFocus: true });
      const picked = await vscode.window.showQuickPick(choiceItems(a), {
        title: `Scaffold monitoring stack: ${rel} exists (${i + 1}/${conflicts.length})`,
        placeHolder: a.kind === 'merge' ? 'The scaffold adds to your file (see the diff)' : 'Your file differs from the scaffold\'s (see the diff)',
        ignoreFocusOut: true,
      });
      if (!picked) {
        return undefined;
      }
      choices.set(a.path, picked.choice);
    }
    return choices;
  } finally {
    await closeProposedTabs();
    provider.dispose();
  }
}

async function closeProposedTabs(): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PROPOSED_SCHEME);
  if (tabs.length) {
    await vscode.window.tabGroups.close(tabs);
  }
}
