import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { toCsv, toJson } from '../../../server/src/core/query/table';
import type { QueryParams, QueryResponse } from '../../../server/src/core/query/types';
import { InlineSummaries } from './inlineSummary';
import { DEFAULT_TIME_CHOICE, type BacktestView, type TimeChoice } from './messages';
import { QueryResultsPanel } from './panel';
import { timeParams } from './timeChoice';

/** A range as the server sends it in CodeLens arguments, or as VS Code has it. */
type RangeLike = { start: { line: number; character: number }; end: { line: number; character: number } };

interface Run {
  /** The expression: document and place, or bare text. */
  params: Pick<QueryParams, 'uri' | 'expr' | 'at'>;
  uri?: vscode.Uri;
  line: number;
  label: string;
  response?: QueryResponse;
}

function lspRange(r: RangeLike): RangeLike {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/**
 * Runs PromQL through the language server (`o11y/query`, one HTTP client for every editor) and shows the outcome:
 * a summary after the expression, a diagnostic where a Prometheus error points, and the results panel. The time
 * controls of the panel apply to the following runs too.
 */
export class QueryRunner implements vscode.Disposable {
  private readonly summaries = new InlineSummaries();
  private readonly panel: QueryResultsPanel;
  private choice: TimeChoice = DEFAULT_TIME_CHOICE;
  private last: Run | undefined;
  /** What the panel's "Generate unit test" button does (set by the backtest runner). */
  generateTest: () => void = () => undefined;

  constructor(
    extensionUri: vscode.Uri,
    private readonly client: Promise<LanguageClient>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.panel = new QueryResultsPanel(extensionUri, { rerun: (c) => void this.rerun(c), copy: (f) => void this.copy(f), generateTest: () => this.generateTest() });
  }

  /** `o11y.runQuery`: the expression of a CodeLens (its document and range), else the one at the cursor. */
  async runAt(uri?: string | vscode.Uri, range?: RangeLike): Promise<QueryResponse | undefined> {
    const editor = vscode.window.activeTextEditor;
    const target = uri ? (typeof uri === 'string' ? vscode.Uri.parse(uri) : uri) : editor?.document.uri;
    const at = range ?? (editor && !uri ? editor.selection : undefined);
    if (!target || !at) {
      void vscode.window.showInformationMessage('Put the cursor in a PromQL expression (a rule or dashboard expr) to run it.');
      return undefined;
    }
    return this.run({ params: { uri: target.toString(), at: lspRange(at) }, uri: target, line: at.start.line, label: `${basename(target)}:${at.start.line + 1}` });
  }

  /** `o11y.runSelectedQuery`: the selected text of any editor, as PromQL. */
  async runSelection(): Promise<QueryResponse | undefined> {
    const editor = vscode.window.activeTextEditor;
    const selection = editor?.selection;
    if (!editor || !selection || selection.isEmpty) {
      void vscode.window.showInformationMessage('Select a PromQL expression to run.');
      return undefined;
    }
    const uri = editor.document.uri;
    const params = { uri: uri.toString(), expr: editor.document.getText(selection), at: lspRange(selection) };
    return this.run({ params, uri, line: selection.start.line, label: `${basename(uri)}:${selection.start.line + 1}` });
  }

  /** Shows an alert backtest's timeline in the results panel. */
  showBacktest(view: BacktestView): void {
    this.panel.showBacktest(view);
  }

  dispose(): void {
    this.summaries.dispose();
    this.panel.dispose();
  }

  private async rerun(choice: TimeChoice): Promise<void> {
    this.choice = choice;
    if (this.last) {
      await this.run(this.last);
    }
  }

  private async run(run: Run): Promise<QueryResponse | undefined> {
    const when = timeParams(this.choice, Date.now() / 1000);
    if ('error' in when) {
      this.panel.post({ type: 'invalid', message: when.error });
      return undefined;
    }
    this.last = run;
    this.panel.post({ type: 'running' });
    const params: QueryParams = { ...run.params, ...when };
    let response: QueryResponse;
    try {
      const client = await this.client;
      response = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Running PromQL…', cancellable: true },
        (_progress, token) => client.sendRequest<QueryResponse>('o11y/query', params, token),
      );
    } catch (e) {
      // Cancelled by the user, or the server is not running.
      this.log.info(`query run ended: ${e instanceof Error ? e.message : String(e)}`);
      this.panel.post({ type: 'invalid', message: 'The query was cancelled or the language server is not running.' });
      return undefined;
    }
    run.response = response;
    this.present(run, response);
    return response;
  }

  private present(run: Run, response: QueryResponse): void {
    if (run.uri) {
      let error: vscode.Diagnostic | undefined;
      if (!response.ok && response.kind === 'api' && response.at) {
        const { start, end } = response.at;
        error = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), response.message, vscode.DiagnosticSeverity.Error);
        error.source = 'Prometheus';
        error.code = response.errorType;
      }
      this.summaries.show(run.uri, run.line, response.summary, !response.ok, error);
    }
    this.panel.show({ source: run.label, choice: this.choice, response });
    if (!response.ok && ['noConnection', 'unreachable', 'auth', 'config'].includes(response.kind)) {
      void this.offerConnectionFix(response.message, response.kind === 'auth');
    }
  }

  private async offerConnectionFix(message: string, auth: boolean): Promise<void> {
    const actions = auth ? ['Set Credentials', 'Switch Connection'] : ['Open Settings', 'Switch Connection'];
    const picked = await vscode.window.showWarningMessage(message, ...actions);
    if (picked === 'Set Credentials') {
      await vscode.commands.executeCommand('o11y.setPrometheusCredentials');
    } else if (picked === 'Switch Connection') {
      await vscode.commands.executeCommand('o11y.switchPrometheusConnection');
    } else if (picked === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'o11y.prometheus');
    }
  }

  private async copy(format: 'csv' | 'json'): Promise<void> {
    const response = this.last?.response;
    if (!response?.ok) {
      return;
    }
    await vscode.env.clipboard.writeText(format === 'csv' ? toCsv(response) : toJson(response));
    void vscode.window.showInformationMessage(`Copied ${response.series.length} series as ${format.toUpperCase()}.`);
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
