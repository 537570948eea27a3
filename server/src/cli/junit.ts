/**
 * Rule-test results as JUnit XML, shaped like promtool's `--junit` report (util/junitxml): one `testsuite` per test
 * file, one `testcase` per test group with a `failure` per failed expectation, and a file that could not be run as
 * an `error`. Each failure's text is promtool's message followed by the compact diff.
 */
import { formatDiff } from '../core/ruletest/diff';
import type { Failure, FileResult } from '../core/ruletest/results';

function escape(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot hold at all.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function failureText(f: Failure): string {
  return f.diff?.length ? `${f.message}\n\n${formatDiff(f.diff, '    ')}` : f.message;
}

function element(tag: string, f: Failure): string {
  const text = failureText(f);
  // The first line says which case failed; promtool puts the group's name on a line before it.
  const [head, next] = text.trim().split('\n').map((l) => l.trim());
  const first = /^name: /.test(head) && next ? next : head;
  return `      <${tag} message="${escape(first)}">${escape(text)}</${tag}>\n`;
}

function suite(r: FileResult, timestamp: string): string {
  const failures = r.groups.reduce((n, g) => n + g.failures.length, 0);
  const cases = r.groups.map((g) => {
    const body = g.failures.map((f) => element('failure', f)).join('');
    return `    <testcase name="${escape(g.name)}" time="${seconds(g.durationMs)}"${body ? `>\n${body}    </testcase>` : '/>'}\n`;
  });
  if (r.failures.length) {
    cases.push(`    <testcase name="${escape(r.file)}">\n${r.failures.map((f) => element('error', f)).join('')}    </testcase>\n`);
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="${r.failures.length}" skipped="0"`;
  return `  <testsuite name="${escape(r.file)}" ${counts} timestamp="${timestamp}" time="${seconds(r.durationMs)}">\n${cases.join('')}  </testsuite>\n`;
}

export function junitXml(results: FileResult[], now: Date): string {
  const timestamp = now.toISOString().slice(0, 19);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${results.map((r) => suite(r, timestamp)).join('')}</testsuites>\n`;
}
