/** State shared by the checker modules: options, the problems found so far, and version/feature helpers. */
import type { Expr } from './ast';
import { isOlder, LATEST_PROMETHEUS } from '../version';
import type { PromQLProblem, Span, ValueType } from './types';

export interface CheckOptions {
  /** The Prometheus version the expression must work with, e.g. "2.53" or "3.5". Empty: the newest known. */
  prometheusVersion: string;
  /** `--enable-feature=promql-experimental-functions`. */
  experimentalFunctions?: boolean;
  /** `--enable-feature=promql-duration-expr` (arithmetic in `[…]` and after `offset`, Prometheus ≥ 3.4). */
  durationExpressions?: boolean;
  /** `--enable-feature=promql-extended-range-selectors` (`anchored`/`smoothed`, Prometheus ≥ 3.7). */
  extendedRangeSelectors?: boolean;
  /** `--enable-feature=promql-binop-fill-modifiers` (`fill()`, `fill_left()`, `fill_right()`, Prometheus ≥ 3.10). */
  binopFillModifiers?: boolean;
}

/** A short key naming a CheckOptions by value (checks are memoised per key; cheaper than JSON for every expression). */
export function checkOptionsKey(o: CheckOptions): string {
  return `${o.prometheusVersion}|${o.experimentalFunctions ? 1 : 0}${o.durationExpressions ? 1 : 0}${o.extendedRangeSelectors ? 1 : 0}${o.binopFillModifiers ? 1 : 0}`;
}

export class CheckContext {
  readonly problems: PromQLProblem[] = [];
  readonly target: string;

  constructor(readonly options: CheckOptions) {
    this.target = options.prometheusVersion || LATEST_PROMETHEUS;
  }

  error(at: Span, code: string, message: string): void {
    this.problems.push({ from: at.from, to: at.to, severity: 'error', code, message });
  }

  /**
   * A failure every evaluation would hit, though the expression parses (promtool and Prometheus accept the rule):
   * a warning, so our valid/invalid verdict stays Prometheus's.
   */
  evalFailure(at: Span, message: string): void {
    this.problems.push({ from: at.from, to: at.to, severity: 'warning', code: 'promql/eval-error', message: `fails at evaluation: ${message}` });
  }

  /** True (and reports "needs Prometheus ≥ X") when the target is older than `since`. */
  tooOld(at: Span, since: string | undefined, what: string): boolean {
    if (!isOlder(this.target, since)) {
      return false;
    }
    this.error(at, 'promql/too-new', `${what} needs Prometheus ≥ ${since} (the target version is ${this.target})`);
    return true;
  }

  /** The target is at least `version`. */
  atLeast(version: string): boolean {
    return !isOlder(this.target, version);
  }

  /** Label name validity: the legacy pattern before Prometheus 3.0, any non-empty UTF-8 text since. */
  validLabelName(name: string): boolean {
    return this.atLeast('3.0') ? name.length > 0 && !/[\ud800-\udfff]/.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')) : /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
  }
}

/** How Prometheus names value types in messages (promql/parser/value.go DocumentedType). */
export function documented(t: ValueType): string {
  return t === 'vector' ? 'instant vector' : t === 'matrix' ? 'range vector' : t;
}

/** The checker's recursive entry point, passed to the per-concern modules to avoid import cycles. */
export type Visit = (e: Expr, ctx: CheckContext, flags?: { bypassEmptyMatcher?: boolean }) => ValueType | undefined;
