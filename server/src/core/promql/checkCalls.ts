/**
 * Function calls: the function_call rule of promql/parser/generated_parser.y (unknown or disabled functions) and
 * checkAST's Call case in parse.go (argument counts and types, the `info` special case), plus the versions of our
 * table and the errors the engine raises on every evaluation when constant arguments are bad
 * (promql/functions.go: label_replace, label_join, double_exponential_smoothing).
 */
import type { Call, Expr } from './ast';
import { documented, type CheckContext, type Visit } from './checkContext';
import { argumentRange, argumentType, getFunction } from './functions';
import { goFloat } from './literals';
import { re2Error } from '../re2';
import type { FunctionInfo, ValueType } from './types';


export function checkCall(call: Call, ctx: CheckContext, visit: Visit): ValueType | undefined {
  const f = getFunction(call.name);
  const removed = f?.removed && ctx.atLeast(f.removed);
  if (!f || removed) {
    const hint = removed ? ` (renamed to ${f.replacedBy} in Prometheus ${f.removed})` : '';
    ctx.error(call.nameSpan, 'promql/unknown-function', `unknown function with name "${call.name}"${hint}`);
    call.args.forEach((a) => visit(a, ctx));
    return undefined;
  }
  if (!ctx.tooOld(call.nameSpan, f.since, `function "${f.name}"`) && isExperimental(f, ctx) && !ctx.options.experimentalFunctions) {
    ctx.error(call.nameSpan, 'promql/experimental', `function "${f.name}" is not enabled`);
  }
  checkArgumentCount(call, f, ctx);
  const bypass = f.name === 'info' && call.args.length > 1 ? checkInfoSelector(call, ctx) : false;
  for (let i = 0; i < call.args.length; i++) {
    const want = argumentType(f, i);
    if (!want) {
      break;
    }
    const got = visit(call.args[i], ctx, { bypassEmptyMatcher: bypass && i === 1 });
    if (got && got !== want) {
      ctx.error(call.args[i], 'promql/type', `expected type ${documented(want)} in call to function "${f.name}", got ${documented(got)}`);
    }
  }
  checkConstantArguments(call, f, ctx);
  return f.returns;
}

function isExperimental(f: FunctionInfo, ctx: CheckContext): boolean {
  return !!f.experimental && !(f.stableSince && ctx.atLeast(f.stableSince));
}

function checkArgumentCount(call: Call, f: FunctionInfo, ctx: CheckContext): void {
  const n = call.args.length;
  const { min, max } = argumentRange(f);
  if (f.variadic === 0 && n !== min) {
    ctx.error(call, 'promql/arguments', `expected ${min} argument(s) in call to "${f.name}", got ${n}`);
  } else if (n < min) {
    ctx.error(call, 'promql/arguments', `expected at least ${min} argument(s) in call to "${f.name}", got ${n}`);
  } else if (n > max) {
    ctx.error(call, 'promql/arguments', `expected at most ${max} argument(s) in call to "${f.name}", got ${n}`);
  }
}

/** The second argument of info() is a label-matchers-only selector; true when the empty-matcher rule is waived. */
function checkInfoSelector(call: Call, ctx: CheckContext): boolean {
  const arg = call.args[1];
  if (arg.kind !== 'vectorSelector') {
    ctx.error(arg, 'promql/arguments', 'expected label selectors only');
    return false;
  }
  if (arg.name !== undefined) {
    ctx.error(arg, 'promql/arguments', 'expected label selectors only, got vector selector instead');
    return false;
  }
  return true;
}

/** A string literal argument, through parentheses. */
function stringArg(e: Expr | undefined): { value: string; at: Expr } | undefined {
  while (e?.kind === 'paren') {
    e = e.expr;
  }
  return e?.kind === 'string' ? { value: e.value, at: e } : undefined;
}

function numberArg(e: Expr | undefined): { value: number; at: Expr } | undefined {
  const at = e;
  while (e?.kind === 'paren') {
    e = e.expr;
  }
  return e?.kind === 'number' && at ? { value: e.value, at } : undefined;
}

/** Errors Prometheus raises when the query runs, found here when the arguments are constants. */
function checkConstantArguments(call: Call, f: FunctionInfo, ctx: CheckContext): void {
  const a = call.args;
  if (f.name === 'label_replace' && a.length === 5) {
    const regex = stringArg(a[4]);
    // functions.go compiles "^(?s:" + regex + ")$".
    const why = regex && re2Error(`^(?s:${regex.value})$`);
    if (regex && why) {
      ctx.evalFailure(regex.at, `invalid regular expression in label_replace(): ${regex.value} (${why})`);
    }
    checkLabelArg(a[1], ctx, 'invalid destination label name in label_replace()');
  } else if (f.name === 'label_join' && a.length >= 3) {
    a.slice(3).forEach((src) => checkLabelArg(src, ctx, 'invalid source label name in label_join()'));
    checkLabelArg(a[1], ctx, 'invalid destination label name in label_join()');
  } else if ((f.name === 'double_exponential_smoothing' || f.name === 'holt_winters') && a.length === 3) {
    const factors: [Expr, string, string][] = [
      [a[1], 'smoothing', 'sf'],
      [a[2], 'trend', 'tf'],
    ];
    for (const [arg, what, short] of factors) {
      const n = numberArg(arg);
      if (n && !(n.value > 0 && n.value < 1)) {
        ctx.evalFailure(n.at, `invalid ${what} factor. Expected: 0 < ${short} < 1, got: ${goFloat(n.value)}`);
      }
    }
  }
}

function checkLabelArg(e: Expr | undefined, ctx: CheckContext, message: string): void {
  const s = stringArg(e);
  if (s && !ctx.validLabelName(s.value)) {
    ctx.evalFailure(s.at, `${message}: ${s.value}`);
  }
}
