// The real Debian `prometheus` and `prometheus-alertmanager` binaries start with the generated full stack's
// configuration (paths rewritten into a temp folder, listening on free loopback ports; the scrape targets are
// unreachable, which is fine) and report what they loaded: every rule group and alert through /api/v1/rules, the
// receivers and inhibition through /api/v2/status, and Prometheus finds the Alertmanager.
//
// Run: node --import tsx --test test/integration/scaffoldBinaries.test.ts
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { fullOptions, generateStack } from '../../server/src/core/scaffold/index';
import { freePort, PROMETHEUS } from '../helpers/prometheus';

const ALERTMANAGER = process.env.ALERTMANAGER ?? '/usr/bin/prometheus-alertmanager';
const skip = (!existsSync(PROMETHEUS) || !existsSync(ALERTMANAGER)) && 'prometheus or prometheus-alertmanager is not installed';

const dir = mkdtempSync(join(tmpdir(), 'o11y-scaffold-run-'));
const children: ChildProcess[] = [];
const logs: string[] = [];
after(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

function start(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => logs.push(d));
  children.push(child);
  return child;
}

async function until<T>(what: string, child: ChildProcess, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + 30_000;
  while (Date.now() < end && child.exitCode === null) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) {
      return value;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}; log:\n${logs.join('').slice(-3000)}`);
}

interface RulesResponse {
  data: { groups: { name: string; rules: { name: string; type: string; health: string }[] }[] };
}

test('Prometheus and Alertmanager start with the generated configuration and report what they loaded', { skip }, async () => {
  const files = generateStack(fullOptions());
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const [promPort, amPort, clusterPort] = [await freePort(), await freePort(), await freePort()];

  // Alertmanager: its secret files live in the temp folder instead of /run/secrets.
  mkdirSync(join(dir, 'secrets'));
  for (const name of ['slack_webhook_url', 'smtp_password', 'pagerduty_routing_key', 'webhook_token']) {
    writeFileSync(join(dir, 'secrets', name), name === 'slack_webhook_url' ? 'https://hooks.slack.com/services/T0/B0/x' : 'secret');
  }
  const amConfig = join(dir, 'alertmanager/alertmanager.yml');
  writeFileSync(amConfig, files.get('alertmanager/alertmanager.yml')!.replaceAll('/run/secrets/', `${join(dir, 'secrets')}/`));
  const am = start(ALERTMANAGER, [
    `--config.file=${amConfig}`,
    `--storage.path=${join(dir, 'am-data')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    `--cluster.listen-address=127.0.0.1:${clusterPort}`,
    '--log.level=warn',
  ]);

  // Prometheus: the Alertmanager of this test instead of alertmanager:9093; rule files stay relative to the config.
  const promConfig = parseDocument(files.get('prometheus/prometheus.yml')!);
  promConfig.setIn(['alerting', 'alertmanagers', 0, 'static_configs', 0, 'targets'], [`127.0.0.1:${amPort}`]);
  writeFileSync(join(dir, 'prometheus/prometheus.yml'), promConfig.toString());
  const prom = start(PROMETHEUS, [
    `--config.file=${join(dir, 'prometheus/prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'prom-data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    '--log.level=warn',
  ]);

  const status = await until('Alertmanager never answered /api/v2/status', am, async () => {
    const r = await fetch(`http://127.0.0.1:${amPort}/api/v2/status`);
    return r.ok ? ((await r.json()) as { config: { original: string } }) : undefined;
  });
  const loaded = parse(status.config.original) as { receivers: { name: string; slack_configs?: unknown[]; pagerduty_configs?: unknown[] }[]; inhibit_rules: unknown[] };
  assert.deepEqual(loaded.receivers.map((r) => r.name), ['critical', 'warning']);
  assert.ok(loaded.receivers[0].pagerduty_configs && !loaded.receivers[1].pagerduty_configs);
  assert.equal(loaded.inhibit_rules.length, 1);

  const rules = await until('Prometheus never listed its rules', prom, async () => {
    const r = await fetch(`http://127.0.0.1:${promPort}/api/v1/rules`);
    const body = r.ok ? ((await r.json()) as RulesResponse) : undefined;
    return body && body.data.groups.length ? body : undefined;
  });
  const expected = [...files]
    .filter(([p]) => p.startsWith('prometheus/rules/'))
    .flatMap(([, t]) => (parse(t) as { groups: { name: string; rules: { alert?: string; record?: string }[] }[] }).groups)
    .map((g) => `${g.name}: ${g.rules.map((r) => r.alert ?? r.record).join(', ')}`)
    .sort();
  assert.deepEqual(rules.data.groups.map((g) => `${g.name}: ${g.rules.map((r) => r.name).join(', ')}`).sort(), expected);
  assert.ok(expected.length >= 20);

  const discovered = await until('Prometheus never discovered the Alertmanager', prom, async () => {
    const r = await fetch(`http://127.0.0.1:${promPort}/api/v1/alertmanagers`);
    const body = (await r.json()) as { data: { activeAlertmanagers: { url: string }[] } };
    return body.data.activeAlertmanagers.length ? body.data.activeAlertmanagers : undefined;
  });
  assert.deepEqual(discovered.map((a) => a.url), [`http://127.0.0.1:${amPort}/api/v2/alerts`]);
});
