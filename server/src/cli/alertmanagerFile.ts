import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentContext } from '../core/kinds/context';
import { LanguageService } from '../core/languageService';
import type { ProjectSettings } from '../core/settings';
import { pathToUri } from '../core/uri';
import { findProjectConfig, loadProjectSettings, nodeFileSystem } from '../node/nodeFs';

export interface LoadedAlertmanagerConfig {
  text: string;
  /** The file's context in the language service (its parsed documents, lines). */
  context: DocumentContext;
  settings: ProjectSettings;
}

/**
 * Reads an Alertmanager configuration and checks it as the editor does, with the project's settings (`configFile`,
 * else the nearest .o11y.yaml) and `version` over them. Prints why and gives undefined when the file cannot be read
 * or has errors: the commands that route or render alerts need a configuration Alertmanager would load.
 */
export function loadAlertmanagerConfig(
  file: string,
  configFile: string | undefined,
  version: string | undefined,
  err: (s: string) => void,
): LoadedAlertmanagerConfig | undefined {
  const { settings, warnings } = loadProjectSettings(configFile ?? findProjectConfig(process.cwd()));
  warnings.forEach((w) => err(`warning: ${w}\n`));
  if (version) {
    settings.versions.alertmanager = version;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    err(`o11y: cannot read ${file}: ${(e as Error).message}\n`);
    return undefined;
  }
  const abs = path.resolve(file);
  // Only its errors are printed: the checks that can only warn are skipped (unless the lints make errors of some).
  const service = new LanguageService({ fs: nodeFileSystem }, path.dirname(abs), { incremental: false, errorsOnly: true });
  service.configure({ ...settings, fileAssociations: { ...settings.fileAssociations, [path.basename(file)]: 'alertmanagerConfig' } });
  // The file alone: nothing is read into the workspace indexes (the kind is set above, so there is a result).
  const { problems, context } = service.checkAlone({ uri: pathToUri(abs), version: 1, getText: () => text })!;
  const errors = problems.filter((p) => p.severity === 'error');
  for (const p of errors) {
    const pos = context.lines.positionAt(p.offset);
    err(`${file}:${pos.line + 1}:${pos.character + 1}: error: ${p.message} [${p.code}]\n`);
  }
  return errors.length > 0 ? undefined : { text, context, settings };
}
