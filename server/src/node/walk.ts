import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);
const EXTENSIONS = /\.(ya?ml|json|tmpl)$/i;

/** Files to check: given files as they are, folders walked for YAML, JSON and notification template (.tmpl) files (sorted, stable output). */
export function collectFiles(inputs: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      missing.push(input);
      continue;
    }
    if (st.isDirectory()) {
      walk(input, files);
    } else {
      files.push(input);
    }
  }
  return { files: [...new Set(files)], missing };
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) {
        walk(p, out);
      }
    } else if (e.isFile() && EXTENSIONS.test(e.name)) {
      out.push(p);
    }
  }
}
