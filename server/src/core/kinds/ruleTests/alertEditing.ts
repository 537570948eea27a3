import type { CompletionItem, Hover, Position } from 'vscode-languageserver-types';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { yamlCursor } from '../../schema/yamlContext';
import { nodeAt, pathOf, type AstNode, type Path } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { ruleFileSet, type AlertingRule } from './ruleFiles';

/** Completion and hover of `alert_rule_test[].alertname`: the alerting rules of the file's `rule_files`. */

function isAlertnamePath(path: Path): boolean {
  return path.length === 5 && path[0] === 'tests' && typeof path[1] === 'number' && path[2] === 'alert_rule_test' && typeof path[3] === 'number' && path[4] === 'alertname';
}

function rootAt(ctx: DocumentContext, offset: number): AstNode | undefined {
  return ctx.docs.find((d) => offset >= d.offset && offset <= d.offset + d.length)?.root;
}

/** Undefined when the cursor is not on an `alertname` value, so that other completion applies. */
export function alertnameCompletion(ctx: DocumentContext, pos: Position): CompletionItem[] | undefined {
  const cursor = yamlCursor(ctx.lines, pos.line, pos.character);
  if (cursor?.kind !== 'value' || !isAlertnamePath(cursor.path)) {
    return undefined;
  }
  const rules = ruleFileSet(rootAt(ctx, ctx.lines.offsetAt(pos)), ctx);
  const byName = new Map<string, AlertingRule[]>();
  for (const rule of rules?.alerts ?? []) {
    byName.set(rule.name, [...(byName.get(rule.name) ?? []), rule]);
  }
  const range = ctx.lines.range(cursor.replaceStart, cursor.replaceEnd - cursor.replaceStart);
  return [...byName].map(([name, defs]) => ({
    label: name,
    kind: CompletionItemKind.Event,
    detail: `alert in ${defs[0].file}${defs.length > 1 ? ` (+${defs.length - 1} more)` : ''}`,
    documentation: { kind: 'markdown', value: defs.map(describeAlert).join('\n\n---\n\n') },
    textEdit: { range, newText: name },
  }));
}

/** Undefined when the cursor is not on an `alertname` value. */
export function alertnameHover(ctx: DocumentContext, pos: Position): Hover | undefined {
  const offset = ctx.lines.offsetAt(pos);
  const node = nodeAt(rootAt(ctx, offset), offset);
  if (!node || (node.type !== 'string' && node.type !== 'number') || node.parent?.children?.[1] !== node || !isAlertnamePath(pathOf(node))) {
    return undefined;
  }
  const name = String(node.value);
  const defs = (ruleFileSet(rootAt(ctx, offset), ctx)?.alerts ?? []).filter((a) => a.name === name);
  const value = defs.length ? defs.map(describeAlert).join('\n\n---\n\n') : `No alerting rule named \`${name}\` in the rule files.`;
  return { contents: { kind: 'markdown', value }, range: ctx.lines.range(node.offset, node.length) };
}

/** The rule as markdown: where it is, its expression, `for`, `keep_firing_for` and labels. */
export function describeAlert(rule: AlertingRule): string {
  const out = [`**alert \`${rule.name}\`** — group \`${rule.group}\` in \`${rule.file}:${rule.line}\``, '```promql\n' + rule.expr.trim().replace(/```/g, '` ` `') + '\n```'];
  const facts = [rule.for && `- for: \`${rule.for}\``, rule.keepFiringFor && `- keep_firing_for: \`${rule.keepFiringFor}\``].filter(Boolean);
  if (rule.labels.length) {
    facts.push(`- labels: ${rule.labels.map(([k, v]) => `\`${k}=${JSON.stringify(v)}\``).join(', ')}`);
  }
  return [...out, ...facts].join('\n');
}
