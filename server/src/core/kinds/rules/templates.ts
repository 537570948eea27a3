import { getProperty, getValue, type AstNode } from '../../syntax/ast';
import type { Problem } from '../../problem';
import { docSpan, embeddedText } from '../../promql/embed';
import { describeRemover, labelAnalysisOf, removedBy, type LabelSet } from '../../promql/lintLabels';
import { parsePromQL } from '../../promql/parse';
import { memoByText } from '../../memo';
import { checkTemplate } from '../../templates/check';
import { labelReferences } from '../../templates/labelRefs';
import type { DocumentContext } from '../context';

/**
 * The Go templates of alerting rules' labels and annotations: template errors (as Prometheus would report them
 * when loading or expanding the rule), and `$labels.x` where the rule's expression can never keep label x — the
 * classic empty annotation after `sum by (job) (…)`. One rule item at a time (validate.ts caches them).
 */
export function ruleTemplateProblems(rule: AstNode, ctx: DocumentContext): Problem[] {
  if (!getProperty(rule, 'alert')) {
    return [];
  }
  const out: Problem[] = [];
  const kept = exprLabels(getValue(rule, 'expr'));
  const ruleLabels = new Set((getValue(rule, 'labels')?.children ?? []).map((p) => String(p.children![0].value)));
  for (const section of ['labels', 'annotations']) {
    for (const prop of getValue(rule, section)?.children ?? []) {
      const value = prop.children?.[1];
      if (value?.type === 'string') {
        out.push(...templateProblems(value, ctx, kept, ruleLabels));
      }
    }
  }
  return out;
}

/** The labels an expression's result can carry, by expression text (rules repeat across edits: memoised). */
const labelsOfExpr = memoByText((text: string): LabelSet | undefined => {
  const parsed = parsePromQL(text).expr;
  return parsed ? labelAnalysisOf(parsed).of(parsed) : undefined;
});

function exprLabels(expr: AstNode | undefined): LabelSet | undefined {
  return expr?.type === 'string' ? labelsOfExpr(String(expr.value)) : undefined;
}

/** Longer templates are not analysed: no alert needs one, and parsing millions of actions would stall the editor. */
export const MAX_CHECKED_TEMPLATE = 200_000;

function templateProblems(node: AstNode, ctx: DocumentContext, kept: LabelSet | undefined, ruleLabels: Set<string>): Problem[] {
  const text = String(node.value);
  if (!text.includes('{{')) {
    return [];
  }
  if (text.length > MAX_CHECKED_TEMPLATE) {
    const key = node.parent?.children?.[0] ?? node;
    const message = `This template is ${text.length} characters long; templates over ${MAX_CHECKED_TEMPLATE} characters are not checked.`;
    return [{ offset: key.offset, length: key.length, severity: 'warning', code: 'rules/template-too-long', message }];
  }
  // Offsets are in the decoded text; the string's source map is built only when there is something to report.
  const found: Problem[] = [...checkTemplate(text, 'prometheusAlert', undefined, { version: ctx.settings.versions.prometheus })];
  for (const ref of kept ? labelReferences(text) : []) {
    // $labels holds the expression's result labels only: the rule's own labels and alertname are added after.
    const remover = removedBy(kept!, ref.name);
    if (remover) {
      const own = ruleLabels.has(ref.name) ? ` The rule's own "${ref.name}" label is not part of $labels.` : '';
      found.push({
        offset: ref.offset,
        length: ref.length,
        severity: 'warning',
        code: 'rules/template-label-removed',
        message: `"${ref.name}" is always empty here: ${describeRemover(remover)} in the expression removes that label from the alert.${own}`,
      });
    }
  }
  const embedded = found.length ? embeddedText(node, ctx.text) : undefined;
  if (!embedded) {
    return [];
  }
  const at = (offset: number, length: number): { offset: number; length: number } => {
    const span = docSpan(embedded, { from: offset, to: offset + length });
    return { offset: span.from, length: span.to - span.from };
  };
  return found.map((p) => ({
    ...p,
    ...at(p.offset, p.length),
    fix: p.fix && { ...p.fix, ...(p.fix.offset !== undefined ? at(p.fix.offset, p.fix.length ?? 0) : {}) },
  }));
}
