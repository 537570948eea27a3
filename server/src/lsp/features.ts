import type { CodeAction, CodeActionParams, Connection, TextDocuments } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FILE_KIND_LABELS } from '../core/fileKind';
import type { LanguageService } from '../core/languageService';
import type { Problem } from '../core/problem';
import { runSafe } from './runSafe';

/** Completion, hover, quick fixes and the `o11y/fileKind` request. */
export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService): void {
  connection.onCompletion((params, token) =>
    runSafe(
      connection,
      () => {
        const doc = documents.get(params.textDocument.uri);
        return doc ? { isIncomplete: false, items: service.complete(doc, params.position) } : null;
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
  connection.onCodeAction((params, token) => runSafe(connection, () => quickFixes(params), [], 'codeAction', token));
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

function quickFixes(params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    const fix = (d.data as { fix?: Problem['fix'] } | undefined)?.fix;
    if (fix) {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [params.textDocument.uri]: [{ range: d.range, newText: fix.replacement }] } },
      });
    }
  }
  return out;
}
