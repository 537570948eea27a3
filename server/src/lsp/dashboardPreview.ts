// `o11y/previewDashboard`: renders a dashboard document for the preview webview (the render model with data from
// the active Prometheus connection), one PreviewSession per open preview so that edits re-query only what changed;
// `o11y/closeDashboardPreview` forgets a session.
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PreviewSession } from '../core/dashboardPreview/session';
import type { PreviewModel, PreviewRequest } from '../core/dashboardPreview/types';
import type { LanguageService } from '../core/languageService';
import type { PrometheusConnections } from './prometheus';
import { runSafe } from './runSafe';

export interface PreviewDashboardParams extends PreviewRequest {
  /** The preview asking (one per webview). */
  session: string;
  uri: string;
}

/** Open previews are few; past this many, the oldest session is dropped (it is rebuilt if asked again). */
const MAX_SESSIONS = 20;

function failedModel(message: string): PreviewModel {
  const now = Date.now();
  return { title: 'Dashboard', time: { from: 'now-6h', to: 'now', start: now / 1000 - 21600, end: now / 1000 }, refresh: '', variables: [], panels: [], problems: [message], renderedAt: now };
}

export function registerDashboardPreview(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  prometheus: PrometheusConnections,
): void {
  const sessions = new Map<string, PreviewSession>();

  connection.onRequest('o11y/previewDashboard', (params: PreviewDashboardParams, token: CancellationToken) =>
    runSafe(connection, () => preview(params, token), failedModel('The preview could not be rendered; the O11y output has the details.'), 'previewDashboard', token),
  );
  connection.onRequest('o11y/closeDashboardPreview', (params: { session: string }) => runSafe(connection, () => sessions.delete(params?.session), false, 'closeDashboardPreview'));

  function session(id: string): PreviewSession {
    let s = sessions.get(id);
    if (!s) {
      s = new PreviewSession();
      sessions.set(id, s);
      if (sessions.size > MAX_SESSIONS) {
        sessions.delete(sessions.keys().next().value!);
      }
    }
    return s;
  }

  async function preview(params: PreviewDashboardParams, token: CancellationToken): Promise<PreviewModel> {
    if (typeof params?.session !== 'string' || typeof params.uri !== 'string') {
      return failedModel('o11y/previewDashboard needs a session and the uri of an open dashboard.');
    }
    const doc = documents.get(params.uri);
    if (!doc) {
      return failedModel(`${params.uri} is not open in the editor.`);
    }
    const target = prometheus.client();
    const abort = new AbortController();
    const listener = token.onCancellationRequested(() => abort.abort());
    const { session: id, uri: _uri, ...request } = params;
    try {
      return await session(id).render(doc.getText(), request, {
        api: target?.client,
        source: target ? `${target.report.name} (${target.report.url})` : undefined,
        noApi: target?.report.message ? `Prometheus is not reachable: ${target.report.message}` : undefined,
        scrapeSeconds: service.context(doc).workspace?.scrapeInterval(),
        signal: abort.signal,
      });
    } finally {
      listener.dispose();
    }
  }
}
