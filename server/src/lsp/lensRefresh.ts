import { CodeLensRefreshRequest, type Connection } from 'vscode-languageserver/node';

const DELAY_MS = 300;

/**
 * Asks the client to re-request CodeLenses once changes settle: a lens may depend on other files (an alert's
 * "Tested in N cases" on the test files), which the editor does not know. Does nothing for clients without
 * `workspace.codeLens.refreshSupport`.
 */
export function lensRefresher(connection: Connection, supported: boolean): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (!supported) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      connection.sendRequest(CodeLensRefreshRequest.type).catch((e: unknown) => connection.console.warn(`CodeLens refresh failed: ${String(e)}`));
    }, DELAY_MS);
  };
}
