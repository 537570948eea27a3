// `o11y scaffold` as a process: writes only inside its folder (symbolic links pointing out are refused), never
// overwrites without --force, --dry-run writes nothing, bad options exit 2 with the reason; and the interactive
// prompts (driven in-process with scripted answers) re-ask until an answer is valid.
//
// Run: node --import tsx --test test/integration/scaffoldCli.test.ts
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promptOptions } from '../../server/src/cli/scaffoldPrompt';
import { defaultOptions } from '../../server/src/core/scaffold/index';
import { run } from '../helpers/run';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'o11y-scaffold-cli-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const scaffold = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'scaffold', ...args], repoRoot);

function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

test('--yes writes the default stack; the same command again changes nothing; --dry-run writes nothing', async () => {
  const dir = join(temp, 'stack');
  const dry = await scaffold(dir, '--yes', '--dry-run', '--target', 'api=api:8000/metrics');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Would write the stack into .*\n {2}create {5}\.env\.example\n/);
  assert.deepEqual(readdirSync(dir), []);

  const first = await scaffold(dir, '--yes', '--target', 'api=api:8000/metrics');
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /o11y check: the generated files have no errors or warnings\./);
  assert.ok(tree(dir).includes('prometheus/rules/apps.yml'));
  assert.ok(tree(dir).includes('docker-compose.yml'));

  const again = await scaffold(dir, '--yes', '--target', 'api=api:8000/metrics');
  assert.equal(again.code, 0);
  assert.doesNotMatch(again.stdout, /^ {2}(create|merge|new|overwrite) /m);
});

test('an edited file is merged or kept beside a *.new, and only --force overwrites it', async () => {
  const dir = join(temp, 'edited');
  assert.equal((await scaffold(dir, '--yes')).code, 0);
  writeFileSync(join(dir, 'README.md'), '# Ours\n');
  const more = await scaffold(dir, '--yes', '--components', 'prometheus,alertmanager,grafana,node-exporter,cadvisor,redis-exporter');
  assert.match(more.stdout, /merge {6}prometheus\/prometheus\.yml {2}\(adds scrape_configs: redis-exporter; your edits are kept\)/);
  assert.match(more.stdout, /new {8}README\.md {2}→ README\.md\.new/);
  assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), '# Ours\n');
  assert.match(readFileSync(join(dir, 'README.md.new'), 'utf8'), /redis-exporter/);
  const forced = await scaffold(dir, '--yes', '--force', '--components', 'prometheus,alertmanager,grafana,node-exporter,cadvisor,redis-exporter');
  assert.match(forced.stdout, /overwrite {2}README\.md/);
  assert.notEqual(readFileSync(join(dir, 'README.md'), 'utf8'), '# Ours\n');
});

test('symbolic links pointing out of the folder are refused, and nothing is written outside', async () => {
  const outside = join(temp, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'victim.md'), 'keep me\n');
  const linkedDir = join(temp, 'linked-dir');
  mkdirSync(linkedDir);
  symlinkSync(outside, join(linkedDir, 'prometheus'));
  const r = await scaffold(linkedDir, '--yes');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /refusing: prometheus is a symbolic link; the scaffold writes only real files inside/);
  assert.deepEqual(readdirSync(outside), ['victim.md']);

  const linkedFile = join(temp, 'linked-file');
  mkdirSync(linkedFile);
  symlinkSync(join(outside, 'victim.md'), join(linkedFile, 'README.md'));
  const r2 = await scaffold(linkedFile, '--yes', '--force');
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /refusing: README\.md is a symbolic link/);
  assert.equal(readFileSync(join(outside, 'victim.md'), 'utf8'), 'keep me\n');
  assert.deepEqual(readdirSync(linkedFile), ['README.md']);
});

test('bad options exit 2 with the reason, before anything is written', async () => {
  const dir = join(temp, 'bad');
  const r = await scaffold(dir, '--yes', '--target', '../../etc=api:8000/metrics', '--target', 'web=web:80/../../x', '--components', 'prometheus,grafana,nope');
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    [
      'o11y scaffold: components: unknown component "nope"; choose from prometheus, alertmanager, grafana, loki, promtail, alloy, node-exporter, cadvisor, blackbox-exporter, pushgateway, postgres-exporter, redis-exporter, mysqld-exporter',
      'o11y scaffold: targets[0].name: target name "../../etc" looks like a path; use letters, digits, "-" and "_" only',
      'o11y scaffold: targets[1].metricsPath: metrics path "/../../x" must not contain "." or ".." segments',
      '',
    ].join('\n'),
  );
  const usage = await scaffold('--yes');
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /name the folder to write the stack into\nUsage: o11y scaffold <dir>/);
});

test('the prompts ask for what the flags left open and re-ask after an invalid answer', async () => {
  const answers = ['prometheus,grafna', 'prometheus,alertmanager,grafana', 'api=api:8000', '../x=a:1', 'worker=worker:9000/prom', '', 'slack,teams', 'email', '2 weeks', '14d', 'kubernetes'];
  const asked: string[] = [];
  const printed: string[] = [];
  const o = await promptOptions(defaultOptions(), {}, async (q) => {
    asked.push(q);
    return answers.shift()!;
  }, (s) => printed.push(s));
  assert.deepEqual(o.components, ['prometheus', 'alertmanager', 'grafana']);
  assert.deepEqual(o.targets, [
    { name: 'api', address: 'api:8000', metricsPath: '/metrics' },
    { name: 'worker', address: 'worker:9000', metricsPath: '/prom' },
  ]);
  assert.deepEqual(o.channels, ['email']);
  assert.equal(o.retention, '14d');
  assert.equal(o.flavour, 'kubernetes');
  assert.equal(answers.length, 0);
  assert.deepEqual(printed.filter((p) => p.startsWith('  ') && !p.includes('\n  ')), [
    '  unknown component "grafna"; choose from prometheus, alertmanager, grafana, loki, promtail, alloy, node-exporter, cadvisor, blackbox-exporter, pushgateway, postgres-exporter, redis-exporter, mysqld-exporter\n',
    '  target name "../x" looks like a path; use letters, digits, "-" and "_" only\n',
    '  unknown channel "teams"; use slack, email, pagerduty, webhook\n',
    '  retention "2 weeks" is not a duration such as 15d, 12h or 1y\n',
  ]);
  assert.equal(asked.length, 11);
});
