import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line.
const connection = createConnection(ProposedFeatures.all);
// A failed promise somewhere must never take the server down: log it and keep serving.
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`));
startServer(connection);
