import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspProcess } from '../helpers/lspClient';
import type { AlertLabelSet } from '../../server/src/core/alertmanager/routeView';
import type { RoutingTreeResponse, TestRouteResponse } from '../../server/src/lsp/routing';

// The routing requests of the real server over stdio: the tree view's o11y/routingTree, the "Which receivers get
// this alert?" command's o11y/testRoute and o11y/alertLabelSets, and rule-file diagnostics following alertmanager.yml.

const AM = `route:
  receiver: chat
  group_by: [alertname]
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      continue: true
    - matchers: ['severity=~"critical|warning"']
      receiver: chat
      group_wait: 1m
receivers:
  - name: chat
  - name: pager
`;
const RULES = `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        labels:
          severity: critical
      - alert: Meh
        expr: up == 0
        labels:
          severity: info
`;

async function withServer(run: (server: LspProcess, uris: { am: string; rules: string }) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-routing-'));
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'alertmanager.yml'), AM);
  writeFileSync(join(dir, 'rules/a.yml'), RULES);
  const server = new LspProcess();
  try {
    await server.initialize(pathToFileURL(dir).href, { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } });
    await run(server, { am: pathToFileURL(join(dir, 'alertmanager.yml')).href, rules: pathToFileURL(join(dir, 'rules/a.yml')).href });
  } finally {
    await server.stop();
  }
}

test('o11y/routingTree: every route with its effective options and range; the first configuration when none is named', async () => {
  await withServer(async (server, uris) => {
    const res = (await server.connection.sendRequest('o11y/routingTree', {})) as RoutingTreeResponse;
    assert.deepEqual(res.configs, [{ uri: uris.am, relPath: 'alertmanager.yml' }]);
    const root = res.tree!.root;
    assert.equal(root.receiver, 'chat');
    assert.deepEqual(root.range.start, { line: 0, character: 0 });
    assert.deepEqual(
      root.children.map((c) => [c.id, c.matchers, c.receiver, c.groupBy, c.groupWait, c.continue, c.range.start.line]),
      [
        ['0', ['severity="critical"'], 'pager', ['alertname'], '30s', true, 4],
        ['1', ['severity=~"critical|warning"'], 'chat', ['alertname'], '1m', false, 7],
      ],
    );
    const other = (await server.connection.sendRequest('o11y/routingTree', { uri: uris.rules, fallbackUri: 'file:///nowhere.yml' })) as RoutingTreeResponse;
    assert.equal(other.tree?.uri, uris.am);
  });
});

test('o11y/testRoute: receivers and the route path, from labels or typed text; errors for bad input', async () => {
  await withServer(async (server, uris) => {
    const ask = async (params: unknown): Promise<TestRouteResponse> => (await server.connection.sendRequest('o11y/testRoute', params)) as TestRouteResponse;
    const byLabels = await ask({ uri: uris.am, labels: { severity: 'critical' } });
    assert.ok('result' in byLabels);
    assert.deepEqual(byLabels.result.receivers, ['pager', 'chat']);
    assert.deepEqual(
      byLabels.result.path.map((s) => [s.id, s.takes, s.range.start.line]),
      [
        ['', false, 0],
        ['0', true, 4],
        ['1', true, 7],
      ],
    );
    const typed = await ask({ uri: uris.am, text: 'severity="info", service=api' });
    assert.ok('result' in typed);
    assert.deepEqual(typed.result.receivers, ['chat']);
    assert.deepEqual(typed.result.labels, { severity: 'info', service: 'api' });
    assert.deepEqual(await ask({ uri: uris.am, text: 'severity=~"x"' }), { error: 'labels are name=value pairs, not severity=~"x"' });
    assert.ok('error' in (await ask({ uri: uris.am, text: 'severity="unclosed' })));
    assert.ok('error' in (await ask({ uri: uris.am, labels: { a: 1 } })));
    assert.ok('error' in (await ask({ uri: uris.am })));
    assert.ok('error' in (await ask({ uri: uris.rules, labels: {} })));
    assert.ok('error' in (await ask(null)));
  });
});

test('o11y/alertLabelSets lists the alerting rules with their known labels', async () => {
  await withServer(async (server) => {
    const deadline = Date.now() + 10_000;
    let sets: AlertLabelSet[] = [];
    while (sets.length < 2 && Date.now() < deadline) {
      sets = (await server.connection.sendRequest('o11y/alertLabelSets', {})) as AlertLabelSet[];
    }
    assert.deepEqual(
      sets.map((s) => [s.alert, s.relPath, s.labels, s.unknown]),
      [
        ['Down', 'rules/a.yml', { alertname: 'Down', severity: 'critical' }, ['instance', 'job']],
        ['Meh', 'rules/a.yml', { alertname: 'Meh', severity: 'info' }, ['instance', 'job']],
      ],
    );
  });
});

test('an edit of alertmanager.yml changes the rule file diagnostics (after a diagnostic refresh request)', async () => {
  await withServer(async (server, uris) => {
    let refreshes = 0;
    server.connection.onRequest('workspace/diagnostic/refresh', () => {
      refreshes++;
      return null;
    });
    const pull = async (uri: string): Promise<Diagnostic[]> =>
      ((await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
    await server.open(uris.rules, RULES);
    await server.open(uris.am, AM);
    const codes = async (): Promise<string[]> => (await pull(uris.rules)).map((d) => String(d.code)).filter((c) => c.startsWith('rules/unrouted'));
    assert.deepEqual(await codes(), ['rules/unrouted-label-value', 'rules/unrouted-alert']);
    const before = refreshes;
    await server.change(uris.am, 2, AM.replace('critical|warning', 'critical|warning|info'));
    const deadline = Date.now() + 10_000;
    while (refreshes === before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(refreshes > before, 'no workspace/diagnostic/refresh after alertmanager.yml changed');
    assert.deepEqual(await codes(), []);
  });
});
