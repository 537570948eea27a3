import type { Problem } from '../../problem';
import { checkPromQL, type CheckOptions } from '../../promql/check';
import { docSpan, embeddedText } from '../../promql/embed';
import { substituteVariables, type Substitution } from '../../promql/grafanaVariables';
import { describeRemover, LabelAnalysis, removedBy } from '../../promql/lintLabels';
import type { Span } from '../../promql/types';
import { getValue, items, type AstNode } from '../../syntax/ast';
import type { ProvisionedDatasource } from '../../workspace/grafana';
import { datasourceType } from './datasources';
import { expansionProblems } from './expansion';
import type { Panel, Variable } from './model';

/** A Prometheus query of a panel, with its parse under placeholders. */
export interface PromTarget {
  target: AstNode;
  expr: AstNode;
  sub: Substitution;
}

/** Whether a query goes to Prometheus: its own data source, else the panel's; unknown means the default, assumed Prometheus. */
export function isPrometheus(type: string | undefined): boolean {
  return type === undefined || type.includes('prometheus');
}

/** The Prometheus targets of the panels (queries of other data sources, such as Loki's LogQL, are left alone). */
export function prometheusTargets(panels: Panel[], variables: Variable[], provisioned: ProvisionedDatasource[]): PromTarget[] {
  const out: PromTarget[] = [];
  for (const panel of panels) {
    const panelType = datasourceType(getValue(panel.node, 'datasource'), variables, provisioned);
    for (const target of items(getValue(panel.node, 'targets'))) {
      const own = getValue(target, 'datasource');
      const type = own && own.type !== 'null' ? datasourceType(own, variables, provisioned) : panelType;
      const expr = getValue(target, 'expr');
      if (expr?.type === 'string' && String(expr.value).trim() && isPrometheus(type === 'mixed' || type === '-- Mixed --' ? undefined : type)) {
        out.push({ target, expr, sub: substituteVariables(String(expr.value)) });
      }
    }
  }
  return out;
}

/** Multi-value matchers, queries that break under some selection of their variables, and impossible legends. */
export function queryProblems(targets: PromTarget[], variables: Variable[], options: CheckOptions, docText: string): Problem[] {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const out: Problem[] = [];
  for (const t of targets) {
    const checked = checkPromQL(t.sub.text, options);
    if (!checked.expr || checked.problems.some((p) => p.severity === 'error')) {
      continue; // the PromQL checks report it
    }
    const place = (span: Span): Span => {
      const embedded = embeddedText(t.expr, docText);
      return embedded ? docSpan(embedded, span) : { from: t.expr.offset, to: t.expr.offset + t.expr.length };
    };
    out.push(...multiValueEquals(t, byName, place));
    out.push(...expansionProblems(t, byName, options, place));
    out.push(...legendProblems(t, checked.expr, docText));
  }
  return out;
}

/** A variable that can hold several values, inside an `=` / `!=` matcher: Grafana inserts a regex, compared as text. */
function multiValueEquals(t: PromTarget, byName: Map<string, Variable>, place: (s: Span) => Span): Problem[] {
  const out: Problem[] = [];
  for (const use of t.sub.variables) {
    const v = byName.get(use.name);
    if (use.context !== 'labelValue' || !v || !(v.multi || v.includeAll)) {
      continue;
    }
    const r = place(use);
    const what = v.multi ? 'several values' : `"All"${v.allValue ? ` (${v.allValue})` : ''}`;
    out.push({
      offset: r.from,
      length: r.to - r.from,
      severity: 'warning',
      code: 'grafana/multi-value-equals',
      message: `"${v.name}" can hold ${what}, which Grafana inserts as a regular expression such as (a|b); an = or != matcher compares it as plain text, so it matches nothing. Use =~ or !~.`,
    });
  }
  return out;
}

const LEGEND_LABEL = /\{\{\s*([^{}\s]+?)\s*\}\}/g;

/** `{{label}}` in the legend for a label the query's result cannot have (aggregated or matched away). */
function legendProblems(t: PromTarget, expr: NonNullable<ReturnType<typeof checkPromQL>['expr']>, docText: string): Problem[] {
  const legend = getValue(t.target, 'legendFormat');
  if (legend?.type !== 'string' || t.sub.variables.some((v) => v.context === 'labelList')) {
    return [];
  }
  const labels = new LabelAnalysis().of(expr);
  if (!labels) {
    return [];
  }
  const value = String(legend.value);
  const embedded = embeddedText(legend, docText);
  const out: Problem[] = [];
  for (const m of value.matchAll(LEGEND_LABEL)) {
    const name = m[1];
    const remover = name === '__name__' ? undefined : removedBy(labels, name);
    if (!remover) {
      continue;
    }
    const span = { from: m.index!, to: m.index! + m[0].length };
    const r = embedded ? docSpan(embedded, span) : { from: legend.offset, to: legend.offset + legend.length };
    out.push({
      offset: r.from,
      length: r.to - r.from,
      severity: 'warning',
      code: 'grafana/legend-label-missing',
      message: `The query's result has no label "${name}" (${describeRemover(remover)} removes it), so the legend shows nothing for {{${name}}}.`,
    });
  }
  return out;
}
