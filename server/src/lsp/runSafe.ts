import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';

let workspaceRead: Promise<unknown> = Promise.resolve();

/**
 * Holds requests until the server's first reading of the workspace settles: answers that look across files
 * (references, lenses counting tests, hovers listing users) would be partial before. Diagnostics do not wait
 * (`beforeWorkspace`): a document opened at start is checked first and its cross-file findings are refreshed
 * once the workspace is read.
 */
export function holdRequestsUntil(reading: Promise<unknown>): void {
  workspaceRead = reading.catch(() => undefined);
}

/**
 * Runs a handler so that a bug in one feature never takes the server down: cancellation answers
 * RequestCancelled (thrown, so the JSON-RPC layer turns it into an error response); any other error is logged
 * with its stack and the fallback is returned.
 */
export async function runSafe<T>(
  connection: Connection,
  fn: () => T | Promise<T>,
  fallback: T,
  label: string,
  token?: CancellationToken,
  { beforeWorkspace = false } = {},
): Promise<T> {
  // Yield once so that a $/cancelRequest already queued behind this request is seen before the work starts.
  await new Promise((resolve) => setImmediate(resolve));
  if (!beforeWorkspace) {
    await workspaceRead;
  }
  if (token?.isCancellationRequested) {
    throw cancelled();
  }
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    const e = err as Error;
    connection.console.error(`${label} failed: ${e?.stack ?? String(err)}`);
    return fallback;
  }
  if (token?.isCancellationRequested) {
    throw cancelled();
  }
  return result;
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
