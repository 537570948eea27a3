/**
 * The routing tree and routing results as the editors show them: plain data with ranges, sent by the server's
 * `o11y/routingTree`, `o11y/testRoute` and `o11y/alertLabelSets` requests (server/src/lsp/routing.ts).
 */
import type { Range } from 'vscode-languageserver-types';
import type { AlertmanagerFacts, RoutingIndex } from '../workspace/routing';
import { knownLabels } from './alertLabels';
import { matcherString, parseMatchers } from './matchers';
import type { Route, RouteOptions } from './route';
import { matchingPath, receiversOf } from './routeTrace';
import { matchRoutes } from './route';

/** The command of the routing lenses: ask for (or take) a label set and show where the alert goes. */
export const TEST_ROUTE_COMMAND = 'o11y.testRoute';

/** Its argument: the Alertmanager configuration, and the labels when the lens knows them. */
export interface TestRouteArgs {
  uri: string;
  labels?: Record<string, string>;
  /** The alert the labels are of, for messages. */
  alert?: string;
}

/** A route with its effective options (inherited ones included). */
export interface RouteNodeView extends RouteOptions {
  /** Child indexes from the root, joined by `.` (`''` for the root). */
  id: string;
  /** The route's matchers as Alertmanager prints them; empty for the root and for catch-all routes. */
  matchers: string[];
  continue: boolean;
  /** The route's mapping in the document. */
  range: Range;
  children: RouteNodeView[];
}

export interface RoutingTreeResult {
  uri: string;
  relPath: string;
  root: RouteNodeView;
}

/** The routing tree of a configuration, every route with its effective options (inherited ones included). */
export function routeTreeView(facts: AlertmanagerFacts): RoutingTreeResult | undefined {
  if (!facts.tree) {
    return undefined;
  }
  const view = (r: Route): RouteNodeView => ({
    id: r.path.join('.'),
    matchers: r.matchers.map(matcherString),
    receiver: r.options.receiver,
    groupBy: r.options.groupBy,
    groupWait: r.options.groupWait,
    groupInterval: r.options.groupInterval,
    repeatInterval: r.options.repeatInterval,
    continue: r.continue,
    muteTimeIntervals: r.options.muteTimeIntervals,
    activeTimeIntervals: r.options.activeTimeIntervals,
    range: routeRange(facts, r),
    children: r.routes.map(view),
  });
  return { uri: facts.uri, relPath: facts.relPath, root: view(facts.tree) };
}

/** A route's mapping; for the root, from its `route:` key on. */
function routeRange(facts: AlertmanagerFacts, r: Route): Range {
  const from = r.node.parent?.type === 'property' ? r.node.parent.offset : r.node.offset;
  return facts.lines.range(from, r.node.offset + r.node.length - from);
}

export interface RouteStep {
  id: string;
  matchers: string[];
  receiver: string;
  /** The route's mapping, and its first line (what an editor highlights). */
  range: Range;
  /** Whether this route takes the alert (its receiver gets it), or only leads to the routes that do. */
  takes: boolean;
}

export interface RouteTestResult {
  uri: string;
  labels: Record<string, string>;
  /** The receivers that get the alert, in order (`amtool config routes test`). */
  receivers: string[];
  /** The routes the alert goes through, root first. */
  path: RouteStep[];
}

/** Where an alert with these labels goes in a configuration. */
export function routeTestView(facts: AlertmanagerFacts, labels: Record<string, string>): RouteTestResult | undefined {
  if (!facts.tree) {
    return undefined;
  }
  const taken = new Set(matchRoutes(facts.tree, labels));
  const path = matchingPath(facts.tree, labels).map((r) => ({
    id: r.path.join('.'),
    matchers: r.matchers.map(matcherString),
    receiver: r.options.receiver,
    range: routeRange(facts, r),
    takes: taken.has(r),
  }));
  return { uri: facts.uri, labels, receivers: receiversOf([...taken]), path };
}

export interface AlertLabelSet {
  alert: string;
  relPath: string;
  /** The labels its alerts surely carry (rule, group and external labels, `alertname`). */
  labels: Record<string, string>;
  /** Labels they may carry with values known only when they fire (templates, the expression's labels). */
  unknown: string[];
}

/** The label sets of the workspace's alerting rules, to pick one to route. */
export function alertLabelSets(routing: RoutingIndex): AlertLabelSet[] {
  return routing
    .alerts()
    .map(({ rule, labels }) => ({
      alert: rule.name,
      relPath: rule.file.relPath,
      labels: knownLabels(labels),
      unknown: [...labels].filter(([, v]) => v === undefined).map(([k]) => k).sort(),
    }))
    .sort((a, b) => a.alert.localeCompare(b.alert) || a.relPath.localeCompare(b.relPath));
}

/**
 * A label set as typed: `severity=critical, service="api"` or `{severity="critical"}` (amtool's `--labels`
 * reading: each pair a matcher with `=`).
 */
export function parseLabelSet(text: string): { labels: Record<string, string> } | { error: string } {
  const parsed = parseMatchers(text.trim(), 'classic');
  if (parsed.error) {
    return { error: parsed.error.message };
  }
  const labels: Record<string, string> = {};
  for (const m of parsed.matchers) {
    if (m.op !== '=') {
      return { error: `labels are name=value pairs, not ${matcherString(m)}` };
    }
    labels[m.name] = m.value;
  }
  return { labels };
}
