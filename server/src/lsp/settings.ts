import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { FileAssociations } from '../core/fileKind';
import { connectionOptions } from '../core/projectConfig';
import type { ProjectSettings } from '../core/settings';
import { findProjectConfig, loadProjectSettings } from '../node/nodeFs';

/** The editor-side settings (`o11y.*`) that overlay `.o11y.yaml`. */
export interface EditorSettings {
  fileAssociations?: FileAssociations;
  prometheus?: {
    version?: string;
    url?: string;
    connections?: Record<string, unknown>[];
    defaultConnection?: string;
  } & PrometheusInitCredentials;
  backtest?: { range?: string };
}

/** Secrets an editor without secret storage may pass in `initializationOptions.prometheus` (never read from settings). */
export interface PrometheusInitCredentials {
  bearerToken?: string;
  username?: string;
  password?: string;
}

/**
 * Resolves the settings in force: `.o11y.yaml` at the workspace root, overlaid by the editor's `o11y` section
 * (pulled with workspace/configuration when the client supports it, else taken from init options).
 */
export async function resolveSettings(
  connection: Connection,
  root: string | undefined,
  canPull: boolean,
  initOptions: EditorSettings | undefined,
): Promise<ProjectSettings> {
  const file = root ? findProjectConfig(root) : undefined;
  const { settings, warnings } = loadProjectSettings(file);
  for (const w of warnings) {
    connection.console.warn(w);
  }
  let editor: EditorSettings | undefined = initOptions;
  if (canPull) {
    try {
      editor = ((await connection.workspace.getConfiguration('o11y')) as EditorSettings | null) ?? initOptions;
    } catch {
      editor = initOptions;
    }
  }
  if (editor?.fileAssociations) {
    settings.fileAssociations = { ...settings.fileAssociations, ...editor.fileAssociations };
  }
  if (editor?.prometheus?.version) {
    settings.versions.prometheus = editor.prometheus.version;
  }
  overlayConnections(settings, editor?.prometheus);
  if (typeof editor?.backtest?.range === 'string' && editor.backtest.range.trim()) {
    settings.backtestRange = editor.backtest.range.trim();
  }
  return settings;
}

/** Editor connections join (and, by name, replace) those of `.o11y.yaml`; the URL and the chosen default override. */
function overlayConnections(settings: ProjectSettings, editor: EditorSettings['prometheus']): void {
  const own = settings.connections.prometheus;
  for (const c of Array.isArray(editor?.connections) ? editor.connections : []) {
    if (c && typeof c.name === 'string' && typeof c.url === 'string') {
      const entry = { name: c.name, url: c.url, default: c.default === true, ...connectionOptions(c) };
      const at = own.findIndex((o) => o.name === entry.name);
      own.splice(at < 0 ? own.length : at, at < 0 ? 0 : 1, entry);
    }
  }
  if (typeof editor?.url === 'string' && editor.url.trim()) {
    settings.connections.url = editor.url.trim();
  }
  if (typeof editor?.defaultConnection === 'string' && editor.defaultConnection) {
    settings.connections.defaultConnection = editor.defaultConnection;
  }
}

export function isProjectConfig(uri: string): boolean {
  return /\/\.o11y\.ya?ml$/.test(uri) || path.basename(uri).startsWith('.o11y.');
}
