import { matcherVerdict, type AlertLabels } from './alertLabels';
import { routeMatches, type Route } from './route';

/** Every route of a tree, parents before children, in document order. */
export function allRoutes(tree: Route): Route[] {
  const out: Route[] = [];
  const stack = [tree];
  while (stack.length) {
    const r = stack.pop()!;
    out.push(r);
    for (let i = r.routes.length - 1; i >= 0; i--) {
      stack.push(r.routes[i]);
    }
  }
  return out;
}

export interface RouteTrace {
  /** The routes that take the alert (their receivers get it), in tree order. */
  taken: Route[];
  /** Labels of unknown value that a route matched on: with them the alert may go elsewhere. */
  undecided: string[];
}

/**
 * Where an alert goes when some labels' values are unknown: routes whose matchers depend on such a label are
 * passed over (as if they did not match), and the labels noted, so a caller can say the answer may differ.
 */
export function traceRoute(tree: Route, labels: AlertLabels): RouteTrace {
  const undecided = new Set<string>();
  const verdict = (route: Route): boolean => {
    let maybe = false;
    for (const m of route.matchers) {
      const v = matcherVerdict(m, labels);
      if (v === 'no') {
        return false;
      }
      if (v === 'maybe') {
        maybe = true;
        undecided.add(m.name);
      }
    }
    return !maybe;
  };
  const visit = (route: Route): Route[] => {
    const all: Route[] = [];
    for (const child of route.routes) {
      if (!verdict(child)) {
        continue;
      }
      all.push(...visit(child));
      if (!child.continue) {
        break;
      }
    }
    return all.length ? all : [route];
  };
  return { taken: visit(tree), undecided: [...undecided].sort() };
}

/** The routes an alert passes through, from the root to each route that takes it (amtool's matching tree). */
export function matchingPath(tree: Route, labels: Record<string, string>): Route[] {
  const out: Route[] = [tree];
  const visit = (route: Route): void => {
    for (const child of route.routes) {
      if (routeMatches(child, labels)) {
        out.push(child);
        visit(child);
        if (!child.continue) {
          break;
        }
      }
    }
  };
  visit(tree);
  return out;
}

/** Distinct receiver names of routes, in order. */
export function receiversOf(routes: Route[]): string[] {
  return [...new Set(routes.map((r) => r.options.receiver))];
}
