import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { BacktestParams, BacktestResponse, GenerateTestResponse } from '../../../server/src/core/backtest/types';
import type { QueryRunner } from './runQuery';

type PositionLike = { line: number; character: number };

/**
 * Alert backtests (`o11y/backtest`) and unit tests generated from them (`o11y/generateTestFromBacktest`): the
 * server replays the rule over the live Prometheus's history; the outcome goes into the results panel as a
 * timeline, and a generated test case into the rule file's test file, opened at the new case.
 */
export class BacktestRunner {
  private last: Pick<BacktestParams, 'uri' | 'at' | 'start' | 'end'> | undefined;

  constructor(
    private readonly client: Promise<LanguageClient>,
    private readonly queries: QueryRunner,
    private readonly log: vscode.LogOutputChannel,
  ) {
    queries.generateTest = () => void this.generateTest();
  }

  /** `o11y.backtestAlert`: the rule of a CodeLens (document and `alert:` position), else the one at the cursor. */
  async backtest(uri?: string, at?: PositionLike): Promise<BacktestResponse | undefined> {
    const target = this.target(uri, at);
    if (!target) {
      return undefined;
    }
    const range = vscode.workspace.getConfiguration('o11y', vscode.Uri.parse(target.uri)).get<string>('backtest.range') || undefined;
    const response = await this.request<BacktestResponse>('o11y/backtest', { ...target, range }, 'Backtesting the alert…');
    if (!response) {
      return undefined;
    }
    if (response.ok) {
      this.last = { ...target, start: response.window.start, end: response.window.end };
    }
    const line = (response.at?.start.line ?? target.at.line) + 1;
    this.queries.showBacktest({ source: `${vscode.Uri.parse(target.uri).path.split('/').pop()}:${line}`, response });
    if (!response.ok) {
      void vscode.window.showWarningMessage(response.message);
    }
    return response;
  }

  /** `o11y.generateTestFromBacktest`: a test case from the last backtest's window (or the rule at the cursor's last 24h). */
  async generateTest(uri?: string, at?: PositionLike): Promise<GenerateTestResponse | undefined> {
    const target = uri || !this.last ? this.target(uri, at) : this.last;
    if (!target) {
      return undefined;
    }
    const response = await this.request<GenerateTestResponse>('o11y/generateTestFromBacktest', target, 'Writing a unit test from history…');
    if (!response) {
      return undefined;
    }
    if (!response.ok) {
      void vscode.window.showWarningMessage(response.message);
      return response;
    }
    const file = vscode.Uri.parse(response.uri);
    const edit = new vscode.WorkspaceEdit();
    if (response.create) {
      edit.createFile(file, { ignoreIfExists: false, contents: new TextEncoder().encode(response.text) });
    } else {
      const p = response.insertAt ?? { line: 0, character: 0 };
      edit.insert(file, new vscode.Position(p.line, p.character), response.text);
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Could not write ${file.fsPath}.`);
      return response;
    }
    const editor = await vscode.window.showTextDocument(file, { preview: false });
    const line = response.create ? 0 : (response.insertAt?.line ?? 0);
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
    for (const note of response.notes) {
      this.log.info(`generated test: ${note}`);
    }
    void vscode.window.showInformationMessage(`${response.summary}. Save the file to keep it.`);
    return response;
  }

  private target(uri?: string, at?: PositionLike): { uri: string; at: PositionLike } | undefined {
    const editor = vscode.window.activeTextEditor;
    const doc = uri ?? editor?.document.uri.toString();
    const pos = at ?? (editor && !uri ? editor.selection.active : undefined);
    if (!doc || !pos) {
      void vscode.window.showInformationMessage('Put the cursor on an alerting rule to backtest it.');
      return undefined;
    }
    return { uri: doc, at: { line: pos.line, character: pos.character } };
  }

  private async request<T>(method: string, params: object, title: string): Promise<T | undefined> {
    try {
      const client = await this.client;
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) =>
        client.sendRequest<T>(method, params, token),
      );
    } catch (e) {
      this.log.info(`${method} ended: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }
}
