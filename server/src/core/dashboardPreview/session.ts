// One open preview of one dashboard: renders the JSON text into the page's model with data from Prometheus. It
// keeps what makes re-renders cheap and steady across edits: the resolved `now` (so a relative range does not
// move while the user types), the results of queries and variable lookups by their exact text and window (so only
// panels whose queries changed reach Prometheus again), and the last dashboard that parsed (a broken edit shows
// the last good render with a note, never a blank page).
import type { PrometheusApi } from '../prometheus/client';
import { PrometheusError } from '../prometheus/errors';
import type { QueryResult } from '../prometheus/types';
import { builtins, panelInterval } from './intervals';
import { interpolateText } from './interpolate';
import { layoutPanels } from './layout';
import { shapeHeatmap } from './heatmap';
import { expandRepeats, type RepeatedPanel } from './repeat';
import { fetchPanel, planPanelQueries, queryKey, runner, type PanelQuery, type Series } from './panelQueries';
import { shapePanel } from './shape';
import { isObject, readDashboard, str, type DashboardSource, type Json } from './source';
import { resolveRange } from './time';
import type { PanelContent, PanelView, PreviewModel, PreviewRequest } from './types';
import { runVariableQuery } from './variableQuery';
import { resolveVariables } from './variables';

/** Panels beyond this are listed as not drawn: a page of thousands of charts helps nobody. */
export const MAX_PANELS = 500;
const DEFAULT_WIDTH = 1200;
const DRAWN = new Set(['timeseries', 'graph', 'stat', 'gauge', 'bargauge', 'table', 'heatmap', 'text', 'row']);

export interface PreviewEnvironment {
  /** The Prometheus to query; without one, panels say that nothing is connected. */
  api?: PrometheusApi;
  /** Where data comes from, for the page's header (`local (http://…)`). */
  source?: string;
  /** Why there is no `api`, for the page. */
  noApi?: string;
  /** The data source's scrape interval in seconds (Grafana's default 15). */
  scrapeSeconds?: number;
  /** Milliseconds since the epoch (tests pass a fixed clock). */
  now?: () => number;
  signal?: AbortSignal;
}

export class PreviewSession {
  private lastGood: DashboardSource | undefined;
  private now: number | undefined;
  private range: string | undefined;
  private results = new Map<string, Promise<QueryResult>>();
  private lookups = new Map<string, Promise<string[]>>();
  /** Queries actually sent to Prometheus, for tests and the benchmark. */
  sent = 0;

  async render(text: string, request: PreviewRequest, env: PreviewEnvironment): Promise<PreviewModel> {
    const problems: string[] = [];
    const read = readDashboard(text);
    let source: DashboardSource;
    if ('error' in read) {
      if (!this.lastGood) {
        return emptyModel(read.error, env);
      }
      problems.push(`${read.error} The preview shows the last version that parsed.`);
      source = this.lastGood;
    } else {
      source = this.lastGood = read;
    }
    const from = request.from ?? source.from;
    const to = request.to ?? source.to;
    if (request.refresh || this.now === undefined || this.range !== `${from}|${to}`) {
      this.now = (env.now ?? Date.now)() / 1000;
      this.range = `${from}|${to}`;
      this.results.clear();
      this.lookups.clear();
    }
    let range = resolveRange(from, to, this.now);
    if ('error' in range) {
      problems.push(`${range.error} The last 6 hours are shown.`);
      range = { start: this.now - 6 * 3600, end: this.now };
    }
    const { start, end } = range;
    const rangeBuiltins = builtins(panelInterval({ start, end, maxDataPoints: DEFAULT_WIDTH, scrapeSeconds: env.scrapeSeconds }), range, source.title);
    const vars = await resolveVariables(source.variables, {
      lookup: env.api && this.cachedLookups(env.api, start, end, env.signal),
      start,
      end,
      selections: request.variables,
      builtins: rangeBuiltins,
    });
    if (!env.api) {
      problems.push(env.noApi ?? 'No Prometheus is connected: panels are drawn without data.');
    }
    const expanded = expandRepeats(source.panels, vars.views);
    const panels = expanded.slice(0, MAX_PANELS);
    if (expanded.length > MAX_PANELS) {
      problems.push(`The dashboard has ${expanded.length} panels; the preview draws the first ${MAX_PANELS}.`);
    }
    const visible = layoutPanels(
      panels.map((p) => ({ key: p.key, type: p.type, gridPos: p.gridPos, inRow: p.inRow, collapsed: p.json.collapsed === true })),
      request.rows,
    ).placed;
    const used = new Set<string>();
    const run = env.api && this.cachedQueries(runner(env.api, env.signal), used);
    const width = request.width && request.width > 0 ? request.width : DEFAULT_WIDTH;
    const ctx = { start, end, scrapeSeconds: env.scrapeSeconds, title: source.title, values: vars.values };
    const views = await Promise.all(
      panels.map((p) => {
        const values = p.scoped ? { ...ctx.values, ...p.scoped } : ctx.values;
        return this.panelView(p, request.allPanels || visible.has(p.key), { ...ctx, values, width: (width * p.gridPos.w) / 24 }, run);
      }),
    );
    for (const key of [...this.results.keys()].filter((k) => !used.has(k))) {
      this.results.delete(key);
    }
    return {
      title: interpolateText(source.title, vars.values),
      uid: source.uid,
      time: { from, to, start, end },
      refresh: source.refresh,
      variables: vars.views,
      panels: views,
      problems,
      source: env.source,
      renderedAt: Math.round(this.now * 1000),
    };
  }

  private async panelView(
    p: RepeatedPanel,
    visible: boolean,
    ctx: Parameters<typeof planPanelQueries>[1],
    run: ((q: PanelQuery) => Promise<QueryResult>) | undefined,
  ): Promise<PanelView> {
    const view: PanelView = {
      key: p.key,
      id: typeof p.json.id === 'number' ? p.json.id : undefined,
      type: p.type,
      title: interpolateText(str(p.json.title) ?? '', ctx.values),
      description: str(p.json.description) ? interpolateText(str(p.json.description)!, ctx.values) : undefined,
      gridPos: p.gridPos,
      row: p.inRow,
      collapsed: p.type === 'row' ? p.json.collapsed === true : undefined,
      offset: p.offset,
      length: p.length,
      content: null,
      notes: p.repeatNote ? [p.repeatNote] : [],
      queries: [],
    };
    if (!DRAWN.has(p.type)) {
      view.content = { kind: 'unsupported', type: p.type };
      return view;
    }
    if (p.type === 'row') {
      view.content = { kind: 'row' };
      return view;
    }
    if (p.type === 'text') {
      view.content = textContent(p.json, ctx.values);
      return view;
    }
    if (!visible) {
      return view;
    }
    const plan = planPanelQueries(p.json, ctx);
    view.queries = plan.queries.map((q) => q.expr);
    view.notes.push(...plan.skipped);
    if (!run) {
      shapeInto(view, p, []);
      view.error = plan.queries.length ? 'No Prometheus is connected.' : undefined;
      return view;
    }
    const data = await fetchPanel(plan, run);
    const shapeErrors = shapeInto(view, p, data.series);
    view.notes.push(...data.warnings);
    if (data.errors.length || shapeErrors.length) {
      view.error = [...data.errors, ...shapeErrors].join('\n');
    }
    if (view.content?.kind === 'timeseries' && view.content.truncated) {
      view.notes.push(`The queries returned ${view.content.series.length + view.content.truncated} series; the first ${view.content.series.length} are drawn.`);
    }
    return view;
  }

  /** Runs each distinct query once per window; failures that may pass (no answer, cancelled) are not kept. */
  private cachedQueries(run: (q: PanelQuery) => Promise<QueryResult>, used: Set<string>): (q: PanelQuery) => Promise<QueryResult> {
    return (q) => {
      const key = queryKey(q);
      used.add(key);
      let result = this.results.get(key);
      if (!result) {
        this.sent++;
        result = run(q);
        this.results.set(key, result);
        result.catch((e: unknown) => {
          if (!(e instanceof PrometheusError) || e.kind !== 'api') {
            this.results.delete(key);
          }
        });
      }
      return result;
    };
  }

  /** Variable queries answered once per window: options do not change while the user types. */
  private cachedLookups(api: PrometheusApi, start: number, end: number, signal?: AbortSignal): (query: string) => Promise<string[]> {
    return (query) => {
      let p = this.lookups.get(query);
      if (!p) {
        p = runVariableQuery(query, { api, start, end, signal });
        this.lookups.set(query, p);
        p.catch(() => this.lookups.delete(query));
      }
      return p;
    };
  }
}

/** Sets the panel's content from its series; returns what made series unusable (a heatmap's series without `le`). */
function shapeInto(view: PanelView, p: RepeatedPanel, series: Series[]): string[] {
  if (p.type === 'heatmap') {
    const shaped = shapeHeatmap(p.json, series);
    view.content = shaped.content;
    view.notes.push(...shaped.notes);
    return shaped.errors;
  }
  view.content = shapePanel(p.json, p.type, series) ?? null;
  return [];
}

function textContent(panel: Json, values: Parameters<typeof interpolateText>[1]): PanelContent {
  const options = isObject(panel.options) ? panel.options : {};
  const mode = str(options.mode) ?? str(panel.mode) ?? 'markdown';
  const content = str(options.content) ?? str(panel.content) ?? '';
  return { kind: 'text', mode: mode === 'html' || mode === 'code' ? mode : 'markdown', content: interpolateText(content, values) };
}

function emptyModel(problem: string, env: PreviewEnvironment): PreviewModel {
  const now = (env.now ?? Date.now)();
  return {
    title: 'Dashboard',
    time: { from: 'now-6h', to: 'now', start: now / 1000 - 6 * 3600, end: now / 1000 },
    refresh: '',
    variables: [],
    panels: [],
    problems: [problem],
    source: env.source,
    renderedAt: now,
  };
}
