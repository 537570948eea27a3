import { getValue, items, propertiesByKey, type AstNode } from '../../syntax/ast';
import type { Problem } from '../../problem';
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// Relabel semantics follow prometheus/prometheus model/relabel/relabel.go (Config.Validate); the messages
// keep Prometheus's wording so users can search for them.
const DEFAULTS = { separator: ';', regex: '(.*)', replacement: '$1', modulus: '0' };
const NEEDS_TARGET = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];
const TARGET_IS_NAME = ['lowercase', 'uppercase', 'keepequal', 'dropequal', 'hashmod'];
const NO_REPLACEMENT = ['lowercase', 'uppercase', 'keepequal', 'dropequal'];
const LEGACY_TARGET = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

function str(node: AstNode | undefined): string | undefined {
  return node && node.type !== 'null' && node.type !== 'object' && node.type !== 'array' ? String(node.value) : undefined;
}

function isSet(node: AstNode | undefined, key: keyof typeof DEFAULTS): boolean {
  const v = str(node);
  return v !== undefined && v !== DEFAULTS[key];
}

function problem(node: AstNode, message: string): Problem {
  return { offset: node.offset, length: node.length, severity: 'error', code: 'prometheus/invalid-relabel-config', message };
}

const RELABEL_FIELDS = ['action', 'target_label', 'source_labels', 'separator', 'regex', 'replacement', 'modulus'] as const;

/** Checks one relabel config object, adding its problems to `out`; `utf8` is the name validation scheme of the target version. */
export function checkRelabelConfig(cfg: AstNode, utf8: boolean, out: Problem[]): void {
  if (cfg.type !== 'object') {
    return;
  }
  // Thousands of these in a large configuration: one pass over the fields (the first of repeated keys counts).
  const fields = propertiesByKey(cfg, RELABEL_FIELDS);
  const actionProp = fields.action;
  const sourceLabels = fields.source_labels;
  const regexProp = fields.regex;
  const actionNode = actionProp?.children![1];
  const targetNode = fields.target_label?.children![1];
  const replacementNode = fields.replacement?.children![1];
  const modulusNode = fields.modulus?.children![1];
  const separatorNode = fields.separator?.children![1];
  const action = (str(actionNode) ?? 'replace').toLowerCase();
  const target = str(targetNode);
  // Problems of a field that is not written go on the action's key, else on the first key.
  const keyAnchor = actionProp?.children![0] ?? cfg.children?.[0]?.children?.[0] ?? cfg;
  const anchor = actionNode ?? keyAnchor;
  if (action === 'hashmod' && !isSet(modulusNode, 'modulus')) {
    out.push(problem(anchor, 'relabel configuration for hashmod requires non-zero modulus'));
  }
  if (NEEDS_TARGET.includes(action) && !target) {
    out.push(problem(anchor, `relabel configuration for ${action} action requires 'target_label' value`));
    return;
  }
  if (action === 'replace' && target !== undefined && !(utf8 ? target.length > 0 : LEGACY_TARGET.test(target))) {
    out.push(problem(targetNode!, `"${target}" is invalid 'target_label' for ${action} action`));
  }
  if (TARGET_IS_NAME.includes(action) && target !== undefined && !(utf8 ? target.length > 0 : LEGACY_LABEL.test(target))) {
    out.push(problem(targetNode!, `"${target}" is invalid 'target_label' for ${action} action`));
  }
  if (NO_REPLACEMENT.includes(action) && isSet(replacementNode, 'replacement')) {
    out.push(problem(replacementNode!, `'replacement' can not be set for ${action} action`));
  }
  const replacement = str(replacementNode) ?? DEFAULTS.replacement;
  if (action === 'labelmap' && !(utf8 ? replacement.length > 0 : LEGACY_TARGET.test(replacement))) {
    out.push(problem(replacementNode ?? keyAnchor, `"${replacement}" is invalid 'replacement' for ${action} action`));
  }
  const others = isSet(modulusNode, 'modulus') || isSet(separatorNode, 'separator') || isSet(replacementNode, 'replacement');
  if ((action === 'keepequal' || action === 'dropequal') && (others || isSet(regexProp?.children![1], 'regex'))) {
    out.push(problem(anchor, `${action} action requires only 'source_labels' and \`target_label\`, and no other fields`));
  }
  if ((action === 'labeldrop' || action === 'labelkeep') && (sourceLabels || target || others)) {
    out.push(problem(anchor, `${action} action requires only 'regex', and no other fields`));
  }
}

/** The relabel config lists outside scrape jobs (alerting and remote write); jobs check their own. */
export function relabelConfigs(root: AstNode | undefined): AstNode[] {
  const lists: (AstNode | undefined)[] = [];
  const alerting = getValue(root, 'alerting');
  lists.push(getValue(alerting, 'alert_relabel_configs'));
  for (const am of items(getValue(alerting, 'alertmanagers'))) {
    lists.push(getValue(am, 'relabel_configs'), getValue(am, 'alert_relabel_configs'));
  }
  for (const rw of items(getValue(root, 'remote_write'))) {
    lists.push(getValue(rw, 'write_relabel_configs'));
  }
  return lists.flatMap(items);
}
