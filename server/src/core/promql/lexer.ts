/**
 * A port of Prometheus's PromQL lexer (promql/parser/lex.go, Prometheus 3.x, without the series-description
 * states used by rule tests). Lezer parses the structure; this lexer exists so that lexical errors are found exactly
 * where and as Prometheus finds them ("unterminated quoted string", "bad number or duration syntax: …",
 * "unexpected character inside braces: …"), and so that syntax errors can name the unexpected item the way the Go
 * parser does (`unexpected identifier "foo"`, `unexpected <by>`, `unexpected end of input`).
 */
import { goQuote, goQuoteRune } from './goText';
import { lexNumberOrDuration, lexRawString, lexString, scanDurationKeyword } from './lexLiterals';
import { EOF, isAlpha, isDigit, isSpace, isSpaceUnit, isWordStartUnit, Lexer, type LexError, type State, type Token, type TokenType } from './lexState';

export type { LexError, Token, TokenType };

export interface LexResult {
  tokens: Token[];
  error?: LexError;
}

export const AGGREGATOR_WORDS = new Set(['sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'count_values', 'quantile', 'limitk', 'limit_ratio']);
const KEYWORD_WORDS = ['offset', 'smoothed', 'anchored', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'fill', 'fill_left', 'fill_right', 'bool'];
const PREPROCESSOR_WORDS = ['start', 'end', 'step', 'range', 'max_of', 'min_of'];
/**
 * The type of each word that has one outside braces, by its lowercase spelling, as lex.go's `key` map decides
 * (keywords are case-insensitive): one Map lookup per word, which needs no interning of the word.
 */
const WORD_TYPES = new Map<string, TokenType>([
  ['and', 'LAND'],
  ['or', 'LOR'],
  ['unless', 'LUNLESS'],
  ['atan2', 'ATAN2'],
  ...[...AGGREGATOR_WORDS].map((w): [string, TokenType] => [w, 'AGGREGATOR']),
  ...KEYWORD_WORDS.map((w): [string, TokenType] => [w, 'KEYWORD']),
  ...PREPROCESSOR_WORDS.map((w): [string, TokenType] => [w, 'PREPROCESSOR']),
  ['inf', 'NUMBER'],
  ['nan', 'NUMBER'],
]);
/** Words longer than every typed one are identifiers: most metric names, read without a lookup. */
const LONGEST_TYPED_WORD = Math.max(...[...WORD_TYPES.keys()].map((w) => w.length));
/** One-character tokens outside braces (in a duration expression, all but `@`). */
const SINGLE_CHAR_STATEMENTS = new Map<string, TokenType>([[',', 'COMMA'], ['*', 'MUL'], ['/', 'DIV'], ['%', 'MOD'], ['+', 'ADD'], ['-', 'SUB'], ['^', 'POW'], ['@', 'AT']]);
const OPERATOR_TYPES = new Set<TokenType>(['ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'POW', 'EQLC', 'NEQ', 'LTE', 'LSS', 'GTE', 'GTR', 'TRIM_UPPER', 'TRIM_LOWER', 'EQL_REGEX', 'NEQ_REGEX', 'AT', 'LAND', 'LOR', 'LUNLESS', 'ATAN2']);

/** The type of a word outside braces, if it has one of its own (see WORD_TYPES). */
function wordType(word: string): TokenType | undefined {
  return word.length > LONGEST_TYPED_WORD ? undefined : WORD_TYPES.get(word.toLowerCase());
}

/** How lex.go's `Item.desc()` names an item in "unexpected …" messages. */
export function describeToken(t: Token | undefined): string {
  if (!t || t.type === 'EOF') {
    return 'end of input';
  }
  switch (t.type) {
    case 'IDENTIFIER':
      return `identifier ${goQuote(t.text)}`;
    case 'METRIC_IDENTIFIER':
      return `metric identifier ${goQuote(t.text)}`;
    case 'NUMBER':
    case 'DURATION':
    case 'STRING': {
      const word = t.type === 'NUMBER' ? 'number' : t.type === 'DURATION' ? 'duration' : 'string';
      return `${word} ${t.text.length > 10 ? `${goQuote(Array.from(t.text).slice(0, 10).join(''))}...` : goQuote(t.text)}`;
    }
    case 'KEYWORD':
      return `<${t.text}>`;
    case 'AGGREGATOR':
      return `<aggr:${t.text}>`;
    default:
      return OPERATOR_TYPES.has(t.type) ? `<op:${t.text}>` : goQuote(t.text);
  }
}

/**
 * Tokens outside braces, one after another: a step that ends back in this state (most tokens) continues the loop
 * here, without a return through lex()'s dispatch.
 */
function lexStatements(l: Lexer): State {
  for (;;) {
    const next = statement(l);
    if (next !== lexStatements) {
      return next;
    }
  }
}

/** One step of lex.go's lexStatements. */
function statement(l: Lexer): State {
  if (l.braceOpen) {
    return lexInsideBraces;
  }
  const unit = l.input.charCodeAt(l.pos);
  // The most common starts first, read without next(): a word outside brackets (a name or keyword), spaces.
  if (!l.bracketOpen && (isWordStartUnit(unit) || unit === 58 /* : */)) {
    return lexKeywordOrIdentifier(l);
  }
  if (isSpaceUnit(unit)) {
    l.skipSpaces();
    return lexStatements;
  }
  if (unit === 35 /* # */) {
    return lexLineComment;
  }
  const r = l.next();
  if (r === EOF) {
    if (l.parenDepth !== 0) {
      const at = l.parens[l.parens.length - 1] ?? l.pos;
      return l.errorf('unclosed left parenthesis', at, at + 1, l.start);
    }
    if (l.bracketOpen) {
      return l.errorf('unclosed left bracket', l.lastBracket, l.lastBracket + 1, l.start);
    }
    l.emit('EOF');
    return null;
  }
  const single = SINGLE_CHAR_STATEMENTS.get(r);
  if (single) {
    l.emit(single);
    return lexStatements;
  }
  if (r === '=' || r === '!' || r === '<' || r === '>') {
    return lexComparison(l, r);
  }
  if (isDigit(r) || (r === '.' && isDigit(l.peek()))) {
    l.backup();
    return lexNumberOrDuration;
  }
  if (r === '"' || r === "'") {
    l.stringOpen = r;
    return lexString;
  }
  if (r === '`') {
    l.stringOpen = r;
    return lexRawString;
  }
  if (isAlpha(r) || r === ':') {
    return lexWordInBrackets(l, r);
  }
  return lexBracket(l, r);
}

function lexComparison(l: Lexer, r: string): State {
  const t = l.peek();
  if (r === '=') {
    if (t === '=') {
      l.next();
      l.emit('EQLC');
      return lexStatements;
    }
    if (t === '~') {
      return l.errorf(`unexpected character after '=': ${goQuoteRune(t)}`);
    }
    l.emit('EQL');
    return lexStatements;
  }
  if (r === '!') {
    const n = l.next();
    if (n !== '=') {
      return l.errorf(`unexpected character after '!': ${goQuoteRune(n || '\ufffd')}`);
    }
    l.emit('NEQ');
    return lexStatements;
  }
  if (t === '=' || t === '/') {
    l.next();
    l.emit(r === '<' ? (t === '=' ? 'LTE' : 'TRIM_UPPER') : t === '=' ? 'GTE' : 'TRIM_LOWER');
  } else {
    l.emit(r === '<' ? 'LSS' : 'GTR');
  }
  return lexStatements;
}

/** A word or colon inside `[…]` (words outside brackets are read by lexKeywordOrIdentifier). */
function lexWordInBrackets(l: Lexer, r: string): State {
  if (r === ':') {
    if (l.gotColon) {
      return l.errorf(`unexpected colon ${goQuoteRune(r)}`);
    }
    l.emit('COLON');
    l.gotColon = true;
    return lexStatements;
  }
  if ('srmSRM'.includes(r) && scanDurationKeyword(l)) {
    return lexStatements;
  }
  return l.errorf(`unexpected character: ${goQuoteRune(r)}, expected ${goQuoteRune(':')}`);
}

function lexBracket(l: Lexer, r: string): State {
  switch (r) {
    case '(':
      l.emit('LEFT_PAREN');
      l.parenDepth++;
      l.parens.push(l.pos - 1);
      return lexStatements;
    case ')':
      l.emit('RIGHT_PAREN');
      l.parenDepth--;
      l.parens.pop();
      return l.parenDepth < 0 ? l.errorf(`unexpected right parenthesis ${goQuoteRune(r)}`, l.pos - 1, l.pos) : lexStatements;
    case '{':
      l.emit('LEFT_BRACE');
      l.braceOpen = true;
      l.lastBrace = l.pos - 1;
      return lexInsideBraces;
    case '[':
      if (l.bracketOpen) {
        return l.errorf(`unexpected left bracket ${goQuoteRune(r)}`);
      }
      l.gotColon = false;
      l.emit('LEFT_BRACKET');
      l.lastBracket = l.pos - 1;
      l.skipSpaces();
      l.bracketOpen = true;
      return lexDurationExpr;
    case ']':
      if (!l.bracketOpen) {
        return l.errorf(`unexpected right bracket ${goQuoteRune(r)}`);
      }
      l.emit('RIGHT_BRACKET');
      l.bracketOpen = false;
      return lexStatements;
    default:
      return l.errorf(`unexpected character: ${goQuoteRune(r)}`);
  }
}

/** Tokens inside braces, one after another (as lexStatements loops outside them). */
function lexInsideBraces(l: Lexer): State {
  for (;;) {
    const next = insideBraces(l);
    if (next !== lexInsideBraces) {
      return next;
    }
  }
}

/** One step of lex.go's lexInsideBraces (spaces and label names lead straight back to it, as there through lexStatements). */
function insideBraces(l: Lexer): State {
  const unit = l.input.charCodeAt(l.pos);
  if (isWordStartUnit(unit)) {
    l.skipWord(false);
    l.emit('IDENTIFIER');
    return lexInsideBraces;
  }
  if (isSpaceUnit(unit)) {
    l.skipSpaces();
    return lexInsideBraces;
  }
  if (unit === 35 /* # */) {
    return lexLineComment;
  }
  const r = l.next();
  if (r === EOF) {
    return l.errorf('unexpected end of input inside braces', l.lastBrace, l.lastBrace + 1, l.start);
  }
  switch (r) {
    case ',':
      l.emit('COMMA');
      return lexInsideBraces;
    case '"':
    case "'":
      l.stringOpen = r;
      return lexString;
    case '`':
      l.stringOpen = r;
      return lexRawString;
    case '=':
      l.emit(l.accept('~') ? 'EQL_REGEX' : 'EQL');
      return lexInsideBraces;
    case '!': {
      const nr = l.next();
      if (nr === '~' || nr === '=') {
        l.emit(nr === '~' ? 'NEQ_REGEX' : 'NEQ');
        return lexInsideBraces;
      }
      return l.errorf(`unexpected character after '!' inside braces: ${goQuoteRune(nr || '\ufffd')}`);
    }
    case '{':
      return l.errorf(`unexpected left brace ${goQuoteRune(r)}`);
    case '}':
      l.emit('RIGHT_BRACE');
      l.braceOpen = false;
      return lexStatements;
    default:
      return l.errorf(`unexpected character inside braces: ${goQuoteRune(r)}`);
  }
}

function lexLineComment(l: Lexer): State {
  l.pos += 1;
  for (let r = l.next(); r !== '\n' && r !== '\r' && r !== EOF; r = l.next()) {
    // consume
  }
  l.backup();
  l.ignore();
  return lexStatements;
}

function lexKeywordOrIdentifier(l: Lexer): State {
  l.skipWord(true);
  const word = l.input.slice(l.start, l.pos);
  const kw = wordType(word);
  if (kw && !(kw === 'KEYWORD' && word.slice(0, 4).toLowerCase() === 'fill' && !followedByLeftParen(l))) {
    l.emitText(kw, word);
  } else {
    l.emitText(word.includes(':') ? 'METRIC_IDENTIFIER' : 'IDENTIFIER', word);
  }
  return lexStatements;
}

/** fill/fill_left/fill_right are keywords only before `(`, so that they stay usable as metric names. */
function followedByLeftParen(l: Lexer): boolean {
  let p = l.pos;
  while (p < l.input.length && isSpace(l.input[p])) {
    p++;
  }
  return l.input[p] === '(';
}

function lexDurationExpr(l: Lexer): State {
  const r = l.next();
  if (r === EOF) {
    return l.errorf('unexpected end of input in duration expression', l.lastBracket, l.lastBracket + 1, l.start);
  }
  const single = r === '@' ? undefined : SINGLE_CHAR_STATEMENTS.get(r);
  if (single) {
    l.emit(single);
    return lexDurationExpr;
  }
  switch (r) {
    case ']':
      l.emit('RIGHT_BRACKET');
      l.bracketOpen = false;
      l.gotColon = false;
      return lexStatements;
    case ':':
      l.emit('COLON');
      if (!l.gotDuration) {
        return l.errorf('unexpected colon before duration in duration expression', l.pos - 1, l.pos);
      }
      if (l.gotColon) {
        return l.errorf('unexpected repeated colon in duration expression', l.pos - 1, l.pos);
      }
      l.gotColon = true;
      return lexDurationExpr;
    case '(':
      l.emit('LEFT_PAREN');
      l.parenDepth++;
      l.parens.push(l.pos - 1);
      return lexDurationExpr;
    case ')':
      l.emit('RIGHT_PAREN');
      l.parenDepth--;
      l.parens.pop();
      return l.parenDepth < 0 ? l.errorf(`unexpected right parenthesis ${goQuoteRune(r)}`, l.pos - 1, l.pos) : lexDurationExpr;
  }
  if (isSpace(r)) {
    l.skipSpaces();
    return lexDurationExpr;
  }
  if ('srmSRM'.includes(r)) {
    return scanDurationKeyword(l) ? lexDurationExpr : l.errorf(`unexpected character in duration expression: ${goQuoteRune(r)}`);
  }
  if (isDigit(r) || (r === '.' && isDigit(l.peek()))) {
    l.backup();
    l.gotDuration = true;
    return lexNumberOrDuration;
  }
  return l.errorf(`unexpected character in duration expression: ${goQuoteRune(r)}`);
}

/** Lexes a whole expression; stops at the first lexical error as Prometheus does. Comments are dropped. */
export function lex(input: string): LexResult {
  const l = new Lexer(input);
  l.resume = lexStatements;
  let state: State = lexStatements;
  while (state) {
    state = state(l);
  }
  return { tokens: l.tokens, error: l.error };
}
