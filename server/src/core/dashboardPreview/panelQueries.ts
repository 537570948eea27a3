// A panel's Prometheus targets as the queries Grafana would send (variables substituted, `$__interval` and friends
// of this panel, instant or range, aligned window) and their results as series. Queries go through a cache owned
// by the preview session, so after an edit only queries whose text or window changed reach Prometheus.
import type { PrometheusApi } from '../prometheus/client';
import { PrometheusError } from '../prometheus/errors';
import type { Labels, QueryResult } from '../prometheus/types';
import { substituteVariables, type VariableValue } from '../promql/grafanaVariables';
import { builtins, panelInterval, type PanelInterval } from './intervals';
import { interpolateText, legendName } from './interpolate';
import { isObject, num, str, type Json } from './source';

export interface PanelQuery {
  refId: string;
  expr: string;
  instant: boolean;
  legendFormat?: string;
  /** query_range window and step (unix seconds); for an instant query, `end` is the evaluation time. */
  start: number;
  end: number;
  step: number;
}

export interface Series {
  refId: string;
  name: string;
  labels: Labels;
  points: [number, number | null][];
}

export interface PanelQueryPlan {
  queries: PanelQuery[];
  /** Targets left out and why (another data source, no expression). */
  skipped: string[];
  interval: PanelInterval;
}

export interface PlanContext {
  start: number;
  end: number;
  /** The panel's width in CSS pixels. */
  width: number;
  scrapeSeconds?: number;
  title: string;
  values: Record<string, VariableValue>;
}

/** A data source reference that is clearly not Prometheus (`{ type: 'loki' }`), by its type. */
function otherDatasource(ds: unknown): string | undefined {
  const type = isObject(ds) ? str(ds.type) : undefined;
  return type && type !== 'prometheus' && type !== 'datasource' && !type.startsWith('$') ? type : undefined;
}

export function planPanelQueries(panel: Json, ctx: PlanContext): PanelQueryPlan {
  const targets = Array.isArray(panel.targets) ? panel.targets.filter(isObject) : [];
  const interval = panelInterval({
    start: ctx.start,
    end: ctx.end,
    maxDataPoints: num(panel.maxDataPoints) ?? ctx.width,
    minInterval: str(targets.find((t) => str(t.interval))?.interval) ?? str(panel.interval),
    intervalFactor: num(targets[0]?.intervalFactor),
    scrapeSeconds: ctx.scrapeSeconds,
  });
  const values = { ...builtins(interval, ctx, ctx.title), ...ctx.values };
  const queries: PanelQuery[] = [];
  const skipped: string[] = [];
  targets.forEach((t, i) => {
    const refId = str(t.refId) ?? String.fromCharCode(65 + (i % 26));
    if (t.hide === true) {
      return;
    }
    const other = otherDatasource(t.datasource) ?? (t.datasource === undefined ? otherDatasource(panel.datasource) : undefined);
    if (other) {
      skipped.push(`Query ${refId} uses a ${other} data source; the preview queries Prometheus only.`);
      return;
    }
    const expr = str(t.expr);
    if (!expr?.trim()) {
      return;
    }
    // A per-target min interval changes that target's step and `$__interval` only.
    const own = str(t.interval) ? panelInterval({ start: ctx.start, end: ctx.end, maxDataPoints: num(panel.maxDataPoints) ?? ctx.width, minInterval: str(t.interval), intervalFactor: num(t.intervalFactor), scrapeSeconds: ctx.scrapeSeconds }) : interval;
    const vars = own === interval ? values : { ...builtins(own, ctx, ctx.title), ...ctx.values };
    const instant = (t.instant === true && t.range !== true) || (panel.type === 'table' && t.format === 'table' && t.range !== true && t.instant !== false);
    queries.push({
      refId,
      expr: substituteVariables(expr, vars).text,
      instant,
      legendFormat: str(t.legendFormat) ? interpolateText(str(t.legendFormat)!, ctx.values) : undefined,
      start: own.start,
      end: instant ? ctx.end : own.end,
      step: own.step,
    });
  });
  return { queries, skipped, interval };
}

export function queryKey(q: PanelQuery): string {
  return q.instant ? `i|${q.end}|${q.expr}` : `r|${q.start}|${q.end}|${q.step}|${q.expr}`;
}

function toNumber(s: string): number | null {
  const n = Number(s);
  return Number.isNaN(n) ? null : n;
}

/** Grafana's default series name: the metric with its labels, or the legend format filled in. */
function nameOf(labels: Labels, legendFormat: string | undefined, expr: string): string {
  if (legendFormat && legendFormat !== '__auto') {
    return legendName(legendFormat, labels);
  }
  const { __name__: name = '', ...rest } = labels;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}="${v}"`);
  return pairs.length ? `${name}{${pairs.join(', ')}}` : name || expr;
}

export function toSeries(q: PanelQuery, r: QueryResult): Series[] {
  const series = (labels: Labels, points: [number, number | null][]): Series => ({ refId: q.refId, name: nameOf(labels, q.legendFormat, q.expr), labels, points });
  switch (r.resultType) {
    case 'matrix':
      return r.result.map((s) => series(s.metric, (s.values ?? []).map(([t, v]) => [t, toNumber(v)])));
    case 'vector':
      return r.result.map((s) => series(s.metric, s.value ? [[s.value[0], toNumber(s.value[1])]] : []));
    case 'scalar':
      return [series({}, [[r.result[0], toNumber(r.result[1])]])];
    default:
      return [];
  }
}

/** Runs (or reuses) each query; a failed query is an error message, never a throw, except cancellation. */
export async function fetchPanel(
  plan: PanelQueryPlan,
  run: (q: PanelQuery) => Promise<QueryResult>,
): Promise<{ series: Series[]; errors: string[]; warnings: string[] }> {
  const outcomes = await Promise.all(
    plan.queries.map(async (q) => {
      try {
        return { q, result: await run(q) };
      } catch (e) {
        if (!(e instanceof PrometheusError) || e.kind === 'cancelled') {
          throw e;
        }
        return { q, error: `${plan.queries.length > 1 ? `Query ${q.refId}: ` : ''}${e.apiError ?? e.message}` };
      }
    }),
  );
  const series: Series[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const o of outcomes) {
    if (o.result) {
      series.push(...toSeries(o.q, o.result));
      warnings.push(...o.result.warnings);
    } else {
      errors.push(o.error!);
    }
  }
  return { series, errors, warnings };
}

/** The query function of an API: instant or range as the query asks. */
export function runner(api: PrometheusApi, signal?: AbortSignal): (q: PanelQuery) => Promise<QueryResult> {
  return (q) =>
    q.instant
      ? api.query(q.expr, { time: q.end * 1000, signal })
      : api.queryRange(q.expr, { start: q.start * 1000, end: q.end * 1000, stepSeconds: q.step, signal });
}
