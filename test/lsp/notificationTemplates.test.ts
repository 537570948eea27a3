import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../helpers/lspClient';

// Notification template files and the notification preview through the real server over stdio.
const dir = mkdtempSync(join(tmpdir(), 'o11y-lsp-notify-'));
const CONFIG = `route:
  receiver: chat
receivers:
  - name: chat
    slack_configs:
      - api_url: http://slack
        title: '{{ template "t.title" . }}'
templates: [templates/*.tmpl]
`;
const TEMPLATE = '{{ define "t.title" }}{{ .CommonLabels.alertname }}{{ end }}\n';
let server: LspProcess;

before(async () => {
  writeFileSync(join(dir, 'alertmanager.yml'), CONFIG);
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'templates/t.tmpl'), TEMPLATE);
  writeFileSync(join(dir, 'tests.yml'), 'rule_files: [r.yml]\ntests:\n  - alert_rule_test:\n      - alertname: Down\n        eval_time: 1m\n        exp_alerts:\n          - exp_labels: { severity: page }\n            exp_annotations: { summary: down }\n');
  server = new LspProcess();
  await server.initialize(pathToFileURL(dir).href);
});

after(async () => {
  await server.stop();
});

const uri = (rel: string): string => pathToFileURL(join(dir, rel)).href;

test('a .tmpl document gets Go-template diagnostics, completion and go to definition', async () => {
  const text = '{{ define "x" }}{{ range .Alerts }}{{ .Lables }}{{ end }}{{ template "t.title" . }}{{ end }}\n';
  await server.open(uri('templates/x.tmpl'), text, 'alertmanager-template');
  const diags = await server.diagnostics(uri('templates/x.tmpl'));
  assert.deepEqual(diags.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`), [
    "0:39 template/unknown-field can't evaluate field Lables in type template.Alert; did you mean Labels?",
  ]);
  await server.open(uri('templates/broken.tmpl'), '{{ define "y" }}\n{{ .Status ', 'alertmanager-template');
  const broken = await server.diagnostics(uri('templates/broken.tmpl'));
  assert.deepEqual(broken.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code} ${d.message}`), ['1:11 1 template/syntax unclosed action']);
  const list = (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: uri('templates/x.tmpl') }, position: { line: 0, character: 39 } })) as { items: { label: string }[] };
  assert.deepEqual(list.items.map((i) => i.label), ['Status', 'Labels', 'Annotations', 'StartsAt', 'EndsAt', 'GeneratorURL', 'Fingerprint']);
  const defs = await server.connection.sendRequest('textDocument/definition', { textDocument: { uri: uri('templates/x.tmpl') }, position: { line: 0, character: 72 } });
  assert.deepEqual(defs, [{ uri: uri('templates/t.tmpl'), range: { start: { line: 0, character: 10 }, end: { line: 0, character: 19 } } }]);
});

test('o11y/notificationPreview renders typed labels, and the expected alerts of a rule-test case', async () => {
  const typed = (await server.connection.sendRequest('o11y/notificationPreview', { configUri: uri('alertmanager.yml'), labelsText: 'alertname=Down', annotationsText: '' })) as {
    preview: { notifications: { integrations: { fields: { name: string; value: string }[] }[] }[] };
    markdown: string;
  };
  assert.equal(typed.preview.notifications[0].integrations[0].fields.find((f) => f.name === 'title')?.value, 'Down');
  assert.match(typed.markdown, /^# Notification preview/);
  const fromTest = (await server.connection.sendRequest('o11y/notificationPreview', { configUri: uri('alertmanager.yml'), fromTest: { uri: uri('tests.yml'), position: { line: 6, character: 15 } } })) as {
    preview: { labels: Record<string, string> };
  };
  assert.deepEqual(fromTest.preview.labels, { alertname: 'Down', severity: 'page' });
  const badLabels = (await server.connection.sendRequest('o11y/notificationPreview', { configUri: uri('alertmanager.yml'), labelsText: 'a=~"x' })) as { error: string };
  assert.match(badLabels.error, /^bad labels: /);
  const missing = (await server.connection.sendRequest('o11y/notificationPreview', { configUri: uri('nope.yml') })) as { error: string };
  assert.match(missing.error, /cannot read/);
  const bad = (await server.connection.sendRequest('o11y/notificationPreview', {})) as { error: string };
  assert.match(bad.error, /no configUri/);
});
