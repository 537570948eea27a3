// `o11y/notificationPreview`: the route an alert takes and the notifications it causes, for an alertmanager.yml
// (open or on disk) and an alert given by its labels or taken from the rule-test case at a position.
import { readFileSync } from 'node:fs';
import type { CancellationToken, Connection, Position, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { previewMarkdown } from '../core/alertmanager/notify/format';
import { alertsOfCaseAt } from '../core/alertmanager/notify/fromRuleTest';
import { parseLabelSet, previewForConfig } from '../core/alertmanager/notify/request';
import type { NotificationPreview } from '../core/alertmanager/notify/preview';
import { alertmanagerVersion } from '../core/kinds/alertmanagerConfig/nodes';
import type { LanguageService, TextDocumentLike } from '../core/languageService';
import { uriToPath } from '../core/uri';
import { nodeFileSystem } from '../node/nodeFs';
import { runSafe } from './runSafe';

export interface NotificationPreviewParams {
  /** The alertmanager.yml. */
  configUri: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** The same as typed by a user, in amtool's notation: `alertname=X,severity="critical"`. */
  labelsText?: string;
  annotationsText?: string;
  /** A rule-test file and a position inside one of its alert cases: its expected alerts are previewed. */
  fromTest?: { uri: string; position: Position };
  receiver?: string;
  externalURL?: string;
  /** RFC 3339; default now. */
  at?: string;
}

export type NotificationPreviewResult = { preview: NotificationPreview; markdown: string } | { error: string };

export function registerNotificationPreview(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService): void {
  connection.onRequest('o11y/notificationPreview', (params: NotificationPreviewParams, token: CancellationToken) =>
    runSafe<NotificationPreviewResult>(
      connection,
      () => preview(params ?? ({} as NotificationPreviewParams)),
      { error: 'the preview failed; the O11y output has the details' },
      'notificationPreview',
      token,
    ),
  );

  function document(uri: string | undefined): TextDocumentLike | undefined {
    const open = uri ? documents.get(uri) : undefined;
    if (open || !uri) {
      return open;
    }
    const path = uriToPath(uri);
    let text: string;
    try {
      text = path ? readFileSync(path, 'utf8') : '';
    } catch {
      return undefined;
    }
    return path ? { uri, version: -1, getText: () => text } : undefined;
  }

  function preview(params: NotificationPreviewParams): NotificationPreviewResult {
    const config = document(params.configUri);
    if (!config) {
      return { error: `cannot read ${params.configUri ?? 'the configuration (no configUri given)'}` };
    }
    const ctx = service.context(config);
    if (ctx.kind !== 'alertmanagerConfig') {
      return { error: `${ctx.relPath} is not an Alertmanager configuration` };
    }
    const labels = params.labelsText !== undefined ? parseLabelSet(params.labelsText) : { labels: params.labels ?? {} };
    const annotations = params.annotationsText !== undefined ? parseLabelSet(params.annotationsText) : { labels: params.annotations ?? {} };
    if ('error' in labels) {
      return { error: `bad labels: ${labels.error}` };
    }
    if ('error' in annotations) {
      return { error: `bad annotations: ${annotations.error}` };
    }
    let alerts = [{ labels: labels.labels, annotations: annotations.labels }];
    if (params.fromTest) {
      const test = document(params.fromTest.uri);
      const testCtx = test && service.context(test);
      alerts = testCtx ? alertsOfCaseAt(testCtx.docs[0]?.root, testCtx.lines.offsetAt(params.fromTest.position)) : [];
      if (alerts.length === 0) {
        return { error: 'no expected alert (exp_alerts) in the rule-test case at the cursor' };
      }
    }
    const nowMs = params.at ? Date.parse(params.at) : Date.now();
    if (Number.isNaN(nowMs)) {
      return { error: `bad time "${params.at}": give an RFC 3339 time` };
    }
    const request = { alert: alerts[0], others: alerts.slice(1), receiver: params.receiver, externalURL: params.externalURL, nowMs };
    const result = previewForConfig({ root: ctx.docs[0]?.root, text: ctx.text, path: ctx.path, version: alertmanagerVersion(ctx.settings) }, request, nodeFileSystem);
    return 'error' in result ? result : { preview: result, markdown: previewMarkdown(result) };
  }
}
