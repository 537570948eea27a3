import type { RuleTestHost } from '../../../server/src/core/ruletest/ruleFiles';

/** An in-memory disk: a missing file fails as the real one does, and `glob` matches exact names only. */
export function memoryHost(files: Record<string, string>): RuleTestHost {
  return {
    readFile: (f) => {
      if (!(f in files)) {
        throw new Error(`open ${f}: no such file or directory`);
      }
      return files[f];
    },
    glob: (pattern) => (pattern in files ? [pattern] : []),
  };
}
