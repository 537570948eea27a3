import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../helpers/lspClient';

// Alert templates through the real server over stdio: `$` and `.` trigger completion, and `$labels.` offers
// the labels the rule's expression keeps.
const dir = mkdtempSync(join(tmpdir(), 'o11y-lsp-templates-'));
let server: LspProcess;
let triggers: string[] = [];

before(async () => {
  server = new LspProcess();
  const init = (await server.initialize(pathToFileURL(dir).href)) as { capabilities: { completionProvider: { triggerCharacters: string[] } } };
  triggers = init.capabilities.completionProvider.triggerCharacters;
});

after(async () => {
  await server.stop();
});

test('completion after {{ $labels. in an annotation returns the labels the expression keeps', async () => {
  assert.ok(triggers.includes('.') && triggers.includes('$'), triggers.join(' '));
  const uri = pathToFileURL(join(dir, 'alerts.rules.yml')).href;
  const text = [
    'groups:',
    '  - name: api',
    '    rules:',
    '      - alert: HighLatency',
    '        expr: histogram_quantile(0.95, sum by (le, job, route) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5',
    '        annotations:',
    '          summary: "p95 of {{ $labels.route }} on {{ $labels. }}"',
    '',
  ].join('\n');
  await server.open(uri, text);
  const line = 6;
  const character = text.split('\n')[line].indexOf('{{ $labels. }}') + '{{ $labels.'.length;
  const list = (await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line, character },
    context: { triggerKind: 2, triggerCharacter: '.' },
  })) as { items: { label: string; textEdit: { range: { start: { character: number }; end: { character: number } } } }[] };
  assert.deepEqual(list.items.map((i) => i.label).sort(), ['job', 'route']);
  assert.deepEqual([list.items[0].textEdit.range.start.character, list.items[0].textEdit.range.end.character], [character, character]);
});
