import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentSymbol, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspProcess } from '../helpers/lspClient';

// Outline, definition, references and rename over the workspace rules index, and cross-file diagnostics that
// refresh when another file changes: the real server over stdio, with push diagnostics and with pull + refresh.
const RECORDS = 'groups:\n  - name: recording\n    rules:\n      - record: job:errors:rate5m\n        expr: sum by (job) (rate(errors_total[5m]))\n';
const ALERTS =
  'groups:\n  - name: alerts\n    rules:\n      - alert: HighErrors\n        expr: job:errors:rate5m > 1\n        labels: { severity: page }\n        annotations: { summary: s, description: d }\n';
const dir = mkdtempSync(join(tmpdir(), 'o11y-nav-'));
mkdirSync(join(dir, 'rules'));
writeFileSync(join(dir, 'rules/records.yml'), RECORDS);
writeFileSync(join(dir, 'alerts.yml'), ALERTS);
writeFileSync(join(dir, 'board.json'), '{"panels": [{"targets": [{"expr": "sum(job:errors:rate5m)"}]}]}\n');
const uri = (name: string): string => pathToFileURL(join(dir, name)).href;
let server: LspProcess;

/** Polls until `fn` returns a value that passes `ok` (the workspace is indexed in the background). */
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) {
      return v;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));

before(async () => {
  server = new LspProcess();
  const init = (await server.initialize(pathToFileURL(dir).href)) as { capabilities: Record<string, unknown> };
  assert.equal(init.capabilities.documentSymbolProvider, true);
  assert.equal(init.capabilities.definitionProvider, true);
  assert.equal(init.capabilities.referencesProvider, true);
  assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
  await server.open(uri('alerts.yml'), ALERTS);
});

after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('outline of a rule file: groups, then rules', async () => {
  const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uri('alerts.yml') } })) as DocumentSymbol[];
  assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [['alerts', ['HighErrors']]]);
});

test('definition and references reach files that are not open', async () => {
  const position = { line: 4, character: 18 };
  const defs = await eventually(
    async () => (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri: uri('alerts.yml') }, position })) as Location[],
    (d) => d.length > 0,
  );
  assert.deepEqual(defs, [{ uri: uri('rules/records.yml'), range: { start: { line: 3, character: 16 }, end: { line: 3, character: 33 } } }]);
  const refs = (await server.connection.sendRequest('textDocument/references', {
    textDocument: { uri: uri('alerts.yml') },
    position,
    context: { includeDeclaration: true },
  })) as Location[];
  assert.deepEqual(refs.map((r) => r.uri), [uri('rules/records.yml'), uri('alerts.yml'), uri('board.json')]);
});

test('rename edits every file; prepareRename refuses a metric no rule records, with the reason', async () => {
  const position = { line: 4, character: 18 };
  const prep = await server.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: uri('alerts.yml') }, position });
  assert.deepEqual(prep, { range: { start: { line: 4, character: 14 }, end: { line: 4, character: 31 } }, placeholder: 'job:errors:rate5m' });
  const edit = (await server.connection.sendRequest('textDocument/rename', { textDocument: { uri: uri('alerts.yml') }, position, newName: 'job:failures:rate5m' })) as WorkspaceEdit;
  assert.deepEqual(Object.keys(edit.changes!).sort(), [uri('alerts.yml'), uri('board.json'), uri('rules/records.yml')].sort());
  assert.ok(Object.values(edit.changes!).flat().every((e) => e.newText === 'job:failures:rate5m'));
  await assert.rejects(
    server.connection.sendRequest('textDocument/rename', { textDocument: { uri: uri('alerts.yml') }, position, newName: 'not valid' }),
    /"not valid" is not a valid metric name/,
  );
  await server.open(uri('scraped.yml'), ALERTS.replace('job:errors:rate5m', 'errors_total'));
  await assert.rejects(
    server.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: uri('scraped.yml') }, position }),
    /"errors_total" is not recorded by any rule in the workspace/,
  );
});

test('push diagnostics: removing a recording rule in another open document warns its readers; restoring or closing it clears that', async () => {
  await eventually(() => server.diagnostics(uri('alerts.yml'), 1), (d) => d.length === 0);
  await server.open(uri('rules/records.yml'), RECORDS);
  server.clearDiagnostics(uri('alerts.yml'));
  await server.change(uri('rules/records.yml'), 2, RECORDS.replace('record: job:errors:rate5m', 'record: job:errs:rate5m'));
  const warned = await eventually(() => server.diagnostics(uri('alerts.yml'), 1), (d) => d.length > 0);
  assert.deepEqual(codes(warned), ['rules/missing-recording-rule']);
  assert.match(warned[0].message, /"job:errors:rate5m" is no longer recorded by any rule in the workspace; it was recorded in rules\/records\.yml\./);
  server.clearDiagnostics(uri('alerts.yml'));
  await server.change(uri('rules/records.yml'), 3, RECORDS);
  assert.deepEqual(await eventually(() => server.diagnostics(uri('alerts.yml'), 1), (d) => d.length === 0), []);
  // Closed without saving an edit that removed the rule: the file on disk counts again.
  await server.change(uri('rules/records.yml'), 4, '');
  assert.deepEqual(codes(await eventually(() => server.diagnostics(uri('alerts.yml'), 1), (d) => d.length > 0)), ['rules/missing-recording-rule']);
  server.clearDiagnostics(uri('alerts.yml'));
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri('rules/records.yml') } });
  assert.deepEqual(await eventually(() => server.diagnostics(uri('alerts.yml'), 1), (d) => d.length === 0), []);
});

test('push diagnostics: a rule file deleted on disk warns the readers of what it recorded', async () => {
  writeFileSync(join(dir, 'rules/more.yml'), 'groups:\n  - name: more\n    rules:\n      - record: job:more:sum\n        expr: sum(more)\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('rules/more.yml'), type: 1 }] });
  const text = ALERTS.replace('job:errors:rate5m > 1', 'job:more:sum > 1');
  await server.open(uri('more-alerts.yml'), text);
  await eventually(
    async () => (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri: uri('more-alerts.yml') }, position: { line: 4, character: 18 } })) as Location[],
    (d) => d.length > 0,
  );
  rmSync(join(dir, 'rules/more.yml'));
  server.clearDiagnostics(uri('more-alerts.yml'));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('rules/more.yml'), type: 3 }] });
  const warned = await eventually(() => server.diagnostics(uri('more-alerts.yml'), 1), (d) => d.length > 0);
  assert.deepEqual(codes(warned), ['rules/missing-recording-rule']);
});

test('pull diagnostics: the server asks the client to refresh when another file changes the picture', async () => {
  const pull = new LspProcess();
  let refreshes = 0;
  pull.connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    return null;
  });
  try {
    await pull.initialize(pathToFileURL(dir).href, { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } });
    const report = async (u: string): Promise<string[]> =>
      codes(((await pull.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as { items: Diagnostic[] }).items);
    await pull.open(uri('alerts.yml'), ALERTS);
    await pull.open(uri('rules/records.yml'), RECORDS);
    assert.deepEqual(await eventually(() => report(uri('alerts.yml')), (c) => c.length === 0), []);
    const before = await eventually(async () => refreshes, (n) => n > 0);
    assert.ok(before > 0, 'a refresh once the workspace is indexed');
    // As an editor does, the changed document's diagnostics are pulled: that reads the change into the index.
    await pull.change(uri('rules/records.yml'), 2, RECORDS.replace('job:errors:rate5m', 'job:errs:rate5m'));
    await report(uri('rules/records.yml'));
    assert.ok((await eventually(async () => refreshes, (n) => n > before)) > before, 'a refresh after the change');
    assert.deepEqual(await report(uri('alerts.yml')), ['rules/missing-recording-rule']);
    const settled = refreshes;
    await pull.change(uri('rules/records.yml'), 3, '# a comment\n' + RECORDS.replace('job:errors:rate5m', 'job:errs:rate5m'));
    await pull.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri('rules/records.yml') } });
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(refreshes, settled, 'an edit other files cannot see asks for no refresh');
  } finally {
    await pull.stop();
  }
});
