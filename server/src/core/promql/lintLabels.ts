/**
 * What an expression's result can tell about its labels, for the lints on grouping and vector matching
 * (lintMatching.ts). The rules follow how Prometheus builds result labels:
 * - aggregations keep only the `by` labels or drop the `without` ones; topk/bottomk/limitk/limit_ratio return their
 *   input series unchanged (promql/engine.go rangeEvalAgg / aggregation);
 * - one-to-one binary operations with `on (…)` keep only those labels, with `ignoring (…)` drop them;
 *   `group_left/right (…)` copies the listed labels from the "one" side, or deletes them where that side lacks
 *   them (promql/engine.go resultMetric);
 * - `vector()`, and functions called without an argument (`time()`-based `hour()` …), have no labels; `absent()`
 *   keeps the labels of its `=` matchers (promql/functions.go createLabelsForAbsentFunction);
 * - `label_replace`/`label_join` add their destination label; `histogram_quantile` drops `le`.
 * The metric name is left out throughout: vector matching ignores it, and most operations drop it.
 */
import { typeOf, unparen, type Aggregate, type Binary, type Call, type Expr, type Node } from './ast';
import { getFunction } from './functions';

/** What is known about the labels (other than `__name__`) of the series of an instant or range vector. */
export interface LabelSet {
  /** True when the series carry at most `labels` (an aggregation `by (…)`, `vector()` … fixed them). */
  closed: boolean;
  /** For a closed set, the only labels the series can have. */
  labels: Set<string>;
  /** Labels known to be missing, with the node that removed them. */
  removed: Map<string, Node>;
  /** For a closed set, the node that fixed it: it removed every label not in `labels` and not in `removed`. */
  origin?: Node;
  /** For a closed set, the set it was made from: labels missing there were removed before `origin`. */
  input?: LabelSet;
}

/** Aggregations that return (some of) their input series unchanged, labels included. */
export const SELECTING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/** The node that made `label` missing from every series, if it is known to be missing. */
export function removedBy(s: LabelSet, label: string): Node | undefined {
  if (!s.closed) {
    return s.removed.get(label);
  }
  return s.labels.has(label) ? undefined : (s.removed.get(label) ?? (s.input && removedBy(s.input, label)) ?? s.origin);
}

const analyses = new WeakMap<Expr, LabelAnalysis>();

/**
 * The analysis of a parsed expression, shared by its readers (the lints, a rule's template checks): the parse is
 * memoised by text, so each expression's label sets are computed once, however many checks ask.
 */
export function labelAnalysisOf(root: Expr): LabelAnalysis {
  let analysis = analyses.get(root);
  if (!analysis) {
    analysis = new LabelAnalysis();
    analyses.set(root, analysis);
  }
  return analysis;
}

/** Computes label sets, each node once (binary chains would otherwise take quadratic time). */
export class LabelAnalysis {
  private readonly cache = new Map<Expr, LabelSet | undefined>();

  /** The labels of a vector-valued expression; undefined for scalars and strings. */
  of(e: Expr): LabelSet | undefined {
    if (!this.cache.has(e)) {
      this.cache.set(e, this.compute(e));
    }
    return this.cache.get(e);
  }

  private compute(e: Expr): LabelSet | undefined {
    switch (e.kind) {
      case 'number':
      case 'string':
        return undefined;
      case 'vectorSelector':
        return open();
      case 'matrixSelector':
        return this.of(e.selector);
      case 'subquery':
      case 'paren':
      case 'unary':
        return this.of(e.expr);
      case 'aggregate':
        return this.aggregate(e);
      case 'call':
        return this.call(e);
      case 'binary':
        return this.binary(e);
    }
  }

  private aggregate(e: Aggregate): LabelSet {
    const inner = (e.expr && this.of(e.expr)) ?? open();
    if (SELECTING_AGGREGATIONS.has(e.op)) {
      return inner;
    }
    let out: LabelSet;
    if (e.grouping?.without) {
      out = clone(inner);
      e.grouping.labels.forEach((l) => remove(out, l.name, e));
    } else {
      out = keepOnly(inner, (e.grouping?.labels ?? []).map((l) => l.name), e);
    }
    const param = e.param && unparen(e.param);
    if (e.op === 'count_values' && param?.kind === 'string') {
      add(out, param.value);
    }
    return out;
  }

  private call(e: Call): LabelSet | undefined {
    const f = getFunction(e.name);
    if (!f || f.name === 'info') {
      // Unknown functions, and info(), which adds the data labels of info metrics: nothing can be known.
      return open();
    }
    if (f.returns !== 'vector') {
      return undefined;
    }
    if (f.name === 'vector') {
      return { closed: true, labels: new Set(), removed: new Map(), origin: e };
    }
    if (f.name === 'absent' || f.name === 'absent_over_time') {
      return { closed: true, labels: absentLabels(e.args[0]), removed: new Map(), origin: e };
    }
    const arg = e.args.find((a) => {
      const t = typeOf(a);
      return t === 'vector' || t === 'matrix';
    });
    if (!arg) {
      return { closed: true, labels: new Set(), removed: new Map(), origin: e };
    }
    const base = this.of(arg) ?? open();
    return adjustForFunction(e, base);
  }

  private binary(e: Binary): LabelSet | undefined {
    const [l, r] = [this.of(e.lhs), this.of(e.rhs)];
    if (!l || !r) {
      return l ?? r;
    }
    if (e.op === 'or') {
      return union(l, r);
    }
    const m = e.matching;
    if (e.op === 'and' || e.op === 'unless' || !m) {
      return l;
    }
    if (m.card === 'one-to-one') {
      if (m.on) {
        return keepOnly(l, m.labels.map((x) => x.name), e);
      }
      const out = clone(l);
      m.labels.forEach((x) => remove(out, x.name, e));
      return out;
    }
    const [many, one] = m.card === 'many-to-one' ? [l, r] : [r, l];
    const out = clone(many);
    for (const inc of m.include) {
      const gone = removedBy(one, inc.name);
      if (gone) {
        remove(out, inc.name, gone);
      } else {
        add(out, inc.name);
      }
    }
    return out;
  }
}

/** label_replace/label_join add their destination; histogram_quantile(s) drop `le`. Other functions keep labels. */
function adjustForFunction(e: Call, base: LabelSet): LabelSet {
  const stringArg = (i: number): string | undefined => {
    const a = e.args[i] && unparen(e.args[i]);
    return a?.kind === 'string' ? a.value : undefined;
  };
  let out = base;
  if (e.name === 'histogram_quantile' || e.name === 'histogram_quantiles' || e.name === 'histogram_fraction') {
    out = clone(base);
    remove(out, 'le', e);
  }
  const added = e.name === 'label_replace' || e.name === 'label_join' || e.name === 'histogram_quantiles' ? stringArg(1) : undefined;
  if (added !== undefined) {
    out = out === base ? clone(base) : out;
    add(out, added);
  }
  return out;
}

/** absent(x{a="1", b=~"2"}) has the label a="1" only. */
function absentLabels(arg: Expr | undefined): Set<string> {
  const a = arg && unparen(arg);
  const sel = a?.kind === 'matrixSelector' ? unparen(a.selector) : a;
  if (sel?.kind !== 'vectorSelector') {
    return new Set();
  }
  return new Set(sel.matchers.filter((m) => m.op === '=' && m.name !== '__name__').map((m) => m.name));
}

/** The closed set `by (…)` or `on (…)` leaves; labels the input already lacked stay attributed to their remover. */
function keepOnly(input: LabelSet, names: string[], origin: Node): LabelSet {
  return { closed: true, labels: new Set(names.filter((name) => !removedBy(input, name))), removed: new Map(), origin, input };
}

/** Nothing known: what every selector starts with. Shared, as no set is changed once made (add/remove change copies). */
const OPEN: LabelSet = Object.freeze({ closed: false, labels: new Set<string>(), removed: new Map<string, Node>() });

function open(): LabelSet {
  return OPEN;
}

function clone(s: LabelSet): LabelSet {
  return { ...s, labels: new Set(s.labels), removed: new Map(s.removed) };
}

function remove(s: LabelSet, label: string, by: Node): void {
  if (removedBy(s, label)) {
    return;
  }
  s.labels.delete(label);
  s.removed.set(label, by);
}

function add(s: LabelSet, label: string): void {
  s.removed.delete(label);
  if (s.closed) {
    s.labels.add(label);
  }
}

/** `a or b`: series from both sides. */
function union(l: LabelSet, r: LabelSet): LabelSet {
  if (l.closed && r.closed) {
    return { closed: true, labels: new Set([...l.labels, ...r.labels]), removed: new Map(), origin: l.origin };
  }
  const removed = new Map<string, Node>();
  for (const label of new Set([...l.removed.keys(), ...r.removed.keys()])) {
    const [a, b] = [removedBy(l, label), removedBy(r, label)];
    if (a && b) {
      removed.set(label, a);
    }
  }
  return { closed: false, labels: new Set(), removed };
}

/** How a message names the node that removed labels: `sum by (job)`, `vector()`, `on (instance)`. */
export function describeRemover(node: Node): string {
  switch (node.kind) {
    case 'aggregate': {
      const g = node.grouping;
      return g ? `${node.op} ${g.without ? 'without' : 'by'} (${g.labels.map((l) => l.name).join(', ')})` : node.op;
    }
    case 'call':
      return `${node.name}()`;
    case 'binary': {
      const m = node.matching;
      if (!m) {
        return node.op;
      }
      return `${m.on ? 'on' : 'ignoring'} (${m.labels.map((l) => l.name).join(', ')})`;
    }
    default:
      return node.kind;
  }
}
