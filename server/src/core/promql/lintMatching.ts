/**
 * Lints on labels that cannot be there (lintLabels.ts computes which labels each sub-expression can have):
 * - `promql/impossible-labels`: grouping by, matching on, or copying with `group_left/right` a label that an inner
 *   aggregation (or `on (…)`, `vector()` …) removed;
 * - `promql/vector-matching-never-matches`: two sides whose label sets are fixed and differ, matched on all labels
 *   (or all but `ignoring (…)`): no pair of series can ever match (promql/engine.go VectorBinop matches by the
 *   signature of all labels but the name, or of the `on` labels only);
 * - `promql/histogram-quantile-without-le`: histogram_quantile over classic buckets whose `le` was aggregated away
 *   (promql/functions.go funcHistogramQuantile ignores float series without `le`, so the result is empty).
 */
import { walk, type Aggregate, type Binary, type Call, type Expr, type LabelName, type Node } from './ast';
import { aggregateHead, metricName, type Fix, type LintContext } from './lintContext';
import { describeRemover, labelAnalysisOf, removedBy, SELECTING_AGGREGATIONS, type LabelAnalysis, type LabelSet } from './lintLabels';

export function lintMatching(ctx: LintContext): void {
  const labels = labelAnalysisOf(ctx.root);
  ctx.each('aggregate', (agg) => groupingOnRemovedLabel(ctx, labels, agg));
  ctx.each('binary', (b) => {
    matchingOnRemovedLabel(ctx, labels, b);
    includeOfRemovedLabel(ctx, labels, b);
    neverMatches(ctx, labels, b);
  });
  ctx.each('call', (call) => {
    if (call.name === 'histogram_quantile') {
      quantileWithoutLe(ctx, labels, call);
    }
  });
}

/** `sum by (job) (sum by (instance) (x))`: the outer `job` is always empty. */
function groupingOnRemovedLabel(ctx: LintContext, labels: LabelAnalysis, agg: Aggregate): void {
  const inner = agg.expr && labels.of(agg.expr);
  if (!inner || !agg.grouping || agg.grouping.without) {
    return;
  }
  const effect = SELECTING_AGGREGATIONS.has(agg.op) ? 'all series fall into one group' : 'the result never has it';
  for (const l of agg.grouping.labels) {
    const by = removedBy(inner, l.name);
    if (by) {
      ctx.warn('impossible-labels', l, `grouping by "${l.name}", which the inner ${describeRemover(by)} already removed: ${effect}`);
    }
  }
}

/** `sum by (job) (x) / on (instance) y`: the left side has no `instance`, so nothing can match. */
function matchingOnRemovedLabel(ctx: LintContext, labels: LabelAnalysis, b: Binary): void {
  const m = b.matching;
  const [l, r] = [labels.of(b.lhs), labels.of(b.rhs)];
  if (!m?.on || !l || !r) {
    return;
  }
  for (const name of m.labels) {
    const [gl, gr] = [removedBy(l, name.name), removedBy(r, name.name)];
    // Missing on both sides, the label is merely useless: both match on the same empty value.
    if ((gl && !gr) || (gr && !gl)) {
      const side = gl ? 'left' : 'right';
      const message = `on (${name.name}): the ${side} side never has "${name.name}" (${describeRemover((gl ?? gr)!)} removed it), so no series can match`;
      ctx.warn('impossible-labels', name, message);
    }
  }
}

/** `x * on (instance) group_left (team) sum by (instance) (y)`: there is no `team` to copy. */
function includeOfRemovedLabel(ctx: LintContext, labels: LabelAnalysis, b: Binary): void {
  const m = b.matching;
  if (!m || m.card === 'one-to-one' || !m.include.length) {
    return;
  }
  const [oneSide, side, keyword] = m.card === 'many-to-one' ? [b.rhs, 'right', 'group_left'] : [b.lhs, 'left', 'group_right'];
  const one = labels.of(oneSide);
  if (!one) {
    return;
  }
  for (const inc of m.include) {
    const by = removedBy(one, inc.name);
    if (by) {
      const message = `${keyword} (${inc.name}): the ${side} side never has "${inc.name}" (${describeRemover(by)} removed it), so the result never has it`;
      ctx.warn('impossible-labels', inc, message);
    }
  }
}

/** `sum by (job) (x) / sum(y)`: a series with a job can never match one without labels. */
function neverMatches(ctx: LintContext, labels: LabelAnalysis, b: Binary): void {
  const m = b.matching;
  const [l, r] = [labels.of(b.lhs), labels.of(b.rhs)];
  if (b.op === 'or' || m?.on || !l?.closed || !r?.closed) {
    return;
  }
  const ignored = new Set((m?.labels ?? []).map((x) => x.name));
  const [ls, rs] = [without(l, ignored), without(r, ignored)];
  if (ls.length === rs.length && ls.every((x) => rs.includes(x))) {
    return;
  }
  const set = (s: string[]): string => (s.length ? `only (${s.join(', ')})` : 'no labels');
  const message = `${b.op} never matches: the left side has ${set(ls)}, the right side ${set(rs)}${m ? ` after ignoring (${[...ignored].join(', ')})` : ''}, so no pair of series has the same labels`;
  ctx.warn('vector-matching-never-matches', b.opSpan, message, m ? undefined : matchOnNothing(b, ls, rs));
}

function without(s: LabelSet, ignored: Set<string>): string[] {
  return [...s.labels].filter((x) => !ignored.has(x)).sort();
}

/** When one side has no labels at all, `on () group_left` matches each series of the other side with it. */
function matchOnNothing(b: Binary, ls: string[], rs: string[]): Fix | undefined {
  if (ls.length && rs.length) {
    return undefined;
  }
  const at = b.bool ? b.bool.to : b.opSpan.to;
  const set = b.op === 'and' || b.op === 'unless';
  const modifier = set ? 'on ()' : rs.length ? 'on () group_right' : 'on () group_left';
  return { title: `Match every series with the single one on the other side (${modifier})`, from: at, to: at, replacement: ` ${modifier}` };
}

/** `histogram_quantile(0.9, sum by (job) (rate(x_bucket[5m])))`: `le` is gone, so there are no buckets. */
function quantileWithoutLe(ctx: LintContext, labels: LabelAnalysis, call: Call): void {
  const inner = call.args[1];
  const set = inner && labels.of(inner);
  const by = set && removedBy(set, 'le');
  // Native histograms need no `le`: only classic buckets (`…_bucket` series) are judged.
  if (!by || !readsBuckets(inner)) {
    return;
  }
  const at = by.kind === 'aggregate' ? aggregateHead(by) : by;
  const message = `histogram_quantile() needs the "le" label of the buckets, but ${describeRemover(by)} removes it, so the result is always empty`;
  ctx.warn('histogram-quantile-without-le', at, message, by.kind === 'aggregate' ? addLe(ctx, by) : undefined);
}

/** Whether the expression reads classic histogram buckets: a `…_bucket` series (also recorded ones) or an `le` matcher. */
function readsBuckets(e: Expr): boolean {
  let found = false;
  walk(e, (n: Node) => {
    if (n.kind === 'vectorSelector') {
      found ||= /_bucket(:|$)/.test(metricName(n)?.name ?? '') || n.matchers.some((m) => m.name === 'le');
    }
    return !found;
  });
  return found;
}

function addLe(ctx: LintContext, agg: Aggregate): Fix | undefined {
  const g = agg.grouping;
  const title = 'Keep "le" in the aggregation';
  if (!g) {
    const glued = ctx.text[agg.opSpan.to] === '(';
    return { title, from: agg.opSpan.to, to: agg.opSpan.to, replacement: glued ? ' by (le) ' : ' by (le)' };
  }
  if (g.without) {
    return undefined;
  }
  const last: LabelName | undefined = g.labels[g.labels.length - 1];
  if (last) {
    return { title, from: last.to, to: last.to, replacement: ', le' };
  }
  const close = g.to - 1;
  return ctx.text[close] === ')' ? { title, from: close, to: close, replacement: 'le' } : undefined;
}
