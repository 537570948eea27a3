import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ConnectionReport, ConnectionStatus } from '../../../server/src/lsp/prometheus';

/**
 * The status bar item of the Prometheus in use: `$(pulse) Prometheus 2.42.0`, unreachable or auth failed, with
 * the reason in the tooltip. Clicking it switches the connection. The built-in default (localhost:9090) that
 * nobody configured stays unobtrusive when nothing listens there.
 */
export class PrometheusStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('o11y.prometheus', vscode.StatusBarAlignment.Left, 0);
  private client: LanguageClient | undefined;
  private last: ConnectionStatus = { connections: [] };

  constructor() {
    this.item.name = 'O11y Prometheus connection';
    this.item.command = 'o11y.switchPrometheusConnection';
  }

  /** Called once the language client runs: shows the status now and whenever the server says it changed. */
  attach(client: LanguageClient): vscode.Disposable {
    this.client = client;
    void this.refresh();
    return client.onNotification('o11y/connectionStatusChanged', () => void this.refresh());
  }

  /** The connections as the server last reported them (also for the switch and credentials pickers). */
  async status(): Promise<ConnectionStatus> {
    if (this.client?.isRunning()) {
      this.last = await this.client.sendRequest<ConnectionStatus>('o11y/connectionStatus');
    }
    return this.last;
  }

  private async refresh(): Promise<void> {
    try {
      const status = await this.status();
      this.render(status.connections.find((c) => c.active));
    } catch {
      this.item.hide();
    }
  }

  private render(c: ConnectionReport | undefined): void {
    if (!c) {
      this.item.hide();
      return;
    }
    const where = `${c.name} (${c.url})`;
    this.item.backgroundColor = undefined;
    if (c.state === 'connected') {
      this.item.text = `$(pulse) Prometheus${c.version ? ` ${c.version}` : ''}`;
      this.item.tooltip = `Connected to ${where}: live metric names, labels and lints. Click to switch connection.`;
    } else if (c.state === 'authFailed') {
      this.item.text = '$(lock) Prometheus: auth failed';
      this.item.tooltip = this.markdown(`${where} refused the credentials: ${c.message ?? ''}`, true);
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else if (c.quiet) {
      this.item.text = '$(debug-disconnect) Prometheus';
      this.item.tooltip = this.markdown(`No Prometheus at ${c.url} (the default). Set \`o11y.prometheus.url\` or add connections to use a live server.`, false);
    } else {
      this.item.text = '$(warning) Prometheus: unreachable';
      this.item.tooltip = this.markdown(`${where}: ${c.message ?? 'no answer'}`, false);
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    this.item.show();
  }

  private markdown(text: string, credentials: boolean): vscode.MarkdownString {
    const md = new vscode.MarkdownString(text);
    md.appendMarkdown('\n\n[Switch connection](command:o11y.switchPrometheusConnection)');
    if (credentials) {
      md.appendMarkdown(' · [Set credentials](command:o11y.setPrometheusCredentials)');
    }
    md.isTrusted = { enabledCommands: ['o11y.switchPrometheusConnection', 'o11y.setPrometheusCredentials'] };
    return md;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Quick pick of the connections; the choice is written to `o11y.prometheus.defaultConnection`. */
export async function switchConnection(status: PrometheusStatus): Promise<void> {
  const { connections } = await status.status();
  if (!connections.length) {
    void vscode.window.showInformationMessage('No Prometheus connections: set o11y.prometheus.url or o11y.prometheus.connections.');
    return;
  }
  const words = { connected: 'connected', unreachable: 'unreachable', authFailed: 'auth failed' };
  const picked = await vscode.window.showQuickPick(
    connections.map((c) => ({
      label: `${c.active ? '$(check) ' : ''}${c.name}`,
      description: c.url,
      detail: `${words[c.state]}${c.version ? ` · Prometheus ${c.version}` : ''}`,
      name: c.name,
    })),
    { title: 'Prometheus connection for completion, hover and lints', placeHolder: 'Pick a connection' },
  );
  if (picked) {
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('o11y').update('prometheus.defaultConnection', picked.name, target);
  }
}
