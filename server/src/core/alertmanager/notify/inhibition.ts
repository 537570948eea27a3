/**
 * Inhibition (inhibit/inhibit.go): an alert is muted when an inhibit rule's target matchers take it and another
 * firing alert satisfies the rule's source matchers with the same values of the `equal` labels (absent on both
 * counts as the same). An alert never inhibits itself, even when it matches both sides.
 */
import { getValue, items, properties, propertyKey, propertyValue, type AstNode } from '../../syntax/ast';
import { matcherMode, matcherString, matches, parseMatchers, type Matcher } from '../matchers';
import { fingerprint, type Labels } from './alerts';

export interface InhibitRule {
  /** Index in `inhibit_rules`. */
  index: number;
  source: Matcher[];
  target: Matcher[];
  equal: string[];
  node: AstNode;
}

export interface Inhibition {
  rule: InhibitRule;
  /** The alert doing the inhibiting. */
  by: Labels;
}

export function inhibitRules(root: AstNode | undefined, text: string, version: string): InhibitRule[] {
  const mode = matcherMode(version);
  return items(getValue(root, 'inhibit_rules'))
    .filter((n) => n.type === 'object')
    .map((node, index) => ({
      index,
      node,
      source: side(node, 'source_', text, mode),
      target: side(node, 'target_', text, mode),
      equal: items(getValue(node, 'equal')).map((e) => scalar(e, text)),
    }));
}

function side(node: AstNode, prefix: string, text: string, mode: ReturnType<typeof matcherMode>): Matcher[] {
  const out: Matcher[] = [];
  for (const prop of properties(getValue(node, `${prefix}match`))) {
    out.push({ name: propertyKey(prop), op: '=', value: scalar(propertyValue(prop), text) });
  }
  for (const prop of properties(getValue(node, `${prefix}match_re`))) {
    out.push({ name: propertyKey(prop), op: '=~', value: `^(?:${scalar(propertyValue(prop), text)})$` });
  }
  for (const entry of items(getValue(node, `${prefix}matchers`))) {
    out.push(...parseMatchers(scalar(entry, text), mode).matchers);
  }
  return out;
}

function scalar(node: AstNode | undefined, text: string): string {
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'null' || node.type === 'property') {
    return '';
  }
  return node.type === 'string' ? String(node.value) : text.slice(node.offset, node.offset + node.length);
}

const all = (ms: Matcher[], labels: Labels): boolean => ms.every((m) => matches(m, labels[m.name] ?? ''));

/** The rules whose target matchers take the alert (it would be inhibited by a matching source alert). */
export function targetingRules(rules: InhibitRule[], alert: Labels): InhibitRule[] {
  return rules.filter((r) => all(r.target, alert));
}

/** The inhibitions that mute `alert`, given the other firing alerts. */
export function inhibitionsOf(rules: InhibitRule[], alert: Labels, others: Labels[]): Inhibition[] {
  const self = fingerprint(alert);
  const out: Inhibition[] = [];
  for (const rule of targetingRules(rules, alert)) {
    const by = others.find((o) => fingerprint(o) !== self && all(rule.source, o) && rule.equal.every((n) => (o[n] ?? '') === (alert[n] ?? '')));
    if (by) {
      out.push({ rule, by });
    }
  }
  return out;
}

export function describeRule(rule: InhibitRule): string {
  const list = (ms: Matcher[]): string => `{${ms.map(matcherString).join(',')}}`;
  const equal = rule.equal.length ? ` equal [${rule.equal.join(', ')}]` : '';
  return `inhibit_rules[${rule.index}]: source ${list(rule.source)} → target ${list(rule.target)}${equal}`;
}
