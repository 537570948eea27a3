import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { problemsOf, workspace } from '../helpers/service';

const { root, service } = workspace({ 'rules/a.yml': 'groups: []\n' });
const file = join(root, 'prometheus.yml');
const check = (text: string): string[] => problemsOf(service, file, text);

test('a realistic config has no problems', () => {
  assert.deepEqual(
    check(`global:
  scrape_interval: 1m30s
  external_labels: { cluster: prod }
rule_files: [rules/*.yml]
scrape_configs:
  - job_name: api
    static_configs:
      - targets: ['api:8000']
        labels: { env: prod }
    relabel_configs:
      - source_labels: [__address__]
        regex: '(.*):\\d+'
        target_label: host
`),
    [],
  );
});

test('unknown keys are reported on the key, with a suggestion', () => {
  assert.deepEqual(check('global:\n  scrape_intervall: 15s\n'), ['2:3-19 error schema/unknown-key Unknown key "scrape_intervall". Did you mean "scrape_interval"?']);
});

test('wrong types and bad durations are reported on the value', () => {
  assert.deepEqual(check('global:\n  scrape_interval: 15x\n  external_labels: [a]\n'), [
    '2:20-23 error schema/invalid-duration "15x" is not a valid duration: write whole numbers with units in order y, w, d, h, m, s, ms (e.g. 30s, 1m30s, 2h).',
    '3:20-23 error schema/wrong-type Expected a mapping (key: value pairs), found a list.',
  ]);
});

test('missing required keys are reported on the item', () => {
  assert.deepEqual(check('scrape_configs:\n  - static_configs: [{targets: [a:1]}]\n'), [
    '2:5-19 error schema/missing-key Missing required key "job_name".',
  ]);
});

test('duplicate job names and scrape timeouts longer than the interval', () => {
  assert.deepEqual(
    check('global:\n  scrape_interval: 5s\n  scrape_timeout: 10s\nscrape_configs:\n  - job_name: a\n  - job_name: a\n    scrape_interval: 10s\n    scrape_timeout: 20s\n'),
    [
      '3:19-22 error prometheus/scrape-timeout-too-long global scrape timeout greater than scrape interval',
      '6:15-16 error prometheus/duplicate-job-name found multiple scrape configs with job name "a"',
      '8:21-24 error prometheus/scrape-timeout-too-long scrape timeout greater than scrape interval for scrape config with job name "a"',
    ],
  );
});

test('label names follow the target version: legacy before 3.0, UTF-8 after', () => {
  const old = workspace({}, { versions: { prometheus: '2.42' } });
  const text = 'global:\n  external_labels:\n    bad-name: x\n';
  assert.deepEqual(problemsOf(old.service, join(old.root, 'prometheus.yml'), text), [
    '3:5-13 error schema/invalid-key "bad-name" is not a valid label name: use letters, digits and underscores, not starting with a digit.',
  ]);
  assert.deepEqual(check(text), []);
});

test('invalid regexes and relabel rules', () => {
  assert.deepEqual(
    check(`scrape_configs:
  - job_name: a
    relabel_configs:
      - regex: '(unclosed'
        target_label: x
      - action: hashmod
        target_label: shard
      - action: labeldrop
        regex: tmp
        target_label: y
`),
    [
      '4:16-27 error schema/invalid-regex Invalid regular expression "(unclosed": unterminated group.',
      '6:17-24 error prometheus/invalid-relabel-config relabel configuration for hashmod requires non-zero modulus',
      '8:17-26 error prometheus/invalid-relabel-config labeldrop action requires only \'regex\', and no other fields',
    ],
  );
});

test('mutually exclusive options', () => {
  assert.deepEqual(
    check('scrape_configs:\n  - job_name: a\n    basic_auth: { username: u, password: p, password_file: /f }\n    authorization: { credentials: c }\n'),
    [
      '3:45-58 error schema/mutually-exclusive "password_file" cannot be used together with "password": set only one of them.',
      '4:5-18 error schema/mutually-exclusive "authorization" cannot be used together with "basic_auth": set only one of them.',
    ],
  );
});

test('rule_files globs that match nothing are a warning', () => {
  assert.deepEqual(check('rule_files:\n  - rules/*.yml\n  - alerts/*.yml\n'), [
    `3:5-17 warning prometheus/rule-files-no-match "alerts/*.yml" matches no file (relative to ${root.split('/').pop()}/).`,
  ]);
});

test('targets written as URLs: an error without relabelling (as Prometheus), a warning when nothing rewrites the address', () => {
  assert.deepEqual(check("scrape_configs:\n  - job_name: a\n    static_configs: [{targets: ['http://a:80/metrics']}]\n"), [
    '3:33-54 error prometheus/invalid-target "http://a:80/metrics" is not a valid hostname: a target is host:port; set `scheme` and `metrics_path` on the job instead.',
  ]);
  assert.deepEqual(check("scrape_configs:\n  - job_name: a\n    static_configs: [{targets: ['a/b']}]\n    relabel_configs: [{target_label: env, replacement: x}]\n"), [
    '3:33-38 warning prometheus/target-not-host-port "a/b" is not a host:port address, and no relabel rule rewrites __address__.',
  ]);
  assert.deepEqual(
    check("scrape_configs:\n  - job_name: a\n    static_configs: [{targets: ['http://a']}]\n    relabel_configs: [{target_label: __address__, replacement: 'bb:9115'}]\n"),
    [],
  );
});

test('files promtool opens: explicit rule files must exist, secrets and certificates are checked', () => {
  assert.deepEqual(
    check('rule_files: [rules/a.yml, rules/missing.yml]\nscrape_configs:\n  - job_name: a\n    authorization: { credentials_file: secrets/token }\n    tls_config: { cert_file: rules/a.yml, key_file: nope.key }\n'),
    [
      '1:27-44 error prometheus/rule-files-not-found "rules/missing.yml" does not point to an existing file.',
      `4:40-53 warning prometheus/file-not-found "secrets/token" does not exist (relative to ${root.split('/').pop()}/).`,
      `5:53-61 warning prometheus/file-not-found "nope.key" does not exist (relative to ${root.split('/').pop()}/).`,
    ],
  );
});

test('reserved remote headers, unusual schemes, and Alertmanager API v1 removed in 3.0', () => {
  assert.deepEqual(
    check('remote_write:\n  - url: http://m/api/v1/push\n    headers: { Authorization: x, User-Agent: y, X-Scope-OrgID: t }\nscrape_configs:\n  - job_name: a\n    scheme: ftp\nalerting:\n  alertmanagers:\n    - api_version: v1\n'),
    [
      "3:16-29 error prometheus/reserved-header authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter",
      '3:34-44 error prometheus/reserved-header User-Agent is a reserved header. It must not be changed',
      '6:13-16 warning prometheus/unknown-scheme Scheme "ftp" cannot work: Prometheus scrapes over http or https.',
      '9:20-22 error version/removed "v1" was removed in Prometheus 3.0 (the target version is 3.14).',
    ],
  );
});

test('YAML syntax errors are reported and the valid parts are still checked', () => {
  const out = check('global:\n  scrape_interval: 15x\nscrape_configs:\n  - job_name: [\n');
  assert.ok(out.some((l) => l.includes('schema/invalid-duration')), out.join('\n'));
  assert.ok(out.some((l) => / error yaml\//.test(l)), out.join('\n'));
});

test('anchors, aliases and merge keys are validated after resolution, at the source', () => {
  const out = check(`x-common: &common
  scrape_interval: 15x
scrape_configs:
  - job_name: a
    <<: *common
`);
  assert.ok(out.includes('1:1-9 error schema/unknown-key Unknown key "x-common".'), out.join('\n'));
  assert.equal(out.filter((l) => l.startsWith('2:20-23 error schema/invalid-duration')).length, 1, out.join('\n'));
});

test('multi-document files: each document is checked, errors land in the right one', () => {
  assert.deepEqual(check('global:\n  scrape_interval: 15s\n---\nglobal:\n  scrape_interval: 15x\n'), [
    '5:20-23 error schema/invalid-duration "15x" is not a valid duration: write whole numbers with units in order y, w, d, h, m, s, ms (e.g. 30s, 1m30s, 2h).',
  ]);
});

test('Go decodes any scalar into a string field, and null as the zero value', () => {
  assert.deepEqual(check('scrape_configs:\n  - job_name: 123\n    metrics_path:\n    relabel_configs: [{target_label: y, source_labels: [a]}]\n'), []);
  assert.deepEqual(check('global:\n  scrape_interval: 15\n'), [
    '2:20-22 error schema/invalid-duration "15" is not a valid duration: write whole numbers with units in order y, w, d, h, m, s, ms (e.g. 30s, 1m30s, 2h).',
  ]);
});

test('deprecated fields warn and offer a rename; fields newer than the target are errors', () => {
  const old = workspace({}, { versions: { prometheus: '2.42' } });
  const text = 'scrape_configs:\n  - job_name: a\n    scrape_classic_histograms: true\n    keep_dropped_targets: 5\n';
  assert.deepEqual(problemsOf(old.service, join(old.root, 'prometheus.yml'), text), [
    '3:5-30 error version/too-new "scrape_classic_histograms" needs Prometheus ≥ 2.45 (the target version is 2.42).',
    '4:5-25 error version/too-new "keep_dropped_targets" needs Prometheus ≥ 2.47 (the target version is 2.42).',
  ]);
  const result = service.check({ uri: 'file://' + file, version: 1, getText: () => text });
  const deprecated = result.problems.find((p) => p.code === 'schema/deprecated');
  assert.match(deprecated?.message ?? '', /^"scrape_classic_histograms" is deprecated: /);
  assert.deepEqual(deprecated?.fix, { title: 'Rename to "always_scrape_classic_histograms"', replacement: 'always_scrape_classic_histograms' });
});

test('a misspelt key offers the close match as a quick fix', () => {
  const p = service.check({ uri: 'file://' + file, version: 1, getText: () => 'global:\n  scrape_intervall: 15s\n' }).problems[0];
  assert.deepEqual(p.fix, { title: 'Change to "scrape_interval"', replacement: 'scrape_interval' });
});

test('checks reach Kubernetes discovery files, nested TLS configs and every relabel list of a job', () => {
  assert.deepEqual(
    check(`scrape_configs:
  - job_name: k
    kubernetes_sd_configs:
      - role: pod
        api_server: https://k8s
        authorization: { credentials_file: secrets/sd-token }
        tls_config: { cert_file: rules/a.yml }
    oauth2:
      client_id: x
      token_url: https://auth/token
      tls_config: { key_file: rules/a.yml }
    metric_relabel_configs:
      - action: keepequal
        target_label: a
        separator: ','
      - action: labelkeep
        regex: keep_.*
        replacement: x
`),
    [
      `6:44-60 warning prometheus/file-not-found "secrets/sd-token" does not exist (relative to ${root.split('/').pop()}/).`,
      '7:23-32 error prometheus/tls-missing-key exactly one of key or key_file must be configured when a client certificate is configured',
      '11:21-29 error prometheus/tls-missing-cert exactly one of cert or cert_file must be configured when a client key is configured',
      "13:17-26 error prometheus/invalid-relabel-config keepequal action requires only 'source_labels' and `target_label`, and no other fields",
      "16:17-26 error prometheus/invalid-relabel-config labelkeep action requires only 'regex', and no other fields",
    ],
  );
});
