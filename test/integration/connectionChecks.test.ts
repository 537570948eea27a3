// New settings check their Prometheus connections after a short pause (so that the files an editor reopens at
// start-up are validated first), and only the connections still in force then: settings that arrive in two steps
// never send a request to the URL of the first. The real language server over stdio, a real Prometheus for the
// URL in force, and a bare HTTP listener that records any request for the replaced one.
//
// Run: node scripts/build.mjs && node --import tsx --test test/integration/connectionChecks.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectionStatus } from '../../server/src/lsp/prometheus';
import { LspProcess } from '../helpers/lspClient';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus';

const dir = mkdtempSync(join(tmpdir(), 'o11y-connection-checks-'));
let prometheus: RunningPrometheus;
let replaced: Server;
let replacedUrl: string;
const askedOfReplaced: string[] = [];

before(async () => {
  replaced = createServer((req, res) => {
    askedOfReplaced.push(req.url ?? '');
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => replaced.listen(0, '127.0.0.1', resolve));
  replacedUrl = `http://127.0.0.1:${(replaced.address() as { port: number }).port}`;
  prometheus = await startPrometheus({ nodeExporter: false });
});

after(async () => {
  replaced?.closeAllConnections();
  replaced?.close();
  await prometheus?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a connection replaced before its first check is never asked; the one in force is checked and connected', async () => {
  const p = new LspProcess();
  try {
    let answers = 0;
    const firstAnswered = new Promise<void>((resolve) => {
      p.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
        answers++;
        const url = answers === 1 ? replacedUrl : prometheus.url;
        if (answers === 1) {
          setImmediate(resolve);
        }
        return params.items.map(() => ({ prometheus: { url } }));
      });
    });
    await p.initialize(pathToFileURL(dir).href, { workspace: { configuration: true } });
    // The server has configured the first URL; the settings change right behind it, as an editor's may at start-up.
    await firstAnswered;
    await p.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const deadline = Date.now() + 15_000;
    let status: ConnectionStatus = { connections: [] };
    while (Date.now() < deadline && !status.connections.some((c) => c.state === 'connected' && c.url.startsWith(prometheus.url))) {
      status = (await p.connection.sendRequest('o11y/connectionStatus')) as ConnectionStatus;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(
      status.connections.map((c) => [c.url.startsWith(prometheus.url), c.state]),
      [[true, 'connected']],
      JSON.stringify(status),
    );
    assert.equal(answers, 2);
    assert.deepEqual(askedOfReplaced, []);
  } finally {
    await p.stop();
  }
});
