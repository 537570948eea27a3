import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LanguageService, type TextDocumentLike } from '../../server/src/core/languageService';
import { defaultSettings, type ProjectSettings } from '../../server/src/core/settings';
import { pathToUri } from '../../server/src/core/uri';
import { LineIndex } from '../../server/src/core/text';
import { nodeFileSystem } from '../../server/src/node/nodeFs';

/** A workspace folder on disk with the given files, and a language service rooted there. */
export function workspace(files: Record<string, string> = {}, settings: Partial<ProjectSettings> = {}): { root: string; service: LanguageService } {
  const root = mkdtempSync(join(tmpdir(), 'o11y-test-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const service = new LanguageService({ fs: nodeFileSystem }, root);
  service.configure({ ...defaultSettings(), ...settings, versions: { ...defaultSettings().versions, ...settings.versions } });
  return { root, service };
}

export function doc(path: string, text: string, version = 1): TextDocumentLike {
  return { uri: pathToUri(path), version, getText: () => text };
}

/** Problems as `line:col code message` strings (1-based), in document order: easy to compare exactly. */
export function problemsOf(service: LanguageService, path: string, text: string): string[] {
  const lines = new LineIndex(text);
  return service
    .check(doc(path, text))
    .problems.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code))
    .map((p) => {
      const s = lines.positionAt(p.offset);
      return `${s.line + 1}:${s.character + 1}-${lines.positionAt(p.offset + p.length).character + 1} ${p.severity} ${p.code} ${p.message}`;
    });
}

/** Splits a `<|>` caret marker out of a text: the text without it and the caret's position. */
export function caret(src: string): { text: string; position: { line: number; character: number } } {
  const offset = src.indexOf('<|>');
  const text = src.slice(0, offset) + src.slice(offset + 3);
  return { text, position: new LineIndex(text).positionAt(offset) };
}
