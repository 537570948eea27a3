// What an alerting rule reads, for turning history into a test's input series: the series selectors of its
// expression (a metric recorded by a rule of the same file is replaced by what that rule reads, since the test
// evaluates the recording rule itself), and how far back before the first evaluation the input must reach.
import { walk, type Expr, type LabelMatcher } from '../promql/ast';
import type { LoadedGroup } from '../ruletest/ruleFiles';

/** Prometheus's default `--query.lookback-delta`: an instant selector sees samples up to this old. */
export const LOOKBACK_SECONDS = 300;

export interface RuleInputs {
  /** PromQL selectors (name and matchers, no range or modifiers), each once. */
  selectors: string[];
  /** Seconds of history the expression may read before an evaluation: an upper bound. */
  leadSeconds: number;
  /** An `@` modifier pins data to a fixed time a test cannot reproduce. */
  pinned: boolean;
}

const LEGACY_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function selectorText(name: string | undefined, matchers: LabelMatcher[]): string {
  const parts = matchers
    .filter((m) => !(m.name === '__name__' && m.op === '=' && m.value === name))
    .map((m) => `${LEGACY_NAME.test(m.name) ? m.name : JSON.stringify(m.name)}${m.op}${JSON.stringify(m.value)}`);
  return name !== undefined && LEGACY_NAME.test(name) ? `${name}{${parts.join(',')}}` : `{${parts.join(',')}}`;
}

/** The metric name a selector asks for by `name` or `__name__="…"`. */
function nameOf(name: string | undefined, matchers: LabelMatcher[]): string | undefined {
  return name ?? matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
}

export function ruleInputs(expr: Expr, groups: LoadedGroup[]): RuleInputs {
  const recorders = new Map(groups.flatMap((g) => g.rules.filter((r) => r.kind === 'record').map((r): [string, Expr] => [r.name, r.expr])));
  const selectors = new Set<string>();
  const seen = new Set<string>();
  let durations = 0;
  let pinned = false;
  const visit = (e: Expr): void =>
    walk(e, (node) => {
      if (node.kind === 'durationLiteral') {
        durations += node.seconds;
      } else if (node.kind === 'vectorSelector' || node.kind === 'matrixSelector' || node.kind === 'subquery') {
        pinned ||= node.at !== undefined;
      }
      if (node.kind !== 'vectorSelector') {
        return;
      }
      const name = nameOf(node.name, node.matchers);
      const recorded = name !== undefined ? recorders.get(name) : undefined;
      if (recorded && !seen.has(name!)) {
        seen.add(name!);
        visit(recorded);
      } else if (!recorded) {
        selectors.add(selectorText(node.name, node.matchers));
      }
    });
  visit(expr);
  return { selectors: [...selectors], leadSeconds: LOOKBACK_SECONDS + durations, pinned };
}
