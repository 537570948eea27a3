import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspProcess } from '../helpers/lspClient';

// An alert's "Tested in N cases" lens depends on the test files: when one changes, the server asks the client to
// re-request lenses (workspace/codeLens/refresh), and the lens then counts the new case.
const RULES = 'groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        for: 5m\n';
const TEST = (cases: number): string =>
  'rule_files: [rules.yml]\ntests:\n  - interval: 1m\n    input_series:\n      - series: \'up{job="a"}\'\n        values: 0x10\n    alert_rule_test:\n' +
  Array.from({ length: cases }, (_, i) => `      - { eval_time: ${i}m, alertname: InstanceDown, exp_alerts: [] }\n`).join('');

test('a change to a test file asks the client to refresh CodeLenses, which then count its cases', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-lens-'));
  writeFileSync(join(dir, 'rules.yml'), RULES);
  writeFileSync(join(dir, 'rules-test.yml'), TEST(1));
  const rules = pathToFileURL(join(dir, 'rules.yml')).href;
  const tests = pathToFileURL(join(dir, 'rules-test.yml')).href;
  const server = new LspProcess();
  let refreshes = 0;
  server.connection.onRequest('workspace/codeLens/refresh', () => {
    refreshes++;
    return null;
  });
  try {
    await server.initialize(pathToFileURL(dir).href, { workspace: { codeLens: { refreshSupport: true } } });
    await server.open(rules, RULES);
    await server.open(tests, TEST(1));
    const titles = async (): Promise<string[]> =>
      ((await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: rules } })) as CodeLens[]).map((l) => l.command?.title ?? '');
    const deadline = Date.now() + 10_000;
    while (!(await titles()).some((t) => /Tested in 1 case/.test(t)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok((await titles()).some((t) => /Tested in 1 case/.test(t)), (await titles()).join(', '));
    const before = refreshes;
    await server.change(tests, 2, TEST(3));
    while (refreshes === before && Date.now() < deadline + 5_000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(refreshes > before, 'no workspace/codeLens/refresh after the test file changed');
    assert.ok((await titles()).some((t) => /Tested in 3 cases/.test(t)), (await titles()).join(', '));
  } finally {
    await server.stop();
  }
});
