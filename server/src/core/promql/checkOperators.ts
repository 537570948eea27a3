/**
 * Aggregations, binary and unary operators: checkAST's AggregateExpr, BinaryExpr and UnaryExpr cases in
 * promql/parser/parse.go (value types, `bool`, vector matching, set operators), newAggregateExpr and
 * newBinaryExpression (experimental aggregations, fill modifiers), plus version gates and the engine's label-name
 * check of count_values (promql/engine.go).
 */
import type { Aggregate, Binary, LabelName, Unary } from './ast';
import { documented, type CheckContext, type Visit } from './checkContext';
import { getAggregation, getBinaryOperator } from './functions';
import { goQuote } from './goText';
import type { ValueType } from './types';

const MATCHING = 'promql/matching';
const TYPE = 'promql/type';

export function checkAggregate(agg: Aggregate, ctx: CheckContext, visit: Visit): ValueType {
  const info = getAggregation(agg.op);
  if (info && !ctx.tooOld(agg.opSpan, info.since, `aggregation "${agg.op}"`) && info.experimental && !ctx.options.experimentalFunctions) {
    ctx.error(agg, 'promql/experimental', `${agg.op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`);
  }
  checkLabelNames(agg.grouping?.labels ?? [], ctx);
  if (agg.expr) {
    expect(agg.expr, 'vector', 'aggregation expression', ctx, visit);
  }
  if (agg.param && info?.param) {
    expect(agg.param, info.param, 'aggregation parameter', ctx, visit);
    const label = agg.param.kind === 'string' ? agg.param : undefined;
    if (agg.op === 'count_values' && label && !ctx.validLabelName(label.value)) {
      ctx.evalFailure(label, `invalid label name ${goQuote(label.value)}`);
    }
  }
  if (!agg.expr) {
    agg.args.forEach((a) => visit(a, ctx));
  }
  return 'vector';
}

function expect(e: Aggregate['args'][number], want: ValueType, where: string, ctx: CheckContext, visit: Visit): void {
  const got = visit(e, ctx);
  if (got && got !== want) {
    ctx.error(e, TYPE, `expected type ${documented(want)} in ${where}, got ${documented(got)}`);
  }
}

/** Grouping and matching label lists: quoted names need 3.0; `without`, `inf` and `nan` are not labels for Go's grammar. */
function checkLabelNames(labels: LabelName[], ctx: CheckContext): void {
  for (const l of labels) {
    if (l.quoted) {
      if (!ctx.tooOld(l, '3.0', 'a quoted label name') && !ctx.validLabelName(l.name)) {
        ctx.error(l, 'promql/syntax', `invalid label name for grouping: ${goQuote(l.name)}`);
      }
    } else if (l.name.includes(':') && !ctx.atLeast('3.0')) {
      // Before UTF-8 names, parse.go's grouping_label accepted only legacy label names.
      ctx.error(l, 'promql/syntax', `unexpected metric identifier ${goQuote(l.name)} in grouping opts, expected label`);
    } else if (/^(without|inf|nan)$/i.test(l.name)) {
      const item = l.name.toLowerCase() === 'without' ? `<${l.name}>` : `number ${goQuote(l.name)}`;
      ctx.error(l, 'promql/syntax', `unexpected ${item} in grouping opts, expected label`);
    }
  }
}

export function checkUnary(u: Unary, ctx: CheckContext, visit: Visit): ValueType | undefined {
  const t = visit(u.expr, ctx);
  if (t && t !== 'scalar' && t !== 'vector') {
    ctx.error(u, TYPE, `unary expression only allowed on expressions of type scalar or instant vector, got "${documented(t)}"`);
  }
  return t;
}

export function checkBinary(b: Binary, ctx: CheckContext, visit: Visit): ValueType | undefined {
  const lt = visit(b.lhs, ctx);
  const rt = visit(b.rhs, ctx);
  const op = getBinaryOperator(b.op);
  const comparison = op?.kind === 'comparison';
  const set = op?.kind === 'set';
  const opRange = operatorRange(b);
  ctx.tooOld(b.opSpan, op?.since, `the ${b.op} operator`);
  checkModifierVersions(b, ctx);
  if (b.bool && !comparison) {
    ctx.error(opRange, MATCHING, 'bool modifier can only be used on comparison operators');
  }
  if (comparison && !b.bool && lt === 'scalar' && rt === 'scalar') {
    ctx.error(opRange, MATCHING, 'comparisons between scalars must use BOOL modifier');
  }
  const m = b.matching;
  if (m?.on) {
    for (const l of m.labels) {
      if (m.include.some((i) => i.name === l.name)) {
        ctx.error(opRange, MATCHING, `label ${goQuote(l.name)} must not occur in ON and GROUP clause at once`);
      }
    }
  }
  for (const [t, side] of [[lt, b.lhs], [rt, b.rhs]] as const) {
    if (t && t !== 'scalar' && t !== 'vector') {
      ctx.error(side, TYPE, 'binary expression must contain only scalar and instant vector types');
    }
  }
  if (lt && rt) {
    checkMatching(b, lt, rt, set, ctx);
  }
  return lt && rt ? (lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector') : undefined;
}

function checkMatching(b: Binary, lt: ValueType, rt: ValueType, set: boolean, ctx: CheckContext): void {
  const m = b.matching;
  if (lt !== 'vector' || rt !== 'vector') {
    if (m && m.labels.length > 0) {
      ctx.error(b, MATCHING, 'vector matching only allowed between instant vectors');
    }
    if (b.fill) {
      ctx.error(b, MATCHING, 'filling in missing series only allowed between instant vectors');
    }
  } else if (set) {
    if (m && m.card !== 'one-to-one') {
      ctx.error(b, MATCHING, `no grouping allowed for "${b.op}" operation`);
      ctx.error(b, MATCHING, 'set operations must always be many-to-many');
    }
    if (b.fill) {
      ctx.error(b, MATCHING, 'filling in missing series not allowed for set operators');
    }
  }
  if ((lt === 'scalar' || rt === 'scalar') && set) {
    ctx.error(b, MATCHING, `set operator "${b.op}" not allowed in binary scalar expression`);
  }
}

function checkModifierVersions(b: Binary, ctx: CheckContext): void {
  checkLabelNames([...(b.matching?.labels ?? []), ...(b.matching?.include ?? [])], ctx);
  if (b.fill && !ctx.tooOld(b.fill, '3.10', 'a fill modifier') && !ctx.options.binopFillModifiers) {
    ctx.error(b, 'promql/experimental', 'binop fill modifiers are experimental and not enabled');
  }
}

/** The operator and its modifiers, without the operands (parse.go's opRange, which trims white space). */
function operatorRange(b: Binary): { from: number; to: number } {
  return { from: b.opSpan.from, to: Math.max(b.opSpan.to, b.bool?.to ?? 0, b.matching?.to ?? 0, b.fill?.to ?? 0) };
}
