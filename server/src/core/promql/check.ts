/**
 * `checkPromQL(text, options)`: syntax (parse.ts), then the value-type checker and semantic errors of
 * promql/parser/parse.go `checkAST`, in Prometheus's wording and positioned on the offending sub-expression, plus
 * version awareness ("needs Prometheus ≥ X" for syntax and functions newer than the target) and the feature flags
 * Prometheus requires (experimental functions, duration expressions, extended range selectors, fill modifiers).
 * The concerns live in checkSelectors.ts, checkCalls.ts and checkOperators.ts.
 */
import { memoByText } from '../memo';
import type { Expr, NumberLiteral } from './ast';
import { checkCall } from './checkCalls';
import { CheckContext, checkOptionsKey, type CheckOptions, type Visit } from './checkContext';
import { checkAggregate, checkBinary, checkUnary } from './checkOperators';
import { checkDuration, checkModifiers, checkVectorSelector } from './checkSelectors';
import { parsePromQL } from './parse';
import type { PromQLProblem, ValueType } from './types';

export type { CheckOptions };

export interface CheckResult {
  expr?: Expr;
  /** The value type of the whole expression (absent when it cannot be known, e.g. after a syntax error). */
  type?: ValueType;
  problems: PromQLProblem[];
}

const memos = new Map<string, (text: string) => CheckResult>();

/** Checks a PromQL text (results are shared between callers with the same options: read-only). */
export function checkPromQL(text: string, options: CheckOptions): CheckResult {
  const key = checkOptionsKey(options);
  let memo = memos.get(key);
  if (!memo) {
    memo = memoByText((t) => checkText(t, options));
    memos.set(key, memo);
  }
  return memo(text);
}

function checkText(text: string, options: CheckOptions): CheckResult {
  const parsed = parsePromQL(text);
  if (!parsed.expr) {
    return { problems: parsed.problems };
  }
  let checked: { type?: ValueType; problems: PromQLProblem[] };
  try {
    checked = checkExpr(parsed.expr, options);
  } catch (err) {
    if (!(err instanceof RangeError)) {
      throw err;
    }
    // parse.ts keeps trees shallow enough; this is the last line of defence against a stack overflow.
    return { problems: [{ from: 0, to: text.length, severity: 'error', code: 'promql/too-complex', message: 'expression too complex to analyse' }] };
  }
  const { type, problems } = checked;
  return { expr: parsed.expr, type, problems: [...parsed.problems, ...problems].sort((a, b) => a.from - b.from || a.to - b.to) };
}

/** Checks an already parsed expression. */
export function checkExpr(expr: Expr, options: CheckOptions): { type?: ValueType; problems: PromQLProblem[] } {
  const ctx = new CheckContext(options);
  const type = visit(expr, ctx);
  return { type, problems: ctx.problems };
}

/** checkAST: the type of `e`, reporting problems on the way. Undefined when unknown (unknown function). */
const visit: Visit = (e, ctx, flags) => {
  switch (e.kind) {
    case 'number':
      checkNumber(e, ctx);
      return 'scalar';
    case 'string':
      return 'string';
    case 'vectorSelector':
      checkVectorSelector(e, ctx, flags?.bypassEmptyMatcher);
      return 'vector';
    case 'matrixSelector':
      visit(e.selector, ctx);
      checkDuration(e.range, ctx, 'range');
      checkModifiers(e, ctx);
      return 'matrix';
    case 'subquery': {
      const t = visit(e.expr, ctx);
      if (t && t !== 'vector') {
        ctx.error(e, 'promql/type', `subquery is only allowed on instant vector, got ${t} instead`);
      }
      checkDuration(e.range, ctx, 'range');
      if (e.step) {
        checkDuration(e.step, ctx, 'step');
      }
      checkModifiers(e, ctx);
      return 'matrix';
    }
    case 'call':
      return checkCall(e, ctx, visit);
    case 'aggregate':
      return checkAggregate(e, ctx, visit);
    case 'binary':
      return checkBinary(e, ctx, visit);
    case 'unary':
      return checkUnary(e, ctx, visit);
    case 'paren':
      return visit(e.expr, ctx);
  }
};

/** Number spellings newer than the target: `1_000` and durations used as numbers came with Prometheus 2.54. */
function checkNumber(n: NumberLiteral, ctx: CheckContext): void {
  if (n.duration) {
    ctx.tooOld(n, '2.54', 'a duration used as a number');
  } else if (n.text.includes('_')) {
    ctx.tooOld(n, '2.54', 'a number with _ separators');
  }
}
