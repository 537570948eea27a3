import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import type { FileSystem } from '../core/environment';
import { PROJECT_CONFIG_NAMES, parseProjectConfig } from '../core/projectConfig';
import { defaultSettings, type ProjectSettings } from '../core/settings';

/** The real file system, for the CLI and the language server. */
export const nodeFileSystem: FileSystem = {
  glob(pattern: string, cwd: string): string[] {
    try {
      return globSync(pattern, { cwd, absolute: true, onlyFiles: true, expandDirectories: false });
    } catch {
      return [];
    }
  },
  exists: (p: string) => existsSync(p),
};

/** Finds `.o11y.yaml` in `dir` or its ancestors. */
export function findProjectConfig(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    for (const name of PROJECT_CONFIG_NAMES) {
      const candidate = path.join(cur, name);
      if (existsSync(candidate)) {
        return candidate;
      }
    }
    const up = path.dirname(cur);
    if (up === cur) {
      return undefined;
    }
    cur = up;
  }
}

export function loadProjectSettings(file: string | undefined): { settings: ProjectSettings; warnings: string[] } {
  if (!file) {
    return { settings: defaultSettings(), warnings: [] };
  }
  try {
    return parseProjectConfig(readFileSync(file, 'utf8'));
  } catch (err) {
    return { settings: defaultSettings(), warnings: [`cannot read ${file}: ${(err as Error).message}`] };
  }
}
