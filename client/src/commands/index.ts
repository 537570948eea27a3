import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

type CommandBody = (client: Promise<LanguageClient>, log: vscode.LogOutputChannel) => (...args: unknown[]) => unknown;

/** Every command of the extension, registered in one place (ids match package.json `contributes.commands`). */
const COMMANDS: Record<string, CommandBody> = {
  'o11y.restartServer': (client) => async () => (await client).restart(),
  'o11y.showOutput': (_client, log) => () => log.show(),
};

export function registerCommands(client: Promise<LanguageClient>, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, body]) => vscode.commands.registerCommand(id, body(client, log)));
}
