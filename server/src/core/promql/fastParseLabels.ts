/**
 * Vector selectors, label matchers and grouping label lists for the fast parser, built as convert.ts builds them
 * from lezer-promql's VectorSelector, LabelMatchers and GroupingLabels nodes.
 */
import type { LabelMatcher, LabelName, MatchOp, VectorSelector } from './ast';
import { Cursor, GIVE_UP, span } from './fastParseCursor';
import { unquote } from './goText';
import type { Token, TokenType } from './lexer';

const MATCH_OPS: Partial<Record<TokenType, MatchOp>> = { EQL: '=', NEQ: '!=', EQL_REGEX: '=~', NEQ_REGEX: '!~' };

/**
 * Words that lezer-promql reads as a LabelName in a grouping list (Go's grammar allows keywords there too). Checked
 * against the lezer path by test/core/promql/fastParse.test.ts.
 */
const LABEL_WORDS = new Set<TokenType>(['IDENTIFIER', 'METRIC_IDENTIFIER', 'KEYWORD', 'AGGREGATOR', 'PREPROCESSOR', 'LAND', 'LOR', 'LUNLESS', 'ATAN2']);

/** A selector: `name`, `name{…}` or `{…}`; `name` is the metric name token when there is one. */
export function vectorSelector(c: Cursor, name: Token | undefined): VectorSelector {
  const from = name ? name.from : c.peek().from;
  const vs: VectorSelector = { kind: 'vectorSelector', matchers: [], from, to: name ? name.to : from };
  if (name) {
    vs.name = name.text;
    vs.nameSpan = span(name);
  }
  if (c.peek().type === 'LEFT_BRACE') {
    const open = c.next();
    vs.matchers = matchers(c);
    const close = c.expect('RIGHT_BRACE');
    vs.braces = { from: open.from, to: close.to };
    vs.to = close.to;
  }
  return vs;
}

/** The matchers between braces; a trailing comma is allowed, an empty list too. */
function matchers(c: Cursor): LabelMatcher[] {
  const out: LabelMatcher[] = [];
  while (c.peek().type !== 'RIGHT_BRACE') {
    out.push(matcher(c));
    if (c.peek().type !== 'COMMA') {
      break;
    }
    c.pos++;
  }
  return out;
}

function matcher(c: Cursor): LabelMatcher {
  const name = c.next();
  const op = MATCH_OPS[c.peek().type];
  if (name.type === 'STRING' && !op) {
    // `{"my.metric"}`: a quoted metric name alone.
    return { name: '__name__', nameSpan: span(name), quotedName: true, op: '=', value: unquote(name.text), valueSpan: span(name), metricName: true, ...span(name) };
  }
  if ((name.type !== 'IDENTIFIER' && name.type !== 'STRING') || !op) {
    throw GIVE_UP;
  }
  c.pos++;
  const value = c.expect('STRING');
  const quoted = name.type === 'STRING';
  return {
    name: quoted ? unquote(name.text) : name.text,
    nameSpan: span(name),
    quotedName: quoted,
    op,
    value: unquote(value.text),
    valueSpan: span(value),
    from: name.from,
    to: value.to,
  };
}

/** `( label, … )` after by/without/on/ignoring/group_left/group_right; the closing parenthesis is returned too. */
export function groupingLabels(c: Cursor): { labels: LabelName[]; close: Token } {
  c.expect('LEFT_PAREN');
  const labels: LabelName[] = [];
  while (c.peek().type !== 'RIGHT_PAREN') {
    const t = c.next();
    if (t.type === 'STRING') {
      labels.push({ name: unquote(t.text), quoted: true, from: t.from, to: t.to });
    } else if (LABEL_WORDS.has(t.type) || (t.type === 'NUMBER' && /^(inf|nan)$/i.test(t.text))) {
      labels.push({ name: t.text, quoted: false, from: t.from, to: t.to });
    } else {
      throw GIVE_UP;
    }
    if (c.peek().type !== 'COMMA') {
      break;
    }
    c.pos++;
  }
  return { labels, close: c.expect('RIGHT_PAREN') };
}
