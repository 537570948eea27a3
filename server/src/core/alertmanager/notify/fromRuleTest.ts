/**
 * Alerts to preview from a rule-test file: the `exp_alerts` of the `alert_rule_test` case under the cursor, each
 * with the case's alertname added to its `exp_labels`, as the rule would send them to Alertmanager.
 */
import { getValue, items, properties, propertyKey, propertyValue, type AstNode } from '../../syntax/ast';
import type { Labels, PreviewAlert } from './alerts';

function within(node: AstNode, offset: number): boolean {
  return node.offset <= offset && offset <= node.offset + node.length;
}

function stringMap(node: AstNode | undefined): Labels {
  const out: Labels = {};
  for (const p of properties(node)) {
    const v = propertyValue(p);
    if (v && v.type !== 'object' && v.type !== 'array' && v.type !== 'null') {
      out[propertyKey(p)] = String(v.value);
    }
  }
  return out;
}

/** The expected alerts of the case at `offset`, the one under the cursor first; empty when there is none. */
export function alertsOfCaseAt(root: AstNode | undefined, offset: number): PreviewAlert[] {
  for (const test of items(getValue(root, 'tests'))) {
    for (const c of items(getValue(test, 'alert_rule_test'))) {
      if (!within(c, offset)) {
        continue;
      }
      const name = getValue(c, 'alertname');
      const alertname = name && name.type !== 'object' && name.type !== 'array' ? String(name.value ?? '') : '';
      const expected = items(getValue(c, 'exp_alerts'));
      const alerts = expected.map((e) => ({ labels: { alertname, ...stringMap(getValue(e, 'exp_labels')) }, annotations: stringMap(getValue(e, 'exp_annotations')) }));
      const at = expected.findIndex((e) => within(e, offset));
      return at > 0 ? [alerts[at], ...alerts.filter((_, i) => i !== at)] : alerts;
    }
  }
  return [];
}
