/**
 * From the server's plan to the file writes the wizard applies: which files need the user's say (they exist and
 * differ), what each choice writes, and the summary shown afterwards. No VS Code here, so it is tested in plain node.
 */
import type { StackFinding, WriteAction } from '../../../server/src/core/scaffold/index';
import { unsafePathReason } from '../../../server/src/core/scaffold/paths';

/** What to do with a generated file whose path holds a different file: write over it, leave it, or write `*.new`. */
export type Choice = 'write' | 'skip' | 'new';

export type Conflict = Extract<WriteAction, { kind: 'overwrite' | 'merge' | 'new' }>;

/** A write relative to the workspace folder; `path` has been checked to stay inside the stack's folder. */
export type FileWrite =
  | { kind: 'create'; path: string; text: string; overwrite: boolean }
  | { kind: 'replace'; path: string; text: string };

export function conflictsOf(plan: WriteAction[]): Conflict[] {
  return plan.filter((a): a is Conflict => a.kind === 'overwrite' || a.kind === 'merge' || a.kind === 'new');
}

/**
 * `rel` (a path of the plan) inside the stack folder `folder`, relative to the workspace folder. Both are checked
 * again here so that a wrong plan can never make the editor write outside the folder the user chose.
 */
export function stackPath(folder: string, rel: string): string {
  const problem = (folder && unsafePathReason(folder)) || unsafePathReason(rel);
  if (problem) {
    throw new Error(`refusing to write ${rel}: ${problem}`);
  }
  return folder ? `${folder}/${rel}` : rel;
}

/** The `*.new` path beside a file. */
function newPathOf(a: Conflict): string {
  return a.kind === 'new' ? a.newPath : `${a.path}.new`;
}

/** What the user is asked about a conflicting file: the choices, worded for its kind of change. */
export function choiceItems(a: Conflict): { choice: Choice; label: string; detail: string }[] {
  const writeDetail =
    a.kind === 'merge'
      ? `Add ${a.added.join(', ')} to your file; the rest of it, comments included, stays as it is`
      : "Replace your file with the scaffold's version";
  return [
    { choice: 'write', label: 'Write', detail: writeDetail },
    { choice: 'new', label: `Write as ${newPathOf(a).split('/').pop()}`, detail: 'Keep your file; put the proposed text beside it to compare' },
    { choice: 'skip', label: 'Skip', detail: 'Keep your file and write nothing for it' },
  ];
}

/**
 * The writes for a plan and the user's choices (a conflict without a choice is skipped: nothing is written over a
 * file the user was not asked about). Paths are relative to the workspace folder.
 */
export function resolvePlan(folder: string, plan: WriteAction[], choices: ReadonlyMap<string, Choice>): { writes: FileWrite[]; skipped: string[] } {
  const writes: FileWrite[] = [];
  const skipped: string[] = [];
  for (const a of plan) {
    if (a.kind === 'unchanged') {
      continue;
    }
    if (a.kind === 'create') {
      writes.push({ kind: 'create', path: stackPath(folder, a.path), text: a.text, overwrite: false });
      continue;
    }
    const choice = choices.get(a.path) ?? 'skip';
    if (choice === 'write') {
      writes.push({ kind: 'replace', path: stackPath(folder, a.path), text: a.text });
    } else if (choice === 'new') {
      writes.push({ kind: 'create', path: stackPath(folder, newPathOf(a)), text: a.text, overwrite: true });
    } else {
      skipped.push(a.path);
    }
  }
  return { writes, skipped };
}

/** The message after writing: a count when the checks passed, else the findings (the first few, then a count). */
export function summary(written: number, newFiles: number, findings: StackFinding[]): { ok: boolean; text: string } {
  const files = `${written} file${written === 1 ? '' : 's'}`;
  const beside = newFiles ? ` ${newFiles} written as *.new beside yours: compare and merge them.` : '';
  if (!findings.length) {
    return { ok: true, text: `Stack written: ${files}, checks passed.${beside}` };
  }
  const shown = findings.slice(0, 3).map((f) => `${f.path}:${f.line} ${f.message} [${f.code}]`);
  const more = findings.length > shown.length ? ` and ${findings.length - shown.length} more` : '';
  return { ok: false, text: `Stack written: ${files}, but o11y check found ${findings.length} problem(s): ${shown.join('; ')}${more}.${beside}` };
}
