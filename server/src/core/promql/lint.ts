/**
 * `lintPromQL(expr, text, options)`: warnings about expressions Prometheus accepts but that are very likely wrong
 * or needlessly complicated. Every problem has a code `promql/<rule>` (so it can be looked up and silenced) and,
 * where the change is obvious, a quick fix. The families live in their own modules:
 * - lintCounters.ts: `rate-on-non-counter`, `rate-of-sum`;
 * - lintRanges.ts: `range-too-short`;
 * - lintSelectors.ts: `needless-regex`, `absent-with-regex`;
 * - lintOperators.ts: `compare-nan`, `division-in-aggregation`, `topk-in-alert`;
 * - lintMatching.ts: `impossible-labels`, `vector-matching-never-matches`, `histogram-quantile-without-le`.
 * Run it on an expression without errors: `text` must be the text `expr` was parsed from (fixes reuse its slices).
 */
import type { Expr } from './ast';
import { lintCounters } from './lintCounters';
import { LintContext, type LintOptions } from './lintContext';
import { lintMatching } from './lintMatching';
import { lintOperators } from './lintOperators';
import { lintRanges } from './lintRanges';
import { lintSelectors } from './lintSelectors';
import type { PromQLProblem } from './types';

export type { LintOptions };
export { DEFAULT_SCRAPE_INTERVAL } from './lintContext';

export function lintPromQL(expr: Expr, text: string, options: LintOptions): PromQLProblem[] {
  const ctx = new LintContext(expr, text, options);
  lintCounters(ctx);
  lintRanges(ctx);
  lintSelectors(ctx);
  lintOperators(ctx);
  lintMatching(ctx);
  return ctx.problems.sort((a, b) => a.from - b.from || a.to - b.to || a.code.localeCompare(b.code));
}
