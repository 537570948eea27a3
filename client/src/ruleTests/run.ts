import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RuleTestMessage, RuleTestRunResult } from '../../../server/src/core/ruletest/runReport';
import type { TestSelection } from '../../../server/src/core/ruletest/testTree';
import type { RuleTestNode } from '../api';
import { caseId, groupId, parseId, toRange } from './items';

export interface RunSummary {
  passed: number;
  failed: number;
  errored: number;
}

type Outcome = Pick<RuleTestNode, 'state' | 'messages'>;

/** The runs of one file: which items were asked for, and the selection the server runs for them. */
interface FileRun {
  uri: vscode.Uri;
  items: vscode.TestItem[];
  selection: TestSelection;
}

/** A TestMessage with promtool's text and the compact diff, expected vs got for the diff view, and where. */
function testMessage(m: RuleTestMessage, uri: vscode.Uri): vscode.TestMessage {
  const text = m.diff ? `${m.message}\n\n${m.diff}` : m.message;
  const message = m.expected !== undefined && m.got !== undefined ? vscode.TestMessage.diff(text, m.expected, m.got) : new vscode.TestMessage(text);
  if (m.range) {
    message.location = new vscode.Location(uri, toRange(m.range));
  }
  return message;
}

/** Groups the requested items by file: a file item runs it all, group and case items run their groups (one case alone). */
function fileRuns(items: readonly vscode.TestItem[], excluded: ReadonlySet<string>): FileRun[] {
  const byFile = new Map<string, FileRun & { all: boolean; groups: Set<number> }>();
  for (const item of items.filter((i) => !excluded.has(i.id) && i.uri)) {
    const ref = parseId(item.id);
    const run = byFile.get(ref.fileId) ?? { uri: item.uri!, items: [], selection: {}, all: false, groups: new Set<number>() };
    byFile.set(ref.fileId, run);
    run.items.push(item);
    run.all ||= ref.level === 'file';
    if (ref.level !== 'file') {
      run.groups.add(ref.group);
    }
  }
  return [...byFile.values()].map((r) => {
    const only = r.items.length === 1 ? parseId(r.items[0].id) : undefined;
    const selection: TestSelection = r.all ? {} : { groups: [...r.groups], ...(only?.level === 'case' ? { case: { kind: only.kind, index: only.index } } : {}) };
    return { uri: r.uri, items: r.items, selection };
  });
}

/** Runs rule tests on the server and reports each group's and case's outcome to a TestRun. */
export class RuleTestRunner {
  private readonly outcomes = new Map<string, Outcome>();

  constructor(
    private readonly controller: vscode.TestController,
    private readonly log: vscode.LogOutputChannel,
    private readonly client: () => LanguageClient | undefined,
    private readonly relist: (uri: vscode.Uri) => Promise<vscode.TestItem | undefined>,
  ) {}

  /** The last outcome of an item, as this extension reported it. */
  outcome(id: string): Outcome {
    return this.outcomes.get(id) ?? {};
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<RunSummary> {
    const run = this.controller.createTestRun(request);
    const summary: RunSummary = { passed: 0, failed: 0, errored: 0 };
    const report = (item: vscode.TestItem, state: NonNullable<Outcome['state']>, messages: vscode.TestMessage[] = [], ms?: number): void => {
      this.outcomes.set(item.id, { state, messages: messages.map((m) => (typeof m.message === 'string' ? m.message : m.message.value)) });
      if (state === 'passed') {
        run.passed(item, ms);
      } else if (state === 'failed') {
        run.failed(item, messages, ms);
      } else if (state === 'errored') {
        run.errored(item, messages, ms);
      } else {
        run.skipped(item);
      }
    };
    const requested: vscode.TestItem[] = [];
    (request.include ?? this.all()).forEach((i) => requested.push(i));
    try {
      for (const file of fileRuns(requested, new Set((request.exclude ?? []).map((i) => i.id)))) {
        if (token.isCancellationRequested) {
          break;
        }
        await this.runFile(file, run, report, summary, token);
      }
    } finally {
      run.end();
    }
    return summary;
  }

  private all(): vscode.TestItem[] {
    const out: vscode.TestItem[] = [];
    this.controller.items.forEach((i) => void out.push(i));
    return out;
  }

  private async runFile(
    file: FileRun,
    run: vscode.TestRun,
    report: (item: vscode.TestItem, state: NonNullable<Outcome['state']>, messages?: vscode.TestMessage[], ms?: number) => void,
    summary: RunSummary,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const client = this.client();
    // Listed again first, so the items match the text that runs (the editor's, unsaved edits included).
    const fileItem = await this.relist(file.uri);
    const items = fileItem ? file.items.map((i) => (i.id === fileItem.id ? fileItem : (findItem(fileItem, i.id) ?? i))) : file.items;
    items.forEach((i) => run.started(i));
    let result: RuleTestRunResult;
    try {
      if (!client?.isRunning()) {
        throw new Error('the O11y language server is not running');
      }
      result = await client.sendRequest<RuleTestRunResult>('o11y/runRuleTests', { uri: file.uri.toString(), ...file.selection }, token);
    } catch (e) {
      if (token.isCancellationRequested) {
        items.forEach((i) => report(i, 'skipped'));
        return;
      }
      result = { uri: file.uri.toString(), status: 'error', durationMs: 0, errors: [{ message: String((e as Error)?.message ?? e) }], warnings: [], groups: [] };
    }
    const warnings = result.warnings.map((w) => testMessage(w, file.uri));
    warnings.forEach((w) => run.appendOutput(`${vscode.workspace.asRelativePath(file.uri)}: warning: ${w.message as string}\r\n`));
    if (result.status === 'error') {
      const errors = [...result.errors.map((m) => testMessage(m, file.uri)), ...warnings];
      this.log.warn(`rule tests of ${file.uri.fsPath} could not run: ${result.errors.map((e) => e.message).join('; ')}`);
      items.forEach((i) => report(i, 'errored', errors));
      summary.errored += items.length;
      return;
    }
    for (const g of result.groups) {
      const group = fileItem?.children.get(groupId(fileItem.id, g.index));
      for (const c of g.cases) {
        const test = group?.children.get(caseId(fileItem!.id, g.index, c.kind, c.index));
        if (test) {
          report(test, c.status === 'notRun' ? 'skipped' : c.status, c.failure ? [testMessage(c.failure, file.uri)] : []);
        }
      }
      if (group) {
        const failedCases = g.cases.filter((c) => c.status === 'failed').length;
        const own = g.failures.map((m) => testMessage(m, file.uri));
        const messages = own.length || !failedCases ? own : [new vscode.TestMessage(`${failedCases} of ${g.cases.length} cases failed`)];
        report(group, g.status, g.status === 'failed' ? [...messages, ...warnings] : [], g.durationMs);
      }
      summary[g.status] += 1;
    }
    run.appendOutput(`${vscode.workspace.asRelativePath(file.uri)}: ${result.status} (${Math.round(result.durationMs)} ms)\r\n`);
  }
}

function findItem(root: vscode.TestItem, id: string): vscode.TestItem | undefined {
  let found: vscode.TestItem | undefined;
  root.children.forEach((c) => {
    found ??= c.id === id ? c : findItem(c, id);
  });
  return found;
}
