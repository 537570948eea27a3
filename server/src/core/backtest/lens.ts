// `Backtest 24h` on the `alert:` line of each alerting rule, while a Prometheus connection answers: without one
// there is no history to replay, so the lens would only ever say so.
import type { CodeLens, Position } from 'vscode-languageserver-types';
import type { DocumentContext } from '../kinds/context';
import { alertingRuleNodes } from './ruleAt';
import { DEFAULT_BACKTEST_RANGE } from './types';

/** The command the lenses run; its arguments are the document URI and the `alert:` key's position. */
export const BACKTEST_COMMAND = 'o11y.backtestAlert';

export function backtestLenses(ctx: DocumentContext): CodeLens[] {
  if (ctx.kind !== 'rules' || !ctx.liveConnection?.()) {
    return [];
  }
  const range = ctx.settings.backtestRange ?? DEFAULT_BACKTEST_RANGE;
  return alertingRuleNodes(ctx).map(({ alert }) => {
    const at = ctx.lines.positionAt(alert.offset);
    const args: [string, Position] = [ctx.uri, at];
    return { range: { start: at, end: at }, command: { title: `Backtest ${range}`, command: BACKTEST_COMMAND, arguments: args } };
  });
}
