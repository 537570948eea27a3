/**
 * A rule-test run as an editor shows it: per test group and per case a status and, for a failure, promtool's
 * message without its report indentation, the compact diff (diff.ts), the expected and got lists one item per line
 * (for a side-by-side diff view) and the range in the test file. Warnings of promtool (a `rule_files` pattern that
 * matches nothing) point at their `rule_files` entry.
 */
import * as path from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import { LineIndex } from '../text';
import { formatDiff } from './diff';
import type { Failure, FileResult, ResultItem, Status } from './results';
import { loadTestFile } from './testFile';
import { spanRange } from './testTree';

export interface RuleTestMessage {
  message: string;
  range?: Range;
  /** The compact expected-vs-got diff, when the failure compares lists. */
  diff?: string;
  /** The expected and got lists, one item per line, sorted. */
  expected?: string;
  got?: string;
}

export interface RuleTestCaseRun {
  kind: 'alert' | 'expr';
  index: number;
  title: string;
  status: Status;
  failure?: RuleTestMessage;
}

export interface RuleTestGroupRun {
  index: number;
  name: string;
  status: 'passed' | 'failed';
  durationMs: number;
  cases: RuleTestCaseRun[];
  /** Failures of the group that belong to no single case (input series, rule files, rule evaluation). */
  failures: RuleTestMessage[];
}

export interface RuleTestRunResult {
  uri: string;
  /** `error` when the file could not be run at all (see `errors`). */
  status: 'passed' | 'failed' | 'error';
  durationMs: number;
  errors: RuleTestMessage[];
  warnings: RuleTestMessage[];
  groups: RuleTestGroupRun[];
}

/** Removes the indentation promtool's report puts before every line of a failure. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n').trimEnd();
}

function itemLines(items: ResultItem[]): string {
  return items
    .map((i) => [i.labels, i.annotations !== undefined && i.annotations !== '{}' ? `annotations ${i.annotations}` : '', i.value ?? ''].filter(Boolean).join(' '))
    .sort()
    .join('\n');
}

function toMessage(f: Failure, lines: LineIndex): RuleTestMessage {
  return {
    message: dedent(f.message),
    ...(f.span ? { range: spanRange(lines, f.span) } : {}),
    ...(f.diff?.length ? { diff: formatDiff(f.diff, '') } : {}),
    ...(f.expected && f.got ? { expected: itemLines(f.expected), got: itemLines(f.got) } : {}),
  };
}

/** Each warning, at the `rule_files` entry whose pattern it names when there is one. */
function warningMessages(result: FileResult, text: string, lines: LineIndex, version: string): RuleTestMessage[] {
  const loaded = loadTestFile(text, version);
  const entries = loaded.error === undefined ? loaded.file.ruleFiles : [];
  return result.warnings.map((w) => {
    const entry = entries.find((e) => w === `no file match pattern ${path.isAbsolute(e.pattern) ? e.pattern : path.join(path.dirname(result.file), e.pattern)}`);
    const message = entry ? `rule_files: no file matches ${JSON.stringify(entry.pattern)}, so no rule of it is evaluated` : w;
    return { message, ...(entry ? { range: spanRange(lines, entry.span) } : {}) };
  });
}

/** The run's result for the editor; `text` is the test file's text the run read. */
export function runReport(uri: string, text: string, result: FileResult, version: string): RuleTestRunResult {
  const lines = new LineIndex(text);
  const groups = result.groups.map((g): RuleTestGroupRun => {
    const ofCases = new Set(g.cases.map((c) => c.failure).filter(Boolean));
    return {
      index: g.index,
      name: g.name,
      status: g.status,
      durationMs: g.durationMs,
      cases: g.cases.map((c) => ({ kind: c.kind, index: c.index, title: c.title, status: c.status, ...(c.failure ? { failure: toMessage(c.failure, lines) } : {}) })),
      failures: g.failures.filter((f) => !ofCases.has(f)).map((f) => toMessage(f, lines)),
    };
  });
  return {
    uri,
    status: result.failures.length ? 'error' : result.status,
    durationMs: result.durationMs,
    errors: result.failures.map((f) => toMessage(f, lines)),
    warnings: warningMessages(result, text, lines, version),
    groups,
  };
}
