import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/languageService';
import {
  alertLabelSets,
  parseLabelSet,
  routeTestView,
  routeTreeView,
  type AlertLabelSet,
  type RouteTestResult,
  type RoutingTreeResult,
} from '../core/alertmanager/routeView';
import type { AlertmanagerFacts } from '../core/workspace/routing';
import { uriToPath } from '../core/uri';
import { runSafe } from './runSafe';
import { changedBesides, onSettledChanges } from './settledChanges';

export interface RoutingTreeParams {
  /** An Alertmanager configuration (the active editor's document, say). */
  uri?: string;
  /** The one to show when `uri` is none (the one shown before); else the workspace's first. */
  fallbackUri?: string;
}

export interface RoutingTreeResponse {
  /** Every Alertmanager configuration of the workspace. */
  configs: { uri: string; relPath: string }[];
  tree: RoutingTreeResult | null;
}

export interface TestRouteParams {
  uri: string;
  /** The labels, or a label set as typed (`severity=critical, service=api`). */
  labels?: Record<string, string>;
  text?: string;
}

export type TestRouteResponse = { result: RouteTestResult } | { error: string };

/** Sent to the client when the routing of the workspace may have changed (a routing tree view refreshes). */
export const ROUTING_CHANGED = 'o11y/routingChanged';

/**
 * `o11y/routingTree` (the routing tree of a configuration, for a tree view), `o11y/testRoute` (where an alert with
 * given labels goes, with the route path to highlight) and `o11y/alertLabelSets` (the workspace's alerting rules'
 * labels, to pick one to route). When an Alertmanager configuration, a Prometheus configuration's labels or an
 * alerting rule changes, the other files' routing diagnostics and lenses are refreshed once changes settle.
 */
export function registerRouting(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  refreshDiagnostics: () => void,
  refreshLenses: () => void,
): void {
  const facts = (uri: string | undefined): AlertmanagerFacts | undefined => {
    if (uri === undefined) {
      return undefined;
    }
    const doc = documents.get(uri);
    if (doc) {
      service.context(doc);
    }
    return service.routing.alertmanager(uriToPath(uri) ?? uri);
  };

  connection.onRequest('o11y/routingTree', (params: RoutingTreeParams | undefined, token) =>
    runSafe(
      connection,
      (): RoutingTreeResponse => {
        const all = service.routing.alertmanagers();
        const chosen = facts(params?.uri) ?? facts(params?.fallbackUri) ?? all[0];
        const tree = chosen ? (routeTreeView(chosen) ?? null) : null;
        return { configs: all.map((f) => ({ uri: f.uri, relPath: f.relPath })), tree };
      },
      { configs: [], tree: null },
      'routingTree',
      token,
    ),
  );

  connection.onRequest('o11y/testRoute', (params: TestRouteParams | undefined, token) =>
    runSafe(
      connection,
      (): TestRouteResponse => {
        const config = facts(params?.uri);
        if (!config?.tree) {
          return { error: `${params?.uri ?? 'no file'} is no Alertmanager configuration with a route` };
        }
        const labels = labelsOf(params!);
        if ('error' in labels) {
          return labels;
        }
        return { result: routeTestView(config, labels.labels)! };
      },
      { error: 'the route could not be tested; see the server log' },
      'testRoute',
      token,
    ),
  );

  connection.onRequest('o11y/alertLabelSets', (_params: unknown, token) =>
    runSafe(connection, (): AlertLabelSet[] => alertLabelSets(service.routing), [], 'alertLabelSets', token),
  );

  onSettledChanges(service.routing, (changed) => {
    // Refresh when another open rule file or Alertmanager configuration may depend on what changed.
    const others = documents.all().some((d) => {
      const kind = service.fileKind(d);
      return (kind === 'rules' || kind === 'alertmanagerConfig') && changedBesides(changed, d);
    });
    if (others) {
      refreshDiagnostics();
    }
    refreshLenses();
    void connection.sendNotification(ROUTING_CHANGED);
  });
}

function labelsOf(params: TestRouteParams): { labels: Record<string, string> } | { error: string } {
  if (params.labels !== undefined) {
    const ok = typeof params.labels === 'object' && params.labels !== null && Object.values(params.labels).every((v) => typeof v === 'string');
    return ok ? { labels: params.labels } : { error: 'labels must map label names to string values' };
  }
  if (typeof params.text === 'string') {
    return parseLabelSet(params.text);
  }
  return { error: 'give labels or a label set such as severity=critical, service=api' };
}
