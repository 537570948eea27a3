import { readFileSync } from 'node:fs';
import type { Connection, FileEvent } from 'vscode-languageserver/node';
import { FileChangeType } from 'vscode-languageserver/node';
import type { LanguageService } from '../core/languageService';
import { uriToPath } from '../core/uri';
import { collectFiles } from '../node/walk';

const MAX_FILES = 5000;
const BATCH = 50;
/** How long the workspace reading waits for the documents an editor opens as it starts. */
const OPEN_DOCUMENTS_FIRST_MS = 50;
/** YAML (rules, rule tests, configurations) and JSON (dashboards, whose queries use recorded metrics). */
const INDEXED = /\.(ya?ml|json)$/i;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Reads the workspace's YAML and JSON files into the metrics and rules indexes, a batch at a time so requests are
 * served meanwhile. When every file was read the rules index is complete: only then is a metric "unused".
 */
export async function indexWorkspace(root: string, service: LanguageService, connection: Connection): Promise<void> {
  // Documents the client opens right at start (sent just after `initialized`) are read and checked first.
  await new Promise((resolve) => setTimeout(resolve, OPEN_DOCUMENTS_FIRST_MS));
  const files = collectFiles([root]).files.filter((f) => INDEXED.test(f));
  if (files.length > MAX_FILES) {
    connection.console.warn(`workspace has ${files.length} YAML and JSON files; indexing the first ${MAX_FILES} for metric names and rules`);
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
  if (files.length <= MAX_FILES) {
    service.rules.markComplete();
  }
}

/** Keeps the index in step with files changed outside the editor (open documents are indexed as they change). */
export function onWatchedFiles(changes: FileEvent[], service: LanguageService, isOpen: (uri: string) => boolean): void {
  for (const change of changes) {
    const path = uriToPath(change.uri);
    if (!path || !INDEXED.test(path) || isOpen(change.uri)) {
      continue;
    }
    if (change.type === FileChangeType.Deleted) {
      service.forgetFile(path);
    } else {
      refreshFromDisk(path, service);
    }
  }
}

/** Reads one file as it is on disk now into the indexes (forgotten when it is gone). */
export function refreshFromDisk(path: string, service: LanguageService): void {
  const text = read(path);
  if (text === undefined) {
    service.forgetFile(path);
  } else {
    service.indexFile(path, text);
  }
}
