import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateRuleFile } from '../../bench/generate';
import type { LanguageService } from '../../server/src/core/languageService';
import { parseProjectConfig } from '../../server/src/core/projectConfig';
import { problemsOf, workspace } from '../helpers/service';

/** The codes of these lints. */
const OURS = / rules\/(missing-severity|missing-summary|missing-description|for-shorter-than-interval|alert-without-condition|absent-without-for|interval-over-staleness|record-name-convention|expr-not-vector|invalid-label-name) /;

/** Problems of a rules file: these lints' and the schema's (other rule checks have their own tests). */
const problems = (service: LanguageService, path: string, text: string): string[] =>
  problemsOf(service, path, text).filter((l) => OURS.test(l) || l.split(' ')[2].startsWith('schema/'));
const { root, service } = workspace();
const check = (text: string, name = 'rules.yml'): string[] => problems(service, join(root, name), text);
/** Only the problems with the given code, without the message when `short`. */
const only = (lines: string[], code: string, short = true): string[] =>
  lines.filter((l) => l.split(' ')[2] === code).map((l) => (short ? l.split(' ').slice(0, 3).join(' ') : l));

/** One alerting rule with everything the conventions ask for, plus `extra` lines. */
function alertFile(expr: string, extra = ''): string {
  return `groups:
  - name: g
    rules:
      - alert: Example
        expr: ${expr}
${extra}        labels:
          severity: warning
        annotations:
          summary: s
          description: d
`;
}

test('alerts without a severity label, a summary or a description', () => {
  const text = `groups:
  - name: g
    rules:
      - alert: NoMetadata
        expr: up == 0
      - alert: Partial
        expr: up == 0
        labels:
          team: db
        annotations:
          summary: "   "
          description: d
      - record: job:up:sum
        expr: sum by (job) (up)
`;
  assert.deepEqual(
    check(text).filter((l) => l.includes('rules/missing-')),
    [
      '4:16-26 info rules/missing-description Alert "NoMetadata" has no description annotation: tell whoever is notified what is wrong and what to look at.',
      '4:16-26 warning rules/missing-severity Alert "NoMetadata" has no severity label: Alertmanager routes and silences usually select on it (e.g. severity: critical, or warning).',
      '4:16-26 info rules/missing-summary Alert "NoMetadata" has no summary annotation: the one line that notifications show about the problem.',
      '8:9-15 warning rules/missing-severity Alert "Partial" has no severity label: Alertmanager routes and silences usually select on it (e.g. severity: critical, or warning).',
      '10:9-20 info rules/missing-summary Alert "Partial" has no summary annotation: the one line that notifications show about the problem.',
    ],
  );
});

test('a severity set by the group counts: Prometheus 3 group labels and PrometheusRule group labels', () => {
  const annotations = '        annotations: { summary: s, description: d }\n';
  const plain = `groups:\n  - name: g\n    labels:\n      severity: page\n    rules:\n      - alert: Down\n        expr: up == 0\n${annotations}`;
  assert.deepEqual(check(plain), []);
  const crd = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: x }\nspec:\n  groups:\n    - name: g\n      labels: { severity: page }\n      rules:\n        - alert: Down\n          expr: up == 0\n  ${annotations}`;
  assert.deepEqual(check(crd, 'k8s.yaml'), []);
  const unset = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: x }\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: Down\n          expr: up == 0\n  ${annotations}`;
  assert.deepEqual(only(check(unset, 'k8s.yaml'), 'rules/missing-severity'), ['8:18-22 warning rules/missing-severity']);
});

test('.o11y.yaml lints: re-levels or switches off the convention checks', () => {
  const { settings, warnings } = parseProjectConfig('lints:\n  rules/missing-severity: error\n  rules/missing-summary: off\n  rules/missing-description: hint\n');
  assert.deepEqual(warnings, []);
  const configured = workspace({}, settings);
  const text = 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n';
  assert.deepEqual(
    problems(configured.service, join(configured.root, 'rules.yml'), text).map((l) => l.split(' ').slice(0, 3).join(' ')),
    ['4:16-20 hint rules/missing-description', '4:16-20 error rules/missing-severity'],
  );
});

test('for shorter than the evaluation interval: group interval, then the workspace configuration, then 1m', () => {
  const group = (interval: string, forValue: string): string =>
    alertFile('up == 0', forValue ? `        for: ${forValue}\n` : '').replace('  - name: g\n', `  - name: g\n${interval ? `    interval: ${interval}\n` : ''}`);
  assert.deepEqual(only(check(group('2m', '1m')), 'rules/for-shorter-than-interval', false), [
    '7:14-16 warning rules/for-shorter-than-interval "for: 1m" is shorter than the evaluation interval (2m, the group\'s interval): the alert is checked only every 2m, so it fires one interval after it starts pending, as with "for: 2m". Write "for: 2m" or more, or leave "for" out to fire on the first evaluation.',
  ]);
  assert.match(only(check(group('', '30s')), 'rules/for-shorter-than-interval', false)[0], /^6:14-17 .*\(1m, Prometheus's default evaluation_interval\)/);
  for (const [interval, forValue] of [['', '0s'], ['', ''], ['', '1m'], ['30s', '30s'], ['2m', '5m']]) {
    assert.deepEqual(only(check(group(interval, forValue)), 'rules/for-shorter-than-interval'), [], `interval ${interval}, for ${forValue}`);
  }
  const ws = workspace();
  // Only evaluation_interval set: the file must still be indexed (scrape_interval defaults to 1m).
  ws.service.indexFile(join(ws.root, 'prometheus.yml'), 'global:\n  evaluation_interval: 15s\n');
  assert.equal(ws.service.metrics.evaluationInterval(), 15);
  assert.equal(ws.service.metrics.scrapeInterval(), 60);
  const lines = problems(ws.service, join(ws.root, 'rules.yml'), group('', '10s'));
  assert.match(only(lines, 'rules/for-shorter-than-interval', false)[0], /\(15s, evaluation_interval of the workspace's Prometheus configuration\)/);
  assert.deepEqual(only(problems(ws.service, join(ws.root, 'rules.yml'), group('', '30s')), 'rules/for-shorter-than-interval'), []);
  ws.service.forgetFile(join(ws.root, 'prometheus.yml'));
  assert.equal(ws.service.metrics.evaluationInterval(), undefined);
});

test('alert expressions without a condition fire for every series; vector(1) heartbeats are deliberate', () => {
  const warns = (expr: string): boolean => only(check(alertFile(expr)), 'rules/alert-without-condition').length > 0;
  for (const expr of [
    'up',
    'rate(http_requests_total[5m])',
    'sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m]))',
    'up == bool 0',
    'topk(3, rate(x[5m]))',
    '(up == 0) or up',
    'max_over_time(up[10m])',
    'label_replace(up, "a", "$1", "job", "(.*)")',
    'scalar(up)',
  ]) {
    assert.ok(warns(expr), `should warn: ${expr}`);
  }
  for (const expr of [
    'up == 0',
    '0 < up',
    'rate(x[5m]) > 1 or rate(y[5m]) > 1',
    'up and on (job) foo',
    'up unless on (job) foo',
    'absent(up{job="x"})',
    'absent_over_time(up{job="x"}[10m])',
    'sum by (job) (up == 0)',
    'max_over_time((up == 0)[10m:1m])',
    '(up == 0) * 100',
    'count by (job) (ALERTS{alertstate="firing"})',
    'count_over_time(ALERTS{alertname="Down"}[1h])',
    'vector(1)',
    '1',
    'label_replace(vector(1), "a", "b", "", "")',
  ]) {
    assert.ok(!warns(expr), `should not warn: ${expr}`);
  }
  assert.deepEqual(only(check(alertFile('"sum(rate(x[5m]))"'), 'rules.yml'), 'rules/alert-without-condition', false), [
    '5:16-32 warning rules/alert-without-condition This alert has no condition: its expression returns every series it finds, so the alert fires for each of them whenever they exist. Compare the value with a threshold (e.g. "> 0.9", without "bool"), or keep only some series with "and"/"unless".',
  ]);
  // Invalid PromQL is the PromQL checks' to report, not this lint's.
  assert.deepEqual(only(check(alertFile('rate(up)')), 'rules/alert-without-condition'), []);
});

test('absent() alerts need a for of twice the scrape interval', () => {
  assert.deepEqual(only(check(alertFile('absent(up{job="api"})')), 'rules/absent-without-for', false), [
    '5:15-21 warning rules/absent-without-for Without "for", absent() is true for a moment although the series is fine (right after Prometheus starts, or when a scrape is late), so this alert needs "for: 2m" or more: twice the default scrape interval of 1m.',
  ]);
  assert.deepEqual(only(check(alertFile('absent_over_time(up{job="api"}[5m])', '        for: 1m\n')), 'rules/absent-without-for', false), [
    '6:14-16 warning rules/absent-without-for "for: 1m" is too short: absent_over_time() is true for a moment although the series is fine (right after Prometheus starts, or when a scrape is late), so this alert needs "for: 2m" or more: twice the default scrape interval of 1m.',
  ]);
  assert.deepEqual(only(check(alertFile('absent(up{job="api"})', '        for: 2m\n')), 'rules/absent-without-for'), []);
  const ws = workspace();
  ws.service.indexFile(join(ws.root, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\n');
  const at = (forValue: string): string[] =>
    only(problems(ws.service, join(ws.root, 'rules.yml'), alertFile('up == 1 unless absent(up)', `        for: ${forValue}\n`)), 'rules/absent-without-for', false);
  assert.match(at('15s')[0], /needs "for: 30s" or more: twice the scrape interval of 15s\.$/);
  assert.deepEqual(at('30s'), []);
});

test('a group interval over 5m leaves gaps in what it records', () => {
  const text = (interval: string): string => `groups:\n  - name: g\n    interval: ${interval}\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n`;
  assert.deepEqual(check(text('10m')), [
    "3:15-18 warning rules/interval-over-staleness Rules evaluated every 10m write a sample only every 10m, but PromQL looks back at most 5m (the default lookback delta) for a series' latest sample: for the rest of each interval this group's results are missing from queries, so graphs show gaps and rules that read them see nothing. Use 5m or less.",
  ]);
  assert.deepEqual(check(text('5m')), []);
  assert.deepEqual(check(text('1h30m')).map((l) => l.split(' ').slice(0, 3).join(' ')), ['3:15-20 warning rules/interval-over-staleness']);
});

test('recording rule names: level:metric:operations is the convention', () => {
  const names = (version: string, ...list: string[]): string[] => {
    const ws = workspace({}, { versions: { prometheus: version } });
    const text = 'groups:\n  - name: g\n    rules:\n' + list.map((n) => `      - record: ${JSON.stringify(n)}\n        expr: sum(up)\n`).join('');
    return problems(ws.service, join(ws.root, 'rules.yml'), text).map((l) => l.split(' ').slice(0, 3).join(' '));
  };
  assert.deepEqual(names('3.5', 'job:up:sum', ':node_memory_MemAvailable_bytes:sum', 'cluster:node_cpu:ratio_rate5m', 'a:b:c:d'), []);
  assert.deepEqual(names('3.5', 'up_total_sum', 'job:up', 'job::sum', 'job:up:', 'my.metric'), [
    '4:17-31 info rules/record-name-convention',
    '6:17-25 info rules/record-name-convention',
    '8:17-27 info rules/record-name-convention',
    '10:17-26 info rules/record-name-convention',
    '12:17-28 info rules/record-name-convention',
  ]);
  // An invalid name gets the schema's error only.
  assert.deepEqual(names('2.42', 'bad-name'), ['4:17-27 error schema/invalid-metric-name']);
  const message = check('groups:\n  - name: g\n    rules:\n      - record: errors\n        expr: sum(up)\n');
  assert.deepEqual(message, [
    '4:17-23 info rules/record-name-convention Recording rule names conventionally read level:metric:operations (e.g. job:http_requests:rate5m for sum by (job) (rate(http_requests_total[5m]))), so readers see where a series comes from.',
  ]);
});

test('invalid label names and expressions that are not vectors', () => {
  const ws = workspace({}, { versions: { prometheus: '2.42' } });
  const text = `groups:
  - name: g
    rules:
      - record: job:a:sum
        expr: '"text"'
        labels:
          0bad: x
          __name__: y
      - record: job:b:sum
        expr: up[5m]
      - record: job:c:sum
        expr: 1 + 2
`;
  assert.deepEqual(problems(ws.service, join(ws.root, 'rules.yml'), text), [
    `5:16-22 warning rules/expr-not-vector A rule's expression must give an instant vector (or a scalar, which becomes one series without labels), but this gives a string: Prometheus loads the rule, then every evaluation fails with "rule result is not a vector or scalar".`,
    '7:11-15 error schema/invalid-key "0bad" is not a valid label name: use letters, digits and underscores, not starting with a digit.',
    '8:11-19 error rules/invalid-label-name invalid label name: __name__ (labels of a rule cannot set the metric name)',
    `10:15-21 warning rules/expr-not-vector A rule's expression must give an instant vector (or a scalar, which becomes one series without labels), but this gives a range vector: Prometheus loads the rule, then every evaluation fails with "rule result is not a vector or scalar".`,
  ]);
  const group = 'groups:\n  - name: g\n    labels:\n      __name__: x\n    rules:\n      - record: job:a:sum\n        expr: sum(up)\n';
  assert.deepEqual(check(group), ['4:7-15 error rules/invalid-label-name invalid label name: __name__ (labels of a rule cannot set the metric name)']);
});

test('bad input: odd shapes get schema errors and no lint crashes', () => {
  const text = `groups:
  - name: g
    interval: soon
    labels: 7
    rules:
      - null
      - 3
      - alert:
        expr: { a: 1 }
        for: [1]
        labels: text
        annotations: 5
      - alert: X
        expr: "up >"
        for: 1x
`;
  const lines = check(text);
  assert.ok(lines.some((l) => l.includes(' error ')), lines.join('\n'));
  assert.deepEqual(lines.filter((l) => OURS.test(l) && !l.includes('rules/missing-')), []);
  assert.deepEqual(only(lines, 'rules/missing-severity'), ['11:9-15 warning rules/missing-severity', '13:16-17 warning rules/missing-severity']);
});

test('the benchmark rule file trips none of these lints', () => {
  assert.deepEqual(check(generateRuleFile(3, 6)).filter((l) => OURS.test(l)), []);
});
