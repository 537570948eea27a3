import type { Problem } from '../../problem';
import { durationMs } from '../../schema/formats';
import { getValue, items, type AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { checkAlertTests, checkExprTests } from './expectations';
import { scalarText } from './positions';
import { checkGroupOrder, checkRuleFiles } from './ruleFileChecks';
import { ruleFileSet } from './ruleFiles';
import { checkInputSeries } from './seriesChecks';

// Checks of promtool unit-test files beyond their schema, following cmd/promtool/unittest.go: what
// `promtool test rules` would refuse to load, and expectations that cannot hold.

const DEFAULT_EVALUATION_INTERVAL = '1m';

export function validateRuleTests(root: AstNode | undefined, ctx: DocumentContext): Problem[] {
  if (root?.type !== 'object') {
    return [];
  }
  const rules = ruleFileSet(root, ctx);
  const out: Problem[] = [...(rules ? checkRuleFiles(rules) : []), ...checkGroupOrder(root, ctx.text, rules)];
  const evaluationInterval = intervalMs(getValue(root, 'evaluation_interval'), durationMs(DEFAULT_EVALUATION_INTERVAL));
  for (const group of items(getValue(root, 'tests'))) {
    const series = checkInputSeries(group, ctx.text);
    const timing = { intervalMs: intervalMs(getValue(group, 'interval'), evaluationInterval), lastSample: series.lastSample };
    out.push(...series.problems, ...checkAlertTests(group, ctx.text, rules, timing), ...checkExprTests(group, ctx.text, timing));
  }
  return out;
}

/** An interval in milliseconds: `fallback` when unset or 0 (promtool's zero value), undefined when invalid. */
function intervalMs(node: AstNode | undefined, fallback: number | undefined): number | undefined {
  const text = scalarText(node);
  const ms = text === undefined ? fallback : durationMs(text);
  return ms === 0 ? fallback : ms;
}
