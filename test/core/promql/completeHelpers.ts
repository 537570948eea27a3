import type { CompletionContext } from '../../../server/src/core/promql/complete';

export const CARET = '<|>';

/** `rate(foo{job="<|>"}[5m])` → the text without the marker and the marker's offset. */
export function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CARET);
  if (offset < 0) {
    throw new Error(`no caret marker in ${marked}`);
  }
  return { text: marked.slice(0, offset) + marked.slice(offset + CARET.length), offset };
}

/** A context in one short line, for table-driven tests: `LabelValue(job@foo ")`, `Keyword(by,without)` … */
export function describe(c: CompletionContext): string {
  switch (c.kind) {
    case 'MetricName':
      return `MetricName${c.expectedType ? `:${c.expectedType}` : ''}${c.needsRange ? '+range' : ''}`;
    case 'FunctionName':
      return `FunctionName${c.expectedType ? `:${c.expectedType}` : ''}${c.hasParen ? '(' : ''}`;
    case 'Aggregation':
      return `Aggregation${c.hasParen ? '(' : ''}`;
    case 'Keyword':
      return `Keyword(${c.keywords.join(',')})`;
    case 'LabelName':
      return `LabelName(${c.metric ?? ''}${c.exclude.length ? ` -${c.exclude.join(',')}` : ''})`;
    case 'LabelValue':
      return `LabelValue(${c.label}${c.metric ? `@${c.metric}` : ''}${c.quote ? ` ${c.quote}` : ''})`;
    case 'Duration':
      return `Duration(${c.role})`;
    case 'GroupingLabel':
      return `GroupingLabel(${c.keyword}: ${c.metrics.join(',')}${c.exclude.length ? ` -${c.exclude.join(',')}` : ''})`;
    default:
      return c.kind;
  }
}

/** The operand contexts, as `describe` prints them. */
export const OPERAND = ['MetricName', 'FunctionName', 'Aggregation'];
export const AFTER_SELECTOR = ['BinaryOperator', 'Keyword(offset,@)'];
