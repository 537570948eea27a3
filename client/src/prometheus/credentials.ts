import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SetCredentialsParams } from '../../../server/src/lsp/prometheus';
import type { PrometheusStatus } from './connectionStatus';

/**
 * Prometheus passwords and tokens live in VS Code's SecretStorage, keyed by connection name and URL, and reach the
 * server only as `o11y/setCredentials` requests: never settings, never logs. A secret stored for one URL is never
 * sent to another, even when a workspace reuses the connection's name.
 */
type Stored = Omit<SetCredentialsParams, 'connection' | 'url'>;

/** Which secrets exist (SecretStorage cannot list its keys): connection name and URL, nothing secret. */
const INDEX = 'o11y.prometheus.credentialKeys';

const secretKey = (connection: string, url: string): string => `o11y.prometheus:${connection}@${url}`;

export class PrometheusCredentials {
  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Sends the stored secrets each time the server (re)starts: it keeps them in memory only. */
  watch(client: LanguageClient, log: vscode.LogOutputChannel): vscode.Disposable {
    const { State } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
    return client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        this.sendAll(client).catch((err: unknown) => log.error(`could not pass the stored Prometheus credentials to the server: ${String(err)}`));
      }
    });
  }

  private async sendAll(client: LanguageClient): Promise<void> {
    for (const { connection, url } of this.index()) {
      const raw = await this.context.secrets.get(secretKey(connection, url));
      if (raw) {
        await client.sendRequest('o11y/setCredentials', { connection, url, ...(JSON.parse(raw) as Stored) });
      }
    }
  }

  /** The command "O11y: Set Prometheus credentials": connection → kind → secret (masked). */
  async ask(client: LanguageClient, status: PrometheusStatus): Promise<void> {
    const { connections } = await status.status();
    const conn = await vscode.window.showQuickPick(
      connections.map((c) => ({ label: c.name, description: c.url, report: c })),
      { title: 'Set Prometheus credentials', placeHolder: 'Which connection?' },
    );
    if (!conn) {
      return;
    }
    const choices = [
      { label: 'Bearer token', auth: 'bearer' as const },
      { label: 'Basic auth password', auth: 'basic' as const },
      { label: 'Remove stored credentials', auth: undefined },
    ];
    const choice = await vscode.window.showQuickPick(choices, { title: `Credentials for ${conn.label}` });
    if (!choice) {
      return;
    }
    const { name, url } = conn.report;
    if (!choice.auth) {
      await this.store(name, url, undefined);
      await client.sendRequest('o11y/setCredentials', { connection: name, url, kind: 'bearer', secret: '' });
      return;
    }
    const username = choice.auth === 'basic' ? await this.username(name) : undefined;
    if (choice.auth === 'basic' && username === undefined) {
      return;
    }
    const secret = await vscode.window.showInputBox({ title: `${choice.label} for ${name}`, prompt: url, password: true, ignoreFocusOut: true });
    if (!secret) {
      return;
    }
    const stored: Stored = { kind: choice.auth, secret, username: username || undefined };
    await this.store(name, url, stored);
    const report = await client.sendRequest<{ state: string; version?: string; message?: string } | null>('o11y/setCredentials', { connection: name, url, ...stored });
    if (report && report.state !== 'connected') {
      void vscode.window.showWarningMessage(`Prometheus ${name}: ${report.state === 'authFailed' ? 'the credentials were refused' : 'unreachable'}${report.message ? ` (${report.message})` : ''}.`);
    }
  }

  /** The user name for basic auth: the connection's `basic_auth.username` when set, else asked for. */
  private async username(name: string): Promise<string | undefined> {
    const connections = vscode.workspace.getConfiguration('o11y').get<{ name?: string; basic_auth?: { username?: string } }[]>('prometheus.connections') ?? [];
    const configured = connections.find((c) => c.name === name)?.basic_auth?.username;
    return configured !== undefined ? '' : vscode.window.showInputBox({ title: `Basic auth user name for ${name}`, ignoreFocusOut: true });
  }

  private async store(connection: string, url: string, value: Stored | undefined): Promise<void> {
    const key = secretKey(connection, url);
    const rest = this.index().filter((e) => secretKey(e.connection, e.url) !== key);
    if (value) {
      await this.context.secrets.store(key, JSON.stringify(value));
      rest.push({ connection, url });
    } else {
      await this.context.secrets.delete(key);
    }
    await this.context.globalState.update(INDEX, rest);
  }

  private index(): { connection: string; url: string }[] {
    return this.context.globalState.get<{ connection: string; url: string }[]>(INDEX) ?? [];
  }
}
