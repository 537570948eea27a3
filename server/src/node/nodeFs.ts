import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { FileSystem } from '../core/environment';
import { PROJECT_CONFIG_NAMES, parseProjectConfig } from '../core/projectConfig';
import { defaultSettings, type ProjectSettings } from '../core/settings';

/** The real file system, for the CLI and the language server. */
export const nodeFileSystem: FileSystem = {
  glob: (pattern: string, cwd: string) => goGlob(path.resolve(cwd, pattern)),
  exists: (p: string) => existsSync(p),
  readFile: (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
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

/**
 * Go's filepath.Glob, which Prometheus uses for `rule_files` and `scrape_config_files`: wildcards (`*`, `?`,
 * `[...]`) within one path segment, no `**`. Expands segment by segment.
 */
function goGlob(absPattern: string): string[] {
  const segments = absPattern.split(path.sep);
  let bases = [segments[0] === '' ? path.sep : segments[0]];
  for (const seg of segments.slice(1)) {
    if (!seg) {
      continue;
    }
    if (!/[*?[]/.test(seg)) {
      bases = bases.map((b) => path.join(b, seg)).filter((p) => existsSync(p));
      continue;
    }
    const isMatch = picomatch(seg, { dot: false });
    bases = bases.flatMap((b) => {
      try {
        return readdirSync(b).filter((name) => isMatch(name)).sort().map((name) => path.join(b, name));
      } catch {
        return [];
      }
    });
  }
  return bases.filter((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });
}
