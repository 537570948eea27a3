import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { OptionProblem, ScaffoldOptions, StackFinding } from '../../../server/src/core/scaffold/index';
import type { ScaffoldPlanParams, ScaffoldPlanResponse } from '../../../server/src/lsp/scaffold';
import { quickInputUi } from './quickInput';
import { reviewConflicts } from './review';
import { runWizard, type FolderChoice } from './wizard';
import { conflictsOf, resolvePlan, stackPath, summary, type Choice, type FileWrite } from './writes';

/** Answers given in advance (tests, keybindings, other extensions): the wizard's questions are not asked. */
export interface ScaffoldStackArgs {
  /** A workspace folder's URI; the first workspace folder by default. */
  workspaceFolder?: string;
  /** The stack's folder inside it; `""` for the workspace folder itself. */
  folder: string;
  /** Fields left out take the defaults of `o11y scaffold --yes`. */
  options?: Partial<ScaffoldOptions>;
  /** For existing files that differ, by path in the stack (a file not named is skipped); when left out, each is asked. */
  conflicts?: Record<string, Choice>;
}

/** What the wizard answers (`WizardAnswers` fits) or the arguments give. */
type StackRequest = Omit<ScaffoldPlanParams, 'options'> & { options: Partial<ScaffoldOptions> };

export type ScaffoldStackResult =
  | { stack: string; written: string[]; skipped: string[]; findings: StackFinding[] }
  | { problems: OptionProblem[] };

async function folderChoices(folders: readonly vscode.WorkspaceFolder[]): Promise<FolderChoice[]> {
  return Promise.all(
    folders.map(async (f) => ({
      name: f.name,
      uri: f.uri.toString(),
      empty: await vscode.workspace.fs.readDirectory(f.uri).then((entries) => entries.length === 0, () => false),
    })),
  );
}

/** Applies the writes as one workspace edit (undoable), then saves the files it changed. */
async function applyWrites(root: vscode.Uri, writes: FileWrite[]): Promise<string | undefined> {
  const edit = new vscode.WorkspaceEdit();
  const changed: vscode.TextDocument[] = [];
  for (const w of writes) {
    const uri = vscode.Uri.joinPath(root, w.path);
    if (w.kind === 'create') {
      edit.createFile(uri, { overwrite: w.overwrite, contents: new TextEncoder().encode(w.text) });
      continue;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.isDirty) {
      return `${w.path} has unsaved changes: save or revert them and scaffold again`;
    }
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), w.text);
    changed.push(doc);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    return 'VS Code could not apply the edit (did a file appear meanwhile?)';
  }
  await Promise.all(changed.map((d) => d.save()));
  return undefined;
}

async function showOutcome(root: vscode.Uri, folder: string, writes: FileWrite[], findings: StackFinding[]): Promise<void> {
  const readme = vscode.Uri.joinPath(root, stackPath(folder, 'README.md'));
  await vscode.window.showTextDocument(readme, { preview: false }).then(undefined, () => undefined);
  const newFiles = writes.filter((w) => w.kind === 'create' && w.overwrite).length;
  const { ok, text } = summary(writes.length, newFiles, findings);
  if (ok) {
    void vscode.window.showInformationMessage(text);
    return;
  }
  void vscode.window.showWarningMessage(text, 'Show problems').then(async (action) => {
    if (action) {
      // The server checks open files: open those with findings so their problems appear in the Problems view.
      for (const path of new Set(findings.map((f) => f.path))) {
        await vscode.window.showTextDocument(vscode.Uri.joinPath(root, stackPath(folder, path)), { preview: false, preserveFocus: true });
      }
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
  });
}

function refuse(problems: OptionProblem[]): ScaffoldStackResult {
  void vscode.window.showErrorMessage(`Scaffold monitoring stack: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  return { problems };
}

/**
 * `o11y.scaffoldStack`: asks the wizard's questions (or takes `args`), has the language server generate and plan the
 * stack (`o11y/scaffoldPlan`), asks about each existing file that would change (diff + choice), applies the writes
 * as one undoable edit inside the chosen folder, opens the stack's README and reports the checks. Resolves with
 * what was written, the problems that stopped it, or undefined when cancelled.
 */
export async function scaffoldStack(client: Promise<LanguageClient>, args?: ScaffoldStackArgs): Promise<ScaffoldStackResult | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showErrorMessage('Scaffold monitoring stack: open a folder first; the stack is written into a workspace folder.');
    return undefined;
  }
  const answers: StackRequest | undefined = args
    ? { workspaceFolder: args.workspaceFolder ?? folders[0].uri.toString(), folder: args.folder, options: args.options ?? {} }
    : await runWizard(quickInputUi, await folderChoices(folders));
  if (!answers) {
    return undefined;
  }
  const root = folders.find((f) => f.uri.toString() === answers.workspaceFolder)?.uri;
  if (!root) {
    return refuse([{ field: 'workspaceFolder', message: `${answers.workspaceFolder} is not a folder of this workspace` }]);
  }
  const params: ScaffoldPlanParams = { workspaceFolder: answers.workspaceFolder, folder: answers.folder, options: answers.options };
  const res = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Generating the stack…' }, async () =>
    (await client).sendRequest<ScaffoldPlanResponse>('o11y/scaffoldPlan', params),
  );
  if (!res.ok) {
    return refuse(res.problems);
  }
  const conflicts = conflictsOf(res.plan);
  const choices = args?.conflicts ? new Map(Object.entries(args.conflicts)) : await reviewConflicts(root, res.folder, conflicts);
  if (!choices) {
    void vscode.window.showInformationMessage('Scaffold monitoring stack: cancelled, nothing was written.');
    return undefined;
  }
  const { writes, skipped } = resolvePlan(res.folder, res.plan, choices);
  const failure = await applyWrites(root, writes);
  if (failure) {
    return refuse([{ field: 'write', message: failure }]);
  }
  await showOutcome(root, res.folder, writes, res.findings);
  const stack = res.folder ? vscode.Uri.joinPath(root, res.folder) : root;
  return { stack: stack.toString(), written: writes.map((w) => w.path), skipped, findings: res.findings };
}
