// Proof of the scaffold's output with the real tools, for the minimal, full and Kubernetes option sets: written to a
// temp folder, it passes `o11y check` (zero errors and warnings), Debian's `promtool check config`, `promtool check
// rules`, `promtool test rules` and `amtool check-config`, and `docker-compose config` where /usr/bin/docker-compose
// exists. For Kubernetes, the ConfigMap's prometheus.yml and the PrometheusRules' groups go through promtool too.
//
// Run: node --import tsx --test test/integration/scaffoldTools.test.ts (needs promtool and amtool).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { Finding } from '../../server/src/cli/report';
import { defaultOptions, fullOptions, generateStack, type ScaffoldOptions } from '../../server/src/core/scaffold/index';
import { run } from '../helpers/run';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const AMTOOL = process.env.AMTOOL ?? 'amtool';
const DOCKER_COMPOSE = '/usr/bin/docker-compose';

const temp = mkdtempSync(join(tmpdir(), 'o11y-scaffold-tools-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function writeStack(name: string, o: ScaffoldOptions): string {
  const dir = join(temp, name);
  for (const [path, text] of generateStack(o)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const files = (dir: string, sub: string) => readdirSync(join(dir, sub)).map((f) => join(sub, f)).sort();

async function ok(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const r = env ? await runWithEnv(command, args, cwd, env) : await run(command, args, cwd);
  assert.ok(!r.spawnError, `cannot run ${command}: ${r.spawnError?.message}`);
  assert.equal(r.code, 0, `${command} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

async function runWithEnv(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await run(command, args, cwd);
  } finally {
    for (const k of Object.keys(env)) {
      if (saved[k] === undefined) {
        delete process.env[k];
      } else {
        process.env[k] = saved[k];
      }
    }
  }
}

const minimal: ScaffoldOptions = { ...defaultOptions(), components: ['prometheus'], channels: [] };
const sets: [string, ScaffoldOptions][] = [
  ['minimal', minimal],
  ['full', fullOptions()],
  ['kubernetes', fullOptions('kubernetes')],
];

for (const [name, o] of sets) {
  test(`${name} stack: o11y check finds no error and no warning`, async () => {
    const dir = writeStack(`${name}-o11y`, o);
    const r = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'check', '--format', 'json', '--config', join(dir, '.o11y.yaml'), dir], repoRoot);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const findings = JSON.parse(r.stdout) as Finding[];
    assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), []);
  });

  test(`${name} stack: promtool check config, check rules and test rules pass`, async () => {
    const dir = writeStack(`${name}-promtool`, o);
    const config = await ok(PROMTOOL, ['check', 'config', 'prometheus/prometheus.yml'], dir);
    assert.match(config, /SUCCESS: prometheus\/prometheus.yml is valid/);
    const rules = files(dir, 'prometheus/rules');
    assert.match(config, new RegExp(`SUCCESS: ${rules.length} rule files found`));
    await ok(PROMTOOL, ['check', 'rules', ...rules], dir);
    const tests = files(dir, 'prometheus/tests');
    assert.equal(tests.length, rules.length);
    const out = await ok(PROMTOOL, ['test', 'rules', ...tests], dir);
    assert.equal(out.match(/SUCCESS/g)?.length, tests.length);
  });

  if (o.components.includes('alertmanager')) {
    test(`${name} stack: amtool check-config passes`, async () => {
      const dir = writeStack(`${name}-amtool`, o);
      const out = await ok(AMTOOL, ['check-config', 'alertmanager/alertmanager.yml'], dir);
      assert.match(out, /SUCCESS/);
      assert.match(out, /1 inhibit rules\n - 2 receivers/);
    });
  }

  if (o.flavour === 'compose') {
    test(`${name} stack: docker-compose config accepts the compose file`, { skip: !existsSync(DOCKER_COMPOSE) && `${DOCKER_COMPOSE} is not installed` }, async () => {
      const dir = writeStack(`${name}-compose`, o);
      const secrets = { GRAFANA_ADMIN_PASSWORD: 'a-long-secret', POSTGRES_EXPORTER_PASSWORD: 'pg', MYSQL_EXPORTER_PASSWORD: 'my' };
      const out = await ok(DOCKER_COMPOSE, ['config'], dir, secrets);
      const resolved = parse(out) as { services: Record<string, unknown> };
      assert.deepEqual(Object.keys(resolved.services).sort(), Object.keys((parse(generateStack(o).get('docker-compose.yml')!) as { services: object }).services).sort());
    });
  }
}

test('docker-compose refuses the full stack while the Grafana admin password is not set', { skip: !existsSync(DOCKER_COMPOSE) && `${DOCKER_COMPOSE} is not installed` }, async () => {
  const dir = writeStack('no-password', fullOptions());
  const r = await runWithEnv(DOCKER_COMPOSE, ['config', '-q'], dir, { POSTGRES_EXPORTER_PASSWORD: 'pg', MYSQL_EXPORTER_PASSWORD: 'my' });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /set GRAFANA_ADMIN_PASSWORD in .env/);
});

test('kubernetes stack: the ConfigMap\'s prometheus.yml and the PrometheusRules\' groups pass promtool', async () => {
  const stack = generateStack(fullOptions('kubernetes'));
  const dir = join(temp, 'kubernetes-extracted');
  mkdirSync(join(dir, 'rules'), { recursive: true });
  const cm = parse(stack.get('kubernetes/configmap-prometheus-config.yaml')!) as { data: Record<string, string> };
  writeFileSync(join(dir, 'prometheus.yml'), cm.data['prometheus.yml']);
  const ruleMaps = [...stack.keys()].filter((p) => p.startsWith('kubernetes/rules/'));
  for (const p of ruleMaps) {
    const rule = parse(stack.get(p)!) as { spec: unknown };
    writeFileSync(join(dir, 'rules', p.split('/').pop()!.replace('.yaml', '.yml')), stringify(rule.spec));
  }
  const out = await ok(PROMTOOL, ['check', 'config', 'prometheus.yml'], dir);
  assert.match(out, new RegExp(`SUCCESS: ${ruleMaps.length} rule files found`));
});
