import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { doc, workspace } from '../helpers/service';
import { exprFacts } from '../../server/src/core/workspace/exprFacts';
import type { IndexedFile, MetricUse } from '../../server/src/core/workspace/rules';

/** `text[from, to)` of each use, so offsets are checked against the text they point into. */
const spelled = (text: string, uses: { from: number; to: number }[]): string[] => uses.map((u) => text.slice(u.from, u.to));

test('expression facts: metric names with their spans, from the AST or, while invalid, from the tokens', () => {
  const valid = 'sum by (job) (rate(a_total[5m])) / on (job) group_left b:c + {__name__="d"} + {"e:f"} unless count(g offset 1h)';
  const facts = exprFacts(valid);
  assert.deepEqual(facts.uses.map((u) => u.metric), ['a_total', 'b:c', 'd', 'e:f', 'g']);
  assert.deepEqual(spelled(valid, facts.uses), ['a_total', 'b:c', 'd', 'e:f', 'g']);
  assert.equal(exprFacts('sum(rate(a_total[5m]))   by (job)').canonical, exprFacts('sum by(job)(rate(a_total[300s]))').canonical);
  const invalid = 'sum by (job) (rate(a_total{code="5"}[5m])) / b:c +';
  const partial = exprFacts(invalid);
  assert.equal(partial.canonical, undefined);
  assert.deepEqual(partial.uses.map((u) => u.metric), ['a_total', 'b:c']);
  assert.deepEqual(spelled(invalid, partial.uses), ['a_total', 'b:c']);
  const grafana = 'sum(rate(x_total{job="$job"}[$__rate_interval])) / ${ratio}_total';
  assert.deepEqual(exprFacts(grafana, 'dashboard').uses.map((u) => u.metric).slice(0, 1), ['x_total']);
  assert.deepEqual(spelled(grafana, exprFacts(grafana, 'dashboard').uses).slice(0, 1), ['x_total']);
});

const PLAIN = `groups:
  - name: api
    labels: { team: web }
    rules:
      - record: job:http_errors:rate5m
        expr: sum by (job) (rate(http_errors_total[5m]))
      - alert: HighErrors
        expr: |
          job:http_errors:rate5m
            > 1
        labels:
          severity: page
`;

const CRD = `apiVersion: v1
kind: ConfigMap
data: { expr: "not_a_rule" }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: db }
spec:
  groups:
    - name: db
      rules:
        - record: 'instance:db_conns:max'
          expr: "max by (instance) (db_connections)"
`;

test('the index keeps each rule with its file, kind, name range, group, expression, labels and metric uses', () => {
  const { root, service } = workspace();
  service.indexFile(join(root, 'rules/api.yml'), PLAIN);
  service.indexFile(join(root, 'rules/db.yaml'), CRD);
  const api = service.rules.file(join(root, 'rules/api.yml'))!;
  assert.deepEqual(
    api.rules.map((r) => [r.kind, r.name, PLAIN.slice(r.nameFrom, r.nameTo), r.group, r.expr.trim(), r.labels]),
    [
      ['record', 'job:http_errors:rate5m', 'job:http_errors:rate5m', 'api', 'sum by (job) (rate(http_errors_total[5m]))', { team: 'web' }],
      ['alert', 'HighErrors', 'HighErrors', 'api', 'job:http_errors:rate5m\n  > 1', { team: 'web', severity: 'page' }],
    ],
  );
  assert.deepEqual(spelled(PLAIN, api.rules[1].uses), ['job:http_errors:rate5m']);
  assert.equal(api.rules[1].file, api);
  assert.equal(api.relPath, 'rules/api.yml');
  const db = service.rules.file(join(root, 'rules/db.yaml'))!;
  assert.deepEqual(db.rules.map((r) => [r.name, CRD.slice(r.nameFrom, r.nameTo), r.group]), [['instance:db_conns:max', 'instance:db_conns:max', 'db']]);
  assert.deepEqual(spelled(CRD, db.uses), ['db_connections'], 'the ConfigMap document holds no rules');
  assert.deepEqual(service.rules.recorders('job:http_errors:rate5m').map((r) => r.file.relPath), ['rules/api.yml']);
  assert.deepEqual(service.rules.users('job:http_errors:rate5m').map((u) => u.rule?.name), ['HighErrors']);
  assert.deepEqual(service.rules.users('db_connections').map((u) => u.rule?.name), ['instance:db_conns:max']);
});

test('rule tests and JSON dashboards contribute uses; other files nothing', () => {
  const { root, service } = workspace();
  const tests = 'rule_files: [rules.yml]\ntests:\n  - promql_expr_test:\n      - expr: job:x:sum > 0\n        eval_time: 1m\n';
  const dashboard = '{\n  "panels": [\n    { "targets": [ { "expr": "sum(rate(job:x:sum[$__rate_interval])) \\n / 2" } ] }\n  ]\n}\n';
  service.indexFile(join(root, 'tests.yml'), tests);
  service.indexFile(join(root, 'dash/board.json'), dashboard);
  service.indexFile(join(root, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\n');
  service.indexFile(join(root, 'package.json'), '{ "name": "x", "scripts": { "expr": 1 } }');
  const uses = service.rules.users('job:x:sum');
  assert.deepEqual(uses.map((u) => [u.file.relPath, u.rule]), [['tests.yml', undefined], ['dash/board.json', undefined]]);
  assert.deepEqual(spelled(tests, [uses[0]]), ['job:x:sum']);
  assert.deepEqual(spelled(dashboard, [uses[1]]), ['job:x:sum']);
  assert.equal(service.rules.size, 2);
});

/** A rule file of the generated workspace: each records `level:metric_<i>:rate5m` and alerts on the previous file's. */
function ruleFile(i: number, extra = ''): string {
  return `groups:
  - name: g${i}
    rules:
      - record: job:metric_${i}:rate5m
        expr: sum by (job) (rate(metric_${i}_total[5m]))
      - alert: Metric${i}High
        expr: job:metric_${i > 0 ? i - 1 : 499}:rate5m > ${i}
${extra}`;
}

test('500 rule files: lookups are right after building, updating and deleting files', () => {
  const { root, service } = workspace();
  const path = (i: number): string => join(root, `rules/r${i}.yml`);
  for (let i = 0; i < 500; i++) {
    service.indexFile(path(i), ruleFile(i));
  }
  service.rules.markComplete();
  assert.equal(service.rules.size, 500);
  for (const i of [0, 137, 499]) {
    assert.deepEqual(service.rules.recorders(`job:metric_${i}:rate5m`).map((r) => r.file.key), [path(i)]);
    assert.deepEqual(service.rules.users(`job:metric_${i}:rate5m`).map((u) => u.rule?.name), [`Metric${(i + 1) % 500}High`]);
  }
  // An edit of one file: its recording rule now produces another metric and a second alert reads metric 10.
  service.indexFile(path(137), ruleFile(137, '      - alert: Extra\n        expr: job:metric_10:rate5m > 0\n').replace('job:metric_137:rate5m', 'job:renamed:rate5m'));
  assert.deepEqual(service.rules.recorders('job:metric_137:rate5m'), []);
  assert.deepEqual(service.rules.recorders('job:renamed:rate5m').map((r) => r.file.key), [path(137)]);
  assert.deepEqual(service.rules.users('job:metric_10:rate5m').map((u) => u.rule?.name).sort(), ['Extra', 'Metric11High']);
  assert.equal(service.rules.formerlyRecordedIn('job:metric_137:rate5m'), 'rules/r137.yml');
  // Deleting a file drops its rules and its uses.
  service.forgetFile(path(11));
  assert.deepEqual(service.rules.users('job:metric_10:rate5m').map((u) => u.rule?.name), ['Extra']);
  assert.deepEqual(service.rules.recorders('job:metric_11:rate5m'), []);
  assert.deepEqual(service.rules.users('job:metric_11:rate5m').map((u) => u.rule?.name), ['Metric12High']);
  assert.equal(service.rules.formerlyRecordedIn('job:metric_11:rate5m'), 'rules/r11.yml');
  // Recording it again anywhere ends the "formerly recorded" state.
  service.indexFile(join(root, 'rules/again.yml'), 'groups:\n  - name: x\n    rules:\n      - record: job:metric_11:rate5m\n        expr: vector(1)\n');
  assert.equal(service.rules.formerlyRecordedIn('job:metric_11:rate5m'), undefined);
  assert.equal(service.rules.size, 500);
  // A file that no longer holds rules leaves the index.
  service.indexFile(path(200), 'just: data\n');
  assert.equal(service.rules.file(path(200)), undefined);
  assert.deepEqual(service.rules.users('job:metric_199:rate5m'), []);
});

test('an edit re-reads only the expressions it changed, and tells listeners only when other files can see it', () => {
  const { root, service } = workspace();
  const path = join(root, 'rules.yml');
  const events: string[] = [];
  service.rules.onDidChange((key) => events.push(key));
  const v1 = ruleFile(1) + '      - record: job:b:sum\n        expr: sum(b)\n';
  service.context(doc(path, v1, 1));
  const first = service.rules.file(path)!;
  assert.deepEqual(events, [path]);
  // Moving text (a comment line on top) changes offsets, not what other files see: no event, facts reused.
  const v2 = '# comment\n' + v1;
  service.context(doc(path, v2, 2));
  const second = service.rules.file(path)!;
  assert.deepEqual(events, [path]);
  assert.deepEqual(spelled(v2, second.uses), spelled(v1, first.uses));
  const reused = (a: IndexedFile, b: IndexedFile): number => [...b.cache.rules].filter((f) => a.cache.rules.some((g) => g.item === f.item)).length;
  assert.equal(reused(first, second), 3);
  // Changing one expression re-reads that one and is an event (its uses changed).
  const v3 = v2.replace('sum(b)', 'sum(c)');
  service.context(doc(path, v3, 3));
  assert.equal(reused(second, service.rules.file(path)!), 2);
  assert.deepEqual(events, [path, path]);
  assert.deepEqual(service.rules.users('b'), []);
  assert.deepEqual(service.rules.users('c').map((u: MetricUse) => u.rule?.name), ['job:b:sum']);
});

test('an open document wins over its file on disk until it is closed', () => {
  const { root, service } = workspace();
  const path = join(root, 'rules.yml');
  service.context(doc(path, ruleFile(1), 1));
  service.indexFile(path, ruleFile(2));
  assert.equal(service.rules.recorders('job:metric_2:rate5m').length, 0, 'the disk text of an open document is ignored');
  assert.equal(service.rules.recorders('job:metric_1:rate5m').length, 1);
  service.forget(doc(path, '').uri);
  service.indexFile(path, ruleFile(2));
  assert.equal(service.rules.recorders('job:metric_2:rate5m').length, 1);
  assert.equal(service.rules.recorders('job:metric_1:rate5m').length, 0);
});

test('bad input: broken YAML, wrong shapes and invalid PromQL index what can be read and never throw', () => {
  const { root, service } = workspace();
  const texts = [
    'groups: 7\n',
    'groups:\n  - rules: null\n  - name: [x]\n    rules: [1, "a", { record: 5, expr: 1 }, { alert: A, expr: { x: 1 } }, { record: "", expr: up }]\n',
    'groups:\n  - name: g\n    rules:\n      - record: job:a:sum\n        expr: sum(rate(\n      - alert: [\n',
    '{ "expr": "\\u12", "x": "expr" }',
    'groups:\n  - name: g\n    rules:\n      - record: &n job:z:sum\n        expr: &e sum(z)\n      - alert: Z\n        expr: *e\n',
  ];
  texts.forEach((t, i) => service.indexFile(join(root, `bad${i}.${i === 3 ? 'json' : 'yml'}`), t));
  assert.ok(service.rules.users('up').length === 1, 'a rule with an empty name still uses its metrics');
  assert.ok(service.rules.users('z').length >= 1);
  assert.ok(service.rules.recorders('job:z:sum').length === 1);
});
