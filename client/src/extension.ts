import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import type { O11yApi } from './api';
import { registerCommands } from './commands';
import { FileKindStatus } from './fileKindStatus';
import { PrometheusStatus } from './prometheus/connectionStatus';
import { PrometheusCredentials } from './prometheus/credentials';
import { RuleTestExplorer } from './ruleTests/explorer';
import { QueryRunner } from './queryResults/runQuery';
import { DashboardPreviews } from './dashboardPreview/previews';
import { BacktestRunner } from './queryResults/backtest';
import { DOCUMENT_SELECTOR } from './selector';
import { RouteTester } from './routing/testRoute';
import { RoutingTreeView } from './routing/treeView';

let languageClient: LanguageClient | undefined;

/**
 * Activation does the cheap part only (output channel, status item, commands) and returns; the language client
 * module is loaded and the server started on the next turn of the event loop, so neither counts against the
 * editor's activation time (code loading + the `activate` call). Requests made meanwhile simply wait for the server.
 */
export function activate(context: vscode.ExtensionContext): O11yApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('O11y', { log: true });
  const status = new FileKindStatus();
  const client = new Promise<LanguageClient>((resolve) => setImmediate(() => resolve(createClient(context, log))));
  const prometheus = new PrometheusStatus();
  const credentials = new PrometheusCredentials(context);
  const ruleTests = new RuleTestExplorer(log);
  const queries = new QueryRunner(context.extensionUri, client, log);
  const dashboards = new DashboardPreviews(context.extensionUri, client, log);
  const routes = new RouteTester(client);
  const backtests = new BacktestRunner(client, queries, log);
  const routingTree = new RoutingTreeView();
  context.subscriptions.push(log, status, prometheus, ruleTests, queries, routes, routingTree, dashboards, ...registerCommands(client, log, { prometheus, credentials, ruleTests, queries, routes, backtests, dashboards }));
  const ready = client.then(async (c) => {
    languageClient = c;
    status.attach(c);
    context.subscriptions.push(credentials.watch(c, log));
    await c.start();
    status.refresh();
    ruleTests.attach(c);
    context.subscriptions.push(routingTree.attach(c));
    context.subscriptions.push(prometheus.attach(c));
  });
  ready.catch((e: unknown) => log.error(`the language server did not start: ${String(e)}`));
  return {
    ready,
    activateMs: performance.now() - started,
    languageStatus: () => status.snapshot(),
    fileKind: async (uri) => FileKindStatus.fileKind(await client, uri),
    ruleTests: () => ruleTests.snapshot(),
  };
}

function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  // Loaded here rather than imported at the top: esbuild keeps the module lazy, so it is evaluated after activation.
  const lc = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: lc.TransportKind.ipc },
    debug: { module: serverModule, transport: lc.TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    synchronize: {
      configurationSection: 'o11y',
      // .o11y.yaml reloads the settings; other YAML files feed the indexes of metrics and rules, JSON dashboards
      // the uses of recorded metrics.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}'),
    },
  };
  return new lc.LanguageClient('o11y', 'O11y Language Server', serverOptions, clientOptions);
}

export async function deactivate(): Promise<void> {
  await languageClient?.stop();
  languageClient = undefined;
}
