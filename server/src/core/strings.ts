/** Levenshtein distance, bounded: returns max+1 as soon as the distance exceeds max. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) {
    return max + 1;
  }
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) {
      return max + 1;
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate closest to `word` (a likely typo), if any is close enough. */
export function closest(word: string, candidates: string[]): string | undefined {
  const max = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, c, max);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/**
 * A string with storage of its own. V8 keeps long slices as views that hold their whole parent alive, so a cache
 * keyed by slices of a document would keep every edited version of it; slicing a concatenation copies the
 * characters into a new flat string first.
 */
export function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}
