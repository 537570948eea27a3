import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProjectConfig } from '../../server/src/core/projectConfig';
import { detectFileKind } from '../../server/src/core/fileKind';
import { parseYaml } from '../../server/src/core/syntax/parseYaml';

test('.o11y.yaml sets versions, associations, lint levels, ignores and connections', async () => {
  const { settings, warnings } = parseProjectConfig(`
versions:
  prometheus: "2.42"
files:
  "deploy/*.yaml": prometheusConfig
  "x/*.yml": nonsense
lints:
  prometheus/rule-files-no-match: off
  schema/*: warning
  bad/level: loud
ignore:
  - path: "legacy/**"
  - path: "grafana/**"
    codes: [grafana/unused-variable]
connections:
  prometheus:
    - name: local
      url: http://localhost:9090
      default: true
`);
  assert.equal(settings.versions.prometheus, '2.42');
  assert.deepEqual(settings.fileAssociations, { 'deploy/*.yaml': 'prometheusConfig' });
  assert.deepEqual(settings.lints, { 'prometheus/rule-files-no-match': 'off', 'schema/*': 'warning' });
  assert.deepEqual(settings.ignore, [{ path: 'legacy/**', codes: undefined }, { path: 'grafana/**', codes: ['grafana/unused-variable'] }]);
  assert.deepEqual(settings.connections.prometheus, [{ name: 'local', url: 'http://localhost:9090', default: true }]);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0], /unknown file kind "nonsense"/);
  assert.match(warnings[1], /lint level for "bad\/level"/);
});

test('a broken .o11y.yaml falls back to defaults with a warning', async () => {
  const { settings, warnings } = parseProjectConfig('versions: [\n');
  assert.equal(settings.versions.prometheus, '3.14');
  assert.match(warnings[0], /syntax errors/);
});

test('file kinds come from associations, then strong content, then names, then content', async () => {
  const kind = (path: string, text: string, assoc = {}) => detectFileKind(path, parseYaml(text), assoc);
  assert.equal(kind('prometheus.yml', 'global: {}'), 'prometheusConfig');
  assert.equal(kind('prometheus.rules.yml', 'groups: []'), 'rules');
  assert.equal(kind('deploy/prom.yaml', 'scrape_configs: []'), 'prometheusConfig');
  assert.equal(kind('alertmanager.yml', ''), 'alertmanagerConfig');
  assert.equal(kind('tests.yml', 'rule_files: [a.yml]\ntests: []'), 'ruleTests');
  assert.equal(kind('k8s.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n'), 'rules');
  assert.equal(kind('ds.yaml', 'apiVersion: 1\ndatasources: []'), 'grafanaProvisioning');
  assert.equal(kind('random.yaml', 'foo: bar'), 'unknown');
  assert.equal(kind('deploy/x.yaml', 'foo: bar', { 'deploy/*.yaml': 'prometheusConfig' }), 'prometheusConfig');
});

test('.o11y.yaml itself is validated, with completion', async () => {
  const { workspace, problemsOf, doc } = await import('../helpers/service');
  const { root, service } = workspace();
  const file = root + '/.o11y.yaml';
  assert.deepEqual(problemsOf(service, file, 'versions:\n  prometheus: two\nlints:\n  Bad Code: off\nfiles:\n  "*.yml": dashboard\n'), [
    '2:15-18 error schema/pattern "two" is not a version: write it like 2.53 or 3.1.0.',
    '4:3-11 error schema/invalid-key "Bad Code" is not a diagnostic code: write area/rule-name or area/*.',
    '6:12-21 error schema/invalid-value The string "dashboard" is not allowed here; expected one of: prometheusConfig, rules, ruleTests, alertmanagerConfig, grafanaDashboard, grafanaProvisioning, notificationTemplates, unknown.',
  ]);
  const labels = (await service.complete(doc(file, ''), { line: 0, character: 0 })).map((i) => i.label).sort();
  assert.deepEqual(labels, ['connections', 'features', 'files', 'ignore', 'lints', 'versions']);
});

test('.o11y.yaml features switch on what Prometheus --enable-feature switches on', () => {
  const { settings, warnings } = parseProjectConfig('features: [promql-experimental-functions, promql-duration-expr, bogus]\n');
  assert.deepEqual(settings.promqlFeatures, { experimentalFunctions: true, durationExpressions: true });
  assert.match(warnings[0], /unknown feature "bogus"/);
});
