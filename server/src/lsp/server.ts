import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../core/languageService';
import { uriToPath } from '../core/uri';
import { nodeFileSystem } from '../node/nodeFs';
import { DiagnosticsHandler } from './diagnostics';
import { registerFeatures } from './features';
import { registerNavigation } from './navigation';
import { registerRuleTests } from './ruleTests';
import { registerGenerateRuleTest } from './generateRuleTest';
import { registerRouting } from './routing';
import { PrometheusConnections } from './prometheus';
import { registerQuery } from './query';
import { registerDashboardPreview } from './dashboardPreview';
import { registerNotificationPreview } from './notificationPreview';
import { registerBacktest } from './backtest';
import { registerScaffold } from './scaffold';
import { isProjectConfig, resolveSettings, type EditorSettings } from './settings';
import { indexWorkspace, onWatchedFiles } from './workspaceIndex';
import { warmUp } from './warmUp';
import { lensRefresher } from './lensRefresh';
import { holdRequestsUntil } from './runSafe';

/** Wires the language service to an LSP connection. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let service = new LanguageService({ fs: nodeFileSystem });
  let diagnostics: DiagnosticsHandler | undefined;
  let root: string | undefined;
  let canPullConfig = false;
  let initOptions: EditorSettings | undefined;
  let prometheus: PrometheusConnections | undefined;
  let refreshLenses = (): void => undefined;

  const reload = async (): Promise<void> => {
    const settings = await resolveSettings(connection, root, canPullConfig, initOptions);
    service.configure(settings);
    prometheus?.configure(settings);
    diagnostics?.refreshAll();
  };

  connection.onInitialize((params: InitializeParams) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    root = folder ? uriToPath(folder) : (params.rootPath ?? undefined);
    canPullConfig = !!params.capabilities.workspace?.configuration;
    initOptions = params.initializationOptions as EditorSettings | undefined;
    service = new LanguageService({ fs: nodeFileSystem }, root);
    const pull = !!params.capabilities.textDocument?.diagnostic;
    const canRefresh = !!params.capabilities.workspace?.diagnostics?.refreshSupport;
    refreshLenses = lensRefresher(connection, !!params.capabilities.workspace?.codeLens?.refreshSupport);
    diagnostics = new DiagnosticsHandler(connection, documents, service, pull, canRefresh);
    prometheus = new PrometheusConnections(connection, service, initOptions?.prometheus, process.env, () => {
      diagnostics?.refreshAll();
      refreshLenses(); // the Backtest lenses come and go with the connection
    });
    registerFeatures(connection, documents, service);
    registerQuery(connection, documents, service, prometheus);
    registerDashboardPreview(connection, documents, service, prometheus);
    registerNotificationPreview(connection, documents, service);
    registerBacktest(connection, documents, service, prometheus);
    registerScaffold(connection);
    registerNavigation(connection, documents, service, () => diagnostics?.refreshAll());
    registerRuleTests(connection, documents, service, root, (uri) => diagnostics?.refresh(uri));
    registerGenerateRuleTest(connection, documents, service, root);
    registerRouting(connection, documents, service, () => diagnostics?.refreshAll(), () => refreshLenses());
    warmUp();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '-', '{', '(', '=', ',', '[', '"', '.', '$'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor', 'refactor.rewrite'] },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        diagnosticProvider: pull ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: 'o11y-authoring', version: '0.1.0' },
    };
  });
  connection.onInitialized(() => {
    void reload();
    if (root) {
      holdRequestsUntil(indexWorkspace(root, service, connection).catch((e: unknown) => connection.console.error(`indexing the workspace failed: ${String(e)}`)));
    }
  });
  connection.onDidChangeConfiguration(() => void reload());
  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => isProjectConfig(c.uri))) {
      void reload();
    }
    onWatchedFiles(e.changes, service, (uri) => documents.get(uri) !== undefined);
    refreshLenses();
  });
  // A test file's edits change the lenses of the rule files it covers.
  documents.onDidChangeContent((e) => {
    if (service.fileKind(e.document) === 'ruleTests') {
      refreshLenses();
    }
  });
  documents.onDidSave((e) => {
    if (isProjectConfig(e.document.uri)) {
      void reload();
    }
  });
  documents.onDidClose((e) => service.forget(e.document.uri));
  documents.listen(connection);
  connection.listen();
}
