import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, Diagnostic } from 'vscode-languageserver-protocol';
import { LspProcess } from '../helpers/lspClient';
import { ELSEWHERE, LARGE_RULE_FILE, LARGE_RULE_FILE_OWN_CODES } from '../helpers/largeRuleFile';

// A large rule file's first diagnostics come before it is read into the workspace indexes (its own problems);
// the cross-file findings follow: a refresh for a pulling client, a second publish for a pushed-to one.
function folder(): { dir: string; uri: string } {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-first-check-'));
  writeFileSync(join(dir, 'elsewhere.yml'), ELSEWHERE);
  return { dir, uri: pathToFileURL(join(dir, 'big.yml')).href };
}

/** Initializes the server on `dir` and waits until it has read the workspace (elsewhere.yml is then indexed). */
async function initialized(server: LspProcess, dir: string, capabilities: ClientCapabilities = {}): Promise<void> {
  await server.initialize(pathToFileURL(dir).href, capabilities);
  // Held until the workspace is read.
  await server.connection.sendRequest('o11y/fileKind', { uri: pathToFileURL(join(dir, 'elsewhere.yml')).href });
}

const codes = (d: Diagnostic[]): string[] => d.map((x) => String(x.code)).sort();
/** What reading the file into the index adds: the copy of elsewhere.yml's rule, and its own rule nobody reads. */
const ALL_CODES = [...LARGE_RULE_FILE_OWN_CODES, 'rules/duplicate-rule', 'rules/unused-recording-rule'].sort();

test('pull: a large rule file first gets its own problems, then a refresh brings its cross-file findings', async () => {
  const { dir, uri } = folder();
  const server = new LspProcess();
  let refreshes = 0;
  let refreshed = (): void => undefined;
  server.connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    refreshed();
    return null;
  });
  try {
    await initialized(server, dir, { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } });
    const pull = async (): Promise<Diagnostic[]> => ((await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
    const before = refreshes;
    const next = new Promise<void>((resolve) => (refreshed = resolve));
    await server.open(uri, LARGE_RULE_FILE);
    assert.deepEqual(codes(await pull()), LARGE_RULE_FILE_OWN_CODES, 'its own problems first');
    await Promise.race([next, new Promise((_, reject) => setTimeout(() => reject(new Error(`no refresh after the first diagnostics; stderr: ${server.stderr}`)), 10_000))]);
    assert.ok(refreshes > before);
    const full = await pull();
    assert.deepEqual(codes(full), ALL_CODES);
    assert.match(full.find((d) => d.code === 'rules/duplicate-rule')!.message, /elsewhere\.yml:4/);
  } finally {
    await server.stop();
  }
});

test('push: the first publish has the large file\'s own problems, the next adds its cross-file findings', async () => {
  const { dir, uri } = folder();
  const server = new LspProcess();
  try {
    await initialized(server, dir);
    await server.open(uri, LARGE_RULE_FILE);
    const full = await server.diagnosticsWhere(uri, (d) => codes(d).includes('rules/duplicate-rule'));
    assert.deepEqual(codes(full), ALL_CODES);
  } finally {
    await server.stop();
  }
});

test('a client that cannot be asked to refresh gets everything in its first pull', async () => {
  const { dir, uri } = folder();
  const server = new LspProcess();
  try {
    await initialized(server, dir, { textDocument: { diagnostic: { dynamicRegistration: false } } });
    await server.open(uri, LARGE_RULE_FILE);
    const first = ((await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
    assert.deepEqual(codes(first), ALL_CODES);
  } finally {
    await server.stop();
  }
});
