import { getProperty, getValue, items, type AstNode } from '../../syntax/ast';
import type { Problem } from '../../problem';
import type { DocumentContext } from '../context';
import { checkFormat, durationMs } from '../../schema/formats';
import { ignoredDocumentProblems, shapeProblems } from './documents';
import { ruleTemplateProblems } from './templates';
import { groupLints, ruleGroupContext, ruleLints } from './lints';
import { cachedRuleProblems, type RuleItemProblems } from './ruleCache';

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
  const settings = JSON.stringify([
    ctx.settings.versions.prometheus,
    ctx.settings.promqlFeatures,
    ctx.workspace?.scrapeInterval(),
    ctx.workspace?.evaluationInterval(),
  ]);
  const groups = ruleGroups(root).map((group) => {
    const context = ruleGroupContext(group, ctx);
    const key = `${settings}\0${JSON.stringify(context)}`;
    const rules = items(getValue(group, 'rules')).map((rule) => {
      const compute = (): RuleItemProblems => ({
        templates: ruleTemplateProblems(rule, ctx),
        lints: ruleLints(rule, context, ctx),
        checks: checkRule(rule, ctx),
      });
      // Kept by item text for the next version of the document; a one-shot check has none.
      return ctx.oneShot ? compute() : cachedRuleProblems(rule, ctx.text, key, compute);
    });
    return { group, rules };
  });
  const out: Problem[] = groups.flatMap((g) => g.rules.flatMap((r) => r.templates));
  for (const g of groups) {
    out.push(...groupLints(g.group), ...g.rules.flatMap((r) => r.lints));
  }
  out.push(...shapeProblems(root, ctx));
  if (root && root === ctx.docs[0]?.root) {
    out.push(...ignoredDocumentProblems(ctx));
  }
  const seen = new Set<string>();
  for (const { group, rules } of groups) {
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
    out.push(...limitProblems(getValue(group, 'limit')));
    out.push(...rules.flatMap((r) => r.checks));
  }
  return out;
}

function checkRule(rule: AstNode, ctx: DocumentContext): Problem[] {
  if (rule.type !== 'object') {
    return [];
  }
  const out: Problem[] = [];
  const anchor = rule.children?.[0]?.children?.[0] ?? rule;
  // As rulefmt does, a rule is what its names say: `record: ""` beside an alert is no recording rule.
  const record = named(rule, 'record');
  const alert = named(rule, 'alert');
  if (record && alert) {
    out.push(problem(alert.children![0], 'rules/alert-and-record', "only one of 'record' and 'alert' must be set"));
  } else if (!record && !alert) {
    out.push(problem(anchor, 'rules/no-alert-or-record', "one of 'record' or 'alert' must be set"));
  }
  const expr = getValue(rule, 'expr');
  if (expr && !text(expr)?.trim()) {
    out.push(problem(expr, 'rules/empty-expr', "field 'expr' must be set in rule"));
  }
  // Checked here, not by the schema: an empty `record` beside an alert is no name at all.
  const formats = { prometheusVersion: ctx.settings.versions.prometheus };
  const badName = record && checkFormat('metricName', text(record.children![1])!, formats);
  if (badName) {
    out.push(problem(record.children![1], 'schema/invalid-metric-name', badName));
  }
  if (record && !alert) {
    out.push(...recordingRuleFields(rule));
  }
  const alertName = text(alert?.children?.[1]);
  if (alertName && !/^[A-Z][A-Za-z0-9]*$/.test(alertName)) {
    out.push(problem(alert!.children![1], 'rules/alert-name-style', `Alert names are conventionally CamelCase ("${camel(alertName)}").`, 'info'));
  }
  return out;
}

/** The `alert` or `record` property when its value is a name (a non-empty scalar). */
function named(rule: AstNode, key: string): AstNode | undefined {
  const prop = getProperty(rule, key);
  return text(prop?.children?.[1]) ? prop : undefined;
}

/** `for`, `keep_firing_for` and `annotations` mean nothing to a recording rule; rulefmt refuses them unless zero or empty. */
function recordingRuleFields(rule: AstNode): Problem[] {
  const out: Problem[] = [];
  for (const field of ['for', 'keep_firing_for', 'annotations']) {
    const prop = getProperty(rule, field);
    const value = prop?.children?.[1];
    if (!prop || !value) {
      continue;
    }
    const empty = field === 'annotations' ? !value.children?.length : value.type === 'null' || durationMs(text(value) ?? '') === 0;
    if (empty) {
      out.push(problem(prop.children![0], 'rules/field-on-recording-rule', `'${field}' has no effect in a recording rule; remove it.`, 'warning'));
    } else {
      out.push(problem(prop.children![0], 'rules/field-on-recording-rule', `invalid field '${field}' in recording rule`));
    }
  }
  return out;
}

/** Prometheus reads `limit` into an integer: yaml.v3 drops a fraction without a word. */
function limitProblems(limit: AstNode | undefined): Problem[] {
  if (limit?.type !== 'number' || Number.isInteger(limit.value)) {
    return [];
  }
  const message = `limit is a whole number: Prometheus uses ${Math.trunc(Number(limit.value))}, not ${String(limit.value)}.`;
  return [problem(limit, 'rules/fractional-limit', message, 'warning')];
}

function camel(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
