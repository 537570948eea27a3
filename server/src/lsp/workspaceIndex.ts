import { readFileSync } from 'node:fs';
import type { Connection, FileEvent } from 'vscode-languageserver/node';
import { FileChangeType } from 'vscode-languageserver/node';
import type { LanguageService } from '../core/languageService';
import { uriToPath } from '../core/uri';
import { collectFiles } from '../node/walk';

const MAX_FILES = 5000;
const BATCH = 50;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads the workspace's YAML files into the metrics index, a batch at a time so requests are served meanwhile. */
export async function indexWorkspace(root: string, service: LanguageService, connection: Connection): Promise<void> {
  const files = collectFiles([root]).files.filter((f) => /\.ya?ml$/i.test(f));
  if (files.length > MAX_FILES) {
    connection.console.warn(`workspace has ${files.length} YAML files; indexing the first ${MAX_FILES} for metric names`);
  }
  for (let i = 0; i < Math.min(files.length, MAX_FILES); i += BATCH) {
    for (const path of files.slice(i, i + BATCH)) {
      const text = read(path);
      if (text !== undefined) {
        service.indexFile(path, text);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Keeps the index in step with files changed outside the editor (open documents are indexed as they change). */
export function onWatchedFiles(changes: FileEvent[], service: LanguageService, isOpen: (uri: string) => boolean): void {
  for (const change of changes) {
    const path = uriToPath(change.uri);
    if (!path || !/\.ya?ml$/i.test(path) || isOpen(change.uri)) {
      continue;
    }
    const text = change.type === FileChangeType.Deleted ? undefined : read(path);
    if (text === undefined) {
      service.forgetFile(path);
    } else {
      service.indexFile(path, text);
    }
  }
}
