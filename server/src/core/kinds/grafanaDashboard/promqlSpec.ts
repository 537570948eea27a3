import type { PromQLSpec } from '../../embedded/promql';
import { getValue, type AstNode } from '../../syntax/ast';
import type { ProvisionedDatasource } from '../../workspace/grafana';
import type { DocumentContext } from '../context';
import { datasourceType } from './datasources';
import { dashboardOf, variablesOf, type Variable } from './model';
import { isPrometheus } from './queries';

/** Variables and provisioned data sources per dashboard parse: asked once per target otherwise. */
const facts = new WeakMap<AstNode, { variables: Variable[]; provisioned: ProvisionedDatasource[] }>();

/** Whether a target's `expr` goes to Prometheus: by the target's data source, else the panel's. */
function isPrometheusExpr(expr: AstNode, ctx: DocumentContext): boolean {
  const target = expr.parent?.parent;
  const panel = target?.parent?.parent?.parent;
  let top: AstNode | undefined = panel;
  while (top?.parent) {
    top = top.parent;
  }
  const dash = dashboardOf(top);
  if (!target || !dash) {
    return true;
  }
  let known = facts.get(dash);
  if (!known) {
    known = { variables: variablesOf(dash), provisioned: ctx.grafana?.datasources() ?? [] };
    facts.set(dash, known);
  }
  const own = getValue(target, 'datasource');
  const ref = own && own.type !== 'null' ? own : getValue(panel, 'datasource');
  const type = datasourceType(ref, known.variables, known.provisioned);
  return isPrometheus(type === 'mixed' || type === '-- Mixed --' ? undefined : type);
}

/** Where panels are: the dashboard's list, collapsed rows' lists, legacy `rows` (schemaVersion < 16), library panels. */
const PANELS = [['panels', '*'], ['panels', '*', 'panels', '*'], ['rows', '*', 'panels', '*'], ['__elements', '*', 'model']];

/**
 * PromQL in dashboards: every Prometheus target's `expr`, rows' nested panels included, with Grafana variables, in
 * a dashboard or the `dashboard` of an API payload. Explicit paths rather than any depth: a walk of every node of
 * a large dashboard on each edit costs more than the checks of its queries.
 */
export const DASHBOARD_PROMQL: PromQLSpec = {
  paths: PANELS.flatMap((p) => [
    [...p, 'targets', '*', 'expr'],
    ['dashboard', ...p, 'targets', '*', 'expr'],
  ]),
  grafanaVariables: true,
  use: 'query',
  accept: isPrometheusExpr,
};
