import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RuleTestFileItem } from '../../../server/src/core/ruletest/testTree';
import type { RuleTestNode } from '../api';
import { RuleTestRunner, type RunSummary } from './run';
import { caseId, groupId, toRange } from './items';

/** The CodeLens command's argument (server/src/core/kinds/ruleTests/codeLens.ts). */
export interface RunRuleTestsArgs {
  uri: string;
  groups?: number[];
  /** One case of the (single) group. */
  case?: { kind: 'alert' | 'expr'; index: number };
}

/** Edits of an open test file are re-listed after this pause in typing. */
const RELIST_DELAY_MS = 400;

/**
 * The Test Explorer's Prometheus rule tests: test files → test groups → alert and expression cases, listed by the
 * server (`o11y/ruleTests`), kept current as files change, run through one run profile (`o11y/runRuleTests`) that
 * the CodeLens command uses too, so every run's results show in the Test Explorer.
 */
export class RuleTestExplorer implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController('o11yRuleTests', 'Prometheus rule tests');
  private readonly runner: RuleTestRunner;
  private readonly profile: vscode.TestRunProfile;
  private readonly disposables: vscode.Disposable[] = [this.controller];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private client?: LanguageClient;

  constructor(log: vscode.LogOutputChannel) {
    this.runner = new RuleTestRunner(this.controller, log, () => this.client, (uri) => this.refreshFile(uri));
    this.profile = this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, async (request, token) => void (await this.runner.run(request, token)), true);
    this.controller.resolveHandler = (item) => (item ? Promise.resolve() : this.refreshAll());
    this.controller.refreshHandler = () => this.refreshAll();
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}');
    this.disposables.push(
      this.profile,
      watcher,
      watcher.onDidCreate((uri) => void this.refreshFile(uri)),
      watcher.onDidChange((uri) => void this.refreshFile(uri)),
      watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => this.relistLater(e.document)),
    );
  }

  /** Called once the language server runs: lists the workspace's tests. */
  attach(client: LanguageClient): void {
    this.client = client;
    void this.refreshAll();
  }

  async refreshAll(): Promise<void> {
    const files = await this.list({});
    if (files) {
      this.controller.items.replace(files.map((f) => this.fileItem(f)));
    }
  }

  /** Lists one file again (it changed, or is about to run); returns its item, undefined when it holds no tests. */
  async refreshFile(uri: vscode.Uri): Promise<vscode.TestItem | undefined> {
    const files = await this.list({ uri: uri.toString() });
    if (!files) {
      return this.controller.items.get(uri.toString());
    }
    if (!files.length) {
      this.controller.items.delete(uri.toString());
      return undefined;
    }
    const item = this.fileItem(files[0]);
    this.controller.items.add(item);
    return item;
  }

  /** `o11y.runRuleTests`: the CodeLens's groups, or the active editor's test file. */
  async runCommand(args?: RunRuleTestsArgs): Promise<RunSummary | undefined> {
    const uri = args?.uri ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
    const file = uri && (await this.refreshFile(uri));
    if (!file) {
      void vscode.window.showWarningMessage('O11y: this file holds no Prometheus rule tests.');
      return undefined;
    }
    const groups = (args?.groups ?? []).map((i) => file.children.get(groupId(file.id, i))).filter((g): g is vscode.TestItem => !!g);
    const one = args?.case && groups.length === 1 ? groups[0].children.get(caseId(file.id, args.groups![0], args.case.kind, args.case.index)) : undefined;
    const request = new vscode.TestRunRequest(one ? [one] : groups.length ? groups : [file], undefined, this.profile);
    const cancel = new vscode.CancellationTokenSource();
    try {
      const summary = await this.runner.run(request, cancel.token);
      vscode.window.setStatusBarMessage(`Rule tests: ${summary.passed} passed, ${summary.failed} failed${summary.errored ? `, ${summary.errored} errored` : ''}`, 5000);
      return summary;
    } finally {
      cancel.dispose();
    }
  }

  /** Every item with the outcome of its last run, for the extension's API. */
  snapshot(): RuleTestNode[] {
    const node = (item: vscode.TestItem): RuleTestNode => {
      const children: RuleTestNode[] = [];
      item.children.forEach((c) => void children.push(node(c)));
      return { id: item.id, label: item.label, error: typeof item.error === 'string' ? item.error : item.error?.value, ...this.runner.outcome(item.id), children };
    };
    const out: RuleTestNode[] = [];
    this.controller.items.forEach((i) => void out.push(node(i)));
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.disposables.forEach((d) => d.dispose());
  }

  private relistLater(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== 'file' || !/\.ya?ml$/i.test(doc.uri.path)) {
      return;
    }
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refreshFile(doc.uri);
      }, RELIST_DELAY_MS),
    );
  }

  private async list(params: { uri?: string }): Promise<RuleTestFileItem[] | undefined> {
    if (!this.client?.isRunning()) {
      return undefined;
    }
    try {
      const answer = await this.client.sendRequest<{ files: RuleTestFileItem[] }>('o11y/ruleTests', params);
      return answer.files;
    } catch {
      return undefined; // the server restarts or stops; the next change lists again
    }
  }

  private fileItem(file: RuleTestFileItem): vscode.TestItem {
    const uri = vscode.Uri.parse(file.uri);
    const item = this.controller.items.get(file.uri) ?? this.controller.createTestItem(file.uri, vscode.workspace.asRelativePath(uri), uri);
    item.error = file.error?.message;
    item.children.replace(
      file.groups.map((g) => {
        const group = this.controller.createTestItem(groupId(file.uri, g.index), g.name, uri);
        group.range = toRange(g.range);
        group.children.replace(
          g.cases.map((c) => {
            const test = this.controller.createTestItem(caseId(file.uri, g.index, c.kind, c.index), c.label, uri);
            test.range = toRange(c.range);
            return test;
          }),
        );
        return group;
      }),
    );
    return item;
  }
}
