import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { AlertLabelSet, RouteTestResult, TestRouteArgs } from '../../../server/src/core/alertmanager/routeView';
import type { RoutingTreeResponse, TestRouteParams, TestRouteResponse } from '../../../server/src/lsp/routing';
import { toVsRange } from './ranges';

type Pick = vscode.QuickPickItem & { labels?: Record<string, string>; typed?: boolean };

/**
 * `o11y.testRoute` — "Which receivers get this alert?": takes a label set (from a lens, typed, or picked from the
 * workspace's alerting rules), asks the server where Alertmanager routes it (`o11y/testRoute`) and highlights the
 * route path in the configuration: the routes passed through, and those that take the alert with their receiver.
 * The highlight goes away at the next edit of the file.
 */
export class RouteTester implements vscode.Disposable {
  private readonly through = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  });
  private readonly taking = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private readonly disposables: vscode.Disposable[] = [this.through, this.taking];
  private highlighted?: string;

  constructor(private readonly client: Promise<LanguageClient>) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.highlighted && e.contentChanges.length) {
          this.clear();
        }
      }),
    );
  }

  /** Runs the command; resolves to the routing result shown, or undefined when cancelled or refused. */
  async run(args?: TestRouteArgs): Promise<RouteTestResult | undefined> {
    const client = await this.client;
    const uri = args?.uri ?? (await this.pickConfig(client));
    if (!uri) {
      return undefined;
    }
    const params: TestRouteParams | undefined = args?.labels ? { uri, labels: args.labels } : await this.pickLabels(client, uri);
    if (!params) {
      return undefined;
    }
    const res = await client.sendRequest<TestRouteResponse>('o11y/testRoute', params);
    if ('error' in res) {
      void vscode.window.showErrorMessage(`Which receivers get this alert? ${res.error}`);
      return undefined;
    }
    await this.show(res.result, args?.alert);
    return res.result;
  }

  private async pickConfig(client: LanguageClient): Promise<string | undefined> {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const { configs } = await client.sendRequest<RoutingTreeResponse>('o11y/routingTree', { uri: active });
    const here = configs.find((c) => c.uri === active);
    if (here || configs.length === 1) {
      return (here ?? configs[0]).uri;
    }
    if (!configs.length) {
      void vscode.window.showErrorMessage('No Alertmanager configuration with a route in this workspace.');
      return undefined;
    }
    const chosen = await vscode.window.showQuickPick(
      configs.map((c) => ({ label: c.relPath, uri: c.uri })),
      { title: 'Which Alertmanager configuration?' },
    );
    return chosen?.uri;
  }

  /** A label set: typed in the box, or one of the workspace's alerting rules. */
  private async pickLabels(client: LanguageClient, uri: string): Promise<TestRouteParams | undefined> {
    const sets = await client.sendRequest<AlertLabelSet[]>('o11y/alertLabelSets', {});
    const fromRules: Pick[] = sets.map((s) => ({
      label: s.alert,
      description: s.relPath,
      detail: Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(', ') + (s.unknown.length ? `  (known when firing: ${s.unknown.join(', ')})` : ''),
      labels: s.labels,
    }));
    const qp = vscode.window.createQuickPick<Pick>();
    qp.title = 'Which receivers get this alert?';
    qp.placeholder = 'Type labels (severity=critical, service=api) or pick an alerting rule';
    qp.matchOnDetail = true;
    const typedItem = (value: string): Pick => ({ label: `$(edit) ${value}`, description: 'route these labels', alwaysShow: true, typed: true });
    qp.items = fromRules;
    qp.onDidChangeValue((value) => {
      qp.items = value.includes('=') ? [typedItem(value), ...fromRules] : fromRules;
    });
    const picked = await new Promise<Pick | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
    const text = qp.value;
    qp.dispose();
    if (!picked) {
      return undefined;
    }
    return picked.typed ? { uri, text } : { uri, labels: picked.labels };
  }

  private async show(result: RouteTestResult, alert?: string): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const firstLine = (r: vscode.Range): vscode.Range => new vscode.Range(r.start, r.start);
    const steps = result.path.map((s) => ({ ...s, at: firstLine(toVsRange(s.range)) }));
    editor.setDecorations(
      this.through,
      steps.filter((s) => !s.takes).map((s) => ({ range: s.at })),
    );
    editor.setDecorations(
      this.taking,
      steps.filter((s) => s.takes).map((s) => ({ range: s.at, renderOptions: { after: { contentText: `  ⇠ ${s.receiver} gets the alert`, fontStyle: 'italic' } } })),
    );
    this.highlighted = result.uri;
    const first = steps.find((s) => s.takes);
    if (first) {
      editor.selection = new vscode.Selection(first.at.start, first.at.start);
      editor.revealRange(first.at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    const who = alert ? `Alert ${alert}` : `{${Object.entries(result.labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;
    void vscode.window.showInformationMessage(`${who} → ${result.receivers.join(', ')}`);
  }

  private clear(): void {
    for (const editor of vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === this.highlighted)) {
      editor.setDecorations(this.through, []);
      editor.setDecorations(this.taking, []);
    }
    this.highlighted = undefined;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
