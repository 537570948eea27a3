// The Prometheus HTTP client against a real Prometheus (Debian's 2.42, started by test/helpers/prometheus.ts
// scraping itself and node-exporter every second). Where Prometheus's own answer is the oracle (version, error
// text), the test asks it directly with node's fetch and compares.
//
// Run: node --import tsx --test test/integration/prometheusClient.test.ts (needs /usr/bin/prometheus or
// $PROMETHEUS). Nothing is skipped: a missing binary makes the tests fail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PrometheusClient } from '../../server/src/core/prometheus/client';
import { CachedPrometheusClient } from '../../server/src/core/prometheus/cachedClient';
import { PrometheusError, promqlErrorPosition } from '../../server/src/core/prometheus/errors';
import { checkConnection } from '../../server/src/core/prometheus/status';
import { PROMETHEUS, startPrometheus, type RunningPrometheus } from '../helpers/prometheus';

let prom: RunningPrometheus;
let client: PrometheusClient;

before(async () => {
  prom = await startPrometheus();
  client = new PrometheusClient({ url: prom.url, timeout: '10s' });
});

after(async () => {
  await client?.close();
  await prom?.stop();
});

async function rejection(p: Promise<unknown>): Promise<PrometheusError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof PrometheusError, `expected a PrometheusError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the request to fail');
}

test('buildinfo gives the version the binary reports; the status check says connected', async () => {
  const printed = spawnSync(PROMETHEUS, ['--version'], { encoding: 'utf8' });
  const version = /version (\S+)/.exec(printed.stdout + printed.stderr)?.[1];
  assert.ok(version, 'prometheus --version printed a version');
  assert.equal((await client.buildInfo()).version, version);
  assert.deepEqual(await checkConnection(client), { state: 'connected', url: prom.url, version });
});

test('instant query `up`: one sample per scrape job, all up', async () => {
  const r = await client.query('up');
  assert.equal(r.resultType, 'vector');
  assert.ok(r.resultType === 'vector');
  assert.deepEqual(r.result.map((s) => s.metric.job).sort(), prom.jobs);
  for (const s of r.result) {
    assert.equal(s.metric.__name__, 'up');
    assert.equal(s.value?.[1], '1');
  }
  assert.deepEqual(r.warnings, []);
});

test('instant query at a time and scalar results', async () => {
  const r = await client.query('scalar(count(up))', { time: new Date() });
  assert.equal(r.resultType, 'scalar');
  assert.equal(r.result[1], String(prom.jobs.length));
});

test('range query: a matrix over the last seconds at a 1s step', async () => {
  const end = Date.now();
  const r = await client.queryRange('up{job="prometheus"}', { start: end - 5000, end, stepSeconds: 1 });
  assert.ok(r.resultType === 'matrix');
  assert.equal(r.result.length, 1);
  const values = r.result[0].values ?? [];
  assert.ok(values.length >= 1 && values.length <= 6, `${values.length} points`);
  assert.ok(values.every(([t, v]) => t >= (end - 5000) / 1000 - 1 && v === '1'));
});

test('series, label names and label values scoped by match[]', async () => {
  const series = await client.series(['up']);
  assert.deepEqual(series.map((s) => s.job).sort(), prom.jobs);
  assert.deepEqual(Object.keys(series[0]).sort(), ['__name__', 'instance', 'job']);

  assert.deepEqual(await client.labelNames({ match: ['up'] }), ['__name__', 'instance', 'job']);
  const all = await client.labelNames();
  assert.ok(all.includes('handler') && all.includes('job'), 'prometheus_http_* metrics bring `handler`');

  assert.deepEqual(await client.labelValues('job'), prom.jobs);
  assert.deepEqual(await client.labelValues('job', { match: ['up{job="prometheus"}'] }), ['prometheus']);
  const names = await client.labelValues('__name__');
  assert.ok(names.includes('prometheus_build_info') && names.includes('node_cpu_seconds_total'));
});

test('metadata: TYPE and HELP of a metric as its target exposes them', async () => {
  const meta = await client.metadata({ metric: 'node_cpu_seconds_total' });
  assert.deepEqual(Object.keys(meta), ['node_cpu_seconds_total']);
  assert.equal(meta.node_cpu_seconds_total[0].type, 'counter');
  assert.ok(meta.node_cpu_seconds_total[0].help.length > 0);
  const some = await client.metadata({ limit: 3 });
  assert.equal(Object.keys(some).length, 3);
});

test('rules and targets', async () => {
  assert.deepEqual(await client.rules(), []);
  const targets = await client.targets({ state: 'active' });
  assert.deepEqual(targets.activeTargets.map((t) => t.scrapePool).sort(), prom.jobs);
  assert.ok(targets.activeTargets.every((t) => t.health === 'up'));
  assert.deepEqual(targets.droppedTargets, []);
});

test('a bad PromQL query: Prometheus error text verbatim, with its position', async () => {
  const expr = 'sum(rate(up[5m])';
  const direct = (await (
    await fetch(`${prom.url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query: expr }) })
  ).json()) as { errorType: string; error: string };
  const e = await rejection(client.query(expr));
  assert.equal(e.kind, 'api');
  assert.equal(e.status, 400);
  assert.equal(e.errorType, direct.errorType);
  assert.equal(e.apiError, direct.error);
  assert.ok(e.message.endsWith(`bad_data: ${direct.error}`), e.message);
  assert.deepEqual(promqlErrorPosition(e.apiError!), { line: 1, column: 17 });
});

test('an execution error keeps its errorType and status', async () => {
  const e = await rejection(client.query('{__name__=~"up|scrape_samples_scraped"} + ignoring(__name__) {job=~".+"}'));
  assert.equal(e.kind, 'api');
  assert.equal(e.status, 422);
  assert.equal(e.errorType, 'execution');
});

test('cancellation: a heavy query stops at once when its signal fires, and Prometheus keeps answering', async () => {
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 100);
  const e = await rejection(
    client.query('sum(count_over_time({__name__=~".+"}[1h:10ms]))', { signal: controller.signal, timeoutMs: 5000 }),
  );
  assert.equal(e.kind, 'cancelled');
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  const already = await rejection(client.buildInfo({ signal: AbortSignal.abort() }));
  assert.equal(already.kind, 'cancelled');
  assert.equal((await client.query('1')).resultType, 'scalar');
});

test('the cached client answers completion data from the real server, then from its cache', async () => {
  let calls = 0;
  const counting = new Proxy(client, {
    get: (target, key, receiver) => {
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function'
        ? (...args: unknown[]) => {
            calls++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          }
        : value;
    },
  });
  const cached = new CachedPrometheusClient(counting);
  const first = await cached.labelValues('job');
  assert.deepEqual(first, prom.jobs);
  assert.deepEqual(await cached.labelValues('job'), first);
  assert.equal(calls, 1);
  const meta = await cached.metadata({ metric: 'up' });
  assert.deepEqual(await cached.metadata({ metric: 'up' }), meta);
  assert.equal(calls, 2);
});
