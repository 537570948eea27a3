import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from '../core/uri';

/** How long an index's changes gather before the documents that may depend on them are refreshed. */
const SETTLE_MS = 300;

/** A workspace index that reports each file (by its key, the path) it re-read or dropped. */
interface ChangingIndex {
  onDidChange(listener: (key: string) => void): void;
}

/** Calls `settled` with the keys an index reported changed, once its changes have paused for a moment. */
export function onSettledChanges(index: ChangingIndex, settled: (changed: ReadonlySet<string>) => void): void {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  index.onDidChange((key) => {
    changed.add(key);
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const keys = new Set(changed);
      changed.clear();
      settled(keys);
    }, SETTLE_MS);
  });
}

/** Whether a file other than `doc` changed: a document's own edit re-validates it anyway. */
export function changedBesides(changed: ReadonlySet<string>, doc: TextDocument): boolean {
  const key = uriToPath(doc.uri) ?? doc.uri;
  return [...changed].some((k) => k !== key);
}
