/**
 * Syntax errors in Prometheus's words. Lezer tells where the grammar broke (its `⚠` error nodes); our port of the Go
 * lexer tells what the item there is, so the message reads like the yacc parser's `unexpected()` in
 * promql/parser/parse.go, with the contexts of generated_parser.y's error rules ("in label matching, expected
 * string", "in grouping opts, expected label" …). Errors at the very end of the input are reported too.
 */
import type { Tree } from '@lezer/common';
import { describeToken, type Token } from './lexer';
import type { PromQLProblem } from './types';

const SYNTAX = 'promql/syntax';
const GROUPING_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const MATCH_OPS = new Set(['EQL', 'NEQ', 'EQL_REGEX', 'NEQ_REGEX']);

export function syntaxProblem(from: number, to: number, message: string): PromQLProblem {
  return { from, to, severity: 'error', code: SYNTAX, message };
}

/** Whether a lezer tree holds an error node: a scan of its node buffers (type 0 is `⚠`), much cheaper than iterating. */
function hasErrorNode(tree: Tree): boolean {
  const stack: unknown[] = [tree];
  while (stack.length) {
    const t = stack.pop() as Tree | { buffer: Uint16Array };
    if ('buffer' in t) {
      for (let i = 0; i < t.buffer.length; i += 4) {
        if (t.buffer[i] === 0) {
          return true;
        }
      }
    } else if (t.type.isError) {
      return true;
    } else {
      stack.push(...t.children);
    }
  }
  return false;
}

/** The start of the first error node of a lezer tree, if any. */
export function firstErrorOffset(tree: Tree): number | undefined {
  if (!hasErrorNode(tree)) {
    return undefined;
  }
  let at: number | undefined;
  tree.iterate({
    enter: (n) => {
      if (at !== undefined) {
        return false;
      }
      if (n.type.isError) {
        at = n.from;
        return false;
      }
      return undefined;
    },
  });
  return at;
}

/** The span for a problem about the end of the input: the last character that is not white space. */
export function endSpan(text: string): { from: number; to: number } {
  const end = text.trimEnd().length;
  return end === 0 ? { from: 0, to: 0 } : { from: end - 1, to: end };
}

/** Index of the token that contains `offset`, else of the first one after it (tokens are sorted; the last may be EOF). */
function tokenIndexAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].to <= offset && tokens[mid].type !== 'EOF') {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The problem for a lezer error at `offset`. */
export function grammarProblem(text: string, tokens: Token[], offset: number): PromQLProblem {
  const i = tokenIndexAt(tokens, offset);
  const tok = tokens[i];
  const prev = tokens[i - 1];
  if (tok?.type === 'RIGHT_PAREN' && prev?.type === 'COMMA') {
    return syntaxProblem(prev.from, prev.to, 'trailing commas not allowed in function call args');
  }
  const top = openers(tokens, i).pop();
  if (tok?.type === 'LEFT_PAREN' && prev?.type === 'IDENTIFIER' && prev.text.length === 1 && top?.kind !== 'grouping') {
    // parse.ts shows lezer a known function in place of longer unknown ones; one letter leaves no room for that.
    return syntaxProblem(prev.from, prev.to, `unknown function with name "${prev.text}"`);
  }
  const context = errorContext(tokens, i, top);
  const message = `unexpected ${describeToken(tok)}${context}`;
  if (!tok || tok.type === 'EOF') {
    const span = endSpan(text);
    return syntaxProblem(span.from, span.to, message);
  }
  return syntaxProblem(tok.from, tok.to, message);
}

type Opener = { kind: 'brace' | 'bracket' | 'paren' | 'grouping'; colon?: boolean };

function openers(tokens: Token[], end: number): Opener[] {
  const stack: Opener[] = [];
  for (let j = 0; j < end; j++) {
    const t = tokens[j];
    switch (t.type) {
      case 'LEFT_BRACE':
        stack.push({ kind: 'brace' });
        break;
      case 'LEFT_BRACKET':
        stack.push({ kind: 'bracket' });
        break;
      case 'LEFT_PAREN': {
        const before = tokens[j - 1];
        const grouping = before?.type === 'KEYWORD' && GROUPING_KEYWORDS.has(before.text.toLowerCase());
        stack.push({ kind: grouping ? 'grouping' : 'paren' });
        break;
      }
      case 'COLON':
        if (stack.length && stack[stack.length - 1].kind === 'bracket') {
          stack[stack.length - 1].colon = true;
        }
        break;
      case 'RIGHT_BRACE':
      case 'RIGHT_BRACKET':
      case 'RIGHT_PAREN':
        stack.pop();
        break;
    }
  }
  return stack;
}

/** The " in …, expected …" part, after the error rules of generated_parser.y. */
function errorContext(tokens: Token[], i: number, top: Opener | undefined): string {
  const prev = tokens[i - 1];
  if (top?.kind === 'brace') {
    return labelMatchingContext(prev);
  }
  if (top?.kind === 'grouping') {
    return prev?.type === 'LEFT_PAREN' || prev?.type === 'COMMA' ? ' in grouping opts, expected label' : ' in grouping opts, expected "," or ")"';
  }
  const word = prev?.text.toLowerCase();
  if (prev?.type === 'KEYWORD' && GROUPING_KEYWORDS.has(word!) && word !== 'group_left' && word !== 'group_right') {
    return ' in grouping opts, expected "("';
  }
  if (prev?.type === 'KEYWORD' && word === 'offset') {
    return ' in offset, expected number, duration, step(), or range()';
  }
  if (prev?.type === 'AT' || (tokens[i - 2]?.type === 'AT' && prev?.type === 'PREPROCESSOR')) {
    return ' in @, expected timestamp';
  }
  if (afterAggregationModifier(tokens, i)) {
    return ' in aggregation';
  }
  if (top?.kind === 'bracket') {
    if (prev?.type === 'LEFT_BRACKET') {
      return ' in subquery or range selector, expected number, duration, step(), or range()';
    }
    if (prev?.type === 'COLON') {
      return ' in subquery selector, expected number, duration, step(), range(), or "]"';
    }
    return top.colon ? ' in subquery selector, expected "]"' : ' in subquery or range, expected ":" or "]"';
  }
  return '';
}

/**
 * `sum by (job) <here>`: yacc's error rule `aggregate_op error` catches errors between an aggregation keyword and its
 * body. (Right after a bare `sum`, Go's parser has already taken `sum` for a metric name, so there is no context.)
 */
function afterAggregationModifier(tokens: Token[], i: number): boolean {
  if (tokens[i - 1]?.type !== 'RIGHT_PAREN' || tokens[i]?.type === 'LEFT_PAREN') {
    return false;
  }
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j].type;
    depth += t === 'RIGHT_PAREN' ? 1 : t === 'LEFT_PAREN' ? -1 : 0;
    if (depth === 0) {
      const keyword = tokens[j - 1];
      const word = keyword?.text.toLowerCase();
      return keyword?.type === 'KEYWORD' && (word === 'by' || word === 'without') && tokens[j - 2]?.type === 'AGGREGATOR';
    }
  }
  return false;
}

function labelMatchingContext(prev: Token | undefined): string {
  if (!prev || prev.type === 'LEFT_BRACE' || prev.type === 'COMMA') {
    return ' in label matching, expected identifier or "}"';
  }
  if (prev.type === 'IDENTIFIER') {
    return ' in label matching, expected label matching operator';
  }
  if (MATCH_OPS.has(prev.type)) {
    return ' in label matching, expected string';
  }
  return ' in label matching, expected "," or "}"';
}
