/** The rule-test runner's access to the disk: files read as UTF-8, `rule_files` globs as Go's filepath.Glob. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RuleTestHost } from '../core/ruletest/runner';
import { nodeFileSystem } from './nodeFs';

export function nodeRuleTestHost(): RuleTestHost {
  return {
    readFile: (file) => readFileSync(file, 'utf8'),
    // Go's filepath.Glob answers in the pattern's form: relative patterns give paths relative to the working folder.
    glob: (pattern) => {
      const matches = nodeFileSystem.glob(pattern, process.cwd());
      return path.isAbsolute(pattern) ? matches : matches.map((m) => path.relative(process.cwd(), m));
    },
  };
}
