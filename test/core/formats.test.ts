import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFormat, durationMs } from '../../server/src/core/schema/formats';

const v2 = { prometheusVersion: '2.42' };
const v3 = { prometheusVersion: '3.14' };

test('durations follow Prometheus ParseDuration', () => {
  for (const ok of ['0', '15s', '1m30s', '2h', '1d', '1w', '1y', '500ms', '1h30m15s10ms']) {
    assert.equal(checkFormat('duration', ok, v3), undefined, ok);
  }
  for (const bad of ['15x', '1.5m', '', '30s1m', 's', '-5s', '5 s']) {
    assert.match(checkFormat('duration', bad, v3) ?? '', /is not a valid duration/, bad);
  }
  assert.equal(durationMs('1m30s'), 90_000);
  assert.equal(durationMs('2h'), 7_200_000);
  assert.equal(durationMs('nope'), undefined);
});

test('label names are legacy before Prometheus 3 and UTF-8 from 3.0', () => {
  assert.equal(checkFormat('labelName', 'env_name', v2), undefined);
  assert.match(checkFormat('labelName', 'env-name', v2) ?? '', /not a valid label name/);
  assert.match(checkFormat('labelName', '1env', v2) ?? '', /not a valid label name/);
  assert.equal(checkFormat('labelName', 'env-name', v3), undefined);
  assert.match(checkFormat('labelName', '', v3) ?? '', /not a valid label name/);
});

test('regex, size, host:port, glob and url formats', () => {
  assert.match(checkFormat('regex', '(bad', v3) ?? '', /^Invalid regular expression "\(bad": /);
  assert.equal(checkFormat('size', '512MB', v3), undefined);
  assert.match(checkFormat('size', '12 parsecs', v3) ?? '', /not a valid size/);
  assert.equal(checkFormat('hostPort', 'node-exporter:9100', v3), undefined);
  assert.match(checkFormat('hostPort', 'node :9100', v3) ?? '', /not a host:port/);
  assert.match(checkFormat('glob', 'rules/[a.yml', v3) ?? '', /not closed/);
  assert.equal(checkFormat('url', 'http://localhost:9090/api/v1/write', v3), undefined);
  assert.match(checkFormat('url', 'not a url', v3) ?? '', /not a valid URL/);
});
