/**
 * State shared by the lint modules (lint*.ts): the options, every node of the tree with its parent, the problems
 * found so far, and small helpers for positions and metric names.
 */
import { unparen, walk, type Aggregate, type Expr, type Node, type VectorSelector } from './ast';
import type { PromQLProblem, Span } from './types';

export interface LintOptions {
  /** Where the expression lives: an alerting rule, a recording rule, an ad-hoc/dashboard query, a rule test. */
  context: 'alert' | 'record' | 'query' | 'test';
  /** The scrape interval in seconds, when the caller knows the configured one; default 60. */
  scrapeInterval?: number;
  /** A metric's TYPE (`counter`, `gauge`, `histogram` …) from live metadata or the workspace, when known. */
  metricType?: (name: string) => string | undefined;
}

/**
 * Prometheus's default `global.scrape_interval` is 1m (config/config.go DefaultGlobalConfig), so without a
 * configured value that is what the series were most likely scraped at.
 */
export const DEFAULT_SCRAPE_INTERVAL = 60;

export type Fix = NonNullable<PromQLProblem['fix']>;
type ExprOf<K extends Expr['kind']> = Extract<Expr, { kind: K }>;

export class LintContext {
  readonly problems: PromQLProblem[] = [];
  /** The nodes of each kind, in source order: each lint asks for a few kinds. */
  private readonly byKind = new Map<Node['kind'], Node[]>();
  /** Built when a lint first asks (few do: most never look up). */
  private parents?: Map<Node, Node | undefined>;

  constructor(
    readonly root: Expr,
    readonly text: string,
    readonly options: LintOptions,
  ) {
    walk(root, (node) => {
      const list = this.byKind.get(node.kind);
      if (list) {
        list.push(node);
      } else {
        this.byKind.set(node.kind, [node]);
      }
    });
  }

  get scrapeInterval(): number {
    const s = this.options.scrapeInterval;
    return s !== undefined && Number.isFinite(s) && s > 0 ? s : DEFAULT_SCRAPE_INTERVAL;
  }

  /** The expressions of one kind, in source order. */
  private all<K extends Expr['kind']>(kind: K): ExprOf<K>[] {
    return (this.byKind.get(kind) ?? []) as ExprOf<K>[];
  }

  /**
   * Calls `visit` with each expression of a kind, in source order. Lints run over every expression of a document;
   * a plain indexed loop spares them the iterator objects of `for … of` while their code is still cold.
   */
  each<K extends Expr['kind']>(kind: K, visit: (node: ExprOf<K>) => void): void {
    const nodes = this.all(kind);
    for (let i = 0; i < nodes.length; i++) {
      visit(nodes[i]);
    }
  }

  parent(node: Node): Node | undefined {
    return this.parentMap().get(node);
  }

  /** The ancestors of `node`, innermost first. */
  ancestors(node: Node): Node[] {
    const parents = this.parentMap();
    const out: Node[] = [];
    for (let p = parents.get(node); p; p = parents.get(p)) {
      out.push(p);
    }
    return out;
  }

  private parentMap(): Map<Node, Node | undefined> {
    if (!this.parents) {
      const parents = new Map<Node, Node | undefined>();
      walk(this.root, (node, parent) => {
        parents.set(node, parent);
      });
      this.parents = parents;
    }
    return this.parents;
  }

  slice(span: Span): string {
    return this.text.slice(span.from, span.to);
  }

  report(severity: PromQLProblem['severity'], rule: string, at: Span, message: string, fix?: Fix): void {
    this.problems.push({ from: at.from, to: at.to, severity, code: `promql/${rule}`, message, ...(fix ? { fix } : {}) });
  }

  warn(rule: string, at: Span, message: string, fix?: Fix): void {
    this.report('warning', rule, at, message, fix);
  }

  info(rule: string, at: Span, message: string, fix?: Fix): void {
    this.report('info', rule, at, message, fix);
  }
}

/** The metric name of a selector: written before the braces or as `{__name__="…"}`. */
export function metricName(sel: VectorSelector): { name: string; span: Span } | undefined {
  if (sel.name !== undefined && sel.nameSpan) {
    return { name: sel.name, span: sel.nameSpan };
  }
  const m = sel.matchers.find((x) => x.name === '__name__' && x.op === '=');
  return m ? { name: m.value, span: m } : undefined;
}

/**
 * The vector selector a range-vector argument reads: `x[5m]`, `(x)[5m]`, or the subquery `x[5m:1m]`.
 * Undefined for anything else (a subquery of an expression, a function result).
 */
export function rangeSelector(arg: Expr | undefined): VectorSelector | undefined {
  const a = arg && unparen(arg);
  const inner = a?.kind === 'matrixSelector' ? unparen(a.selector) : a?.kind === 'subquery' ? unparen(a.expr) : undefined;
  return inner?.kind === 'vectorSelector' ? inner : undefined;
}

/** A duration in Prometheus's own notation (model.Duration's String): 240 → "4m", 90 → "1m30s". */
export function formatDuration(seconds: number): string {
  const units: [string, number][] = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = Math.round(seconds * 1000);
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / (size * 1000));
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size * 1000;
    }
  }
  return rest > 0 ? `${out}${rest}ms` : out || '0s';
}

/** Where a message about an aggregation points: `sum by (job)` of `sum by (job) (…)`, `sum` of `sum(…) by (job)`. */
export function aggregateHead(agg: Aggregate): Span {
  const g = agg.grouping;
  return { from: agg.opSpan.from, to: g && g.to <= agg.parens.from ? g.to : agg.opSpan.to };
}
