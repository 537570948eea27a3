// `o11y/query`: runs a PromQL expression of a document (or any text) on a Prometheus connection, cancelled with
// the request.
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/languageService';
import { prepareQuery } from '../core/query/prepare';
import { runQuery } from '../core/query/run';
import { failureSummary } from '../core/query/summary';
import type { QueryFailure, QueryParams, QueryResponse, TimeWindow } from '../core/query/types';
import { lastWindow } from '../core/query/window';
import type { PrometheusConnections } from './prometheus';
import { runSafe } from './runSafe';

function failed(kind: QueryFailure['kind'], message: string, extra: Partial<QueryFailure> = {}): QueryFailure {
  return { ok: false, kind, message, ...extra, summary: failureSummary(message) };
}

function validWindow(r: TimeWindow | undefined): boolean {
  return r === undefined || (Number.isFinite(r.start) && Number.isFinite(r.end) && r.end >= r.start && Number.isFinite(r.step) && r.step > 0);
}

export function registerQuery(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  prometheus: PrometheusConnections,
): void {
  connection.onRequest('o11y/query', (params: QueryParams, token: CancellationToken) =>
    runSafe(
      connection,
      () => query(params ?? {}, token),
      failed('badResponse', 'the query could not be run; the O11y output has the details'),
      'query',
      token,
    ),
  );

  async function query(params: QueryParams, token: CancellationToken): Promise<QueryResponse> {
    if (!validWindow(params.range)) {
      return failed('noExpression', 'range needs start ≤ end (unix seconds) and a positive step (seconds)');
    }
    const doc = params.uri ? documents.get(params.uri) : undefined;
    const now = Date.now() / 1000;
    const time = params.time ?? now;
    // Grafana's `$__interval` and friends follow the range; an instant run stands for the last hour at its step.
    const window = params.range ?? lastWindow(3600, time);
    const prepared = prepareQuery({ ctx: doc && service.context(doc), expr: params.expr, at: params.at }, window);
    if ('error' in prepared) {
      return failed('noExpression', prepared.error, { at: params.at });
    }
    const target = prometheus.client(params.connection);
    if (!target?.client) {
      const which = params.connection ? `no connection named "${params.connection}"` : 'no Prometheus connection is configured';
      const why = target?.report.message ? `: ${target.report.message}` : '';
      return failed('noConnection', `${which}${why}`, { at: prepared.at, query: prepared.query, connection: target?.report.name });
    }
    const abort = new AbortController();
    const listener = token.onCancellationRequested(() => abort.abort());
    try {
      const { report, client } = target;
      return await runQuery(
        { name: report.name, url: report.url, api: client, quiet: report.quiet },
        prepared,
        { range: params.range, time, signal: abort.signal },
      );
    } finally {
      listener.dispose();
    }
  }
}
