// Which Prometheus connections exist, which one is active and which secret goes where (core/prometheus/connections.ts),
// plus the selector live completion narrows by (matchers typed in the braces).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { environmentCredentials, planConnections } from '../../server/src/core/prometheus/connections';
import { seriesSelector } from '../../server/src/core/prometheus/liveMetrics';
import { analyzeContext } from '../../server/src/core/promql/complete';

test('nothing configured: the default URL, quietly', () => {
  const plan = planConnections({ prometheus: [] }, undefined, []);
  assert.deepEqual(plan, { connections: [{ name: 'localhost:9090', config: { url: 'http://localhost:9090' }, quiet: true }], active: 'localhost:9090' });
});

test('named connections: the default flag, then defaultConnection, pick the active one; no implicit default URL', () => {
  const prometheus = [
    { name: 'a', url: 'http://a:9090' },
    { name: 'b', url: 'http://b:9090', default: true, timeout: '5s', headers: { 'X-Scope-OrgID': 't' } },
  ];
  const plan = planConnections({ prometheus }, undefined, []);
  assert.deepEqual(plan.connections.map((c) => c.name), ['a', 'b']);
  assert.equal(plan.active, 'b');
  assert.deepEqual(plan.connections[1].config, { url: 'http://b:9090', timeout: '5s', headers: { 'X-Scope-OrgID': 't' } });
  assert.equal(planConnections({ prometheus, defaultConnection: 'a' }, undefined, []).active, 'a');
  assert.equal(planConnections({ prometheus, defaultConnection: 'gone' }, undefined, []).active, 'b', 'an unknown name falls back');
  const withUrl = planConnections({ prometheus, url: 'http://c:9090/' }, undefined, []);
  assert.deepEqual(withUrl.connections.map((c) => [c.name, c.quiet]), [['a', false], ['b', false], ['c:9090', false]]);
});

test('a secret goes only to the URL (and connection) it was given for', () => {
  const prometheus = [{ name: 'prod', url: 'https://prom.example.com/', basic_auth: { username: 'alice' } }];
  const right = planConnections({ prometheus }, undefined, [{ url: 'https://prom.example.com', connection: 'prod', password: 'pw' }]);
  assert.deepEqual(right.connections[0].config.basic_auth, { username: 'alice', password: 'pw' });
  const moved = planConnections({ prometheus: [{ name: 'prod', url: 'https://evil.example.com' }] }, undefined, [{ url: 'https://prom.example.com', connection: 'prod', bearerToken: 't' }]);
  assert.equal(moved.connections[0].config.bearer_token, undefined);
  const renamed = planConnections({ prometheus: [{ name: 'other', url: 'https://prom.example.com' }] }, undefined, [{ url: 'https://prom.example.com', connection: 'prod', bearerToken: 't' }]);
  assert.equal(renamed.connections[0].config.bearer_token, undefined);
});

test('environment variables: URL and credentials; empty ones count as unset', () => {
  assert.deepEqual(environmentCredentials({ O11Y_PROMETHEUS_URL: 'http://p:9090', O11Y_PROMETHEUS_TOKEN: 'tok' }), {
    url: 'http://p:9090',
    credential: { bearerToken: 'tok', username: undefined, password: undefined },
  });
  assert.deepEqual(environmentCredentials({ O11Y_PROMETHEUS_TOKEN: '' }), { url: undefined, credential: undefined });
  const plan = planConnections({ prometheus: [] }, 'http://p:9090', [{ url: 'http://p:9090', bearerToken: 'tok' }]);
  assert.deepEqual(plan.connections, [{ name: 'p:9090', config: { url: 'http://p:9090', bearer_token: 'tok' }, quiet: false }]);
});

test('completion contexts carry the other complete matchers of the braces', () => {
  const at = (src: string) => analyzeContext(src.replace('<|>', ''), src.indexOf('<|>'));
  assert.deepEqual(at('up{instance="a:1", job="<|>"}').map((c) => c.kind === 'LabelValue' && c.matchers), [['instance="a:1"']]);
  assert.deepEqual(at('up{job=~"n.*", <|>}').map((c) => c.kind === 'LabelName' && c.matchers), [['job=~"n.*"']]);
  assert.deepEqual(at('{__name__="up", env="p", job=<|>}').map((c) => c.kind === 'LabelValue' && c.matchers), [['env="p"']]);
  assert.deepEqual(at('up{job="<|>", env="unclosed}').map((c) => c.kind === 'LabelValue' && c.matchers), [[]]);
});

test('the series selector sent as match[]', () => {
  assert.equal(seriesSelector('up', ['job="a"']), 'up{job="a"}');
  assert.equal(seriesSelector('up'), 'up{}');
  assert.equal(seriesSelector(undefined, ['job="a"']), '{job="a"}');
  assert.equal(seriesSelector(undefined, []), undefined);
  assert.equal(seriesSelector('my.metric', ['job="a"']), '{__name__="my.metric",job="a"}');
});
