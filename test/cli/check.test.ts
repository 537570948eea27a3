import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/lspClient';

function o11y(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/o11y.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const BAD = 'global:\n  scrape_interval: 15x\nscrape_configs:\n  - job_name: a\n    static_configs: [{targets: ["a:1"]}]\n';
const WARN = 'rule_files: [nothing/*.yml]\n';

test('text output: one line per finding, a summary, exit 1 on errors', () => {
  const dir = folder({ 'prometheus.yml': BAD, 'notes.yml': 'just: data\n' });
  const r = o11y(['check', '.'], dir);
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    'prometheus.yml:2:20: error: "15x" is not a valid duration: write whole numbers with units in order y, w, d, h, m, s, ms (e.g. 30s, 1m30s, 2h). [schema/invalid-duration]\n' +
      '1 error(s), 0 warning(s), 0 info in 1 of 1 file(s) checked\n',
  );
});

test('warnings alone exit 0; a clean folder says so', () => {
  assert.equal(o11y(['check', 'prometheus.yml'], folder({ 'prometheus.yml': WARN })).status, 0);
  const r = o11y(['check', '.'], folder({ 'prometheus.yml': 'global: {}\n' }));
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '✓ 1 file checked, no problems\n');
});

test('--format json is the documented array', () => {
  const r = o11y(['check', '--format', 'json', 'prometheus.yml'], folder({ 'prometheus.yml': BAD }));
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout), [
    {
      file: 'prometheus.yml',
      line: 2,
      column: 20,
      endLine: 2,
      endColumn: 23,
      severity: 'error',
      code: 'schema/invalid-duration',
      message: '"15x" is not a valid duration: write whole numbers with units in order y, w, d, h, m, s, ms (e.g. 30s, 1m30s, 2h).',
    },
  ]);
});

test('--format sarif is SARIF 2.1.0 with rules and regions', () => {
  const r = o11y(['check', '--format=sarif', 'prometheus.yml'], folder({ 'prometheus.yml': BAD }));
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'o11y');
  assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), ['schema/invalid-duration']);
  assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 2, startColumn: 20, endLine: 2, endColumn: 23 });
  assert.equal(run.results[0].level, 'error');
});

test('.o11y.yaml applies: target version, lint levels, ignores, and unused suppressions are reported', () => {
  const dir = folder({
    '.o11y.yaml': 'versions: { prometheus: "2.42" }\nlints:\n  prometheus/rule-files-no-match: error\nignore:\n  - path: "legacy/**"\n',
    'prometheus.yml': '# o11y-disable-next-line schema/unknown-key\nglobal: {}\n' + WARN,
    'legacy/prometheus.yml': BAD,
  });
  const r = o11y(['check', '--format', 'json', '.'], dir);
  const findings = JSON.parse(r.stdout) as { file: string; code: string; severity: string; line: number }[];
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.code, f.severity]),
    [
      ['prometheus.yml', 1, 'o11y/unused-suppression', 'warning'],
      ['prometheus.yml', 3, 'prometheus/rule-files-no-match', 'error'],
    ],
  );
  assert.equal(r.status, 1);
});

test('bad usage exits 2 with a message; missing paths are errors', () => {
  const dir = folder({});
  const r = o11y(['check', '--format', 'xml', '.'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown --format "xml"/);
  assert.equal(o11y(['frobnicate'], dir).status, 2);
  const missing = o11y(['check', 'nope.yml'], dir);
  assert.equal(missing.status, 1);
  assert.match(missing.stdout, /nope\.yml:1:1: error: No such file or folder: nope\.yml \[o11y\/file-not-found\]/);
});

test('the examples folder is clean', () => {
  const r = o11y(['check', 'examples'], REPO);
  assert.equal(r.stdout.split('\n').filter((l) => / error: /.test(l)).join('\n'), '');
  assert.equal(r.status, 0);
});

test('a reader that stops early (o11y check … | head) ends the output quietly, with the exit status of the check', async () => {
  const jobs = Array.from({ length: 3000 }, (_, i) => `  - job_name: j${i}\n    scrape_interval: 15x\n    static_configs: [{targets: ["a:1"]}]\n`).join('');
  const dir = folder({ 'prometheus.yml': `scrape_configs:\n${jobs}` });
  const child = spawn(process.execPath, [join(REPO, 'bin/o11y.js'), 'check', 'prometheus.yml'], { cwd: dir });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  // Like head: read the first chunk, then close the pipe while the CLI still has most of its findings to write.
  child.stdout.once('data', () => child.stdout.destroy());
  const [status] = (await once(child, 'exit')) as [number | null];
  assert.equal(stderr, '');
  assert.equal(status, 1);
});
