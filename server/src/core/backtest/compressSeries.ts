// Recorded samples written back in promtool's expanding notation (the inverse of ruletest/seriesNotation.ts):
// runs of one value as `axN`, arithmetic runs as `a+bxN` / `a-bxN` when repeated addition (as the parser does it)
// gives every value bit for bit, `_` / `_xN` for missing samples and `stale` for staleness markers. Parsing the
// text gives back exactly the values given.

/** One sample slot: a value, a staleness marker, or nothing. */
export type RecordedValue = number | 'stale' | null;

/** A float as the series lexer reads it back exactly (JavaScript's shortest round-trip form, Go's names for the odd ones). */
export function formatSeriesNumber(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? 'Inf' : '-Inf';
  }
  return Object.is(v, -0) ? '-0' : String(v);
}

/** `Inf` and `NaN` lex as words: `Infx3` would be one unknown word, so they are never repeated. */
function repeatable(v: number): boolean {
  return Number.isFinite(v);
}

/** How many values from `i` on equal `values[i]` (same bits, so -0 and 0 differ). */
function sameRun(values: RecordedValue[], i: number): number {
  const first = values[i];
  let j = i + 1;
  while (j < values.length && typeof values[j] === 'number' && Object.is(values[j], first)) {
    j++;
  }
  return j - i;
}

/** How many values from `i` on the parser's repeated addition of `values[i+1] - values[i]` reproduces. */
function stepRun(values: RecordedValue[], i: number): { length: number; step: number } {
  const a = values[i] as number;
  const next = values[i + 1];
  if (typeof next !== 'number' || !repeatable(next)) {
    return { length: 1, step: 0 };
  }
  const step = next - a;
  let current = a;
  let j = i + 1;
  while (j < values.length && typeof values[j] === 'number' && Object.is(current + step, values[j])) {
    current += step;
    j++;
  }
  return { length: j - i, step };
}

function missingRun(values: RecordedValue[], i: number): number {
  let j = i;
  while (j < values.length && values[j] === null) {
    j++;
  }
  return j - i;
}

/** The `values` text of an input series whose n-th slot is `values[n]`. */
export function compressSeries(values: RecordedValue[]): string {
  const items: string[] = [];
  let i = 0;
  while (i < values.length) {
    const v = values[i];
    if (v === null) {
      const n = missingRun(values, i);
      items.push(n === 1 ? '_' : `_x${n}`);
      i += n;
    } else if (v === 'stale') {
      items.push('stale');
      i++;
    } else if (!repeatable(v)) {
      items.push(formatSeriesNumber(v));
      i++;
    } else {
      const same = sameRun(values, i);
      const stepped = same > 1 ? { length: 1, step: 0 } : stepRun(values, i);
      if (same > 1) {
        items.push(`${formatSeriesNumber(v)}x${same - 1}`);
        i += same;
      } else if (stepped.length > 2 && Number.isFinite(stepped.step)) {
        const sign = stepped.step < 0 || Object.is(stepped.step, -0) ? '-' : '+';
        items.push(`${formatSeriesNumber(v)}${sign}${formatSeriesNumber(Math.abs(stepped.step))}x${stepped.length - 1}`);
        i += stepped.length;
      } else {
        items.push(formatSeriesNumber(v));
        i++;
      }
    }
  }
  return items.join(' ');
}
