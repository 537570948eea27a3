import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choiceItems, conflictsOf, resolvePlan, stackPath, summary, type Choice } from '../../client/src/scaffold/writes';
import { defaultOptions, generateStack, planWrite, type WriteAction } from '../../server/src/core/scaffold/index';

// What the wizard writes for a plan and the user's per-file choices, and the message it shows afterwards.

const PLAN: WriteAction[] = [
  { kind: 'create', path: 'README.md', text: '# stack\n' },
  { kind: 'unchanged', path: '.gitignore' },
  { kind: 'merge', path: 'prometheus/prometheus.yml', text: 'merged\n', added: ['scrape job "api"'] },
  { kind: 'new', path: 'grafana/dashboards/host.json', newPath: 'grafana/dashboards/host.json.new', text: '{}\n' },
  { kind: 'new', path: 'docker-compose.yml', newPath: 'docker-compose.yml.new', text: 'services: {}\n' },
];

test('conflicts are the files that exist and would change; created and unchanged ones are not asked about', () => {
  assert.deepEqual(
    conflictsOf(PLAN).map((a) => a.path),
    ['prometheus/prometheus.yml', 'grafana/dashboards/host.json', 'docker-compose.yml'],
  );
});

test('choices: write replaces, *.new goes beside, skip and unanswered write nothing; paths are under the stack folder', () => {
  const choices = new Map<string, Choice>([
    ['prometheus/prometheus.yml', 'write'],
    ['grafana/dashboards/host.json', 'new'],
  ]);
  const { writes, skipped } = resolvePlan('ops/stack', PLAN, choices);
  assert.deepEqual(writes, [
    { kind: 'create', path: 'ops/stack/README.md', text: '# stack\n', overwrite: false },
    { kind: 'replace', path: 'ops/stack/prometheus/prometheus.yml', text: 'merged\n' },
    { kind: 'create', path: 'ops/stack/grafana/dashboards/host.json.new', text: '{}\n', overwrite: true },
  ]);
  assert.deepEqual(skipped, ['docker-compose.yml']);
  assert.deepEqual(resolvePlan('', PLAN, new Map()).writes.map((w) => w.path), ['README.md']);
});

test('nothing outside the chosen folder: unsafe plan paths or folders are refused before any write', () => {
  for (const [folder, rel, reason] of [
    ['', '../outside.yml', /climbs out/],
    ['stack', '/etc/passwd', /is absolute/],
    ['../stack', 'README.md', /climbs out/],
    ['stack', 'a\\..\\..\\b', /backslash/],
    ['stack', 'C:/x', /is absolute/],
  ] as const) {
    assert.throws(() => stackPath(folder, rel), reason, `${folder} + ${rel}`);
    const plan: WriteAction[] = [{ kind: 'create', path: rel, text: 'x' }];
    assert.throws(() => resolvePlan(folder, plan, new Map()), reason);
  }
  assert.equal(stackPath('stack', '.env.example'), 'stack/.env.example');
});

test('a real re-run: a user-edited prometheus.yml merges, an edited dashboard differs, and each gets its choices', () => {
  const files = generateStack(defaultOptions());
  const existing = new Map<string, string | undefined>([...files].map(([p, t]) => [p, t]));
  existing.set('prometheus/prometheus.yml', files.get('prometheus/prometheus.yml')!.replace(/\n {2}- job_name: cadvisor[\s\S]*?(?=\n {2}- job_name|\n\S|$)/, ''));
  existing.set('README.md', '# my notes\n');
  const conflicts = conflictsOf(planWrite(files, existing, { force: false }));
  assert.deepEqual(conflicts.map((c) => c.kind + ' ' + c.path), ['merge prometheus/prometheus.yml', 'new README.md']);
  const merge = choiceItems(conflicts[0]);
  assert.deepEqual(merge.map((i) => i.label), ['Write', 'Write as prometheus.yml.new', 'Skip']);
  assert.match(merge[0].detail, /^Add .*cadvisor.* to your file/);
  assert.equal(choiceItems(conflicts[1])[0].detail, "Replace your file with the scaffold's version");
});

test('summary: a count when the checks pass; the findings (three, then how many more) when not', () => {
  assert.deepEqual(summary(23, 0, []), { ok: true, text: 'Stack written: 23 files, checks passed.' });
  assert.equal(summary(1, 2, []).text, 'Stack written: 1 file, checks passed. 2 written as *.new beside yours: compare and merge them.');
  const f = (n: number) => ({ path: `rules/${n}.yml`, line: n, severity: 'warning' as const, code: 'rules/x', message: `m${n}` });
  const bad = summary(5, 0, [f(1), f(2), f(3), f(4)]);
  assert.equal(bad.ok, false);
  assert.equal(bad.text, 'Stack written: 5 files, but o11y check found 4 problem(s): rules/1.yml:1 m1 [rules/x]; rules/2.yml:2 m2 [rules/x]; rules/3.yml:3 m3 [rules/x] and 1 more.');
});
