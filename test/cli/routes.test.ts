import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/lspClient';

function o11y(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/o11y.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-routes-'));
  writeFileSync(join(dir, 'alertmanager.yml'), text);
  return dir;
}

const CONFIG = `route:
  receiver: chat
  routes:
    - matchers: [severity="critical"]
      receiver: pager
      continue: true
    - matchers: ['service=~"api|web"']
      receiver: web
      routes:
        - match: {env: dev}
          receiver: devnull
receivers:
  - name: chat
  - name: pager
  - name: web
  - name: devnull
`;

test('--labels prints the receivers, comma-separated, in tree order', () => {
  const dir = folder(CONFIG);
  assert.deepEqual(o11y(['routes', 'alertmanager.yml', '--labels', 'severity=critical,service=api'], dir), { status: 0, stdout: 'pager,web\n', stderr: '' });
  assert.equal(o11y(['routes', 'alertmanager.yml', '--labels', 'service="web",env=dev'], dir).stdout, 'devnull\n');
  assert.equal(o11y(['routes', 'alertmanager.yml', '--labels', 'team=x'], dir).stdout, 'chat\n');
});

test('--tree prints the routing tree as amtool does; with --labels the routes taken', () => {
  const dir = folder(CONFIG);
  assert.equal(
    o11y(['routes', 'alertmanager.yml', '--tree'], dir).stdout,
    'Routing tree:\n.\n└── default-route  receiver: chat\n    ├── {severity="critical"}  continue: true  receiver: pager\n    └── {service=~"api|web"}  receiver: web\n        └── {env="dev"}  receiver: devnull\n\n',
  );
  assert.equal(
    o11y(['routes', 'alertmanager.yml', '--tree', '--labels=severity=critical,service=web'], dir).stdout,
    'Matching routes:\n.\n└── default-route\n    ├── {severity="critical"}  receiver: pager\n    └── {service=~"api|web"}  receiver: web\n\n\npager,web\n',
  );
});

test('bad input: invalid files, bad labels, bad usage', () => {
  const bad = o11y(['routes', 'alertmanager.yml', '--labels', 'a=b'], folder('route:\n  receiver: nobody\n'));
  assert.equal(bad.status, 1);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /alertmanager.yml:2:13: error: undefined receiver "nobody" used in route \[alertmanager\/unknown-receiver\]/);
  const dir = folder(CONFIG);
  assert.equal(o11y(['routes', 'alertmanager.yml', '--labels', 'a=~b'], dir).status, 2);
  assert.match(o11y(['routes', 'alertmanager.yml', '--labels', 'a=~b'], dir).stderr, /labels must be specified as key=value pairs/);
  assert.match(o11y(['routes', 'alertmanager.yml', '--labels', 'nonsense'], dir).stderr, /bad --labels: bad matcher format: nonsense/);
  assert.equal(o11y(['routes', 'alertmanager.yml'], dir).status, 2);
  assert.equal(o11y(['routes', '--tree'], dir).status, 2);
  assert.equal(o11y(['routes', 'missing.yml', '--tree'], dir).status, 1);
  assert.equal(o11y(['routes', 'alertmanager.yml', '--tree'], folder('')).status, 1);
  assert.equal(o11y(['routes', 'alertmanager.yml', '--tree'], folder(': : [\n')).status, 1);
});

test('lints raised to errors in .o11y.yaml stop the routing as other errors do', () => {
  // Warnings and infos are not printed (their checks are skipped) unless the project makes errors of them.
  const text = CONFIG.replace('  - name: devnull\n', '  - name: devnull\n  - name: spare\n    slack_configs: [{api_url: "https://hooks.slack.com/services/x", channel: "#a"}]\n');
  const dir = folder(text);
  assert.deepEqual(o11y(['routes', 'alertmanager.yml', '--labels', 'team=x'], dir), { status: 0, stdout: 'chat\n', stderr: '' });
  writeFileSync(join(dir, '.o11y.yaml'), 'lints:\n  alertmanager/unused-receiver: error\n  alertmanager/plaintext-secret: error\n');
  const raised = o11y(['routes', 'alertmanager.yml', '--labels', 'team=x'], dir);
  assert.equal(raised.status, 1);
  assert.equal(raised.stdout, '');
  assert.match(raised.stderr, /alertmanager.yml:17:11: error: Receiver "spare" is not used by any route\. \[alertmanager\/unused-receiver\]/);
  assert.match(raised.stderr, /alertmanager.yml:18:22: error: "api_url" holds a secret in plain text; put it in a file and use "api_url_file"\. \[alertmanager\/plaintext-secret\]/);
});
