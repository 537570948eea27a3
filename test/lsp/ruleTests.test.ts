import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-types';
import { LspProcess } from '../helpers/lspClient';

// A promtool unit-test file through the real server over stdio: positioned diagnostics, alertname completion
// from the rule files on disk, and hover on an alertname.
const dir = mkdtempSync(join(tmpdir(), 'o11y-lsp-ruletests-'));
mkdirSync(join(dir, 'rules'));
writeFileSync(join(dir, 'rules/alerts.yml'), 'groups:\n  - name: g\n    rules:\n      - alert: InstanceDown\n        expr: up == 0\n        for: 5m\n');
let server: LspProcess;

before(async () => {
  server = new LspProcess();
  await server.initialize(pathToFileURL(dir).href);
});

after(async () => {
  await server.stop();
});

test('a rule test file gets diagnostics, alertname completion and hover from its rule files', async () => {
  const uri = pathToFileURL(join(dir, 'alerts.test.yml')).href;
  const text = [
    'rule_files: [rules/alerts.yml]',
    'tests:',
    '  - input_series:',
    "      - series: 'up{job=\"a\"}'",
    '        values: 1 1 0x5 nope',
    '    alert_rule_test:',
    '      - eval_time: 5m',
    '        alertname: InstanceDwn',
    '',
  ].join('\n');
  await server.open(uri, text);
  const diags = await server.diagnostics(uri, 1);
  assert.deepEqual(
    diags.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.code]),
    [
      [4, 24, 28, 'ruletests/invalid-values'],
      [7, 19, 30, 'ruletests/unknown-alert'],
    ],
  );

  const completion = (await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 7, character: 23 },
  })) as CompletionItem[] | CompletionList;
  const items = Array.isArray(completion) ? completion : completion.items;
  assert.deepEqual(
    items.map((i) => i.label),
    ['InstanceDown'],
  );

  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 22 } })) as Hover;
  assert.equal(hover.contents && (hover.contents as { value: string }).value, 'No alerting rule named `InstanceDwn` in the rule files.');
});
