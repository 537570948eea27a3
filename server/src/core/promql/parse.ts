/**
 * `parsePromQL(text)`: PromQL text → our AST (ast.ts) plus syntax problems, in Prometheus's wording.
 *
 * Steps:
 * 1. our port of the Go lexer (lexer.ts) finds lexical errors exactly as Prometheus does;
 * 2. number and duration tokens are read as Go reads them (literals.ts);
 * 3. lezer-promql parses a copy of the text in which the few tokens lezer's grammar does not know (calls to
 *    functions it lacks such as `holt_winters`, number spellings such as `1.` or `0X1F`) are replaced by
 *    stand-ins of the same length, so every offset stays valid;
 * 4. the first lezer error node becomes an "unexpected …" error (syntaxErrors.ts);
 * 5. without syntax errors, the tree becomes the AST (convert.ts), which adds the errors Go's grammar actions raise.
 *
 * Before step 3, input without lexical or literal errors goes to the fast parser (fastParse.ts), which builds the
 * same AST over our tokens several times faster; whatever it does not handle, it leaves to the steps above.
 *
 * The grammar accepted is the newest Prometheus's with every feature on; check.ts judges versions and flags.
 * `expr` is set only when there is no syntax error. Deeply nested input is refused before it can exhaust the stack.
 */
import type { Tree } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import { memoByText } from '../memo';
import type { Expr } from './ast';
import { convertExpr } from './convert';
import { ConvertError, kids } from './convertContext';
import { fastParse } from './fastParse';
import { FUNCTIONS } from './functions';
import { lex, type Token } from './lexer';
import { lezerDuration, lezerNumber, parseDuration, parseNumber } from './literals';
import { endSpan, firstErrorOffset, grammarProblem, syntaxProblem } from './syntaxErrors';
import type { PromQLProblem } from './types';

export interface ParseResult {
  expr?: Expr;
  problems: PromQLProblem[];
}

/** Maximum nesting of the syntax tree we convert and check; deeper input gets one error instead of a stack overflow. */
export const MAX_DEPTH = 1000;
/** Maximum number of operators: lezer's trees for longer chains get deep enough to exhaust the stack. */
export const MAX_OPERATORS = 1000;

/** Function names lezer-promql's grammar knows (its FunctionIdentifier rule). */
const LEZER_FUNCTIONS = new Set(FUNCTIONS.map((f) => f.name).filter((n) => n !== 'holt_winters' && n !== 'min_of' && n !== 'max_of'));

let lezer: LRParser | undefined;

/**
 * lezer-promql's parser, loaded the first time an input needs it (the fast parser takes every valid expression it
 * knows): a check of valid files never loads it, and its tables cost every start-up of the CLI some 5 ms.
 */
function lezerParser(): LRParser {
  lezer ??= (require('@prometheus-io/lezer-promql') as typeof import('@prometheus-io/lezer-promql')).parser;
  return lezer;
}

/** Parses (results are shared between callers: read-only). */
export const parsePromQL: (text: string) => ParseResult = memoByText((text) => parseUncached(text));

/**
 * parsePromQL without its memo. `fast: false` runs the lezer path alone: the reference test/core/promql/fastParse.test.ts
 * holds the fast parser to, and the "before" of bench/promqlParseSpeed.ts.
 */
export function parseUncached(text: string, fast = true): ParseResult {
  try {
    return parseChecked(text, fast);
  } catch (err) {
    // The guards below keep trees shallow; should a stack still overflow, report it rather than crash.
    if (err instanceof RangeError) {
      return { problems: [tooComplex(0, text.length, 'expression too complex to analyse')] };
    }
    throw err;
  }
}

function parseChecked(text: string, fast: boolean): ParseResult {
  const { tokens, error } = lex(text);
  const problems: PromQLProblem[] = [];
  const tooDeep = complexityProblem(tokens);
  if (tooDeep) {
    return { problems: [tooDeep] };
  }
  // Long or erroneous input always takes the lezer path, so that its guards and error messages stay as they are.
  // (The fast parser reads every number and duration, and gives up on those checkLiterals would report.)
  if (fast && !error && tokens.length <= MAX_DEPTH && !lezerGaveUp(text, tokens)) {
    const expr = fastParse(text, tokens);
    if (expr) {
      return { expr, problems: [] };
    }
  }
  const literalProblems = checkLiterals(tokens);
  const tree = lezerParser().parse(standIns(text, tokens));
  const errorAt = firstErrorOffset(tree);
  if (errorAt !== undefined && !error && lezerGaveUp(text, tokens)) {
    return { problems: [tooComplex(0, text.length, 'expression too long for the PromQL parser: too many chained operators (split it, e.g. into recording rules)')] };
  }
  if (errorAt !== undefined && (!error || errorAt < error.at)) {
    problems.push(grammarProblem(text, tokens, errorAt));
  }
  if (error) {
    problems.push(syntaxProblem(error.from, error.to, error.message));
  }
  problems.push(...literalProblems);
  if (tokens.length === 1 && tokens[0].type === 'EOF') {
    return { problems: [syntaxProblem(0, endSpan(text).to, 'no expression found in input')] };
  }
  if (problems.length) {
    return { problems };
  }
  // A tree is at most a few levels deeper than it has tokens, so short inputs skip the walk.
  if (tokens.length > MAX_DEPTH && treeDepth(tree) > 2 * MAX_DEPTH) {
    return { problems: [tooComplex(0, text.length, `expression nested too deeply (more than ${MAX_DEPTH} levels)`)] };
  }
  // Results are memoised: the lezer tree is not kept with them (nothing reads it, and thousands of trees weigh).
  return convertTree(text, tokens, tree);
}

function convertTree(text: string, tokens: Token[], tree: Tree): { expr?: Expr; problems: PromQLProblem[] } {
  const ctx = { text, tokens, problems: [] as PromQLProblem[] };
  const top = kids(tree.topNode)[0];
  try {
    return { expr: convertExpr(ctx, top), problems: ctx.problems };
  } catch (err) {
    if (err instanceof ConvertError) {
      return { problems: [...ctx.problems, syntaxProblem(err.node.from, err.node.to, `unexpected ${text.slice(err.node.from, err.node.to) || 'end of input'}`)] };
    }
    throw err;
  }
}

/** Go reads NUMBER and DURATION tokens in the parser's actions; their errors come with the syntax errors. */
function checkLiterals(tokens: Token[]): PromQLProblem[] {
  const out: PromQLProblem[] = [];
  for (const t of tokens) {
    const parsed = t.type === 'NUMBER' ? parseNumber(t.text) : t.type === 'DURATION' ? parseDuration(t.text) : undefined;
    if (parsed?.error) {
      out.push(syntaxProblem(t.from, t.to, parsed.error));
    }
  }
  return out;
}

/** The text lezer parses: same length, with stand-ins where lezer's grammar would differ from Prometheus's. */
function standIns(text: string, tokens: Token[]): string {
  let out = '';
  let last = 0;
  const replace = (t: Token, by: string): void => {
    out += text.slice(last, t.from) + by;
    last = t.to;
  };
  let prevEnds = false;
  let inBrackets = false;
  // For each open "(": whether it holds a label list (after by, without, on, ignoring, group_left, group_right).
  const parens: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const ends = prevEnds;
    inBrackets = t.type === 'LEFT_BRACKET' ? true : t.type === 'RIGHT_BRACKET' ? false : inBrackets;
    if (t.type === 'LEFT_PAREN') {
      parens.push(tokens[i - 1]?.type === 'KEYWORD' && GROUPING.has(tokens[i - 1].text.toLowerCase()));
    } else if (t.type === 'RIGHT_PAREN') {
      parens.pop();
    }
    prevEnds = ENDS_OPERAND.has(t.type);
    if (t.type === 'KEYWORD' && t.text.toLowerCase() === 'offset' && !ends) {
      // Go's grammar accepts `offset` as a metric name where no operand precedes it; lezer reserves the word.
      replace(t, 'x'.repeat(t.text.length));
      prevEnds = true;
    } else if (t.type === 'METRIC_IDENTIFIER' && parens[parens.length - 1]) {
      // Prometheus 3 accepts any UTF-8 label name in grouping lists, `foo:bar` included; lezer's LabelName has no ':'.
      replace(t, t.text.replace(/:/g, '_'));
    } else if (t.type === 'NUMBER' && !lezerNumber(t.text)) {
      replace(t, '1'.repeat(t.text.length));
    } else if (t.type === 'DURATION' && !lezerDuration(t.text)) {
      replace(t, `${'1'.repeat(t.text.length - 1)}s`);
    } else if (!inBrackets && !parens[parens.length - 1] && isUnknownCall(t, tokens[i + 1]) && t.text.length >= 2) {
      // Any identifier before "(" is a call for Go's grammar; lezer only knows its own list of names.
      replace(t, (t.text.length >= 3 ? 'abs' : 'ln').padEnd(t.text.length, ' '));
    } else if ((t.type === 'IDENTIFIER' || t.type === 'METRIC_IDENTIFIER') && (OBJECT_PROPERTIES.has(t.text) || OBJECT_PROPERTIES.has(t.text.toLowerCase()))) {
      // lezer-promql looks words up in plain objects: `constructor` finds Object.prototype's and breaks its parse.
      replace(t, 'x'.repeat(t.text.length));
    }
  }
  return out + text.slice(last);
}

const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/** Names a plain object answers for (`constructor`, `toString`, …): to Go's grammar, names like any other. */
const OBJECT_PROPERTIES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Tokens after which an operand is complete, so that a following `offset` is the modifier. */
const ENDS_OPERAND = new Set<Token['type']>(['IDENTIFIER', 'METRIC_IDENTIFIER', 'NUMBER', 'DURATION', 'STRING', 'RIGHT_PAREN', 'RIGHT_BRACE', 'RIGHT_BRACKET']);

function isUnknownCall(t: Token, next: Token | undefined): boolean {
  const identifier = t.type === 'IDENTIFIER' || (t.type === 'PREPROCESSOR' && /^m(in|ax)_of$/i.test(t.text));
  return identifier && next?.type === 'LEFT_PAREN' && !LEZER_FUNCTIONS.has(t.text);
}

/** Brackets nested deeper than MAX_DEPTH, or more than MAX_OPERATORS operators, are refused before lezer runs. */
function complexityProblem(tokens: Token[]): PromQLProblem | undefined {
  let depth = 0;
  let operators = 0;
  for (const t of tokens) {
    if (t.type === 'LEFT_PAREN' || t.type === 'LEFT_BRACKET' || t.type === 'LEFT_BRACE') {
      if (++depth > MAX_DEPTH) {
        return tooComplex(t.from, t.to, `expression nested too deeply (more than ${MAX_DEPTH} levels)`);
      }
    } else if (t.type === 'RIGHT_PAREN' || t.type === 'RIGHT_BRACKET' || t.type === 'RIGHT_BRACE') {
      depth--;
    } else if (OPERATORS.has(t.type) && ++operators > MAX_OPERATORS) {
      return tooComplex(t.from, t.to, `expression too long: more than ${MAX_OPERATORS} operators (split it, e.g. into recording rules)`);
    }
  }
  return undefined;
}

function tooComplex(from: number, to: number, message: string): PromQLProblem {
  return { from, to, severity: 'error', code: 'promql/too-complex', message };
}

const OPERATORS = new Set<Token['type']>(['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'POW', 'EQLC', 'NEQ', 'LTE', 'LSS', 'GTE', 'GTR', 'TRIM_UPPER', 'TRIM_LOWER', 'LAND', 'LOR', 'LUNLESS', 'ATAN2']);

/**
 * @lezer/lr deliberately breaks off left-associative chains longer than about 300 reductions of 2,000+ characters
 * (and parse stacks deeper than 8,400) to protect recursive consumers; it then reports an error where there is none.
 * Such input gets an honest "too complex" error rather than a false "unexpected …".
 */
function lezerGaveUp(text: string, tokens: Token[]): boolean {
  if (text.length < 2000) {
    return false;
  }
  let operators = 0;
  for (const t of tokens) {
    operators += OPERATORS.has(t.type) ? 1 : 0;
  }
  return operators > 300;
}

/** The depth of the lezer tree, walked without recursion. */
function treeDepth(tree: Tree): number {
  const cursor = tree.cursor();
  let depth = 0;
  let max = 0;
  for (;;) {
    if (cursor.firstChild()) {
      depth++;
      max = Math.max(max, depth);
      continue;
    }
    while (!cursor.nextSibling()) {
      if (!cursor.parent()) {
        return max;
      }
      depth--;
    }
  }
}
