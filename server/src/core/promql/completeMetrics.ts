/**
 * Token-level helpers of completion: which metrics a stretch of PromQL selects, which labels a list already has,
 * which metric a `{…}` belongs to. All linear in the tokens they look at.
 */
import { lower, matchingClose, nextIndex, prevIndex } from './completeStructure';
import type { ScanToken } from './completeScan';
import { unquote } from './goText';
import { AGGREGATOR_WORDS } from './lexer';

/** Words that are never a metric name where they stand in an expression (lex.go's keywords and operators). */
const NOT_METRICS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'atan2', 'inf', 'nan', 'fill', 'fill_left', 'fill_right', 'smoothed', 'anchored']);
const MATCH_OPS = new Set(['=', '!=', '=~', '!~']);
const LABEL_LIST_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'fill', 'fill_left', 'fill_right']);

/** Metric names selected in tokens[from .. to): `foo`, `foo{…}`, `{__name__="foo"}`; in order, without repeats. */
export function collectMetrics(tokens: ScanToken[], from: number, to: number): string[] {
  const out = new Set<string>();
  for (let i = from; i < to && i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'punct' && (t.text === '{' || t.text === '[')) {
      if (t.text === '{') {
        const name = nameMatcher(tokens, i);
        if (name) {
          out.add(name);
        }
      }
      i = matchingClose(tokens, i);
      continue;
    }
    if (t.type !== 'ident') {
      continue;
    }
    const word = t.text.toLowerCase();
    const next = tokens[nextIndex(tokens, i + 1)];
    if (LABEL_LIST_WORDS.has(word) && next?.text === '(') {
      i = matchingClose(tokens, nextIndex(tokens, i + 1));
      continue;
    }
    if (isMetric(tokens, i, word, next)) {
      out.add(t.text);
    }
  }
  return [...out];
}

function isMetric(tokens: ScanToken[], i: number, word: string, next: ScanToken | undefined): boolean {
  if (NOT_METRICS.has(word) || next?.text === '(') {
    return false;
  }
  if (AGGREGATOR_WORDS.has(word) && (lower(next) === 'by' || lower(next) === 'without')) {
    return false;
  }
  const p = tokens[prevIndex(tokens, i)] as ScanToken | undefined;
  return p?.text !== '@';
}

/** The metric a `{` belongs to: the name written before it, or a `__name__="…"` / quoted-name matcher inside. */
export function metricOfBraces(tokens: ScanToken[], open: number): string | undefined {
  const p = tokens[prevIndex(tokens, open)] as ScanToken | undefined;
  if (p?.type === 'ident' && !NOT_METRICS.has(p.text.toLowerCase())) {
    return p.text;
  }
  return nameMatcher(tokens, open);
}

/** A metric name given inside braces: `{__name__="foo"}` or Prometheus 3's `{"foo"}`. */
function nameMatcher(tokens: ScanToken[], open: number): string | undefined {
  const close = matchingClose(tokens, open);
  let start = true;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i];
    if (t.type === 'comment') {
      continue;
    }
    if (start && t.type === 'string' && t.closed && isItemEnd(tokens[nextIndex(tokens, i + 1)])) {
      return unquote(t.text);
    }
    if (start && labelText(t) === '__name__') {
      const op = tokens[nextIndex(tokens, i + 1)];
      const value = tokens[nextIndex(tokens, nextIndex(tokens, i + 1) + 1)];
      if (op?.text === '=' && value?.type === 'string' && value.closed) {
        return unquote(value.text);
      }
    }
    start = t.text === ',';
  }
  return undefined;
}

function isItemEnd(t: ScanToken | undefined): boolean {
  return !t || t.text === ',' || t.text === '}';
}

function labelText(t: ScanToken): string | undefined {
  if (t.type === 'ident') {
    return t.text;
  }
  return t.type === 'string' && t.closed ? unquote(t.text) : undefined;
}

/**
 * Label names already written in a `{…}` (matcher names) or a `by (…)`-style list opened at `open`, except the
 * word being typed.
 */
export function labelsInList(tokens: ScanToken[], open: number, typing: ScanToken | undefined): string[] {
  const close = matchingClose(tokens, open);
  const braces = tokens[open].text === '{';
  const out: string[] = [];
  let start = true;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i];
    if (t.type === 'comment') {
      continue;
    }
    if (start && t !== typing) {
      const name = labelText(t);
      const isName = !braces || MATCH_OPS.has(tokens[nextIndex(tokens, i + 1)]?.text ?? '');
      if (name && isName) {
        out.push(name);
      }
    }
    start = t.text === ',';
  }
  return out;
}

/** Whether the token at index i (or the nearest non-comment one before it) can end an operand. */
export function operandEnds(tokens: ScanToken[], i: number): boolean {
  const k = tokens[i]?.type === 'comment' ? prevIndex(tokens, i) : i;
  const t = tokens[k] as ScanToken | undefined;
  if (!t) {
    return false;
  }
  if (t.type === 'ident') {
    const w = t.text.toLowerCase();
    return !NOT_METRICS.has(w) || w === 'inf' || w === 'nan';
  }
  return t.type === 'number' || t.type === 'string' || t.text === ')' || t.text === '}' || t.text === ']';
}

/**
 * The complete matchers of the `{…}` opened at `open`, as written (`job="api"`), except the one that holds the
 * token `skip` (the matcher being typed) and `__name__` ones (the metric is passed on its own).
 */
export function completeMatchers(tokens: ScanToken[], open: number, skip: ScanToken | undefined): string[] {
  const close = matchingClose(tokens, open);
  const out: string[] = [];
  let segment: ScanToken[] = [];
  for (let i = open + 1; i <= close && i <= tokens.length; i++) {
    const t = tokens[i] as ScanToken | undefined;
    if (t && t.type === 'comment') {
      continue;
    }
    if (t && i < close && !(t.type === 'punct' && t.text === ',')) {
      segment.push(t);
      continue;
    }
    const [name, op, value] = segment;
    const complete = segment.length === 3 && MATCH_OPS.has(op.text) && value.type === 'string' && value.closed;
    if (complete && !segment.includes(skip!) && labelText(name) !== undefined && labelText(name) !== '__name__') {
      out.push(`${name.text}${op.text}${value.text}`);
    }
    segment = [];
  }
  return out;
}
