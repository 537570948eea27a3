import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { switchConnection, type PrometheusStatus } from '../prometheus/connectionStatus';
import type { PrometheusCredentials } from '../prometheus/credentials';
import type { RuleTestExplorer, RunRuleTestsArgs } from '../ruleTests/explorer';
import type { QueryRunner } from '../queryResults/runQuery';
import type { BacktestRunner } from '../queryResults/backtest';
import { showRuleTests } from './showRuleTests';
import type { DashboardPreviews } from '../dashboardPreview/previews';
import { showDebugOutput } from '../ruleTests/debugOutput';
import { generateRuleTest, type GenerateRuleTestArgs } from '../ruleTests/generateTest';
import { previewNotification } from '../notificationPreview/previewNotification';
import type { RouteTester } from '../routing/testRoute';
import type { TestRouteArgs } from '../../../server/src/core/alertmanager/routeView';
import { scaffoldStack, type ScaffoldStackArgs } from '../scaffold/command';

/** The long-lived parts of the extension that commands act on. */
export interface CommandServices {
  prometheus: PrometheusStatus;
  credentials: PrometheusCredentials;
  ruleTests: RuleTestExplorer;
  queries: QueryRunner;
  dashboards: DashboardPreviews;
  routes: RouteTester;
  backtests: BacktestRunner;
}

type CommandBody = (client: Promise<LanguageClient>, log: vscode.LogOutputChannel, services: CommandServices) => (...args: unknown[]) => unknown;

/** Every command of the extension, registered in one place (ids match package.json `contributes.commands`). */
const COMMANDS: Record<string, CommandBody> = {
  'o11y.restartServer': (client) => async () => (await client).restart(),
  'o11y.showOutput': (_client, log) => () => log.show(),
  'o11y.setPrometheusCredentials': (client, _log, s) => async () => s.credentials.ask(await client, s.prometheus),
  'o11y.switchPrometheusConnection': (_client, _log, s) => () => switchConnection(s.prometheus),
  'o11y.runRuleTests': (_client, _log, s) => (args) => s.ruleTests.runCommand(args as RunRuleTestsArgs | undefined),
  'o11y.debugRuleTest': (client) => async (args) => showDebugOutput(await client, args as RunRuleTestsArgs | undefined),
  'o11y.generateRuleTest': (client) => async (args) => generateRuleTest(await client, args as GenerateRuleTestArgs | undefined),
  'o11y.runQuery': (_client, _log, s) => (uri, range) => s.queries.runAt(uri as string | undefined, range as Parameters<QueryRunner['runAt']>[1]),
  'o11y.runSelectedQuery': (_client, _log, s) => () => s.queries.runSelection(),
  'o11y.backtestAlert': (_client, _log, s) => (uri, at) => s.backtests.backtest(uri as string | undefined, at as { line: number; character: number } | undefined),
  'o11y.generateTestFromBacktest': (_client, _log, s) => (uri, at) => s.backtests.generateTest(uri as string | undefined, at as { line: number; character: number } | undefined),
  'o11y.previewDashboard': (_client, _log, s) => (uri) => s.dashboards.show(uri as vscode.Uri | string | undefined),
  'o11y.showRuleTests': () => (...args) => showRuleTests(...(args as Parameters<typeof showRuleTests>)),
  'o11y.previewNotification': (client) => () => previewNotification(client),
  'o11y.testRoute': (_client, _log, s) => (args) => s.routes.run(args as TestRouteArgs | undefined),
  'o11y.scaffoldStack': (client) => (args) => scaffoldStack(client, args as ScaffoldStackArgs | undefined),
};

export function registerCommands(client: Promise<LanguageClient>, log: vscode.LogOutputChannel, services: CommandServices): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, body]) => vscode.commands.registerCommand(id, body(client, log, services)));
}
