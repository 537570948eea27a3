import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';

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
): Promise<T> {
  // Yield once so that a $/cancelRequest already queued behind this request is seen before the work starts.
  await new Promise((resolve) => setImmediate(resolve));
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
