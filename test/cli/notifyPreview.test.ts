import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/lspClient';

function o11y(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/o11y.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(config: string, templates: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-notify-'));
  writeFileSync(join(dir, 'alertmanager.yml'), config);
  mkdirSync(join(dir, 'templates'));
  for (const [name, text] of Object.entries(templates)) {
    writeFileSync(join(dir, 'templates', name), text);
  }
  return dir;
}

const CONFIG = `route:
  receiver: chat
  group_by: [alertname]
  routes:
    - matchers: [severity="critical"]
      receiver: hook
receivers:
  - name: chat
    slack_configs:
      - api_url: http://slack
        title: '{{ template "t.title" . }}'
  - name: hook
    webhook_configs:
      - url: http://hook
templates: [templates/*.tmpl]
`;

test('text output: the route, the rendered Slack fields with the user template', () => {
  const dir = folder(CONFIG, { 't.tmpl': '{{ define "t.title" }}{{ .CommonLabels.alertname }} is {{ .Status }}{{ end }}' });
  const r = o11y(['notify-preview', 'alertmanager.yml', '--labels', 'alertname=Down,severity=warning', '--annotations', 'summary="a, b"', '--at', '2024-05-01T10:30:00Z'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Alert \{alertname="Down", severity="warning"\} \(fingerprint [0-9a-f]{16}\)/);
  assert.match(r.stdout, /Receiver chat\n {2}route: default-route\n/);
  assert.match(r.stdout, /\n {4}title: Down is firing\n/);
  assert.match(r.stdout, /\n {4}title_link \(default\): http:\/\/localhost:9093\/#\/alerts\?receiver=chat\n/);
});

test('json output: the webhook payload of a critical alert', () => {
  const dir = folder(CONFIG, { 't.tmpl': '{{ define "t.title" }}x{{ end }}' });
  const r = o11y(['notify-preview', 'alertmanager.yml', '--labels', 'alertname=Down,severity=critical', '--format', 'json', '--at', '2024-05-01T10:30:00Z'], dir);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.notifications.map((n: { receiver: string }) => n.receiver), ['hook']);
  assert.deepEqual(out.notifications[0].integrations[0].payload.groupLabels, { alertname: 'Down' });
  assert.equal(out.notifications[0].integrations[0].payload.alerts[0].startsAt, '2024-05-01T10:30:00Z');
});

test('a failing template exits 1; a broken config exits 1 with its errors; bad usage exits 2', () => {
  const dir = folder(CONFIG, { 't.tmpl': '{{ define "t.title" }}{{ .Nope }}{{ end }}' });
  const failing = o11y(['notify-preview', 'alertmanager.yml', '--labels', 'alertname=Down'], dir);
  assert.equal(failing.status, 1);
  assert.match(failing.stdout, /title: ERROR template: .*can't evaluate field Nope in type \*template.Data/);
  const broken = folder('route: {}\nreceivers: []\n');
  const b = o11y(['notify-preview', 'alertmanager.yml', '--labels', 'alertname=Down'], broken);
  assert.equal(b.status, 1);
  assert.match(b.stderr, /alertmanager.yml:1:1: error: /);
  assert.equal(o11y(['notify-preview', 'alertmanager.yml'], dir).status, 2);
  assert.match(o11y(['notify-preview', 'alertmanager.yml', '--labels', 'a=~"x"'], dir).stderr, /bad --labels/);
  assert.match(o11y(['notify-preview', 'alertmanager.yml', '--labels', 'a=b', '--at', 'yesterday'], dir).stderr, /bad --at/);
});
