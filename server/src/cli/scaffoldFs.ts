import { lstatSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { unsafePathReason, type WriteAction } from '../core/scaffold/index';

/**
 * The scaffold's file access, confined to one folder: a relative path is refused when it is unsafe, or when any
 * folder or file on the way is a symbolic link (which could point anywhere), so nothing is read or written outside.
 */
export class StackFolder {
  readonly root: string;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.root = realpathSync(dir);
  }

  /** Why `rel` must not be touched, or undefined when it is safe. */
  refusal(rel: string): string | undefined {
    const unsafe = unsafePathReason(rel);
    if (unsafe) {
      return unsafe;
    }
    let at = this.root;
    for (const segment of rel.split('/')) {
      at = path.join(at, segment);
      const stat = lstatOrUndefined(at);
      if (!stat) {
        return undefined;
      }
      if (stat.isSymbolicLink()) {
        return `${path.relative(this.root, at)} is a symbolic link; the scaffold writes only real files inside ${this.root}`;
      }
    }
    return undefined;
  }

  /** The current text of each path (undefined when absent); throws on a refused path. */
  readExisting(paths: string[]): Map<string, string | undefined> {
    const out = new Map<string, string | undefined>();
    for (const rel of paths) {
      this.assertSafe(rel);
      const file = path.join(this.root, rel);
      out.set(rel, lstatOrUndefined(file)?.isFile() ? readFileSync(file, 'utf8') : undefined);
    }
    return out;
  }

  /** Carries out a plan. New files are created exclusively, so a file appearing meanwhile is never clobbered. */
  write(plan: WriteAction[]): void {
    for (const action of plan) {
      if (action.kind === 'unchanged') {
        continue;
      }
      const rel = action.kind === 'new' ? action.newPath : action.path;
      this.assertSafe(rel);
      const file = path.join(this.root, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      // The folders just made (or found) must still resolve inside the root.
      const parent = realpathSync(path.dirname(file));
      if (parent !== this.root && !parent.startsWith(this.root + path.sep)) {
        throw new Error(`refusing to write ${rel}: its folder resolves outside ${this.root}`);
      }
      writeFileSync(file, action.text, { flag: action.kind === 'create' ? 'wx' : 'w' });
    }
  }

  private assertSafe(rel: string): void {
    const refusal = this.refusal(rel);
    if (refusal) {
      throw new Error(`refusing to touch ${rel}: ${refusal}`);
    }
  }
}

function lstatOrUndefined(p: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}
