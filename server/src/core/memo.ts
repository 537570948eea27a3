/**
 * A bounded memo for pure functions of a string: documents re-validated on every keystroke repeat the same
 * expressions and templates, so their results are kept (least recently used dropped first). Callers must treat
 * the results as read-only. Several passes read one document's expressions in turn, so the capacity must exceed
 * the distinct texts of the biggest document, or every pass misses.
 */
export function memoByText<T>(compute: (text: string) => T, capacity = 100_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string): T => {
    const hit = cache.get(text);
    if (hit !== undefined) {
      cache.delete(text);
      cache.set(text, hit);
      return hit;
    }
    const value = compute(text);
    if (cache.size >= capacity) {
      cache.delete(cache.keys().next().value as string);
    }
    cache.set(text, value);
    return value;
  };
}
