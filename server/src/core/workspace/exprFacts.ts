import { walk } from '../promql/ast';
import { exprText } from '../promql/formatString';
import { substituteVariables } from '../promql/grafanaVariables';
import { lex, type Token } from '../promql/lexer';
import { parsePromQL } from '../promql/parse';
import type { Span } from '../promql/types';

/** A metric name written in an expression, with the span of the name itself (inside quotes when quoted). */
export interface NameUse extends Span {
  metric: string;
}

/** What the workspace index keeps of one expression: the metrics it reads and its canonical text. */
export interface ExprFacts {
  uses: NameUse[];
  /** The expression as Prometheus prints it (one line, sorted matchers): equal for equal ASTs. Unset when invalid. */
  canonical?: string;
}

/** Where an expression is written: a rule's (whose canonical text finds duplicate rules), a test's, a dashboard's. */
export type ExprUse = 'rule' | 'test' | 'dashboard';

/**
 * The facts of one PromQL text. A valid expression is read from its AST; an invalid one (being typed) by a
 * tolerant scan of its tokens, so a rule that is mid-edit does not stop using the metrics it names. Dashboard
 * queries have their Grafana variables substituted first; only rules get a canonical text.
 */
export function exprFacts(text: string, use: ExprUse = 'rule'): ExprFacts {
  const grafanaVariables = use === 'dashboard';
  let source = text;
  let back = (s: Span): Span => s;
  if (grafanaVariables && /\$|\[\[/.test(text)) {
    const sub = substituteVariables(text);
    source = sub.text;
    back = (s) => sub.map.toOriginalSpan(s);
  }
  const { expr } = parsePromQL(source);
  if (!expr) {
    return { uses: scanUses(source).map((u) => ({ ...back(u), metric: u.metric })) };
  }
  const uses: NameUse[] = [];
  walk(expr, (n) => {
    if (n.kind !== 'vectorSelector') {
      return;
    }
    if (n.name !== undefined && n.nameSpan) {
      uses.push({ metric: n.name, ...back(n.nameSpan) });
      return;
    }
    const m = n.matchers.find((x) => x.name === '__name__' && x.op === '=');
    // Only a quoted name without escapes can be renamed in place: its span is then the text between the quotes.
    if (m && source.slice(m.valueSpan.from + 1, m.valueSpan.to - 1) === m.value) {
      uses.push({ metric: m.value, ...back({ from: m.valueSpan.from + 1, to: m.valueSpan.to - 1 }) });
    }
  });
  return { uses, canonical: use === 'rule' ? exprText(expr) : undefined };
}

const LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/** Metric-like identifiers outside braces, label lists and function calls, from the lexer's tokens. */
function scanUses(text: string): NameUse[] {
  const tokens: Token[] = lex(text).tokens;
  const out: NameUse[] = [];
  let braces = 0;
  let labelList = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'LEFT_BRACE') {
      braces++;
    } else if (t.type === 'RIGHT_BRACE') {
      braces = Math.max(0, braces - 1);
    } else if (t.type === 'KEYWORD' && LIST_KEYWORDS.has(t.text.toLowerCase()) && tokens[i + 1]?.type === 'LEFT_PAREN') {
      labelList = true;
    } else if (t.type === 'RIGHT_PAREN') {
      labelList = false;
    } else if ((t.type === 'IDENTIFIER' || t.type === 'METRIC_IDENTIFIER') && braces === 0 && !labelList && tokens[i + 1]?.type !== 'LEFT_PAREN') {
      out.push({ metric: t.text, from: t.from, to: t.to });
    }
  }
  return out;
}
