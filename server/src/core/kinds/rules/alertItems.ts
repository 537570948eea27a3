import { getProperty, getValue, items, properties, propertyKey, propertyValue, type AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { ruleGroups } from './validate';

/** An alerting rule of a rule document, with where its name and each of its labels are written. */
export interface AlertItem {
  name: string;
  /** The `alert:` property. */
  alert: AstNode;
  nameNode: AstNode;
  /** The rule's labels over its group's, as written. */
  labels: Record<string, string>;
  /** The value node of each label (the rule's own, else its group's). */
  labelNodes: Map<string, AstNode>;
  expr: string;
}

/** The alerting rules of a rule file (every document, plain and PrometheusRule). */
export function alertItems(ctx: DocumentContext): AlertItem[] {
  const out: AlertItem[] = [];
  for (const group of ctx.docs.flatMap((d) => ruleGroups(d.root))) {
    const groupLabels = properties(getValue(group, 'labels'));
    for (const rule of items(getValue(group, 'rules'))) {
      const alert = getProperty(rule, 'alert');
      const nameNode = alert && propertyValue(alert);
      if (!alert || !nameNode || (nameNode.type !== 'string' && nameNode.type !== 'number') || nameNode.value === '' || getProperty(rule, 'record')) {
        continue;
      }
      const labels: Record<string, string> = {};
      const labelNodes = new Map<string, AstNode>();
      for (const prop of [...groupLabels, ...properties(getValue(rule, 'labels'))]) {
        const v = propertyValue(prop);
        const key = propertyKey(prop);
        labels[key] = v && (v.type === 'string' || v.type === 'number' || v.type === 'boolean') ? String(v.value) : '';
        if (v) {
          labelNodes.set(key, v);
        }
      }
      const expr = getValue(rule, 'expr');
      out.push({ name: String(nameNode.value), alert, nameNode, labels, labelNodes, expr: expr?.type === 'string' ? String(expr.value) : '' });
    }
  }
  return out;
}
