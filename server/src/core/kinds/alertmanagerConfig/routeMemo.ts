import type { Problem } from '../../problem';
import { ownCopy } from '../../strings';
import { getValue, items, type AstNode } from '../../syntax/ast';

/**
 * What the checks found in one route and, recursively, in the routes under it, with offsets relative to the
 * route's own: kept by route text (see routeFindings), so that after an edit of a 5,000-route configuration only
 * the routes around the edit are checked again (the others are found again by their text).
 */
export interface RouteFindings<F> {
  /** The route's own findings (offsets relative to the route). */
  own: F;
  /** Its child routes: where each starts relative to this route, and what was found there. */
  children: { at: number; tree: RouteFindings<F> }[];
}

/** The findings of a run of sibling routes, each placed relative to the run's start. */
type Run<F> = RouteFindings<F>['children'];

/** Text (characters) one generation of a memo keeps before it becomes the old one and the one before is dropped. */
const GENERATION_CHARS = 4_000_000;

/**
 * Findings of runs of routes by context and text, in two generations (as memoByText keeps them), bounded by the
 * text they keep: a run of routes with their subtrees can be a sizeable part of the file. A run's text is looked
 * up as the slice of the document it is, and kept as a copy of its own (a slice would keep the whole version).
 */
export class RouteMemo<F> {
  private young = new Map<string, Map<string, Run<F>>>();
  private old = new Map<string, Map<string, Run<F>>>();
  private chars = 0;

  get(context: string, text: string, compute: () => Run<F>): Run<F> {
    const hit = this.young.get(context)?.get(text);
    if (hit !== undefined) {
      return hit;
    }
    const value = this.old.get(context)?.get(text) ?? compute();
    if (this.chars + text.length > GENERATION_CHARS) {
      this.old = this.young;
      this.young = new Map();
      this.chars = 0;
    }
    let runs = this.young.get(context);
    if (!runs) {
      runs = new Map();
      this.young.set(context, runs);
    }
    runs.set(ownCopy(text), value);
    this.chars += text.length;
    return value;
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
    this.chars = 0;
  }
}

/**
 * Whether findings can be kept by route text: only when the document has no anchors, since an alias copies nodes
 * whose offsets lie outside the route that uses it (same text, other findings). Text that merely looks like an
 * anchor (an `&` after a space inside a string) only costs the memo.
 */
export function memoizable(text: string): boolean {
  // `&` is rare in a configuration: finding each beats a regular expression over the whole text.
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    const before = i === 0 ? ' ' : text[i - 1];
    const after = text[i + 1] ?? ' ';
    if (/[\s[{,]/.test(before) && !/\s/.test(after)) {
      return false;
    }
  }
  return true;
}

/** Child routes are kept in runs of this many siblings (a run is one memo entry). */
const RUN = 32;
/** A run longer than this (in characters) is checked again each time: its key would cost more than it saves. */
const MAX_KEY_CHARS = 64 * 1024;

/**
 * The findings of a route tree, parents first: `own` checks each route (given what its parent passes down), child
 * routes under `routes` down to `maxDepth`. With a `memo`, the child routes of each route are kept by runs of
 * siblings, by the run's text with `context` (of what their parent passes down) and depth: an edit then checks its
 * run of routes again (and the routes above it), wherever the tree is wide, and a first check makes few keys.
 */
export function routeFindings<F, P>(
  route: AstNode,
  text: string,
  inherited: P,
  own: (route: AstNode, inherited: P) => { found: F; passed: P },
  options: { maxDepth: number; memo?: RouteMemo<F>; context: (inherited: P) => string },
  depth = 0,
): RouteFindings<F> {
  const { found, passed } = own(route, inherited);
  const children: RouteFindings<F>['children'] = [];
  if (depth >= options.maxDepth) {
    return { own: found, children };
  }
  const routes = items(getValue(route, 'routes')).filter((c) => c.type === 'object');
  for (let i = 0; i < routes.length; i += RUN) {
    const run = routes.slice(i, i + RUN);
    const from = run[0].offset;
    const to = run[run.length - 1].offset + run[run.length - 1].length;
    const check = (): RouteFindings<F>['children'] =>
      run.map((child) => ({ at: child.offset - from, tree: routeFindings(child, text, passed, own, options, depth + 1) }));
    const memo = to - from <= MAX_KEY_CHARS ? options.memo : undefined;
    const runFindings = memo ? memo.get(`${options.context(passed)}\0${depth + 1}`, text.slice(from, to), check) : check();
    for (const { at, tree } of runFindings) {
      children.push({ at: at + from - route.offset, tree });
    }
  }
  return { own: found, children };
}

/** Visits the findings parents first, each with the offset of its route in the document. */
export function eachFinding<F>(tree: RouteFindings<F>, base: number, visit: (found: F, base: number) => void): void {
  visit(tree.own, base);
  for (const { at, tree: child } of tree.children) {
    eachFinding(child, base + at, visit);
  }
}

/** A problem found relative to a route, moved by `by` (its quick fix's range too). */
export function shifted(p: Problem, by: number): Problem {
  const fix = p.fix && p.fix.offset !== undefined ? { ...p.fix, offset: p.fix.offset + by } : p.fix;
  return { ...p, offset: p.offset + by, ...(fix ? { fix } : {}) };
}

/**
 * A problem of a route made relative to it (at `-route.offset`) to be kept in a memo: its texts get storage of
 * their own, since a message quoting the document can hold a slice of this version's whole text.
 */
export function detached(p: Problem, routeOffset: number): Problem {
  const moved = shifted(p, -routeOffset);
  const fix = moved.fix && { ...moved.fix, title: ownCopy(moved.fix.title), replacement: ownCopy(moved.fix.replacement) };
  return { ...moved, message: ownCopy(moved.message), ...(fix ? { fix } : {}) };
}
