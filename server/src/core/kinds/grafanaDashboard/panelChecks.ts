import type { Problem } from '../../problem';
import type { CheckOptions } from '../../promql/check';
import type { ProvisionedDatasource } from '../../workspace/grafana';
import { datasourceProblems, panelDatasourceNodes } from './datasources';
import { text, type Panel, type Variable } from './model';
import { prometheusTargets, queryProblems } from './queries';
import { unitProblems } from './units';
import { panelVariables } from './variables';
import { ownCopy } from '../../strings';

/** What a dashboard's panel checks depend on besides the panels' own text. */
export interface PanelContext {
  variables: Variable[];
  defined: Set<string>;
  provisioned: ProvisionedDatasource[];
  options: CheckOptions;
  docText: string;
}

/** The checks of one top-level panel (a row with its nested panels), on offsets relative to the panel. */
interface PanelResult {
  problems: Problem[];
  used: string[];
  mentioned: string[];
}

/** Results by dashboard context (variables, inputs, data sources, options), then by the panel's source text. */
const memo = new Map<string, Map<string, PanelResult>>();
const MAX_CONTEXTS = 8;
const MAX_PANELS = 20_000;

/**
 * Units, data source references, variable references and queries of every panel. A panel is checked again only
 * when its own text or the dashboard's context changed: an edit in a 300-panel dashboard re-checks one panel.
 */
export function panelProblems(panels: Panel[], ctx: PanelContext): { problems: Problem[]; used: Set<string>; mentioned: Set<string> } {
  const cache = cacheFor(signature(ctx));
  const out = { problems: [] as Problem[], used: new Set<string>(), mentioned: new Set<string>() };
  for (const group of topLevel(panels)) {
    const top = group[0].node;
    const key = ctx.docText.slice(top.offset, top.offset + top.length);
    let found = cache.get(key);
    if (!found) {
      found = check(group, ctx, -top.offset);
      if (cache.size >= MAX_PANELS) {
        cache.clear();
      }
      cache.set(ownCopy(key), found); // a slice would keep this version's whole text alive
    }
    out.problems.push(...found.problems.map((p) => shift(p, top.offset)));
    found.used.forEach((n) => out.used.add(n));
    found.mentioned.forEach((n) => out.mentioned.add(n));
  }
  return out;
}

function check(group: Panel[], ctx: PanelContext, by: number): PanelResult {
  const vars = group.map((p) => panelVariables(p, ctx.defined, ctx.docText));
  const problems = [
    ...unitProblems(group),
    ...datasourceProblems(panelDatasourceNodes(group), ctx.provisioned),
    ...vars.flatMap((v) => v.problems),
    ...queryProblems(prometheusTargets(group, ctx.variables, ctx.provisioned), ctx.variables, ctx.options, ctx.docText),
  ];
  // Messages quote the document (titles, values): own copies, so the cached results keep no version of it alive.
  const kept = problems.map((p) => ({ ...shift(p, by), message: ownCopy(p.message) }));
  return { problems: kept, used: vars.flatMap((v) => v.used.map(ownCopy)), mentioned: vars.flatMap((v) => v.mentioned.map(ownCopy)) };
}

/** The panels grouped by top-level item: a row first, then the panels it keeps. */
function topLevel(panels: Panel[]): Panel[][] {
  const groups = new Map<Panel, Panel[]>();
  for (const p of panels) {
    const top = p.row ?? p;
    const group = groups.get(top) ?? [];
    group.push(p);
    groups.set(top, group);
  }
  return [...groups.values()];
}

function signature(ctx: PanelContext): string {
  // A data source variable's `query` is its plugin type, which decides whether queries naming it go to Prometheus.
  const variables = ctx.variables.map((v) => [v.name, v.type, v.multi, v.includeAll, v.allValue, v.values, v.type === 'datasource' ? text(v.node, 'query') : '']);
  return JSON.stringify([ctx.options, variables, [...ctx.defined], ctx.provisioned.map((d) => [d.uid, d.name, d.type])]);
}

function cacheFor(key: string): Map<string, PanelResult> {
  let cache = memo.get(key);
  if (cache) {
    memo.delete(key); // most recently used last
  } else {
    cache = new Map();
    if (memo.size >= MAX_CONTEXTS) {
      memo.delete(memo.keys().next().value as string);
    }
  }
  memo.set(key, cache);
  return cache;
}

function shift(p: Problem, by: number): Problem {
  const fix = p.fix && p.fix.offset !== undefined ? { ...p.fix, offset: p.fix.offset + by } : p.fix;
  return { ...p, offset: p.offset + by, fix };
}
