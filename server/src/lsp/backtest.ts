// `o11y/backtest`: an alerting rule of an open rule file replayed over the past on a Prometheus connection;
// `o11y/generateTestFromBacktest`: the same history written as a promtool test case. Both cancelled with the request.
import { readFileSync } from 'node:fs';
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { backtestFailure, runBacktest, type BacktestTarget } from '../core/backtest/backtest';
import { ruleAt, type RuleToBacktest } from '../core/backtest/ruleAt';
import { generateTestFromHistory } from '../core/backtest/testFromHistory';
import { DEFAULT_BACKTEST_RANGE, type BacktestFailure, type BacktestParams, type BacktestResponse, type GenerateTestParams, type GenerateTestResponse } from '../core/backtest/types';
import type { LanguageService } from '../core/languageService';
import { parseDurationSeconds } from '../core/query/window';
import { pathToUri, uriToPath } from '../core/uri';
import type { PrometheusConnections } from './prometheus';
import { runSafe } from './runSafe';

interface Prepared {
  found: RuleToBacktest;
  target: BacktestTarget;
  start: number;
  end: number;
  workspaceIntervalSeconds?: number;
  version: string;
}

export function registerBacktest(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  prometheus: PrometheusConnections,
): void {
  const fallback = backtestFailure('prometheus', 'the backtest could not be run; the O11y output has the details');
  connection.onRequest('o11y/backtest', (params: BacktestParams, token: CancellationToken) =>
    runSafe(connection, () => withAbort(token, (signal) => backtest(params, signal)), fallback as BacktestResponse, 'backtest', token),
  );
  connection.onRequest('o11y/generateTestFromBacktest', (params: GenerateTestParams, token: CancellationToken) =>
    runSafe(connection, () => withAbort(token, (signal) => generate(params, signal)), fallback as GenerateTestResponse, 'generateTestFromBacktest', token),
  );

  async function withAbort<T>(token: CancellationToken, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    const listener = token.onCancellationRequested(() => abort.abort());
    try {
      return await run(abort.signal);
    } finally {
      listener.dispose();
    }
  }

  function prepare(params: BacktestParams): Prepared | BacktestFailure {
    const doc = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
    if (!doc) {
      return backtestFailure('noRule', 'open the rule file to backtest one of its alerts');
    }
    const at = params.at;
    if (!at || !Number.isInteger(at.line) || !Number.isInteger(at.character)) {
      return backtestFailure('noRule', 'o11y/backtest needs the position of an alerting rule');
    }
    const ctx = service.context(doc);
    const found = ruleAt(ctx, at);
    if ('error' in found) {
      return backtestFailure('noRule', found.error, { at: found.at });
    }
    const end = params.end ?? Date.now() / 1000;
    const rangeText = params.range ?? ctx.settings.backtestRange ?? DEFAULT_BACKTEST_RANGE;
    const seconds = parseDurationSeconds(rangeText);
    const start = params.start ?? (seconds === undefined ? NaN : end - seconds);
    if (!Number.isFinite(start) || !Number.isFinite(end) || !(end > start)) {
      const why = seconds === undefined && params.start === undefined ? `"${rangeText}" is not a duration such as 24h` : 'the window must end after it starts';
      return backtestFailure('badRange', `cannot backtest ${found.rule.name}: ${why}`, { at: found.at });
    }
    const chosen = prometheus.client(params.connection);
    if (!chosen?.client) {
      const which = params.connection ? `no connection named "${params.connection}"` : 'no Prometheus connection is configured';
      const why = chosen?.report.message ? `: ${chosen.report.message}` : '';
      return backtestFailure('noConnection', `${which}${why}`, { at: found.at, connection: chosen?.report.name });
    }
    const { report, client } = chosen;
    return {
      found,
      target: { name: report.name, url: report.url, api: client, quiet: report.quiet },
      start,
      end,
      workspaceIntervalSeconds: ctx.workspace?.evaluationInterval(),
      version: ctx.settings.versions.prometheus,
    };
  }

  async function backtest(params: BacktestParams, signal: AbortSignal): Promise<BacktestResponse> {
    const p = prepare(params);
    if ('ok' in p) {
      return p;
    }
    return runBacktest(p.found, p.target, { start: p.start, end: p.end, signal, workspaceIntervalSeconds: p.workspaceIntervalSeconds, version: p.version });
  }

  async function generate(params: GenerateTestParams, signal: AbortSignal): Promise<GenerateTestResponse> {
    const p = prepare(params);
    if ('ok' in p) {
      return p;
    }
    const file = uriToPath(params.uri);
    if (!file) {
      return backtestFailure('noRule', 'save the rule file first: the test names it in rule_files', { at: p.found.at });
    }
    const readFile = (f: string): string | undefined => {
      const open = documents.get(pathToUri(f));
      if (open) {
        return open.getText();
      }
      try {
        return readFileSync(f, 'utf8');
      } catch {
        return undefined;
      }
    };
    return generateTestFromHistory(p.found, p.target, {
      start: p.start,
      end: p.end,
      signal,
      workspaceIntervalSeconds: p.workspaceIntervalSeconds,
      ruleFile: { path: file, text: documents.get(params.uri)!.getText() },
      readFile,
    });
  }
}
