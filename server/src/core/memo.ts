import { ownCopy } from './strings';

/**
 * A bounded memo for pure functions of a string: documents re-validated on every keystroke repeat the same
 * expressions and templates, so their results are kept (those unused longest dropped first; up to twice `capacity` for a while). Callers must treat
 * the results as read-only. Several passes read one document's expressions in turn, so the capacity must exceed
 * the distinct texts of the biggest document, or every pass misses.
 */
export function memoByText<T>(compute: (text: string) => T, capacity = 100_000): (text: string) => T {
  // Two generations instead of a strict LRU list: a hit in the young map costs one lookup, where moving the entry
  // to the end of one Map (delete + set) cost ten times that on big documents. A hit in the old generation moves
  // the entry to the young one; when the young one is full it becomes the old one, dropping what was not used since.
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  return (text: string): T => {
    const hit = young.get(text);
    if (hit !== undefined) {
      return hit;
    }
    // Texts are often slices of a document: the kept key must not hold every edited version of it alive.
    const key = ownCopy(text);
    const value = old.get(key) ?? compute(key);
    if (young.size >= capacity) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
    return value;
  };
}
