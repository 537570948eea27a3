import { memoByText } from '../../memo';
import { parseSeriesValues, type SeriesProblem } from '../../ruletest/seriesNotation';

/**
 * What the editor needs to know about an `input_series` `values` string, without expanding it: its first syntax
 * error, how many values it stands for and the step of its last real sample. Expanding `0+1x9999999` would
 * allocate ten million values on every keystroke, so the parser sees the text with every repetition count
 * written as 1 (same length, so offsets hold), and the counts are added up here from the items.
 */
export interface ValuesSummary {
  problem?: SeriesProblem & { code: 'ruletests/invalid-values' | 'ruletests/too-many-values' };
  /** How many steps the values cover. */
  steps: number;
  /** Step of the last number (not `_`, not `stale`); -1 when there is none. */
  lastSample: number;
}

/** Longer texts are not parsed in the editor: the parser's tokens cost about a microsecond per character. */
export const MAX_VALUES_TEXT = 100_000;
/** The most values the rule-test engine loads for one series (ruletest/seriesNotation.ts). */
export const MAX_VALUES = 10_000_000;

const REPETITION = /x([0-9]+)/g;

function summarize(text: string): ValuesSummary {
  const shrunk = text.replace(REPETITION, (_m, digits: string) => 'x' + '0'.repeat(digits.length - 1) + '1');
  const problem = parseSeriesValues(shrunk).problems[0];
  if (problem) {
    return { problem: { ...problem, code: 'ruletests/invalid-values' }, steps: 0, lastSample: -1 };
  }
  // The text parsed, so every item is `_`, `_xN`, a value, `valuexN` or `value±stepxN` without inner spaces.
  let steps = 0;
  let lastSample = -1;
  const item = /\S+/g;
  for (let m = item.exec(text); m; m = item.exec(text)) {
    const word = m[0];
    const times = /x([0-9]+)$/.exec(word);
    const blank = word.startsWith('_');
    const count = times ? Number(times[1]) + (blank ? 0 : 1) : 1;
    if (steps + count > MAX_VALUES) {
      const at = m.index + (times ? times.index + 1 : 0);
      const message = `too many values in series: more than ${MAX_VALUES}`;
      return { problem: { from: at, to: m.index + word.length, message, code: 'ruletests/too-many-values' }, steps: 0, lastSample: -1 };
    }
    steps += count;
    if (!blank && word !== 'stale') {
      lastSample = steps - 1;
    }
  }
  return { steps, lastSample };
}

export const valuesSummary = memoByText(summarize, 10_000);
