import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type ClientCapabilities,
} from 'vscode-languageserver-protocol/node';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The real language server as a child process over stdio, with a real JSON-RPC client. */
export class LspProcess {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];
  stderr = '';
  exited: Promise<number | null>;

  constructor(args: string[] = [REPO + 'bin/o11y.js', 'lsp', '--stdio']) {
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: REPO });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async initialize(rootUri: string | null, capabilities: ClientCapabilities = {}, initializationOptions?: unknown): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, workspaceFolders: null, initializationOptions });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The next pushed diagnostics for `uri` (at or after `minVersion`), waiting up to `ms`. */
  diagnostics(uri: string, minVersion = 1, ms = 10_000): Promise<Diagnostic[]> {
    return this.diagnosticsWhere(uri, (_, version) => (version ?? minVersion) >= minVersion, ms);
  }

  /**
   * The pushed diagnostics for `uri` once a publish satisfies `accept`, waiting up to `ms`: for state that other
   * pushes may precede (a refresh after the workspace was read), and so the test does not race them.
   */
  async diagnosticsWhere(uri: string, accept: (diagnostics: Diagnostic[], version?: number) => boolean, ms = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const p = this.published.get(uri);
      if (p && accept(p.diagnostics, p.version)) {
        return p.diagnostics;
      }
      if (Date.now() > deadline) {
        throw new Error(`no ${p ? 'matching ' : ''}diagnostics for ${uri} within ${ms} ms (last: ${JSON.stringify(p?.diagnostics.map((d) => d.message))}); stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  clearDiagnostics(uri: string): void {
    this.published.delete(uri);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
