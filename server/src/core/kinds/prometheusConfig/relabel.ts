import { getProperty, getValue, items, type AstNode } from '../../syntax/ast';
import type { Problem } from '../../problem';
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// Relabel semantics follow prometheus/prometheus model/relabel/relabel.go (Config.Validate); the messages
// keep Prometheus's wording so users can search for them.
const DEFAULTS = { separator: ';', regex: '(.*)', replacement: '$1', modulus: 0 };
const NEEDS_TARGET = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];
const LEGACY_TARGET = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

function str(node: AstNode | undefined): string | undefined {
  return node && node.type !== 'null' && node.type !== 'object' && node.type !== 'array' ? String(node.value) : undefined;
}

function isSet(cfg: AstNode, key: keyof typeof DEFAULTS): boolean {
  const v = str(getValue(cfg, key));
  return v !== undefined && v !== String(DEFAULTS[key]);
}

/** Checks one relabel config object; `utf8` is the name validation scheme of the target version. */
export function checkRelabelConfig(cfg: AstNode, utf8: boolean): Problem[] {
  const isLabelName = (s: string): boolean => (utf8 ? s.length > 0 : LEGACY_LABEL.test(s));
  if (cfg.type !== 'object') {
    return [];
  }
  const actionNode = getValue(cfg, 'action');
  const action = (str(actionNode) ?? 'replace').toLowerCase();
  const anchor = getProperty(cfg, 'action')?.children?.[0] ?? cfg.children?.[0]?.children?.[0] ?? cfg;
  const at = (node: AstNode | undefined, message: string): Problem => {
    const n = node ?? anchor;
    return { offset: n.offset, length: n.length, severity: 'error', code: 'prometheus/invalid-relabel-config', message };
  };
  const target = str(getValue(cfg, 'target_label'));
  const targetNode = getValue(cfg, 'target_label');
  const out: Problem[] = [];
  if (action === 'hashmod' && !isSet(cfg, 'modulus')) {
    out.push(at(actionNode, 'relabel configuration for hashmod requires non-zero modulus'));
  }
  if (NEEDS_TARGET.includes(action) && !target) {
    out.push(at(actionNode, `relabel configuration for ${action} action requires 'target_label' value`));
    return out;
  }
  if (action === 'replace' && target !== undefined && !(utf8 ? target.length > 0 : LEGACY_TARGET.test(target))) {
    out.push(at(targetNode, `"${target}" is invalid 'target_label' for ${action} action`));
  }
  if (['lowercase', 'uppercase', 'keepequal', 'dropequal', 'hashmod'].includes(action) && target !== undefined && !isLabelName(target)) {
    out.push(at(targetNode, `"${target}" is invalid 'target_label' for ${action} action`));
  }
  if (['lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(action) && isSet(cfg, 'replacement')) {
    out.push(at(getValue(cfg, 'replacement'), `'replacement' can not be set for ${action} action`));
  }
  const replacement = str(getValue(cfg, 'replacement')) ?? DEFAULTS.replacement;
  if (action === 'labelmap' && !(utf8 ? replacement.length > 0 : LEGACY_TARGET.test(replacement))) {
    out.push(at(getValue(cfg, 'replacement'), `"${replacement}" is invalid 'replacement' for ${action} action`));
  }
  if ((action === 'keepequal' || action === 'dropequal') && (['regex', 'modulus', 'separator', 'replacement'] as const).some((k) => isSet(cfg, k))) {
    out.push(at(actionNode, `${action} action requires only 'source_labels' and \`target_label\`, and no other fields`));
  }
  if ((action === 'labeldrop' || action === 'labelkeep') && (getProperty(cfg, 'source_labels') || target || (['modulus', 'separator', 'replacement'] as const).some((k) => isSet(cfg, k)))) {
    out.push(at(actionNode, `${action} action requires only 'regex', and no other fields`));
  }
  return out;
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
