import { mergeYaml } from './merge';
import { unsafePathReason } from './paths';

/**
 * What writing one generated file into a folder that may already hold a version of it does:
 * - `create`: the file does not exist yet;
 * - `unchanged`: it exists with exactly this text, or the user's version already has everything the scaffold adds;
 * - `overwrite`: it differs and `force` was given;
 * - `merge`: YAML whose new parts (jobs, receivers, rules, services, …) are added to the user's version, which is
 *   otherwise kept as is, comments included;
 * - `new`: it differs and cannot be merged safely: the generated text goes to `<path>.new` beside it.
 */
export type WriteAction =
  | { kind: 'create'; path: string; text: string }
  | { kind: 'unchanged'; path: string; detail?: string }
  | { kind: 'overwrite'; path: string; text: string }
  | { kind: 'merge'; path: string; text: string; added: string[] }
  | { kind: 'new'; path: string; newPath: string; text: string };

export interface PlanOptions {
  /** Replace files that differ instead of merging or writing `*.new`. */
  force: boolean;
}

export class UnsafePathError extends Error {}

/** One action per generated file, in the files' order. `existing` maps a path to its current text (undefined: absent). */
export function planWrite(files: Map<string, string>, existing: Map<string, string | undefined>, options: PlanOptions): WriteAction[] {
  const out: WriteAction[] = [];
  for (const [path, text] of files) {
    const unsafe = unsafePathReason(path);
    if (unsafe) {
      throw new UnsafePathError(unsafe);
    }
    const current = existing.get(path);
    if (current === undefined) {
      out.push({ kind: 'create', path, text });
    } else if (current === text) {
      out.push({ kind: 'unchanged', path });
    } else if (options.force) {
      out.push({ kind: 'overwrite', path, text });
    } else {
      out.push(mergeOrNew(path, current, text));
    }
  }
  return out;
}

function mergeOrNew(path: string, current: string, text: string): WriteAction {
  const merged = mergeYaml(path, current, text);
  if (!merged) {
    return { kind: 'new', path, newPath: `${path}.new`, text };
  }
  if (!merged.added.length) {
    return { kind: 'unchanged', path, detail: 'your version is kept; it already has everything the scaffold would add' };
  }
  return { kind: 'merge', path, text: merged.text, added: merged.added };
}

/** The paths a plan writes to (created, overwritten, merged, or `*.new`). */
export function writtenPaths(plan: WriteAction[]): string[] {
  return plan.flatMap((a) => (a.kind === 'new' ? [a.newPath] : a.kind === 'unchanged' ? [] : [a.path]));
}
