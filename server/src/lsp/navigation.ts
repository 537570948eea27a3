import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/languageService';
import { uriToPath } from '../core/uri';
import { runSafe } from './runSafe';
import { changedBesides, onSettledChanges } from './settledChanges';
import { refreshFromDisk } from './workspaceIndex';

/**
 * Outline, go to definition, find references and rename of recorded metrics, over the workspace rules index; and
 * the upkeep that cross-file features need: a closed document falls back to its file on disk, and when the index
 * changes the diagnostics of other open documents are refreshed (their cross-file checks may have changed).
 */
export function registerNavigation(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  refreshDiagnostics: () => void,
): void {
  connection.onDocumentSymbol((params, token) =>
    runSafe(connection, () => withDoc(documents, params.textDocument.uri, (doc) => service.symbols(doc), []), [], 'documentSymbol', token),
  );
  connection.onDefinition((params, token) =>
    runSafe(connection, () => withDoc(documents, params.textDocument.uri, (doc) => service.definition(doc, params.position), []), [], 'definition', token),
  );
  connection.onReferences((params, token) =>
    runSafe(
      connection,
      () => withDoc(documents, params.textDocument.uri, (doc) => service.references(doc, params.position, params.context.includeDeclaration), []),
      [],
      'references',
      token,
    ),
  );
  connection.onPrepareRename(async (params, token) => {
    const check = await runSafe(
      connection,
      () => withDoc(documents, params.textDocument.uri, (doc) => service.prepareRename(doc, params.position), null),
      null,
      'prepareRename',
      token,
    );
    return check && 'error' in check ? refuse(check.error) : check;
  });
  connection.onRenameRequest(async (params, token) => {
    const result = await runSafe(
      connection,
      () =>
        withDoc(
          documents,
          params.textDocument.uri,
          (doc) => {
            // Files not open are edited as they are on disk now, whatever the watcher has or has not told us.
            const open = new Set(documents.all().map(keyOf));
            service.renameFiles(doc, params.position).filter((k) => !open.has(k)).forEach((k) => refreshFromDisk(k, service));
            return service.rename(doc, params.position, params.newName);
          },
          null,
        ),
      null,
      'rename',
      token,
    );
    return result && 'error' in result ? refuse(result.error) : result;
  });
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    if (path) {
      refreshFromDisk(path, service);
    } else {
      service.forgetFile(e.document.uri);
    }
  });
  watchIndex(documents, service, refreshDiagnostics);
}

/** Refreshes diagnostics once index changes settle, unless the only change is to the one document open. */
function watchIndex(documents: TextDocuments<TextDocument>, service: LanguageService, refreshDiagnostics: () => void): void {
  onSettledChanges(service.rules, (changed) => {
    if (documents.all().some((d) => changedBesides(changed, d))) {
      refreshDiagnostics();
    }
  });
}

function keyOf(doc: TextDocument): string {
  return uriToPath(doc.uri) ?? doc.uri;
}

function withDoc<T>(documents: TextDocuments<TextDocument>, uri: string, fn: (doc: TextDocument) => T, none: T): T {
  const doc = documents.get(uri);
  return doc ? fn(doc) : none;
}

/** An error the client shows to the user (VS Code displays a rename refusal's message as is). */
function refuse(message: string): never {
  throw new ResponseError(ErrorCodes.InvalidRequest, message);
}
