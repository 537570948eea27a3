import type { Problem } from '../../problem';
import { getValue, type AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { dashboardDatasourceNodes, datasourceProblems } from './datasources';
import { duplicatePanelIds, gridProblems, legacyRowProblems, rowProblems } from './layout';
import { dashboardOf, panelsOf, variablesOf } from './model';
import { operatorDashboard } from './operator';
import { panelProblems } from './panelChecks';
import { definedNames, variableProblems } from './variables';

/** The checks of a dashboard beyond its schema: layout, uid, variables, data sources, units and queries. */
export function validateGrafanaDashboard(root: AstNode | undefined, ctx: DocumentContext): Problem[] {
  if (getValue(root, 'kind')?.value === 'GrafanaDashboard') {
    const operator = operatorDashboard(root, ctx);
    const inner = dashboardOf(operator?.doc.root);
    return operator ? [...operator.problems, ...(inner ? dashboardProblems(inner, ctx) : [])] : [];
  }
  const dash = dashboardOf(root);
  return dash ? dashboardProblems(dash, ctx) : [];
}

export function dashboardProblems(dash: AstNode, ctx: DocumentContext): Problem[] {
  const panels = panelsOf(dash);
  const variables = variablesOf(dash);
  const provisioned = ctx.grafana?.datasources() ?? [];
  const options = { prometheusVersion: ctx.settings.versions.prometheus, ...ctx.settings.promqlFeatures };
  const defined = definedNames(dash, variables);
  const local = panelProblems(panels, { variables, defined, provisioned, options, docText: ctx.text });
  return [
    ...duplicatePanelIds(panels),
    ...gridProblems(panels),
    ...rowProblems(panels),
    ...legacyRowProblems(dash),
    ...uidProblems(dash, ctx),
    ...local.problems,
    ...variableProblems(dash, panels, variables, defined, local, ctx.text),
    ...datasourceProblems(dashboardDatasourceNodes(dash, variables), provisioned),
  ];
}

/** A uid another dashboard of the workspace also has: Grafana keeps one dashboard per uid and organisation. */
function uidProblems(dash: AstNode, ctx: DocumentContext): Problem[] {
  const uid = getValue(dash, 'uid');
  if (uid?.type !== 'string' || !uid.value || !ctx.grafana) {
    return [];
  }
  const others = ctx.grafana.dashboardsWithUid(String(uid.value), ctx.path ?? ctx.uri);
  if (!others.length) {
    return [];
  }
  return [
    {
      offset: uid.offset,
      length: uid.length,
      severity: 'warning',
      code: 'grafana/duplicate-uid',
      message: `The uid "${uid.value}" is also used by ${others.join(', ')}; Grafana keeps one dashboard per uid, so provisioning one hides the other.`,
    },
  ];
}
