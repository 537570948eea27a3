import type { Problem } from '../../problem';
import { getValue, items, type AstNode } from '../../syntax/ast';
import type { ProvisionedDatasource } from '../../workspace/grafana';
import { text, type Panel, type Variable } from './model';

/** Data source names and uids that are Grafana's own, not provisioned ones. */
const BUILT_IN = new Set(['-- Grafana --', '-- Mixed --', '-- Dashboard --', 'grafana', 'dashboard', 'mixed', '__expr__', 'default']);

/** Where panels and their queries name a data source. */
export function panelDatasourceNodes(panels: Panel[]): AstNode[] {
  return references(panels.flatMap((p) => [p.node, ...items(getValue(p.node, 'targets'))]));
}

/** Where the variables and annotations of a dashboard name a data source. */
export function dashboardDatasourceNodes(dash: AstNode, variables: Variable[]): AstNode[] {
  return references([...variables.map((v) => v.node), ...items(getValue(getValue(dash, 'annotations'), 'list'))]);
}

function references(holders: AstNode[]): AstNode[] {
  return holders.map((h) => getValue(h, 'datasource')).filter((d): d is AstNode => !!d && d.type !== 'null');
}

/**
 * The plugin type a data source reference resolves to: its `type`, the plugin of a data source variable (`${ds}`),
 * or the type of the provisioned data source it names. Undefined when not known (the default data source).
 */
export function datasourceType(ref: AstNode | undefined, variables: Variable[], provisioned: ProvisionedDatasource[]): string | undefined {
  const name = ref?.type === 'string' ? String(ref.value) : text(ref, 'uid');
  const variable = name && /^\$\{?(\w+)\}?$/.exec(name)?.[1];
  if (variable) {
    const v = variables.find((x) => x.name === variable && x.type === 'datasource');
    return v ? text(v.node, 'query') : undefined;
  }
  const type = text(ref, 'type');
  if (type) {
    return type;
  }
  return name ? provisioned.find((d) => d.uid === name || d.name === name)?.type : undefined;
}

/** References by uid or name that match no data source the workspace provisions (checked only when it provisions some). */
export function datasourceProblems(refs: AstNode[], provisioned: ProvisionedDatasource[]): Problem[] {
  if (!provisioned.length) {
    return [];
  }
  const out: Problem[] = [];
  const known = provisioned.map((d) => `"${d.uid ?? d.name}" (${d.name})`).join(', ');
  for (const ref of refs) {
    const node = ref.type === 'string' ? ref : getValue(ref, 'uid');
    const value = node?.type === 'string' ? String(node.value) : undefined;
    if (!node || !value || value.includes('$') || BUILT_IN.has(value)) {
      continue;
    }
    const match = provisioned.find((d) => d.uid === value || (ref.type === 'string' && d.name === value));
    if (!match) {
      const by = ref.type === 'string' ? 'name or uid' : 'uid';
      out.push({ offset: node.offset, length: node.length, severity: 'warning', code: 'grafana/unknown-datasource', message: `No data source provisioned in the workspace has the ${by} "${value}"; known: ${known}.` });
      continue;
    }
    const type = text(ref, 'type');
    if (type && match.type && type !== match.type && !type.includes('$')) {
      const typeNode = getValue(ref, 'type')!;
      out.push({ offset: typeNode.offset, length: typeNode.length, severity: 'warning', code: 'grafana/unknown-datasource', message: `The data source "${value}" is of type "${match.type}", not "${type}".` });
    }
  }
  return out;
}
