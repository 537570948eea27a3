import type { Problem } from '../../problem';
import type { Call, Expr } from '../../promql/ast';
import { walk } from '../../promql/ast';
import { checkPromQL } from '../../promql/check';
import { docSpan, embeddedText } from '../../promql/embed';
import type { Span, ValueType } from '../../promql/types';
import type { AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';

/** A rule's `expr` that parsed and type-checked without errors, and where its text is in the document. */
export interface RuleExpr {
  expr: Expr;
  type?: ValueType;
  node: AstNode;
  docText: string;
  /** The expression as written. */
  text: string;
}

/** The rule's expression, when it is valid PromQL (errors are the embedded PromQL checks' to report). */
export function ruleExpr(node: AstNode | undefined, ctx: DocumentContext): RuleExpr | undefined {
  // A string's value is its decoded text: what embeddedText would give, which is dearer to compute for every rule.
  const scalar = node && node.type !== 'object' && node.type !== 'array';
  const text = node?.type === 'string' ? String(node.value) : scalar ? embeddedText(node, ctx.text)?.text : undefined;
  if (!node || !text?.trim()) {
    return undefined;
  }
  // The same options as embedded/promql.ts, so both share one check of each expression.
  const checked = checkPromQL(text, { prometheusVersion: ctx.settings.versions.prometheus, ...ctx.settings.promqlFeatures });
  if (!checked.expr || checked.problems.some((p) => p.severity === 'error')) {
    return undefined;
  }
  return { expr: checked.expr, type: checked.type, node, docText: ctx.text, text };
}

/** A span of the expression as a problem on the document. */
export function exprProblem(e: RuleExpr, span: Span, code: string, message: string, severity: Problem['severity'] = 'warning'): Problem {
  const at = docSpan(embeddedText(e.node, e.docText)!, span);
  return { offset: at.from, length: at.to - at.from, code, severity, message };
}

const TYPE_NAMES: Partial<Record<ValueType, string>> = { string: 'a string', matrix: 'a range vector' };

/**
 * Rule results must be instant vectors; a scalar is turned into one sample without labels, anything else fails
 * each evaluation (rules/manager.go EngineQueryFunc: "rule result is not a vector or scalar"). promtool check rules
 * does not evaluate, so it accepts such rules: a warning, not an error.
 */
export function exprTypeProblems(e: RuleExpr): Problem[] {
  const got = e.type && TYPE_NAMES[e.type];
  if (!got) {
    return [];
  }
  return [
    exprProblem(
      e,
      e.expr,
      'rules/expr-not-vector',
      `A rule's expression must give an instant vector (or a scalar, which becomes one series without labels), but this gives ${got}: Prometheus loads the rule, then every evaluation fails with "rule result is not a vector or scalar".`,
    ),
  ];
}

/**
 * An alert fires for every series its expression returns, so the expression must be able to return fewer series
 * than exist: a comparison, `and`/`unless`, absent(), or the ALERTS series. An expression that reads no series at
 * all (`vector(1)`) is a deliberate always-firing alert (a "Watchdog" that proves the alerting pipeline works).
 */
export function conditionProblems(e: RuleExpr): Problem[] {
  if (filters(e.expr) || !readsSeries(e.expr)) {
    return [];
  }
  return [
    exprProblem(
      e,
      e.expr,
      'rules/alert-without-condition',
      'This alert has no condition: its expression returns every series it finds, so the alert fires for each of them whenever they exist. Compare the value with a threshold (e.g. "> 0.9", without "bool"), or keep only some series with "and"/"unless".',
    ),
  ];
}

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);

/** Whether the expression can drop some of the series it is computed from, i.e. acts as a condition. */
function filters(e: Expr): boolean {
  switch (e.kind) {
    case 'paren':
    case 'unary':
    case 'subquery':
      return filters(e.expr);
    case 'matrixSelector':
      return filters(e.selector);
    case 'vectorSelector':
      // ALERTS has series only for pending and firing alerts: selecting it is the condition.
      return e.name === 'ALERTS';
    case 'call':
      return isAbsent(e) || e.args.some(filters);
    case 'aggregate':
      // topk/bottomk/limitk pick series but return some whenever any exist: not a condition either.
      return e.expr !== undefined && filters(e.expr);
    case 'binary':
      if (COMPARISONS.has(e.op)) {
        return !e.bool || filters(e.lhs) || filters(e.rhs);
      }
      if (e.op === 'and' || e.op === 'unless') {
        return true;
      }
      // `a or b` returns all of a's series when only b is a condition.
      return e.op === 'or' ? filters(e.lhs) && filters(e.rhs) : filters(e.lhs) || filters(e.rhs);
    default:
      return false;
  }
}

function readsSeries(e: Expr): boolean {
  let found = false;
  walk(e, (n) => {
    found ||= n.kind === 'vectorSelector';
    return !found;
  });
  return found;
}

function isAbsent(e: Expr): boolean {
  return e.kind === 'call' && (e.name === 'absent' || e.name === 'absent_over_time');
}

/** The first absent()/absent_over_time() call of an expression. */
export function absentCall(e: RuleExpr): Call | undefined {
  let found: Call | undefined;
  if (!e.text.includes('absent')) {
    return undefined;
  }
  walk(e.expr, (n) => {
    if (!found && n.kind === 'call' && isAbsent(n)) {
      found = n;
    }
    return !found;
  });
  return found;
}
