/**
 * Alertmanager's routing tree (dispatch/route.go): each route's options are its parent's with its own fields laid
 * over them, and an alert goes depth-first into the first child whose matchers it satisfies, further along its
 * siblings when that child has `continue: true`; a route none of whose children take the alert takes it itself.
 */
import { compareStrings } from '../goStrconv';
import { getValue, items, properties, propertyKey, propertyValue, type AstNode } from '../syntax/ast';
import { matcherMode, matcherString, matches, parseMatchers, type Matcher, type MatcherMode } from './matchers';

export interface RouteOptions {
  receiver: string;
  /** Label names, or `...` for every label. */
  groupBy: string[] | '...';
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
}

export interface Route {
  options: RouteOptions;
  /** `match`, `match_re` and `matchers` together, sorted as Alertmanager sorts them. */
  matchers: Matcher[];
  continue: boolean;
  readonly routes: Route[];
  /** The route's mapping in the document. */
  node: AstNode;
  /** Child indexes from the root (`[]` for the root). */
  path: number[];
}

const DEFAULTS: RouteOptions = {
  receiver: '',
  groupBy: [],
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
  muteTimeIntervals: [],
  activeTimeIntervals: [],
};

/** Deeper trees are cut off here: Alertmanager has no limit, but nobody writes one this deep. */
const MAX_DEPTH = 1000;

/** The routing tree under a `route:` mapping, as the given Alertmanager release reads it. */
export function buildRouteTree(route: AstNode, text: string, alertmanagerVersion: string): Route {
  return build(route, text, matcherMode(alertmanagerVersion), DEFAULTS, []);
}

function build(node: AstNode, text: string, mode: MatcherMode, parent: RouteOptions, path: number[]): Route {
  const str = (key: string): string | undefined => scalar(getValue(node, key), text);
  const list = (key: string): string[] | undefined => {
    const v = getValue(node, key);
    return v?.type === 'array' ? items(v).map((i) => scalar(i, text) ?? '') : undefined;
  };
  const groupBy = list('group_by');
  const options: RouteOptions = {
    receiver: str('receiver') || parent.receiver,
    groupBy: groupBy ? (groupBy.includes('...') ? '...' : groupBy) : parent.groupBy,
    groupWait: str('group_wait') ?? parent.groupWait,
    groupInterval: str('group_interval') ?? parent.groupInterval,
    repeatInterval: str('repeat_interval') ?? parent.repeatInterval,
    muteTimeIntervals: list('mute_time_intervals') ?? [],
    activeTimeIntervals: list('active_time_intervals') ?? [],
  };
  let routes: Route[] | undefined;
  return {
    options,
    matchers: routeMatchers(node, text, mode),
    continue: scalar(getValue(node, 'continue'), text) === 'true',
    // Built when first asked: routing one alert visits only the children of the routes that take it.
    get routes(): Route[] {
      if (routes === undefined) {
        const children = path.length < MAX_DEPTH ? items(getValue(node, 'routes')).filter((r) => r.type === 'object') : [];
        routes = children.map((child, i) => build(child, text, mode, options, [...path, i]));
      }
      return routes;
    },
    node,
    path,
  };
}

function routeMatchers(node: AstNode, text: string, mode: MatcherMode): Matcher[] {
  const out: Matcher[] = [];
  for (const [key, op] of [['match', '='], ['match_re', '=~']] as const) {
    for (const prop of properties(getValue(node, key))) {
      const value = scalar(propertyValue(prop), text) ?? '';
      // Alertmanager turns a match_re entry into a matcher on its compiled regex, printed anchored.
      out.push({ name: propertyKey(prop), op, value: op === '=~' ? `^(?:${value})$` : value });
    }
  }
  for (const entry of items(getValue(node, 'matchers'))) {
    out.push(...parseMatchers(scalar(entry, text) ?? '', mode).matchers);
  }
  // pkg/labels Matchers.Less: by name, then value, then type (in the order =, !=, =~, !~).
  const order = ['=', '!=', '=~', '!~'];
  return out.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.value, b.value) || order.indexOf(a.op) - order.indexOf(b.op));
}

function scalar(node: AstNode | undefined, text: string): string | undefined {
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'null' || node.type === 'property') {
    return undefined;
  }
  return node.type === 'string' ? String(node.value) : text.slice(node.offset, node.offset + node.length);
}

/** Whether an alert with these labels satisfies every matcher of a route (a missing label reads as ""). */
export function routeMatches(route: Route, labels: Record<string, string>): boolean {
  return route.matchers.every((m) => matches(m, labels[m.name] ?? ''));
}

/** The routes that take an alert, in tree order: their receivers get it (amtool config routes test). */
export function matchRoutes(route: Route, labels: Record<string, string>): Route[] {
  if (!routeMatches(route, labels)) {
    return [];
  }
  const all: Route[] = [];
  for (const child of route.routes) {
    const taken = matchRoutes(child, labels);
    all.push(...taken);
    if (taken.length > 0 && !child.continue) {
      break;
    }
  }
  return all.length > 0 ? all : [route];
}

/** How amtool names a route in its trees: its matchers, or `default-route` when it has none. */
export function routeSlug(route: Route): string {
  return route.matchers.length === 0 ? 'default-route' : `{${route.matchers.map(matcherString).join(',')}}`;
}
