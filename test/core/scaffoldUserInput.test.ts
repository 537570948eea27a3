import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PORTS, formatPorts, formatTarget, parsePorts, parseStackFolder, parseTarget } from '../../server/src/core/scaffold/index';

// What people type in the scaffold's prompt and wizard: targets, the stack's folder, ports.

test('parseTarget: name=host:port/path, /metrics by default; formatTarget reads back the same', () => {
  assert.deepEqual(parseTarget('api=api:8000'), { name: 'api', address: 'api:8000', metricsPath: '/metrics' });
  const t = parseTarget('worker=10.0.0.7:9100/internal/metrics');
  assert.deepEqual(t, { name: 'worker', address: '10.0.0.7:9100', metricsPath: '/internal/metrics' });
  assert.equal(formatTarget(t as Exclude<typeof t, string>), 'worker=10.0.0.7:9100/internal/metrics');
  assert.equal(parseTarget('api:8000'), 'target "api:8000" must be name=host:port/path, e.g. api=api:8000/metrics');
  assert.equal(parseTarget('=api:8000'), 'target "=api:8000" must be name=host:port/path, e.g. api=api:8000/metrics');
});

test('parseStackFolder: empty or "." is the folder itself; ./ and trailing / are dropped; unsafe paths get the path check\'s message', () => {
  assert.deepEqual(parseStackFolder(''), { folder: '' });
  assert.deepEqual(parseStackFolder(' . '), { folder: '' });
  assert.deepEqual(parseStackFolder('./ops/monitoring/'), { folder: 'ops/monitoring' });
  assert.deepEqual(parseStackFolder('../up'), { problem: '"../up" climbs out of the stack folder with ".."' });
  assert.deepEqual(parseStackFolder('/srv/stack'), { problem: '"/srv/stack" is absolute; only paths inside the stack folder are written' });
  assert.deepEqual(parseStackFolder('a/$HOME'), { problem: '"a/$HOME" has an unusual segment "$HOME"; use letters, digits, ".", "-" and "_"' });
});

test('parsePorts / formatPorts: only the published web UIs, name=port', () => {
  assert.deepEqual(parsePorts('grafana=3001, prometheus = 19090'), { grafana: 3001, prometheus: 19090 });
  assert.deepEqual(parsePorts(''), {});
  assert.equal(parsePorts('loki=3100'), '"loki" has no published port; use prometheus, alertmanager, grafana, pushgateway');
  assert.equal(parsePorts('grafana:3000'), '"grafana:3000" must be name=port, e.g. grafana=3000');
  assert.equal(formatPorts(DEFAULT_PORTS, ['prometheus', 'grafana', 'node-exporter']), 'prometheus=9090, grafana=3000');
});
