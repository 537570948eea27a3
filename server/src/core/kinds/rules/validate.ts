import { getProperty, getValue, items, type AstNode } from '../../syntax/ast';
import type { Problem } from '../../problem';
import type { DocumentContext } from '../context';
import { ruleTemplateProblems } from './templates';

// Structural checks of rule files that a schema cannot express, with the wording of Prometheus's rule file
// validation (model/rulefmt/rulefmt.go RuleGroups.Validate and RuleNode.Validate), as `promtool check rules` says it.

function problem(node: AstNode, code: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { offset: node.offset, length: node.length, code, message, severity };
}

function text(node: AstNode | undefined): string | undefined {
  return node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean') ? String(node.value) : undefined;
}

/** The rule groups of a document: `groups` of a plain rule file or `spec.groups` of a PrometheusRule. */
export function ruleGroups(root: AstNode | undefined): AstNode[] {
  return [...items(getValue(root, 'groups')), ...items(getValue(getValue(root, 'spec'), 'groups'))];
}

export function validateRules(root: AstNode | undefined, ctx: DocumentContext): Problem[] {
  const out: Problem[] = ruleTemplateProblems(root, ctx);
  const seen = new Set<string>();
  for (const group of ruleGroups(root)) {
    const nameNode = getValue(group, 'name');
    const name = text(nameNode);
    if (nameNode && !name) {
      out.push(problem(nameNode, 'rules/empty-group-name', 'Groupname must not be empty'));
    } else if (name && seen.has(name)) {
      out.push(problem(nameNode!, 'rules/duplicate-group', `groupname: "${name}" is repeated in the same file`));
    }
    if (name) {
      seen.add(name);
    }
    for (const rule of items(getValue(group, 'rules'))) {
      out.push(...checkRule(rule));
    }
  }
  return out;
}

function checkRule(rule: AstNode): Problem[] {
  if (rule.type !== 'object') {
    return [];
  }
  const out: Problem[] = [];
  const anchor = rule.children?.[0]?.children?.[0] ?? rule;
  const record = getProperty(rule, 'record');
  const alert = getProperty(rule, 'alert');
  if (record && alert) {
    out.push(problem(alert.children![0], 'rules/alert-and-record', "only one of 'record' and 'alert' must be set"));
  } else if (!record && !alert) {
    out.push(problem(anchor, 'rules/no-alert-or-record', "one of 'record' or 'alert' must be set"));
  }
  const expr = getValue(rule, 'expr');
  if (expr && !text(expr)?.trim()) {
    out.push(problem(expr, 'rules/empty-expr', "field 'expr' must be set in rule"));
  }
  if (record && !alert) {
    for (const field of ['for', 'keep_firing_for', 'annotations']) {
      const prop = getProperty(rule, field);
      if (prop) {
        out.push(problem(prop.children![0], 'rules/field-on-recording-rule', `invalid field '${field}' in recording rule`));
      }
    }
  }
  const alertName = text(alert?.children?.[1]);
  if (alertName && !/^[A-Z][A-Za-z0-9]*$/.test(alertName)) {
    out.push(problem(alert!.children![1], 'rules/alert-name-style', `Alert names are conventionally CamelCase ("${camel(alertName)}").`, 'info'));
  }
  return out;
}

function camel(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
