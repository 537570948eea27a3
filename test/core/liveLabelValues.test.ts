// The label-value lookups behind `promql/unknown-label-value`: LiveMetrics answers from what it has (never waiting),
// asks the server once per label and metric through the completion cache, tells when an answer arrives, forgets a
// failed one, and keeps at most a few lookups running. The server here is a table the test answers from by hand;
// the lint against real servers is tested in test/cli/checkLive.test.ts and test/integration/liveDegraded.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CachedPrometheusClient } from '../../server/src/core/prometheus/cachedClient';
import type { PrometheusApi, SeriesFilter } from '../../server/src/core/prometheus/client';
import { PrometheusError } from '../../server/src/core/prometheus/errors';
import { LiveMetrics } from '../../server/src/core/prometheus/liveMetrics';
import { problemsOf, workspace } from '../helpers/service';

interface Asked {
  label: string;
  match: string[];
  answer(values: string[] | Error): void;
}

function server() {
  const asked: Asked[] = [];
  const api = {
    labelValues: (label: string, o: SeriesFilter = {}) =>
      new Promise<string[]>((resolve, reject) => asked.push({ label, match: o.match ?? [], answer: (v) => (v instanceof Error ? reject(v) : resolve(v)) })),
  } as unknown as PrometheusApi;
  let changes = 0;
  const live = new LiveMetrics('prod', new CachedPrometheusClient(api), { onChange: () => changes++, onFailure: () => undefined });
  return { asked, live, changes: () => changes };
}

const tick = () => new Promise((r) => setImmediate(r));

test('nothing is known until the answer arrives; then it is, with one change, and the server is asked once', async () => {
  const { asked, live, changes } = server();
  assert.equal(live.labelValuesOf('job', 'up'), undefined);
  assert.equal(live.labelValuesOf('job', 'up'), undefined, 'asked again while pending');
  assert.deepEqual(asked.map((a) => [a.label, a.match]), [['job', ['up{}']]]);
  asked[0].answer(['api', 'node']);
  await live.settled();
  assert.deepEqual([...live.labelValuesOf('job', 'up')!], ['api', 'node']);
  await live.settled();
  assert.equal(changes(), 1);
  assert.equal(asked.length, 1, 'the second answer came from the cache');
});

test('a failed lookup leaves nothing known and is not retried on every ask', async () => {
  const { asked, live, changes } = server();
  live.labelValuesOf('instance', 'up');
  asked[0].answer(new PrometheusError('http', 'HTTP 503'));
  await live.settled();
  assert.equal(live.labelValuesOf('instance', 'up'), undefined);
  await live.settled();
  assert.equal(asked.length, 1, 'the failure is remembered for a while');
  assert.equal(changes(), 0);
});

test('at most six lookups run at once; the rest wait their turn', async () => {
  const { asked, live } = server();
  for (let i = 0; i < 10; i++) {
    live.labelValuesOf('job', `m${i}`);
  }
  await tick();
  assert.equal(asked.length, 6);
  asked.slice(0, 6).forEach((a) => a.answer(['x']));
  await tick();
  await tick();
  assert.equal(asked.length, 10);
  asked.slice(6).forEach((a) => a.answer(['x']));
  await live.settled();
  assert.deepEqual([...live.labelValuesOf('job', 'm9')!], ['x']);
});

test('the lint in a rule file: only an `=` value the metric never has; its level can be changed', async () => {
  const rules = `groups:
  - name: g
    rules:
      - alert: A
        expr: up{job="web", zone="eu"} == 0 or up{job=~"web"} == 0 or up{job=""} == 0 or up{job="api"} == 0
        labels: { severity: page }
        annotations: { summary: s, description: d }
`;
  const { root, service } = workspace();
  const path = `${root}/a.rules.yml`;
  const names = ['up'];
  const api = {
    labelValues: async (label: string, o: SeriesFilter = {}) => (label === '__name__' ? names : label === 'job' && o.match?.[0] === 'up{}' ? ['api', 'node'] : []),
    metadata: async () => ({}),
  } as unknown as PrometheusApi;
  const live = new LiveMetrics('prod', new CachedPrometheusClient(api), { onChange: () => undefined, onFailure: () => undefined });
  service.live = live;
  await live.warm();
  const lint = (p: string[]) => p.filter((x) => x.includes('promql/unknown-label-value'));
  assert.deepEqual(lint(problemsOf(service, path, rules)), [], 'nothing before the answers');
  await live.settled();
  assert.deepEqual(lint(problemsOf(service, path, rules)), [
    '5:22-27 warning promql/unknown-label-value label "job" of "up" never has value "web" on prod (its values there: "api", "node")',
  ]);
  service.configure({ ...service.currentSettings, lints: { 'promql/unknown-label-value': 'error' } });
  assert.match(lint(problemsOf(service, path, rules))[0], /^5:22-27 error /);
});
