import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { FileAssociations } from '../core/fileKind';
import type { ProjectSettings } from '../core/settings';
import { findProjectConfig, loadProjectSettings } from '../node/nodeFs';

/** The editor-side settings (`o11y.*`) that overlay `.o11y.yaml`. */
export interface EditorSettings {
  fileAssociations?: FileAssociations;
  prometheus?: { version?: string };
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
  return settings;
}

export function isProjectConfig(uri: string): boolean {
  return /\/\.o11y\.ya?ml$/.test(uri) || path.basename(uri).startsWith('.o11y.');
}
