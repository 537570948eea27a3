import * as path from 'node:path';
import type { RuleTestHost } from './ruleFiles';

/**
 * A runner host that reads the editor's text of open documents (unsaved edits included) before the disk, for the
 * test file and the rule files alike. Globs still expand on disk: a rule file that was never saved is not found.
 */
export function withOpenDocuments(host: RuleTestHost, open: ReadonlyMap<string, string>): RuleTestHost {
  const texts = new Map([...open].map(([file, text]) => [path.resolve(file), text]));
  return {
    readFile: (file) => texts.get(path.resolve(file)) ?? host.readFile(file),
    glob: (pattern) => host.glob(pattern),
  };
}
