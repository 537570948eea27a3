import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { FileKindStatus } from './fileKindStatus';
import { DOCUMENT_SELECTOR } from './selector';

let client: LanguageClient | undefined;


export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('O11y', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    synchronize: {
      configurationSection: 'o11y',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.o11y.{yaml,yml}'),
    },
  };
  client = new LanguageClient('o11y', 'O11y Language Server', serverOptions, clientOptions);
  const status = new FileKindStatus(client);
  context.subscriptions.push(log, status, ...registerCommands(client, log));
  await client.start();
  status.refresh();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
