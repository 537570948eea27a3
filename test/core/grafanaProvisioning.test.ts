import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { doc, problemsOf, workspace } from '../helpers/service';
import { REPO } from '../helpers/lspClient';

const DASHBOARD = '{"uid": "a", "schemaVersion": 39, "panels": []}';
const { root, service } = workspace({ 'grafana/dashboards/a.json': DASHBOARD });
service.indexFile(join(root, 'grafana/dashboards/a.json'), DASHBOARD);
const file = join(root, 'grafana/provisioning/datasources/prometheus.yml');
const check = (text: string, path = file): string[] => problemsOf(service, path, text);

test('the example provisioning files are clean and recognised, even when named prometheus.yml', () => {
  for (const rel of ['provisioning/datasources/prometheus.yml', 'provisioning/dashboards/default.yml']) {
    const text = readFileSync(join(REPO, 'examples/grafana', rel), 'utf8');
    assert.equal(service.fileKind(doc(join(root, 'grafana', rel), text)), 'grafanaProvisioning');
    assert.deepEqual(check(text, join(root, 'grafana', rel)), [], rel);
  }
});

test('jsonData is checked per data source type; unknown keys are warnings with a suggestion', () => {
  const text = 'apiVersion: 1\ndatasources:\n  - name: P\n    type: prometheus\n    jsonData:\n      timeInterval: 15s\n      httpMthod: POST\n  - name: L\n    type: loki\n    jsonData:\n      maxLines: lots\n';
  assert.deepEqual(check(text), [
    '7:7-16 warning schema/unknown-key Unknown key "httpMthod", which is ignored. Did you mean "httpMethod"?',
    '11:17-21 error schema/wrong-type Expected a whole number, found the string "lots".',
  ]);
});

test('two default data sources in one organisation, in this file or another', () => {
  const text = 'apiVersion: 1\ndatasources:\n  - name: A\n    type: prometheus\n    isDefault: true\n  - name: B\n    type: loki\n    isDefault: true\n  - name: C\n    type: loki\n    orgId: 2\n    isDefault: true\n';
  assert.deepEqual(check(text), [
    '8:5-14 error grafana/multiple-default-datasources "B" is marked as the default data source, and so is "A"; Grafana allows one default per organisation and refuses this provisioning.',
  ]);
  const other = join(root, 'grafana/provisioning/datasources/other.yml');
  service.indexFile(other, 'apiVersion: 1\ndatasources:\n  - name: Z\n    type: prometheus\n    isDefault: true\n');
  assert.deepEqual(check('apiVersion: 1\ndatasources:\n  - name: A\n    type: prometheus\n    isDefault: true\n'), [
    '5:5-14 error grafana/multiple-default-datasources "A" is marked as the default data source, and so is "Z" in grafana/provisioning/datasources/other.yml; Grafana allows one default per organisation and refuses this provisioning.',
  ]);
  service.forgetFile(other);
});

test('plain-text secrets get a warning and a fix to read them from the environment', () => {
  const text = 'apiVersion: 1\ndatasources:\n  - name: Prometheus\n    type: prometheus\n    basicAuth: true\n    basicAuthUser: grafana\n    secureJsonData:\n      basicAuthPassword: hunter2\n      httpHeaderValue1: $__env{TOKEN}\n';
  const problems = service.check(doc(file, text)).problems;
  assert.deepEqual(problems.map((p) => [p.code, p.fix?.replacement]), [['grafana/plaintext-secret', '$__env{PROMETHEUS_BASIC_AUTH_PASSWORD}']]);
  assert.equal(text.slice(problems[0].offset, problems[0].offset + problems[0].length), 'hunter2');
});

test('a provider path must lead to dashboards: as written, or by the folder a volume mounts', () => {
  const providers = (path: string): string => `apiVersion: 1\nproviders:\n  - name: p\n    options:\n      path: ${path}\n`;
  const at = join(root, 'grafana/provisioning/dashboards/p.yml');
  assert.deepEqual(check(providers('/var/lib/grafana/dashboards'), at), []);
  assert.deepEqual(check(providers('../../dashboards'), at), []);
  assert.deepEqual(check(providers('/etc/grafana/boards'), at), [
    '5:13-32 warning grafana/provider-path-missing "/etc/grafana/boards" does not exist here, and no folder of dashboards in the workspace ends in "boards"; check the path, or the volume that mounts the dashboards there.',
  ]);
});

test('alerting provisioning files are Grafana files (not Prometheus rules) and follow their schema', () => {
  const text = 'apiVersion: 1\ngroups:\n  - orgId: 1\n    name: api\n    folder: Alerts\n    interval: 1m\n    rules:\n      - uid: high-errors\n        title: High errors\n        data:\n          - refId: A\n            datasourceUid: prom\n            model: { expr: up }\n';
  const alerting = join(root, 'grafana/provisioning/alerting/rules.yml');
  assert.equal(service.fileKind(doc(alerting, text)), 'grafanaProvisioning');
  assert.deepEqual(check(text, alerting), ['8:9-12 error schema/missing-key Missing required key "condition".']);
});

test('bad input: garbage and a wrong root give positioned problems', () => {
  assert.ok(check('apiVersion: 1\ndatasources: [\n  - {name: ').some((p) => / error yaml\//.test(p) || / error /.test(p)));
  assert.deepEqual(check('apiVersion: 1\ndatasources: 42\n'), ['2:14-16 error schema/wrong-type Expected a list, found a number.']);
});
