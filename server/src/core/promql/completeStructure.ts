/**
 * The bracket structure of (possibly half-written) PromQL up to a point: which `(`, `{` and `[` are still open and
 * what each one means (a call, an aggregation, a `by (…)` list, a selector's matchers, a range …). Completion,
 * signature help and hover read it instead of a syntax tree, because the text being edited rarely parses.
 * One pass over the tokens, no backtracking.
 */
import { AGGREGATOR_WORDS } from './lexer';
import type { ScanToken } from './completeScan';

export type FrameRole = 'call' | 'aggregate' | 'grouping' | 'matching' | 'include' | 'fill' | 'at' | 'durationCall' | 'paren' | 'selector' | 'range';

export interface Frame {
  role: FrameRole;
  /** Token index of the opening bracket. */
  index: number;
  /** Function or aggregation name (lower-cased for aggregations); the keyword for label lists (`by`, `on` …). */
  name?: string;
  /** Commas seen directly inside: the index of the argument or list item being written. */
  commas: number;
  /** In `[…]`: a `:` was seen, so this is a subquery and the step comes next. */
  colon?: boolean;
  /** Aggregations: a `by`/`without` list was written before the parenthesis. Label lists: the aggregation they belong to. */
  grouped?: boolean;
  owner?: Frame;
  /** Token index of the closing bracket, once seen. */
  close?: number;
}

export interface Structure {
  tokens: ScanToken[];
  /** Frames still open at the end, outermost first. */
  open: Frame[];
  /** Index of the last token before the end that is not a comment, or -1. */
  prev: number;
  /** Closing token index → the frame it closed. */
  closed: Map<number, Frame>;
}

const LABEL_LISTS = new Map<string, FrameRole>([
  ['by', 'grouping'],
  ['without', 'grouping'],
  ['on', 'matching'],
  ['ignoring', 'matching'],
  ['group_left', 'include'],
  ['group_right', 'include'],
  ['fill', 'fill'],
  ['fill_left', 'fill'],
  ['fill_right', 'fill'],
]);
const DURATION_CALLS = new Set(['step', 'range', 'min_of', 'max_of']);
/** Words that are never the name of a call even when a parenthesis follows. */
const NOT_CALLS = new Set(['and', 'or', 'unless', 'atan2', 'bool', 'offset']);
const CLOSERS: Record<string, string> = { ')': '(', '}': '{', ']': '[' };

export const lower = (t: ScanToken | undefined): string => (t && t.type === 'ident' ? t.text.toLowerCase() : '');

/** The structure of tokens[0 .. end). */
export function analyzeStructure(tokens: ScanToken[], end: number): Structure {
  const s: Structure = { tokens, open: [], prev: -1, closed: new Map() };
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (t.type === 'comment') {
      continue;
    }
    if (t.type === 'punct') {
      punct(s, t, i);
    }
    s.prev = i;
  }
  return s;
}

function punct(s: Structure, t: ScanToken, i: number): void {
  const top = s.open[s.open.length - 1];
  if (t.text === '(' || t.text === '{' || t.text === '[') {
    s.open.push(opener(s, t.text, i));
  } else if (CLOSERS[t.text]) {
    const want = CLOSERS[t.text];
    // Tolerate mismatched brackets: close up to the nearest opener of the right kind.
    for (let k = s.open.length - 1; k >= 0; k--) {
      if (openChar(s, s.open[k]) === want) {
        const frame = s.open[k];
        frame.close = i;
        s.closed.set(i, frame);
        s.open.length = k;
        break;
      }
    }
  } else if (t.text === ',' && top) {
    top.commas++;
  } else if (t.text === ':' && top?.role === 'range') {
    top.colon = true;
  }
}

export function openChar(s: Structure, f: Frame): string {
  return s.tokens[f.index].text;
}

function opener(s: Structure, char: string, i: number): Frame {
  if (char === '{') {
    return { role: 'selector', index: i, commas: 0 };
  }
  if (char === '[') {
    return { role: 'range', index: i, commas: 0 };
  }
  const p = s.prev >= 0 ? s.tokens[s.prev] : undefined;
  const word = lower(p);
  const frame: Frame = { role: 'paren', index: i, commas: 0 };
  if (p?.type === 'ident') {
    parenAfterWord(s, frame, word, p.text);
  } else if (p?.text === ')') {
    const before = s.closed.get(s.prev);
    if (before?.role === 'grouping' && before.owner) {
      // `sum by (job) (`: the parenthesis of the aggregation itself.
      frame.role = 'aggregate';
      frame.name = before.owner.name;
      frame.grouped = true;
    }
  }
  return frame;
}

function parenAfterWord(s: Structure, frame: Frame, word: string, text: string): void {
  const top = s.open[s.open.length - 1];
  const beforeIndex = prevIndex(s.tokens, s.prev);
  const beforeWord = s.tokens[beforeIndex] as ScanToken | undefined;
  if (AGGREGATOR_WORDS.has(word)) {
    frame.role = 'aggregate';
    frame.name = word;
  } else if (LABEL_LISTS.has(word)) {
    frame.role = LABEL_LISTS.get(word)!;
    frame.name = word;
    if (frame.role === 'grouping') {
      frame.owner = groupingOwner(s, beforeIndex);
    }
  } else if ((word === 'start' || word === 'end') && beforeWord?.text === '@') {
    frame.role = 'at';
  } else if (DURATION_CALLS.has(word) && (top?.role === 'range' || lower(beforeWord) === 'offset' || top?.role === 'durationCall')) {
    frame.role = 'durationCall';
    frame.name = word;
  } else if (!NOT_CALLS.has(word)) {
    frame.role = 'call';
    frame.name = text;
  }
}

/** The aggregation a `by`/`without` belongs to: the word just before (`sum by`) or the closed call before (`sum(x) by`). */
function groupingOwner(s: Structure, before: number): Frame | undefined {
  const t = s.tokens[before] as ScanToken | undefined;
  if (t && AGGREGATOR_WORDS.has(lower(t))) {
    return { role: 'aggregate', index: before, commas: 0, name: lower(t) };
  }
  if (t?.text === ')') {
    const f = s.closed.get(before);
    return f?.role === 'aggregate' ? f : undefined;
  }
  return undefined;
}

/** Index of the last non-comment token before index i, or -1. */
export function prevIndex(tokens: ScanToken[], i: number): number {
  let k = i - 1;
  while (k >= 0 && tokens[k].type === 'comment') {
    k--;
  }
  return k;
}

/** Index of the first non-comment token at or after i, or tokens.length. */
export function nextIndex(tokens: ScanToken[], i: number): number {
  let k = i;
  while (k < tokens.length && tokens[k].type === 'comment') {
    k++;
  }
  return k;
}

/**
 * Index of the bracket that closes the one opened at `open`, scanning forward, or tokens.length when it is
 * never closed. Linear in the distance.
 */
export function matchingClose(tokens: ScanToken[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const c = tokens[k].text;
    if (tokens[k].type !== 'punct') {
      continue;
    }
    if (c === '(' || c === '{' || c === '[') {
      depth++;
    } else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        return k;
      }
    }
  }
  return tokens.length;
}
