import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RouteNodeView } from '../../../server/src/core/alertmanager/routeView';
import type { RoutingTreeParams, RoutingTreeResponse } from '../../../server/src/lsp/routing';
import { toVsRange } from './ranges';

const REFRESH_DELAY_MS = 400;

interface Node {
  uri: string;
  route: RouteNodeView;
}

/**
 * The explorer view `o11y.routingTree`: the routing tree of the Alertmanager configuration in the active editor
 * (else the one shown last, else the workspace's first), from the server's `o11y/routingTree`. Each node shows its
 * matchers and receiver, its tooltip the effective grouping, timings, time intervals and `continue`; clicking it
 * reveals the route in the file.
 */
export class RoutingTreeView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [this.changes];
  private client?: LanguageClient;
  /** The configuration shown, once known. */
  private uri?: string;
  private timer?: NodeJS.Timeout;

  constructor() {
    this.view = vscode.window.createTreeView('o11y.routingTree', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshLater()),
      vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.toString() === this.uri && this.refreshLater()),
    );
  }

  /** Called once the language server runs. */
  attach(client: LanguageClient): vscode.Disposable {
    this.client = client;
    this.refreshLater();
    return client.onNotification('o11y/routingChanged', () => this.refreshLater());
  }

  /** The tree nodes as shown now (for tests): the root with its descendants. */
  async snapshot(): Promise<RouteNodeView | undefined> {
    return (await this.load())?.tree?.root;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const r = node.route;
    const label = r.id === '' ? 'route (root)' : r.matchers.length ? r.matchers.join(', ') : '(every alert)';
    // The root opens on its first level; big trees (thousands of routes) stay folded below it.
    const state = !r.children.length ? vscode.TreeItemCollapsibleState.None : r.id === '' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(label, state);
    item.id = `${node.uri}#${r.id}`;
    item.description = `→ ${r.receiver}${r.continue ? ' · continue' : ''}`;
    item.tooltip = tooltip(r);
    item.iconPath = new vscode.ThemeIcon(r.id === '' ? 'type-hierarchy' : 'arrow-right');
    const selection = toVsRange(r.range);
    item.command = { title: 'Reveal route', command: 'vscode.open', arguments: [vscode.Uri.parse(node.uri), { selection: new vscode.Range(selection.start, selection.start) }] };
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) {
      return node.route.children.map((route) => ({ uri: node.uri, route }));
    }
    const res = await this.load();
    this.view.message = res?.tree ? undefined : 'No Alertmanager configuration with a route in this workspace.';
    this.view.description = res?.tree?.relPath;
    return res?.tree ? [{ uri: res.tree.uri, route: res.tree.root }] : [];
  }

  private async load(): Promise<RoutingTreeResponse | undefined> {
    if (!this.client) {
      return undefined;
    }
    const active = vscode.window.activeTextEditor?.document;
    const params: RoutingTreeParams = { uri: active?.languageId === 'yaml' ? active.uri.toString() : undefined, fallbackUri: this.uri };
    const res = await this.client.sendRequest<RoutingTreeResponse>('o11y/routingTree', params);
    if (res.tree) {
      this.uri = res.tree.uri;
    }
    return res;
  }

  private refreshLater(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changes.fire(undefined), REFRESH_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }
}

function tooltip(r: RouteNodeView): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**receiver** \`${r.receiver}\`\n\n`);
  md.appendMarkdown(`**group_by** ${r.groupBy === '...' ? '`...` (every label)' : r.groupBy.length ? r.groupBy.map((l) => `\`${l}\``).join(', ') : '(none)'}\n\n`);
  md.appendMarkdown(`**group_wait** ${r.groupWait} · **group_interval** ${r.groupInterval} · **repeat_interval** ${r.repeatInterval}\n\n`);
  if (r.muteTimeIntervals.length) {
    md.appendMarkdown(`**mute_time_intervals** ${r.muteTimeIntervals.join(', ')}\n\n`);
  }
  if (r.activeTimeIntervals.length) {
    md.appendMarkdown(`**active_time_intervals** ${r.activeTimeIntervals.join(', ')}\n\n`);
  }
  md.appendMarkdown(r.continue ? '**continue** true: later sibling routes are tried too' : '**continue** false');
  return md;
}
