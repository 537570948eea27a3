import type { CodeLens } from 'vscode-languageserver-types';
import { alertLabels, knownLabels } from '../../alertmanager/alertLabels';
import { receiversOf, traceRoute } from '../../alertmanager/routeTrace';
import { TEST_ROUTE_COMMAND, type TestRouteArgs } from '../../alertmanager/routeView';
import type { DocumentContext } from '../context';
import { alertItems } from './alertItems';

/**
 * `Route → pager, chat` on the `alert:` line of each alerting rule: the receivers of the workspace's Alertmanager
 * configuration that get its alerts, routed by the labels known before they fire (rule, group and external labels,
 * `alertname`). When a route matches on a label whose value only the firing alert tells (a template, a label the
 * expression keeps), the lens says so. Clicking shows the route path in the configuration.
 */
export function alertRouteLenses(ctx: DocumentContext): CodeLens[] {
  const configs = ctx.kind === 'rules' ? (ctx.routing?.alertmanagers() ?? []) : [];
  if (!configs.length) {
    return [];
  }
  const lc = ctx.routing!.labelContext();
  const out: CodeLens[] = [];
  for (const alert of alertItems(ctx)) {
    const labels = alertLabels(alert, lc);
    const at = ctx.lines.positionAt(alert.alert.offset);
    for (const config of configs) {
      const trace = traceRoute(config.tree!, labels);
      const where = configs.length > 1 ? ` (${config.relPath})` : '';
      const depends = trace.undecided.length ? ` · may differ by ${trace.undecided.join(', ')}` : '';
      const args: TestRouteArgs = { uri: config.uri, labels: knownLabels(labels), alert: alert.name };
      const title = `Route → ${receiversOf(trace.taken).join(', ')}${where}${depends}`;
      out.push({ range: { start: at, end: at }, command: { title, command: TEST_ROUTE_COMMAND, arguments: [args] } });
    }
  }
  return out;
}
