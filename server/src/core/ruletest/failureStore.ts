/**
 * The failures of the last rule-test runs of each test file, kept as marks (failureMarks.ts) and shown among the
 * file's problems. A run replaces the marks of what it ran (the whole file, some groups or one case); an edit of a
 * case (or group) drops its marks, while edits elsewhere only move them.
 */
import type { Problem } from '../problem';
import type { AstNode } from '../syntax/ast';
import { anchorNode, failureMarks, type FailureMark } from './failureMarks';
import type { FileResult } from './results';

export const TEST_FAILED_CODE = 'ruletests/test-failed';

export class RuleTestFailures {
  private readonly byUri = new Map<string, FailureMark[]>();

  /** Keeps the failures of a run of `text`; returns whether the file's marks changed. */
  record(uri: string, text: string, result: FileResult): boolean {
    const before = this.byUri.get(uri) ?? [];
    const ran = (m: FailureMark): boolean => {
      const g = result.groups.find((r) => r.index === m.group);
      return !!g && (!m.case || g.cases.some((c) => c.kind === m.case!.kind && c.index === m.case!.index));
    };
    const kept = result.failures.length ? [] : before.filter((m) => !ran(m));
    const marks = [...kept, ...failureMarks(text, result)];
    this.set(uri, marks);
    return before.length > 0 || marks.length > 0;
  }

  /** The problems of the marks that still hold for `text` (whose YAML root is `root`); stale marks are forgotten. */
  problems(uri: string, text: string, root: AstNode | undefined): Problem[] {
    const marks = this.byUri.get(uri);
    if (!marks?.length) {
      return [];
    }
    const out: Problem[] = [];
    const live = marks.filter((m) => {
      const node = anchorNode(root, m.group, m.case);
      if (!node || text.slice(node.offset, node.offset + node.length) !== m.anchorText) {
        return false;
      }
      out.push({ offset: node.offset + m.offset, length: m.length, severity: 'error', code: TEST_FAILED_CODE, message: m.message });
      return true;
    });
    if (live.length !== marks.length) {
      this.set(uri, live);
    }
    return out;
  }

  private set(uri: string, marks: FailureMark[]): void {
    if (marks.length) {
      this.byUri.set(uri, marks);
    } else {
      this.byUri.delete(uri);
    }
  }
}
