// planWrite: how a generated stack lands in a folder that may already hold an edited copy of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { defaultOptions, generateStack, planWrite, UnsafePathError, writtenPaths, type ScaffoldOptions, type WriteAction } from '../../server/src/core/scaffold/index';

const before: ScaffoldOptions = { ...defaultOptions(), components: ['prometheus', 'alertmanager', 'grafana'], channels: ['slack'] };
const after: ScaffoldOptions = { ...before, components: [...before.components, 'redis-exporter'], channels: ['slack', 'email'] };

const summary = (plan: WriteAction[]) => plan.map((a) => `${a.kind} ${a.path}${a.kind === 'merge' ? ` + ${a.added.join(', ')}` : ''}`);

test('into an empty folder everything is created; the same stack again changes nothing', () => {
  const files = generateStack(before);
  const empty = planWrite(files, new Map(), { force: false });
  assert.ok(empty.every((a) => a.kind === 'create'));
  assert.deepEqual(writtenPaths(empty), [...files.keys()]);
  const again = planWrite(files, new Map(files), { force: false });
  assert.ok(again.every((a) => a.kind === 'unchanged'));
  assert.deepEqual(writtenPaths(again), []);
});

test('a new component and channel are merged into the edited YAML, keeping the user\'s edits and comments', () => {
  const old = generateStack(before);
  const existing = new Map<string, string | undefined>(old);
  const edited = old.get('prometheus/prometheus.yml')!.replace('scrape_interval: 15s', 'scrape_interval: 30s # slower, on purpose') + '\n  # my own job\n  - job_name: legacy\n    static_configs:\n      - targets: [legacy:9100]\n';
  existing.set('prometheus/prometheus.yml', edited);
  existing.set('README.md', old.get('README.md') + '\nOur notes.\n');
  const plan = planWrite(generateStack(after), existing, { force: false });
  assert.deepEqual(
    summary(plan).filter((s) => !s.startsWith('unchanged')),
    [
      'merge .env.example + REDIS_ADDR, REDIS_PASSWORD',
      'merge alertmanager/alertmanager.yml + global.smtp_smarthost, global.smtp_from, global.smtp_auth_username, global.smtp_auth_password_file, global.smtp_require_tls, receivers[critical].email_configs, receivers[warning].email_configs',
      'merge docker-compose.yml + services.redis-exporter, secrets.smtp_password',
      'create grafana/dashboards/redis.json',
      'merge prometheus/prometheus.yml + scrape_configs: redis-exporter',
      'create prometheus/rules/redis.yml',
      'create prometheus/tests/redis-test.yml',
      'new README.md',
    ],
  );
  const prom = plan.find((a) => a.path === 'prometheus/prometheus.yml') as Extract<WriteAction, { kind: 'merge' }>;
  assert.match(prom.text, /scrape_interval: 30s # slower, on purpose/);
  assert.match(prom.text, /# my own job\n {2}- job_name: legacy/);
  assert.match(prom.text, /# Redis through redis-exporter.\n {2}- job_name: redis-exporter/);
  const jobs = (parse(prom.text) as { scrape_configs: { job_name: string }[] }).scrape_configs.map((j) => j.job_name);
  assert.deepEqual(jobs, ['prometheus', 'alertmanager', 'grafana', 'legacy', 'redis-exporter']);
  const readme = plan.find((a) => a.path === 'README.md')!;
  assert.equal(readme.kind === 'new' && readme.newPath, 'README.md.new');
});

test('a YAML file that no longer parses, or has another shape, is never merged: the new text goes to *.new', () => {
  const files = generateStack(before);
  const existing = new Map<string, string | undefined>(files);
  existing.set('prometheus/prometheus.yml', 'scrape_configs: [\n');
  existing.set('alertmanager/alertmanager.yml', 'receivers: {}\n');
  const plan = planWrite(generateStack(after), existing, { force: false });
  assert.deepEqual(
    plan.filter((a) => a.path === 'alertmanager/alertmanager.yml' || a.path === 'prometheus/prometheus.yml').map((a) => `${a.kind} ${a.path}`),
    ['new alertmanager/alertmanager.yml', 'new prometheus/prometheus.yml'],
  );
});

test('a user version that already has everything is kept as is; --force overwrites what differs', () => {
  const files = generateStack(before);
  const existing = new Map<string, string | undefined>(files);
  existing.set('prometheus/prometheus.yml', files.get('prometheus/prometheus.yml')!.replace('15s', '20s'));
  const kept = planWrite(files, existing, { force: false }).find((a) => a.path === 'prometheus/prometheus.yml')!;
  assert.equal(kept.kind, 'unchanged');
  const forced = planWrite(files, existing, { force: true }).find((a) => a.path === 'prometheus/prometheus.yml')!;
  assert.equal(forced.kind, 'overwrite');
});

test('a path that could leave the folder is refused before anything is planned', () => {
  for (const path of ['../outside.yml', '/etc/passwd', 'a/../../b']) {
    assert.throws(() => planWrite(new Map([[path, 'x']]), new Map(), { force: false }), UnsafePathError);
  }
});
