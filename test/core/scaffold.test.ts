// The scaffold generator (server/src/core/scaffold): option validation, the files of the minimal, full and Kubernetes
// stacks, and their proof in-process: our own checks find nothing, every alert has a unit test, the compose file and
// the Loki configuration validate against schemas/compose-spec.schema.json and schemas/loki-config.schema.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';
import {
  checkStack,
  defaultOptions,
  fullOptions,
  generateStack,
  InvalidOptionsError,
  unsafePathReason,
  validateOptions,
  type ScaffoldOptions,
} from '../../server/src/core/scaffold/index';

const minimal: ScaffoldOptions = { ...defaultOptions(), components: ['prometheus'], channels: [] };
const sets: [string, ScaffoldOptions][] = [
  ['minimal', minimal],
  ['default', defaultOptions()],
  ['full', fullOptions()],
  ['kubernetes', fullOptions('kubernetes')],
];

const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;

test('the default and full options are valid; bad ones are rejected field by field with clear messages', () => {
  for (const [, o] of sets) {
    assert.deepEqual(validateOptions(o), []);
  }
  const bad: ScaffoldOptions = {
    ...defaultOptions(),
    components: ['prometheus', 'alertmanager', 'grafana', 'promtail', 'nginx' as never],
    channels: ['slack', 'teams' as never],
    targets: [
      { name: '../etc', address: 'api:8000', metricsPath: '/metrics' },
      { name: '/abs', address: 'api', metricsPath: '/../../secret' },
      { name: 'Api!', address: 'bad host:80', metricsPath: 'metrics' },
      { name: 'grafana', address: 'api:70000', metricsPath: '/m e' },
    ],
    probes: ['ftp://x', 'https://u:p@example.com'],
    retention: '15 days',
    ports: { prometheus: 9090, alertmanager: 9090, grafana: 0, pushgateway: 9091 },
  };
  assert.deepEqual(
    validateOptions(bad).map((p) => `${p.field}: ${p.message}`),
    [
      'components: unknown component "nginx"; choose from prometheus, alertmanager, grafana, loki, promtail, alloy, node-exporter, cadvisor, blackbox-exporter, pushgateway, postgres-exporter, redis-exporter, mysqld-exporter',
      'components: promtail ships logs to Loki: add the loki component',
      'channels: unknown channel "teams"; use slack, email, pagerduty, webhook',
      'targets[0].name: target name "../etc" looks like a path; use letters, digits, "-" and "_" only',
      'targets[1].name: target name "/abs" looks like a path; use letters, digits, "-" and "_" only',
      'targets[1].address: address "api" must be host:port, e.g. api:8000',
      'targets[1].metricsPath: metrics path "/../../secret" must not contain "." or ".." segments',
      'targets[2].name: target name "Api!" must start with a lower-case letter and hold only lower-case letters, digits, "-" and "_" (at most 63)',
      'targets[2].address: host "bad host" of "bad host:80" is not a host name or IP address',
      'targets[2].metricsPath: metrics path "metrics" must start with "/", e.g. /metrics',
      'targets[3].name: "grafana" is already the name of a component; pick another',
      'targets[3].address: port 70000 of "api:70000" is outside 1-65535',
      'targets[3].metricsPath: metrics path "/m e" has unusual characters in "m e"; use letters, digits, ".", "-", "_" and "~"',
      'probes[0]: probe "ftp://x" must be an http:// or https:// URL',
      'probes[1]: probe "https://u:p@example.com" carries credentials; they would end up in prometheus.yml',
      'probes: probing URLs needs the blackbox-exporter component',
      'retention: retention "15 days" is not a duration such as 15d, 12h or 1y',
      'ports.alertmanager: port 9090 is already used by prometheus',
      'ports.grafana: port 0 of grafana is not a whole number in 1-65535',
    ],
  );
  assert.throws(() => generateStack(bad), InvalidOptionsError);
  assert.deepEqual(validateOptions({ ...defaultOptions(), components: ['grafana'], channels: [] }), [
    { field: 'components', message: 'prometheus is required: every other part of the stack hangs on it' },
  ]);
});

test('unsafe relative paths are named with the reason', () => {
  assert.equal(unsafePathReason('prometheus/rules/node.yml'), undefined);
  assert.equal(unsafePathReason('.env.example'), undefined);
  assert.match(unsafePathReason('../x.yml')!, /climbs out/);
  assert.match(unsafePathReason('a/../../x')!, /climbs out/);
  assert.match(unsafePathReason('/etc/passwd')!, /absolute/);
  assert.match(unsafePathReason('C:/x')!, /absolute/);
  assert.match(unsafePathReason('a\\b')!, /backslash/);
  assert.match(unsafePathReason('a/ b/c')!, /unusual segment " b"/);
  assert.match(unsafePathReason('a/./b')!, /unusual segment "."/);
});

test('generation is deterministic and every path is a safe relative path', () => {
  for (const [, o] of sets) {
    const a = generateStack(o);
    assert.deepEqual([...generateStack(o)], [...a]);
    for (const path of a.keys()) {
      assert.equal(unsafePathReason(path), undefined, path);
    }
  }
});

test('the minimal stack is Prometheus watching itself, with its tests, README and settings', () => {
  assert.deepEqual([...generateStack(minimal).keys()], [
    '.env.example',
    '.gitignore',
    '.o11y.yaml',
    'docker-compose.yml',
    'prometheus/prometheus.yml',
    'prometheus/rules/prometheus.yml',
    'prometheus/tests/prometheus-test.yml',
    'README.md',
  ]);
});

for (const [name, o] of sets) {
  test(`${name} stack: our own checks report no error and no warning`, () => {
    const findings = checkStack(generateStack(o)).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(findings, []);
  });
}

test('checkStack does report a broken generated file (so the proofs above can fail)', () => {
  const files = generateStack(minimal);
  files.set('prometheus/rules/prometheus.yml', files.get('prometheus/rules/prometheus.yml')!.replace('expr: up == 0', 'expr: up ==== 0'));
  assert.ok(checkStack(files).some((f) => f.severity === 'error' && f.path === 'prometheus/rules/prometheus.yml'));
});

test('every alert of every rule file has a unit test, and every recording rule is read somewhere', () => {
  const files = generateStack(fullOptions());
  const dashboards = [...files].filter(([p]) => p.endsWith('.json')).map(([, t]) => t).join('\n');
  const rules = [...files].filter(([p]) => p.startsWith('prometheus/rules/'));
  assert.ok(rules.length >= 10);
  for (const [path, text] of rules) {
    const name = path.split('/').pop()!.replace(/\.yml$/, '');
    const groups = (parse(text) as { groups: { rules: { alert?: string; record?: string; expr: string }[] }[] }).groups;
    const all = groups.flatMap((g) => g.rules);
    const alerts = all.filter((r) => r.alert).map((r) => r.alert);
    const tests = parse(files.get(`prometheus/tests/${name}-test.yml`)!) as { tests: { alert_rule_test: { alertname: string }[] }[] };
    const tested = new Set(tests.tests.flatMap((t) => t.alert_rule_test.map((a) => a.alertname)));
    assert.deepEqual([...tested].sort(), [...alerts].sort(), path);
    for (const r of all.filter((x) => x.record)) {
      const readers = all.filter((x) => x.expr.includes(r.record!)).length + (dashboards.includes(r.record!) ? 1 : 0);
      assert.ok(readers > 0, `${r.record} of ${path} is read by nothing`);
    }
  }
});

test('secrets never appear in the files: Alertmanager reads files, Grafana needs a password from .env', () => {
  const files = generateStack(fullOptions());
  const am = parse(files.get('alertmanager/alertmanager.yml')!) as Record<string, unknown>;
  const text = JSON.stringify(am);
  for (const inline of ['"api_url"', '"slack_api_url"', '"routing_key"', '"smtp_auth_password"', '"credentials"', '"service_key"']) {
    assert.ok(!text.includes(inline), `alertmanager.yml sets ${inline} inline`);
  }
  assert.match(text, /"slack_api_url_file":"\/run\/secrets\/slack_webhook_url"/);
  const env = files.get('.env.example')!;
  assert.match(env, /^GRAFANA_ADMIN_PASSWORD=$/m);
  assert.match(env, /secrets\/pagerduty_routing_key/);
  assert.doesNotMatch([...files.values()].join('\n'), /admin\/admin|ADMIN_PASSWORD=admin|GF_SECURITY_ADMIN_PASSWORD: admin/);
  const k8s = generateStack(fullOptions('kubernetes')).get('alertmanager/alertmanager.yml')!;
  assert.match(k8s, /\/etc\/alertmanager\/secrets\/smtp_password/);
});

test('compose: pinned images, healthchecks, restart policies, one network, loopback ports only for UIs, read-only configs', () => {
  const compose = parse(generateStack(fullOptions()).get('docker-compose.yml')!) as {
    services: Record<string, { image: string; healthcheck: unknown; restart: string; networks: string[]; ports?: string[]; volumes?: string[] }>;
    networks: Record<string, unknown>;
    volumes: Record<string, unknown>;
  };
  assert.deepEqual(Object.keys(compose.networks), ['monitoring']);
  const published: string[] = [];
  for (const [name, s] of Object.entries(compose.services)) {
    assert.match(s.image, /:v?\d+\.\d+\.\d+(-alpine)?$/, `${name} image ${s.image} is not pinned`);
    assert.ok(s.healthcheck, `${name} has no healthcheck`);
    assert.equal(s.restart, 'unless-stopped');
    assert.deepEqual(s.networks, ['monitoring']);
    for (const p of s.ports ?? []) {
      assert.match(p, /^127\.0\.0\.1:\d+:\d+$/);
      published.push(name);
    }
    for (const v of (s.volumes ?? []).filter((v) => v.startsWith('./'))) {
      assert.match(v, /:ro$/, `${name} mounts ${v} writable`);
    }
  }
  assert.deepEqual(published.sort(), ['alertmanager', 'grafana', 'prometheus', 'pushgateway']);
  assert.deepEqual(Object.keys(compose.volumes).sort(), ['alertmanager-data', 'alloy-data', 'grafana-data', 'loki-data', 'prometheus-data']);
});

test('compose files validate against schemas/compose-spec.schema.json, which catches typos', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema('compose-spec.schema.json'));
  for (const [name, o] of sets.filter(([, o]) => o.flavour === 'compose')) {
    const compose = parse(generateStack(o).get('docker-compose.yml')!) as { services: Record<string, Record<string, unknown>> };
    assert.ok(validate(compose), `${name}: ${JSON.stringify(validate.errors)}`);
    compose.services.prometheus.healthcheck = { test: ['CMD', 'true'], intervall: '5s' };
    compose.services.prometheus.restart = 'sometimes';
    assert.ok(!validate(compose));
    assert.deepEqual(validate.errors!.map((e) => `${e.instancePath} ${e.message}`).sort(), [
      '/services/prometheus/healthcheck must NOT have additional properties',
      '/services/prometheus/restart must match pattern "^(no|always|unless-stopped|on-failure(:\\d+)?)$"',
    ]);
  }
});

test('the Loki configuration validates against schemas/loki-config.schema.json, which catches typos', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema('loki-config.schema.json'));
  const loki = parse(generateStack(fullOptions()).get('loki/loki.yml')!) as Record<string, Record<string, unknown>>;
  assert.ok(validate(loki), JSON.stringify(validate.errors));
  assert.equal(loki.limits_config.retention_period, '30d');
  loki.compactor.retention_enabeld = true;
  assert.ok(!validate(loki));
  assert.equal(validate.errors![0].instancePath, '/compactor');
});

test('dashboards are JSON on the provisioned data source and use the recording rules', () => {
  const files = generateStack(fullOptions());
  const names = [...files.keys()].filter((p) => p.startsWith('grafana/dashboards/')).sort();
  assert.deepEqual(names, [
    'grafana/dashboards/batch-jobs.json',
    'grafana/dashboards/containers.json',
    'grafana/dashboards/host.json',
    'grafana/dashboards/mysql.json',
    'grafana/dashboards/postgres.json',
    'grafana/dashboards/probes.json',
    'grafana/dashboards/redis.json',
    'grafana/dashboards/service-red.json',
    'grafana/dashboards/stack-overview.json',
  ]);
  const red = JSON.parse(files.get('grafana/dashboards/service-red.json')!) as { panels: { targets: { expr: string; datasource: { uid: string } }[] }[] };
  assert.ok(red.panels.every((p) => p.targets.every((t) => t.datasource.uid === 'prometheus' && /job:http_request/.test(t.expr))));
});

test('the Kubernetes flavour has ConfigMaps and PrometheusRules instead of docker-compose.yml', () => {
  const files = generateStack(fullOptions('kubernetes'));
  assert.ok(!files.has('docker-compose.yml'));
  const cm = parse(files.get('kubernetes/configmap-prometheus-config.yaml')!) as { kind: string; data: Record<string, string> };
  assert.equal(cm.kind, 'ConfigMap');
  assert.equal(cm.data['prometheus.yml'], files.get('prometheus/prometheus.yml'));
  const rule = parse(files.get('kubernetes/rules/node.yaml')!) as { kind: string; spec: { groups: unknown } };
  assert.equal(rule.kind, 'PrometheusRule');
  assert.deepEqual(rule.spec.groups, (parse(files.get('prometheus/rules/node.yml')!) as { groups: unknown }).groups);
});
