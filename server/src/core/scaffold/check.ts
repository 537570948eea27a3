import picomatch from 'picomatch';
import type { FileSystem } from '../environment';
import { LanguageService } from '../languageService';
import { parseProjectConfig } from '../projectConfig';
import type { Severity } from '../problem';
import { pathToUri } from '../uri';

/** A problem `o11y check` would report in a generated file. */
export interface StackFinding {
  path: string;
  line: number;
  severity: Severity;
  code: string;
  message: string;
}

/** The generated files as a read-only file system rooted at `root`, so checks that read other files find them. */
function memoryFs(root: string, files: Map<string, string>): FileSystem {
  const abs = new Map([...files].map(([p, t]) => [`${root}/${p}`, t]));
  const folders = new Set([...abs.keys()].flatMap((p) => p.split('/').slice(1, -1).map((_, i, parts) => '/' + parts.slice(0, i + 1).join('/'))));
  return {
    glob: (pattern, cwd) => {
      const full = pattern.startsWith('/') ? pattern : `${cwd.replace(/\/$/, '')}/${pattern}`;
      const match = picomatch(normalize(full));
      return [...abs.keys()].filter((p) => match(p)).sort();
    },
    exists: (p) => abs.has(normalize(p)) || folders.has(normalize(p)),
    readFile: (p) => abs.get(normalize(p)),
  };
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const s of p.split('/')) {
    if (s === '..') {
      out.pop();
    } else if (s && s !== '.') {
      out.push(s);
    }
  }
  return '/' + out.join('/');
}

/**
 * Runs the language service over a generated stack in memory, as `o11y check <dir>` would over the written folder
 * (with the stack's own `.o11y.yaml`): every error, warning and info of every file it recognises.
 */
export function checkStack(files: Map<string, string>, root = '/stack'): StackFinding[] {
  const service = new LanguageService({ fs: memoryFs(root, files) }, root, { incremental: false });
  const config = files.get('.o11y.yaml');
  if (config !== undefined) {
    service.configure(parseProjectConfig(config).settings);
  }
  for (const [path, text] of files) {
    service.indexFile(`${root}/${path}`, text);
  }
  service.rules.markComplete();
  const out: StackFinding[] = [];
  for (const [path, text] of files) {
    const doc = { uri: pathToUri(`${root}/${path}`), version: 1, getText: () => text };
    if (service.fileKind(doc) === 'unknown') {
      continue;
    }
    const { problems, context } = service.check(doc);
    for (const p of problems) {
      out.push({ path, line: context.lines.positionAt(p.offset).line + 1, severity: p.severity, code: p.code, message: p.message });
    }
  }
  return out;
}
