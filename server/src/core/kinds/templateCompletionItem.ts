import type { CompletionItem, Range } from 'vscode-languageserver-types';
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { TemplateCompletionItem, TemplateItemKind } from '../templates/complete';

const LSP_KIND: Record<TemplateItemKind, CompletionItemKind> = {
  label: CompletionItemKind.Field,
  variable: CompletionItemKind.Variable,
  field: CompletionItemKind.Field,
  method: CompletionItemKind.Method,
  function: CompletionItemKind.Function,
  keyword: CompletionItemKind.Keyword,
};

/** A Go template completion item as LSP sends it; `range` is the document range of the text it replaces. */
export function templateCompletionItem(item: TemplateCompletionItem, range: Range): CompletionItem {
  return {
    label: item.label,
    kind: LSP_KIND[item.kind],
    detail: item.detail,
    documentation: item.documentation ? { kind: 'markdown', value: item.documentation } : undefined,
    sortText: item.sortText,
    textEdit: { range, newText: item.insertText },
  };
}
