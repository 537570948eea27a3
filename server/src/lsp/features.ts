import type { CodeAction, CodeActionParams, Connection, Range, TextDocuments } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FILE_KIND_LABELS } from '../core/fileKind';
import type { LanguageService } from '../core/languageService';
import { generateTestActions } from '../core/kinds/rules/generateTestLens';
import { runSafe } from './runSafe';

/** Completion, hover, quick fixes, CodeLenses and the `o11y/fileKind` request. */
export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService): void {
  connection.onCompletion((params, token) =>
    runSafe(
      connection,
      async () => {
        const doc = documents.get(params.textDocument.uri);
        return doc ? { isIncomplete: false, items: await service.complete(doc, params.position) } : null;
      },
      null,
      'completion',
      token,
    ),
  );
  connection.onHover((params, token) =>
    runSafe(
      connection,
      () => {
        const doc = documents.get(params.textDocument.uri);
        return doc ? service.hover(doc, params.position) : null;
      },
      null,
      'hover',
      token,
    ),
  );
  connection.onSignatureHelp((params, token) =>
    runSafe(
      connection,
      () => {
        const doc = documents.get(params.textDocument.uri);
        return doc ? service.signatureHelp(doc, params.position) : null;
      },
      null,
      'signatureHelp',
      token,
    ),
  );
  connection.onCodeAction((params, token) =>
    runSafe(
      connection,
      () => {
        const doc = documents.get(params.textDocument.uri);
        return [...quickFixes(params), ...(doc ? [...formatAction(service, doc, params), ...generateTestActions(service.context(doc), doc.offsetAt(params.range.start))] : [])];
      },
      [],
      'codeAction',
      token,
    ),
  );
  connection.onCodeLens((params, token) =>
    runSafe(
      connection,
      () => {
        const doc = documents.get(params.textDocument.uri);
        return doc ? service.codeLenses(doc) : [];
      },
      [],
      'codeLens',
      token,
    ),
  );
  connection.onRequest('o11y/fileKind', (params: { uri: string }) =>
    runSafe(
      connection,
      () => {
        const doc = documents.get(params.uri);
        const kind = doc ? service.fileKind(doc) : 'unknown';
        return { kind, label: FILE_KIND_LABELS[kind] };
      },
      { kind: 'unknown', label: FILE_KIND_LABELS.unknown },
      'fileKind',
    ),
  );
}

/** "Format PromQL" where the cursor is in an expression that formatting would change. */
function formatAction(service: LanguageService, doc: TextDocument, params: CodeActionParams): CodeAction[] {
  const edit = service.formatPromQLAt(doc, params.range.start);
  return edit ? [{ title: 'Format PromQL', kind: CodeActionKind.RefactorRewrite, edit: { changes: { [params.textDocument.uri]: [edit] } } }] : [];
}

function quickFixes(params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    const fix = (d.data as { fix?: { title: string; replacement: string; range?: Range } } | undefined)?.fix;
    if (fix) {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [params.textDocument.uri]: [{ range: fix.range ?? d.range, newText: fix.replacement }] } },
      });
    }
  }
  return out;
}
