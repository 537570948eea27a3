import { alertLabels, type AlertLabels } from '../../alertmanager/alertLabels';
import { matcherString, matches, type Matcher } from '../../alertmanager/matchers';
import type { Route } from '../../alertmanager/route';
import { allRoutes, traceRoute } from '../../alertmanager/routeTrace';
import type { Problem } from '../../problem';
import { closest } from '../../strings';
import type { AlertmanagerFacts } from '../../workspace/routing';
import type { DocumentContext } from '../context';
import { alertItems, type AlertItem } from './alertItems';

// Checks of alerting rules against the workspace's Alertmanager configurations: alerts no route below the root
// takes (they reach the default receiver only), and label values that no route matching on that label accepts.
// Nothing is said when the workspace has no Alertmanager configuration.

export function ruleRoutingProblems(ctx: DocumentContext): Problem[] {
  const configs = ctx.routing?.alertmanagers() ?? [];
  if (!configs.length) {
    return [];
  }
  const lc = ctx.routing!.labelContext();
  const out: Problem[] = [];
  const reported = new Set<string>();
  for (const alert of alertItems(ctx)) {
    const labels = alertLabels(alert, lc);
    for (const config of configs) {
      const where = configs.length > 1 ? ` of ${config.relPath}` : '';
      for (const p of valueProblems(alert, config, where)) {
        // A group's label is written once for all its rules: reported once.
        const key = `${p.offset}\0${config.key}`;
        if (!reported.has(key)) {
          reported.add(key);
          out.push(p);
        }
      }
      const only = defaultOnly(alert, labels, config, where || ` of ${config.relPath}`);
      if (only) {
        out.push(only);
      }
    }
  }
  return out;
}

/** The alert's own label values that no route matching on that label (with `=` or `=~`) accepts. */
function valueProblems(alert: AlertItem, config: AlertmanagerFacts, where: string): Problem[] {
  const routed = positiveMatchers(config.tree!);
  const out: Problem[] = [];
  for (const [name, value] of Object.entries(alert.labels)) {
    const list = routed.get(name);
    const node = alert.labelNodes.get(name);
    if (!list || !node || value === '' || value.includes('{{') || list.some((m) => matches(m, value))) {
      continue;
    }
    const literal = [...new Set(list.filter((m) => m.op === '=').map((m) => m.value))].sort();
    const shown = [...new Set(list.map(matcherString))].slice(0, 5).join(', ');
    const p: Problem = {
      offset: node.offset,
      length: node.length,
      severity: 'warning',
      code: 'rules/unrouted-label-value',
      message: `No route${where} matches ${name}="${value}" (routes match ${shown}${list.length > 5 ? ' …' : ''}).`,
    };
    const guess = closest(value, literal);
    if (guess) {
      p.message += ` Did you mean "${guess}"?`;
      p.fix = { title: `Change to ${guess}`, replacement: /^[A-Za-z0-9_.-]+$/.test(guess) ? guess : JSON.stringify(guess) };
    }
    out.push(p);
  }
  return out;
}

/** A warning on the alert's name when no route below the root takes it, whatever labels of unknown value hold. */
function defaultOnly(alert: AlertItem, labels: AlertLabels, config: AlertmanagerFacts, where: string): Problem | undefined {
  const tree = config.tree!;
  if (!tree.routes.length) {
    return undefined;
  }
  const trace = traceRoute(tree, labels);
  if (trace.undecided.length || trace.taken.length !== 1 || trace.taken[0] !== tree) {
    return undefined;
  }
  const routed = positiveMatchers(tree);
  const shown = [...labels].filter(([k, v]) => v !== undefined && routed.has(k) && k !== 'alertname').map(([k, v]) => `${k}="${v}"`);
  const what = shown.length ? `its labels (${shown.join(', ')})` : 'its labels';
  return {
    offset: alert.nameNode.offset,
    length: alert.nameNode.length,
    severity: 'warning',
    code: 'rules/unrouted-alert',
    message: `Alert "${alert.name}" reaches only the root route${where}, receiver "${tree.options.receiver}": no route below it matches ${what}.`,
  };
}

const positiveCache = new WeakMap<Route, Map<string, Matcher[]>>();

/** The `=` and `=~` matchers of the routes below the root, by label. */
function positiveMatchers(tree: Route): Map<string, Matcher[]> {
  let out = positiveCache.get(tree);
  if (!out) {
    out = new Map();
    for (const route of allRoutes(tree).slice(1)) {
      for (const m of route.matchers) {
        if (m.op === '=' || m.op === '=~') {
          const list = out.get(m.name);
          if (list) {
            list.push(m);
          } else {
            out.set(m.name, [m]);
          }
        }
      }
    }
    positiveCache.set(tree, out);
  }
  return out;
}
