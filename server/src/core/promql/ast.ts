/**
 * Our typed PromQL AST, built from the lezer tree by parse.ts. It follows the node types of
 * promql/parser/ast.go, except that offset/@/anchored/smoothed modifiers are fields of the selector or
 * subquery they apply to (as in Go) and every node, label and modifier keeps its `from`/`to` offsets.
 */
import { getFunction } from './functions';
import type { Span, ValueType } from './types';

export type Expr = NumberLiteral | StringLiteral | VectorSelector | MatrixSelector | Subquery | Call | Aggregate | Binary | Unary | Paren;
/** Everything `walk` visits: expressions and the duration expressions inside `[…]` and after `offset`. */
export type Node = Expr | DurationExpr;

export interface NumberLiteral extends Span {
  kind: 'number';
  value: number;
  /** As written: `1e3`, `0x1F`, `Inf`, `1_000`, `-5`, `5m` … */
  text: string;
  /** Written as a duration (`5m`), allowed as a number since Prometheus 2.54. */
  duration: boolean;
}

export interface StringLiteral extends Span {
  kind: 'string';
  value: string;
  /** As written, with quotes. */
  raw: string;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher extends Span {
  name: string;
  nameSpan: Span;
  /** The label name was written as a string (`{"my.label"="x"}`, Prometheus 3). */
  quotedName: boolean;
  op: MatchOp;
  value: string;
  valueSpan: Span;
  /** `{"my.metric"}`: a quoted metric name alone in the braces (name is `__name__`, op `=`). */
  metricName?: boolean;
}

export interface OffsetModifier extends Span {
  /** The keyword `offset`. */
  keyword: Span;
  duration: DurationExpr;
}

export interface AtModifier extends Span {
  /** The timestamp in seconds, for `@ <number>`. */
  value?: number;
  /** The number as written, for `@ <number>`. */
  text?: string;
  /** The timestamp was written as a duration (`@ 5m`, Prometheus ≥ 2.54). */
  duration?: boolean;
  preprocessor?: 'start' | 'end';
}

/** The modifiers that selectors and subqueries accept. */
export interface Modifiers {
  offset?: OffsetModifier;
  at?: AtModifier;
  anchored?: Span;
  smoothed?: Span;
}

export interface VectorSelector extends Span, Modifiers {
  kind: 'vectorSelector';
  /** The metric name written before the braces. */
  name?: string;
  nameSpan?: Span;
  matchers: LabelMatcher[];
  /** The braces, when present. */
  braces?: Span;
}

export interface MatrixSelector extends Span, Modifiers {
  kind: 'matrixSelector';
  /** Normally a vector selector; anything else is an error ("ranges only allowed for vector selectors"). */
  selector: Expr;
  range: DurationExpr;
  /** The `[…]`. */
  brackets: Span;
}

export interface Subquery extends Span, Modifiers {
  kind: 'subquery';
  expr: Expr;
  range: DurationExpr;
  step?: DurationExpr;
  brackets: Span;
}

export interface Call extends Span {
  kind: 'call';
  name: string;
  nameSpan: Span;
  args: Expr[];
  /** The parentheses. */
  parens: Span;
}

export interface LabelName extends Span {
  name: string;
  /** Written as a string (`by ("my.label")`, Prometheus 3). */
  quoted: boolean;
}

export interface Grouping extends Span {
  without: boolean;
  labels: LabelName[];
}

export interface Aggregate extends Span {
  kind: 'aggregate';
  /** Lower case: `sum`, `topk`, `count_values` … */
  op: string;
  opSpan: Span;
  /** All arguments as written; `param` and `expr` are derived from them when their count is right. */
  args: Expr[];
  param?: Expr;
  expr?: Expr;
  grouping?: Grouping;
  parens: Span;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | 'atan2' | '==' | '!=' | '>' | '<' | '>=' | '<=' | '</' | '>/' | 'and' | 'or' | 'unless';

export interface VectorMatching extends Span {
  /** `on(…)` rather than `ignoring(…)`. */
  on: boolean;
  labels: LabelName[];
  card: 'one-to-one' | 'many-to-one' | 'one-to-many';
  /** `group_left`/`group_right` and their label list. */
  group?: Span;
  include: LabelName[];
}

export interface FillModifier extends Span {
  /** Value for missing series on the left (`fill` or `fill_left`). */
  lhs?: number;
  rhs?: number;
}

export interface Binary extends Span {
  kind: 'binary';
  op: BinaryOp;
  opSpan: Span;
  lhs: Expr;
  rhs: Expr;
  bool?: Span;
  matching?: VectorMatching;
  fill?: FillModifier;
}

export interface Unary extends Span {
  kind: 'unary';
  op: '+' | '-';
  expr: Expr;
}

export interface Paren extends Span {
  kind: 'paren';
  expr: Expr;
}

/** Duration expressions: a literal (`5m`, `300`), arithmetic (Prometheus 3.4+ behind a flag), step()/range()/min_of()/max_of(). */
export type DurationExpr = DurationLiteral | DurationBinary | DurationUnary | DurationCall | DurationParen;

export interface DurationLiteral extends Span {
  kind: 'durationLiteral';
  text: string;
  /** Length in seconds. */
  seconds: number;
  /** Written as a plain number of seconds (`[300]`), allowed since Prometheus 2.54. */
  isNumber: boolean;
}

export interface DurationBinary extends Span {
  kind: 'durationBinary';
  op: '+' | '-' | '*' | '/' | '%' | '^';
  opSpan: Span;
  lhs: DurationExpr;
  rhs: DurationExpr;
}

export interface DurationUnary extends Span {
  kind: 'durationUnary';
  op: '+' | '-';
  expr: DurationExpr;
}

export interface DurationCall extends Span {
  kind: 'durationCall';
  name: 'step' | 'range' | 'min_of' | 'max_of';
  args: DurationExpr[];
}

export interface DurationParen extends Span {
  kind: 'durationParen';
  expr: DurationExpr;
}

/** The children of a leaf (shared: callers only read lists of children). */
const NO_CHILDREN: readonly Node[] = [];

/** The direct children of a node, in source order. */
export function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case 'matrixSelector':
      return withOffset([node.selector, node.range], node);
    case 'subquery':
      return withOffset(node.step ? [node.expr, node.range, node.step] : [node.expr, node.range], node);
    case 'vectorSelector':
      return node.offset ? [node.offset.duration] : NO_CHILDREN;
    case 'call':
    case 'aggregate':
    case 'durationCall':
      return node.args;
    case 'binary':
    case 'durationBinary':
      return [node.lhs, node.rhs];
    case 'unary':
    case 'paren':
    case 'durationUnary':
    case 'durationParen':
      return [node.expr];
    default:
      return NO_CHILDREN;
  }
}

function withOffset(nodes: Node[], m: Modifiers): Node[] {
  return m.offset ? [...nodes, m.offset.duration] : nodes;
}

/**
 * Visits `node` and its descendants depth-first in source order. Returning `false` from `visit` skips the
 * children of that node. Iterative, so deeply nested expressions cannot overflow the stack.
 */
export function walk(node: Node, visit: (node: Node, parent: Node | undefined) => boolean | void): void {
  // Two stacks side by side (node, its parent) rather than a pair per node: walks run over every expression.
  const nodes: Node[] = [node];
  const parents: (Node | undefined)[] = [undefined];
  while (nodes.length) {
    const n = nodes.pop()!;
    const parent = parents.pop();
    if (visit(n, parent) === false) {
      continue;
    }
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) {
      nodes.push(kids[i]);
      parents.push(n);
    }
  }
}

/** The innermost node whose span contains `offset` (ends inclusive), with its ancestors outermost first. */
export function nodeAt(root: Node, offset: number): { node: Node; ancestors: Node[] } | undefined {
  if (offset < root.from || offset > root.to) {
    return undefined;
  }
  const ancestors: Node[] = [];
  let node = root;
  for (;;) {
    const next = children(node).find((c) => offset >= c.from && offset <= c.to);
    if (!next) {
      return { node, ancestors };
    }
    ancestors.push(node);
    node = next;
  }
}

/** The length of a duration expression in seconds, when it is constant (no step()/range()). */
export function durationSeconds(d: DurationExpr): number | undefined {
  switch (d.kind) {
    case 'durationLiteral':
      return d.seconds;
    case 'durationParen':
      return durationSeconds(d.expr);
    case 'durationUnary': {
      const v = durationSeconds(d.expr);
      return v === undefined ? undefined : d.op === '-' ? -v : v;
    }
    case 'durationBinary': {
      const [a, b] = [durationSeconds(d.lhs), durationSeconds(d.rhs)];
      return a === undefined || b === undefined ? undefined : arithmetic(d.op, a, b);
    }
    case 'durationCall': {
      const [a, b] = d.args.map(durationSeconds);
      if (d.name === 'step' || d.name === 'range' || a === undefined || b === undefined) {
        return undefined;
      }
      return d.name === 'min_of' ? Math.min(a, b) : Math.max(a, b);
    }
  }
}

function arithmetic(op: DurationBinary['op'], a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    default:
      return a ** b;
  }
}

/** Unwraps parentheses: `((foo))` → `foo`. */
export function unparen(e: Expr): Expr {
  while (e.kind === 'paren') {
    e = e.expr;
  }
  return e;
}

/**
 * The value type of an expression, as the `Type()` methods of promql/parser/ast.go define it; undefined when it
 * cannot be known (a call to an unknown function).
 */
export function typeOf(e: Expr): ValueType | undefined {
  switch (e.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vectorSelector':
    case 'aggregate':
      return 'vector';
    case 'matrixSelector':
    case 'subquery':
      return 'matrix';
    case 'call':
      return getFunction(e.name)?.returns;
    case 'unary':
    case 'paren':
      return typeOf(e.expr);
    case 'binary': {
      const [l, r] = [typeOf(e.lhs), typeOf(e.rhs)];
      if (l === undefined || r === undefined) {
        return undefined;
      }
      return l === 'scalar' && r === 'scalar' ? 'scalar' : 'vector';
    }
  }
}
