/**
 * Step 1 of completion: what may be written at the caret. `analyzeContext(text, offset)` looks at the tokens
 * before the caret and the brackets still open (completeStructure.ts) and returns one context per kind of
 * thing that fits there; completeItems.ts turns them into items. Works on text that does not parse.
 * The decisions follow the grammar of promql/parser/generated_parser.y.
 */
import { analyzeStructure, lower, matchingClose, nextIndex, prevIndex, type Frame, type Structure } from './completeStructure';
import { scan, tokenIndexAt, type ScanToken } from './completeScan';
import type { CompletionContext, KeywordName } from './completeTypes';
import { collectMetrics, completeMatchers, labelsInList, metricOfBraces, operandEnds } from './completeMetrics';
import { argumentType, getAggregation, getFunction } from './functions';
import { AGGREGATOR_WORDS } from './lexer';
import type { Span, ValueType } from './types';

/** Where the caret is: in a word being typed, in a string, or in a gap between tokens. */
export interface Caret {
  offset: number;
  replace: Span;
  prefix: string;
  /** Index of the first token that is not before the caret (the word or string at the caret, if any). */
  index: number;
  word?: ScanToken;
  string?: ScanToken;
}

const BINARY_SYMBOLS = new Set(['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=']);
const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_WORDS = new Set(['and', 'or', 'unless']);

export function analyzeContext(text: string, offset: number): CompletionContext[] {
  const tokens = scan(text);
  const caret = locateCaret(text, tokens, Math.max(0, Math.min(offset, text.length)));
  if (!caret) {
    return [];
  }
  const s = analyzeStructure(tokens, caret.index);
  const frame = s.open[s.open.length - 1];
  if (caret.string) {
    return stringContexts(s, caret, frame);
  }
  switch (frame?.role) {
    case 'selector':
      return braceContexts(s, caret, frame);
    case 'range':
      return durationSlot(s, caret, frame.colon ? 'step' : 'range');
    case 'durationCall':
      return durationSlot(s, caret, 'range');
    case 'grouping':
    case 'matching':
    case 'include':
      return labelListContexts(s, caret, frame);
    case 'at':
    case 'fill':
      return [];
    default:
      return exprContexts(s, caret, frame);
  }
}

/** Finds the word or string under the caret; undefined inside comments and operators. */
export function locateCaret(text: string, tokens: ScanToken[], offset: number): Caret | undefined {
  let index = tokenIndexAt(tokens, offset);
  let t = tokens[index] as ScanToken | undefined;
  if (t && t.from >= offset) {
    t = undefined;
  }
  // A word or unterminated string that ends exactly at the caret is still being typed.
  const before = tokens[index - 1] as ScanToken | undefined;
  if (!t && before && before.to === offset && (before.type === 'ident' || before.type === 'number' || (before.type === 'string' && !before.closed))) {
    t = before;
    index--;
  }
  if (!t) {
    // A comment runs to the end of its line, so a caret right after it is still inside it.
    return before?.type === 'comment' && before.to === offset ? undefined : { offset, replace: { from: offset, to: offset }, prefix: '', index };
  }
  if (t.type === 'ident' || t.type === 'number') {
    return { offset, replace: { from: t.from, to: t.to }, prefix: text.slice(t.from, offset), index, word: t };
  }
  if (t.type === 'string') {
    const to = t.closed ? t.to - 1 : t.to;
    return { offset, replace: { from: t.from + 1, to }, prefix: text.slice(t.from + 1, offset), index, string: t };
  }
  return undefined;
}

function ctx<K extends CompletionContext['kind']>(caret: Caret, kind: K, rest: Omit<Extract<CompletionContext, { kind: K }>, 'kind' | 'replace' | 'prefix'>): CompletionContext {
  return { kind, replace: caret.replace, prefix: caret.prefix, ...rest } as CompletionContext;
}

/** Inside `{…}`: a label name, a match operator, or a label value, by the position within the matcher. */
function braceContexts(s: Structure, caret: Caret, frame: Frame): CompletionContext[] {
  const segment = matcherSegment(s, frame);
  const metric = metricOfBraces(s.tokens, frame.index);
  if (segment.length === 0) {
    if (caret.word?.type === 'number') {
      return [];
    }
    const exclude = labelsInList(s.tokens, frame.index, caret.word).filter((l) => l !== '__name__');
    return [ctx(caret, 'LabelName', { metric, exclude, matchers: completeMatchers(s.tokens, frame.index, caret.word) })];
  }
  const [name, op] = segment;
  if (segment.length === 1 && !caret.word && name.type === 'ident') {
    return [ctx(caret, 'MatchOperator', {})];
  }
  if (segment.length === 2 && op.type === 'punct' && /^[=!]/.test(op.text) && !caret.word) {
    return [ctx(caret, 'LabelValue', { label: labelName(name), metric, matchers: completeMatchers(s.tokens, frame.index, name) })];
  }
  return [];
}

/** The tokens of the matcher being written: since the last `,` (or the `{`) up to the caret. */
function matcherSegment(s: Structure, frame: Frame): ScanToken[] {
  const out: ScanToken[] = [];
  for (let i = s.prev; i > frame.index; i--) {
    const t = s.tokens[i];
    if (t.text === ',' && t.type === 'punct') {
      break;
    }
    if (t.type !== 'comment') {
      out.unshift(t);
    }
  }
  return out;
}

function labelName(t: ScanToken): string {
  return t.type === 'string' ? t.text.slice(1, t.closed ? -1 : undefined) : t.text;
}

/** Inside a string: a label value after `=`/`=~`, or a label name for the label arguments of label_replace and friends. */
function stringContexts(s: Structure, caret: Caret, frame: Frame | undefined): CompletionContext[] {
  if (frame?.role === 'selector') {
    const segment = matcherSegment(s, frame);
    if (segment.length === 2 && segment[1].type === 'punct') {
      const quote = caret.string!.text[0] as '"' | "'" | '`';
      const matchers = completeMatchers(s.tokens, frame.index, segment[0]);
      return [ctx(caret, 'LabelValue', { label: labelName(segment[0]), metric: metricOfBraces(s.tokens, frame.index), quote, matchers })];
    }
    return [];
  }
  if (frame && isLabelArgument(frame)) {
    const end = matchingClose(s.tokens, frame.index);
    const metrics = frame.role === 'aggregate' ? collectMetrics(s.tokens, frame.index + 1, end) : collectMetrics(s.tokens, frame.index + 1, firstComma(s.tokens, frame.index, end));
    return [ctx(caret, 'GroupingLabel', { keyword: frame.name!, metrics, exclude: [] })];
  }
  return [];
}

/** Arguments that name labels: label_replace's and label_join's destination and sources, sort_by_label's, count_values'. */
function isLabelArgument(frame: Frame): boolean {
  const n = frame.commas;
  switch (frame.name) {
    case 'label_replace':
      return n === 1 || n === 3;
    case 'label_join':
      return n === 1 || n >= 3;
    case 'sort_by_label':
    case 'sort_by_label_desc':
      return n >= 1;
    case 'count_values':
      return frame.role === 'aggregate' && n === 0;
    default:
      return false;
  }
}

function firstComma(tokens: ScanToken[], open: number, end: number): number {
  let depth = 0;
  for (let i = open + 1; i < end; i++) {
    const t = tokens[i].text;
    if (tokens[i].type !== 'punct') {
      continue;
    }
    depth += t === '(' || t === '{' || t === '[' ? 1 : t === ')' || t === '}' || t === ']' ? -1 : 0;
    if (depth === 0 && t === ',') {
      return i;
    }
  }
  return end;
}

/** In `[…]`, after `offset`, inside step()/min_of(): a duration. */
function durationSlot(s: Structure, caret: Caret, role: 'range' | 'step' | 'offset'): CompletionContext[] {
  if (caret.word?.type === 'ident' && !caret.word.text.startsWith('$')) {
    return [];
  }
  const p = s.tokens[s.prev] as ScanToken | undefined;
  if (p?.text === '$' && p.to === caret.offset) {
    // The start of a Grafana variable: replace from the `$`.
    return [ctx({ ...caret, replace: { from: p.from, to: caret.replace.to }, prefix: '$' }, 'Duration', { role })];
  }
  const starts = !p || p.text === '[' || p.text === ':' || p.text === '(' || p.text === ',' || lower(p) === 'offset' || (p.type === 'punct' && BINARY_SYMBOLS.has(p.text));
  return starts ? [ctx(caret, 'Duration', { role })] : [];
}

/** Inside `by (…)`, `on (…)`, `group_left (…)`: label names, with the metrics they are about. */
function labelListContexts(s: Structure, caret: Caret, frame: Frame): CompletionContext[] {
  const p = s.tokens[s.prev];
  if (caret.word?.type === 'number' || (p.text !== '(' && p.text !== ',')) {
    return [];
  }
  const close = matchingClose(s.tokens, frame.index);
  const exclude = labelsInList(s.tokens, frame.index, caret.word);
  return [ctx(caret, 'GroupingLabel', { keyword: frame.name ?? '', metrics: listMetrics(s, frame, close), exclude })];
}

function listMetrics(s: Structure, frame: Frame, close: number): string[] {
  const owner = frame.owner;
  if (frame.role === 'grouping' && owner) {
    if (owner.close !== undefined) {
      // `sum(expr) by (…)`
      return collectMetrics(s.tokens, owner.index + 1, owner.close);
    }
    // `sum by (…) (expr)`: the aggregated expression follows the list.
    const body = nextIndex(s.tokens, close + 1);
    return s.tokens[body]?.text === '(' ? collectMetrics(s.tokens, body + 1, matchingClose(s.tokens, body)) : [];
  }
  // `on`/`ignoring`/`group_*`: both sides of the binary expression, within the enclosing brackets.
  const outer = s.open[s.open.length - 2];
  const from = outer ? outer.index + 1 : 0;
  const to = outer ? matchingClose(s.tokens, outer.index) : s.tokens.length;
  return collectMetrics(s.tokens, from, to);
}

/** Outside brackets that fix the meaning: an operand, an operator, a modifier — by the token before the caret. */
function exprContexts(s: Structure, caret: Caret, frame: Frame | undefined): CompletionContext[] {
  const p = s.tokens[s.prev] as ScanToken | undefined;
  const signed = (p?.text === '-' || p?.text === '+') && lower(s.tokens[prevIndex(s.tokens, s.prev)]) === 'offset';
  if (lower(p) === 'offset' || signed) {
    return durationSlot(s, caret, 'offset');
  }
  if (caret.word?.type === 'number') {
    return [];
  }
  if (!p || p.text === '(' || p.text === ',') {
    return operand(s, caret, frame, []);
  }
  if (p.type === 'punct') {
    return afterPunct(s, caret, frame, p);
  }
  if (p.type === 'ident') {
    return afterWord(s, caret, frame, p);
  }
  return p.type === 'number' ? afterOperand(caret, false) : [];
}

function afterPunct(s: Structure, caret: Caret, frame: Frame | undefined, p: ScanToken): CompletionContext[] {
  if (BINARY_SYMBOLS.has(p.text)) {
    const binary = operandEnds(s.tokens, s.prev - 1);
    return operand(s, caret, frame, binary ? ['on', 'ignoring', ...(COMPARISONS.has(p.text) ? (['bool'] as const) : [])] : []);
  }
  if (p.text === '@') {
    return [ctx(caret, 'Keyword', { keywords: ['start()', 'end()'] })];
  }
  if (p.text === '}' || p.text === ']') {
    return afterOperand(caret, true);
  }
  if (p.text !== ')') {
    return [];
  }
  const closed = s.closed.get(s.prev);
  switch (closed?.role) {
    case 'grouping':
      // `sum(x) by (job)` is complete; `sum by (job)` still needs its parenthesis.
      return closed.owner?.close !== undefined ? afterOperand(caret, false) : [];
    case 'matching':
      return operand(s, caret, frame, ['group_left', 'group_right']);
    case 'include':
    case 'fill':
      return operand(s, caret, frame, []);
    case 'aggregate':
      return closed.grouped ? afterOperand(caret, false) : [ctx(caret, 'Keyword', { keywords: ['by', 'without'] }), ...afterOperand(caret, false)];
    case 'at':
      return afterOperand(caret, false, ['offset']);
    default:
      return afterOperand(caret, false);
  }
}

function afterWord(s: Structure, caret: Caret, frame: Frame | undefined, p: ScanToken): CompletionContext[] {
  const word = lower(p);
  if (word === 'by' || word === 'without' || word === 'on' || word === 'ignoring') {
    return [];
  }
  if (word === 'group_left' || word === 'group_right') {
    return operand(s, caret, frame, []);
  }
  if (word === 'bool' || SET_WORDS.has(word) || word === 'atan2') {
    return operand(s, caret, frame, word === 'bool' ? [] : ['on', 'ignoring']);
  }
  if (AGGREGATOR_WORDS.has(word)) {
    return [ctx(caret, 'Keyword', { keywords: ['by', 'without'] })];
  }
  return afterOperand(caret, true);
}

/** After a complete operand: binary operators, and for selectors the `offset` and `@` modifiers. */
function afterOperand(caret: Caret, selector: boolean, extra: KeywordName[] = []): CompletionContext[] {
  const keywords: KeywordName[] = selector ? ['offset', '@', ...extra.filter((k) => k !== 'offset')] : extra;
  const out = [ctx(caret, 'BinaryOperator', { afterOperand: true })];
  return keywords.length ? [...out, ctx(caret, 'Keyword', { keywords })] : out;
}

/** Where an expression starts: metric names, functions, aggregations, plus the keywords allowed there. */
function operand(s: Structure, caret: Caret, frame: Frame | undefined, keywords: KeywordName[]): CompletionContext[] {
  const expectedType = expectedTypeIn(frame);
  const next = s.tokens[nextIndex(s.tokens, caret.word ? caret.index + 1 : caret.index)]?.text;
  const out: CompletionContext[] = [
    ctx(caret, 'MetricName', { expectedType, needsRange: expectedType === 'matrix' && next !== '[' && next !== '{' }),
    ctx(caret, 'FunctionName', { expectedType, hasParen: next === '(' }),
    ctx(caret, 'Aggregation', { hasParen: next === '(' }),
  ];
  return keywords.length ? [...out, ctx(caret, 'Keyword', { keywords })] : out;
}

/** The type an argument of the innermost call or aggregation must have, by its position. */
export function expectedTypeIn(frame: Frame | undefined): ValueType | undefined {
  if (frame?.role === 'call') {
    const f = getFunction(frame.name ?? '');
    return f ? argumentType(f, frame.commas) : undefined;
  }
  if (frame?.role === 'aggregate') {
    const a = getAggregation(frame.name ?? '');
    return a?.param && frame.commas === 0 ? a.param : 'vector';
  }
  return undefined;
}
