/**
 * Lints on operators and aggregations:
 * - `promql/compare-nan`: NaN compares unequal to everything, itself included (IEEE 754, which promql/engine.go
 *   vectorElemBinop follows with Go's float comparisons), so `x == NaN` is never true and `x != NaN` always is;
 * - `promql/division-in-aggregation`: one NaN or ±Inf among the inputs of sum/avg/stddev/stdvar makes the whole
 *   group NaN or Inf (float addition), and `a / b` is NaN or ±Inf wherever b is 0;
 * - `promql/topk-in-alert`: the series topk/bottomk/limitk/limit_ratio keep change from one evaluation to the
 *   next, and an alert whose series disappears resolves (rules/alerting.go), so such alerts flap.
 */
import { typeOf, unparen, walk, type Aggregate, type Binary, type Expr, type Node } from './ast';
import type { Fix, LintContext } from './lintContext';
import { SELECTING_AGGREGATIONS } from './lintLabels';

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);

export function lintOperators(ctx: LintContext): void {
  ctx.each('binary', (b) => {
    if (COMPARISONS.has(b.op)) {
      compareNaN(ctx, b);
    }
  });
  ctx.each('aggregate', (agg) => {
    if (POISONED_BY_NAN.has(agg.op) && agg.expr) {
      divisionInAggregation(ctx, agg, agg.expr);
    }
    if (ctx.options.context === 'alert' && SELECTING_AGGREGATIONS.has(agg.op) && !dedupe(agg) && !labelsFixedAbove(ctx, agg)) {
      const message = `${agg.op}() in an alerting rule: the series it keeps can change at every evaluation, so alerts resolve and fire again as series move in and out of it; alert on a threshold instead`;
      ctx.warn('topk-in-alert', agg.opSpan, message);
    }
  });
}

function isNaNLiteral(e: Expr): boolean {
  const u = unparen(e);
  return u.kind === 'unary' ? isNaNLiteral(u.expr) : u.kind === 'number' && Number.isNaN(u.value);
}

/** `x == NaN` → `x != x`; `x != NaN` → `x == x`. */
function compareNaN(ctx: LintContext, b: Binary): void {
  const [l, r] = [isNaNLiteral(b.lhs), isNaNLiteral(b.rhs)];
  if (!l && !r) {
    return;
  }
  const [nan, other] = l ? [b.lhs, b.rhs] : [b.rhs, b.lhs];
  const at = l ? { from: nan.from, to: b.opSpan.to } : { from: b.opSpan.from, to: nan.to };
  const name = ctx.slice(other).length <= 40 ? ctx.slice(other) : 'x';
  if (b.op !== '==' && b.op !== '!=') {
    ctx.warn('compare-nan', at, `${b.op} NaN is never true: no value is greater or less than NaN`);
    return;
  }
  const [verdict, op, advice] = b.op === '==' ? ['never true', '!=', 'to find NaN samples'] : ['always true', '==', 'to drop NaN samples'];
  const why = `${b.op} NaN is ${verdict}: NaN equals nothing, not even itself`;
  if (l && r) {
    ctx.warn('compare-nan', at, why);
    return;
  }
  ctx.warn('compare-nan', at, `${why}; ${advice} compare the value with itself: ${name} ${op} ${name}`, withSelf(ctx, b, nan, other, op));
}

/** The comparison with the NaN side replaced by the other side, and the operator by `op` (`bool`, modifiers kept). */
function withSelf(ctx: LintContext, b: Binary, nan: Expr, other: Expr, op: string): Fix {
  const edits = [
    { span: b.opSpan, text: op },
    { span: nan, text: ctx.slice(other) },
  ].sort((x, y) => x.span.from - y.span.from);
  let out = '';
  let last = b.from;
  for (const e of edits) {
    out += ctx.text.slice(last, e.span.from) + e.text;
    last = e.span.to;
  }
  return { title: `Compare with itself (${op})`, from: b.from, to: b.to, replacement: out + ctx.text.slice(last, b.to) };
}

/** Aggregations whose result one NaN or Inf input spoils; min/max skip NaN, count/group ignore values. */
const POISONED_BY_NAN = new Set(['sum', 'avg', 'stddev', 'stdvar']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '^', 'atan2']);

/** `sum(a / b)`: each division directly in the aggregation's input (not inside functions or inner aggregations). */
function divisionInAggregation(ctx: LintContext, agg: Aggregate, e: Expr): void {
  const u = unparen(e);
  if (u.kind === 'unary') {
    divisionInAggregation(ctx, agg, u.expr);
  }
  if (u.kind !== 'binary' || !ARITHMETIC.has(u.op)) {
    return;
  }
  divisionInAggregation(ctx, agg, u.lhs);
  divisionInAggregation(ctx, agg, u.rhs);
  if ((u.op === '/' || u.op === '%') && typeOf(u.rhs) === 'vector' && oftenZero(u.rhs) && !neverZero(u.rhs)) {
    const message =
      `${agg.op}() of a division: where the divisor is 0 the quotient is NaN or ±Inf, and one such series turns the whole ${agg.op} into NaN or Inf; ` +
      `divide aggregates instead (sum(a) / sum(b)) or skip zero divisors (a / (b > 0))`;
    const fix = { title: 'Skip zero divisors (> 0)', from: u.rhs.from, to: u.rhs.to, replacement: `(${ctx.slice(u.rhs)} > 0)` };
    ctx.info('division-in-aggregation', u.rhs, message, fix);
  }
}

/**
 * Divisors computed by rate-like functions, which are 0 whenever nothing happened in the window (an idle endpoint's
 * request rate): the common source of NaN. Plain gauges (capacities, limits, periods) are left alone to keep noise down.
 */
function oftenZero(e: Expr): boolean {
  let found = false;
  walk(e, (n) => {
    found ||= n.kind === 'call' && RATE_LIKE.has(n.name);
    return !found;
  });
  return found;
}

const RATE_LIKE = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'changes', 'resets']);

/** Divisors that are filtered (`b > 0`), counts (`count(…)` ≥ 1), clamped above 0, or offset by a positive constant. */
function neverZero(e: Expr): boolean {
  const u = unparen(e);
  switch (u.kind) {
    case 'binary':
      if (COMPARISONS.has(u.op)) {
        return !u.bool;
      }
      if (u.op === 'and') {
        return neverZero(u.lhs) || neverZero(u.rhs);
      }
      if (u.op === 'or') {
        return neverZero(u.lhs) && neverZero(u.rhs);
      }
      return u.op === 'unless' ? neverZero(u.lhs) : u.op === '+' && (positive(u.lhs) || positive(u.rhs));
    case 'aggregate':
      return u.op === 'count' || u.op === 'group' || u.op === 'count_values';
    case 'call':
      if (u.name === 'clamp_min' || u.name === 'clamp') {
        return positive(u.args[1]);
      }
      return ['count_over_time', 'present_over_time', 'absent', 'absent_over_time'].includes(u.name) || (u.name === 'vector' && positive(u.args[0]));
    default:
      return false;
  }
}

function positive(e: Expr | undefined): boolean {
  const u = e && unparen(e);
  return u?.kind === 'number' && u.value > 0;
}

/**
 * `topk by (namespace, pod) (1, …)` keeps one series per group: a common way to drop duplicates (HA replicas,
 * several kube-state-metrics), stable as long as the groups are.
 */
function dedupe(agg: Aggregate): boolean {
  const k = agg.param && unparen(agg.param);
  return agg.op !== 'limit_ratio' && agg.grouping !== undefined && k?.kind === 'number' && k.value === 1;
}

/**
 * Whether the series a topk keeps are hidden from the alert's output: aggregated again (`count(topk(…))`), turned
 * into a scalar, or used as the "one" side of `group_left/right`, where only its labels are copied.
 */
function labelsFixedAbove(ctx: LintContext, agg: Aggregate): boolean {
  let child: Node = agg;
  for (const a of ctx.ancestors(agg)) {
    if (a.kind === 'aggregate' && !SELECTING_AGGREGATIONS.has(a.op)) {
      return true;
    }
    if (a.kind === 'call' && ['scalar', 'absent', 'absent_over_time'].includes(a.name)) {
      return true;
    }
    if (a.kind === 'binary' && a.matching && a.matching.card !== 'one-to-one') {
      if ((a.matching.card === 'many-to-one' ? a.rhs : a.lhs) === child) {
        return true;
      }
    }
    child = a;
  }
  return false;
}
