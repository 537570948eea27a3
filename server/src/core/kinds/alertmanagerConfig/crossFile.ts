import { matchersVerdict } from '../../alertmanager/alertLabels';
import { matcherMode, matches, matcherString, parseMatchers, type Matcher, type MatcherMode } from '../../alertmanager/matchers';
import type { Problem } from '../../problem';
import { getValue, items, properties, propertyKey, propertyValue, type AstNode } from '../../syntax/ast';
import type { InhibitFacts, WorkspaceAlert } from '../../workspace/routing';
import type { DocumentContext } from '../context';
import { alertmanagerVersion, problem } from './nodes';
import { detached, eachFinding, memoizable, RouteMemo, routeFindings, shifted } from './routeMemo';

// Checks of alertmanager.yml against the workspace's alerting rules (RoutingIndex): labels routes group or inhibit
// by that no alert carries, route matchers no alert satisfies, inhibit rules whose `equal` labels the alerts they
// concern lack. They need the whole workspace read (else "no rule" means "no rule read yet") and some alerting rule.

/** As deep as route.ts reads the tree (the root at depth 0). */
const MAX_DEPTH = 1000;

const SOURCES = 'looked at the labels of the rules and their groups, the labels their expressions keep, and the external labels';

export function alertmanagerRoutingProblems(ctx: DocumentContext): Problem[] {
  const routing = ctx.routing;
  const facts = routing?.alertmanager(ctx.path ?? ctx.uri);
  const route = getValue(ctx.docs[0]?.root, 'route');
  if (!routing?.complete || !facts || facts.text !== ctx.text || route?.type !== 'object') {
    return [];
  }
  const alerts = routing.alerts();
  if (!alerts.length) {
    return [];
  }
  const workspace = new AlertSet(alerts);
  const mode = matcherMode(alertmanagerVersion(ctx.settings));
  // Findings are kept by route text while the workspace's alerts carry the same labels.
  const labels = JSON.stringify(alerts.map((a) => [...a.labels]));
  if (labels !== memoLabels) {
    memo.clear();
    memoLabels = labels;
  }
  const own = (node: AstNode, depth: number): { found: Problem[]; passed: number } => ({
    found: routeNodeProblems(node, depth, ctx.text, mode, workspace),
    passed: depth + 1,
  });
  const tree = routeFindings(route, ctx.text, 0, own, {
    maxDepth: MAX_DEPTH,
    memo: !ctx.oneShot && memoizable(ctx.text) ? memo : undefined,
    context: () => mode,
  });
  const out: Problem[] = [];
  eachFinding(tree, route.offset, (found, base) => out.push(...found.map((p) => shifted(p, base))));
  for (const rule of facts.inhibit) {
    out.push(...inhibitProblems(rule, workspace));
  }
  return out;
}

const memo = new RouteMemo<Problem[]>();
let memoLabels = '';

/** The problems of one route at `depth` (relative to the route): labels it groups by, matchers below the root. */
function routeNodeProblems(node: AstNode, depth: number, text: string, mode: MatcherMode, workspace: AlertSet): Problem[] {
  const out: Problem[] = [];
  for (const item of items(getValue(node, 'group_by'))) {
    const name = item.type === 'string' ? String(item.value) : '';
    if (name && name !== '...' && !workspace.anySets(name)) {
      out.push(neverSet(item, name, 'grouping by it puts every alert of this route into one group'));
    }
  }
  if (depth > 0) {
    out.push(...routeMatcherProblems(node, text, mode, workspace));
  }
  return out.map((p) => detached(p, node.offset));
}

function neverSet(node: AstNode, name: string, consequence: string): Problem {
  return problem(node, 'alertmanager/label-never-set', `No alerting rule in the workspace sets "${name}" (${SOURCES}): ${consequence}.`, 'warning');
}

/** The workspace's alerts, with the values each label takes across them (computed once per label). */
class AlertSet {
  private readonly values = new Map<string, Set<string> | undefined>();
  constructor(readonly alerts: WorkspaceAlert[]) {}

  anySets(label: string): boolean {
    return this.alerts.some((a) => a.labels.has(label));
  }

  /** Every value the label takes (`''`: some alert lacks it); undefined when some alert's value is unknown. */
  valuesOf(label: string): Set<string> | undefined {
    if (!this.values.has(label)) {
      let set: Set<string> | undefined = new Set();
      for (const a of this.alerts) {
        if (!a.labels.has(label)) {
          set.add('');
          continue;
        }
        const v = a.labels.get(label);
        if (v === undefined) {
          set = undefined;
          break;
        }
        set.add(v);
      }
      this.values.set(label, set);
    }
    return this.values.get(label);
  }
}

/** Route matchers that no alert of the workspace satisfies, judged on labels whose values are all known. */
function routeMatcherProblems(route: AstNode, text: string, mode: MatcherMode, workspace: AlertSet): Problem[] {
  const out: Problem[] = [];
  for (const { matcher, node } of writtenMatchers(route, text, mode)) {
    const values = workspace.valuesOf(matcher.name);
    if (!values || [...values].some((v) => matches(matcher, v))) {
      continue;
    }
    const seen = [...values].filter((v) => v !== '').sort();
    const shown = seen.slice(0, 6).map((v) => `"${v}"`);
    const what = !seen.length
      ? `none sets "${matcher.name}"`
      : `they set "${matcher.name}" to ${shown.join(', ')}${seen.length > shown.length ? ` and ${seen.length - shown.length} more` : ''}${values.has('') ? ' or leave it unset' : ''}`;
    out.push(problem(node, 'alertmanager/unmatched-route-matcher', `No alerting rule in the workspace makes alerts with ${matcherString(matcher)}: ${what}.`, 'warning'));
  }
  return out;
}

/** The matchers of a route as written (`match`, `match_re`, `matchers`), each with the node that wrote it. */
export function writtenMatchers(route: AstNode, text: string, mode: MatcherMode): { matcher: Matcher; node: AstNode }[] {
  const out: { matcher: Matcher; node: AstNode }[] = [];
  for (const [key, op] of [['match', '='], ['match_re', '=~']] as const) {
    for (const prop of properties(getValue(route, key))) {
      const v = propertyValue(prop);
      const value = v?.type === 'string' ? String(v.value) : v && v.type !== 'null' ? text.slice(v.offset, v.offset + v.length) : '';
      out.push({ matcher: { name: propertyKey(prop), op, value }, node: prop });
    }
  }
  for (const item of items(getValue(route, 'matchers'))) {
    if (item.type === 'string') {
      parseMatchers(String(item.value), mode).matchers.forEach((matcher) => out.push({ matcher, node: item }));
    }
  }
  return out;
}

function inhibitProblems(rule: InhibitFacts, workspace: AlertSet): Problem[] {
  const out: Problem[] = [];
  const concerned = (list: Matcher[]): WorkspaceAlert[] => workspace.alerts.filter((a) => matchersVerdict(list, a.labels) !== 'no');
  const targets = concerned(rule.target);
  const sources = concerned(rule.source);
  const carries = (list: WorkspaceAlert[], label: string): boolean => list.some((a) => a.labels.has(label));
  for (const { name, node } of rule.equal) {
    if (!workspace.anySets(name)) {
      out.push(neverSet(node, name, 'equal compares empty values, so any source alert mutes every target alert'));
    } else if (targets.length && !carries(targets, name)) {
      const message = `None of the alerts this rule mutes (${names(targets)}) carries "${name}": equal compares empty values, so any source alert mutes them all.`;
      out.push(problem(node, 'alertmanager/inhibit-equal-missing', message, 'warning'));
    } else if (sources.length && !carries(sources, name) && carries(targets, name)) {
      const message = `None of the alerts matching the source matchers (${names(sources)}) carries "${name}": they mute only target alerts that lack it too.`;
      out.push(problem(node, 'alertmanager/inhibit-equal-missing', message, 'warning'));
    }
  }
  return out;
}

function names(alerts: WorkspaceAlert[]): string {
  const all = [...new Set(alerts.map((a) => a.rule.name))].sort();
  return all.length > 3 ? `${all.slice(0, 3).join(', ')} and ${all.length - 3} more` : all.join(', ');
}
