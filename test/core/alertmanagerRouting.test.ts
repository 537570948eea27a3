import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { doc, problemsOf, workspace } from '../helpers/service';

// Routing checks across files: alertmanager.yml against the workspace's alerting rules, and rule files against
// the workspace's alertmanager.yml; the lenses `Route → …` on alerts and "Which receivers get this alert?".

const AM = `route:
  receiver: chat
  group_by: [alertname, service, team]
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
    - match: { severity: page }
      receiver: pager
    - matchers: ['severity="warning"']
      receiver: chat
receivers:
  - name: chat
  - name: pager
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [service, cluster, instance]
`;

const RULES = `groups:
  - name: api
    rules:
      - alert: ApiDown
        expr: up{job="api"} == 0
        labels:
          severity: critical
          service: api
      - alert: ApiSlow
        expr: sum by (instance) (rate(x[5m])) > 1
        labels:
          severity: warning
      - alert: Typo
        expr: vector(1)
        labels:
          severity: critcal
      - alert: Info
        expr: vector(1)
        labels:
          severity: info
`;

const PROM = 'global:\n  external_labels:\n    cluster: c1\n';

function setUp(files: Record<string, string>, complete = true): { root: string; service: ReturnType<typeof workspace>['service'] } {
  const ws = workspace(files);
  for (const f of Object.keys(files)) {
    ws.service.indexFile(join(ws.root, f), readFileSync(join(ws.root, f), 'utf8'));
  }
  if (complete) {
    ws.service.rules.markComplete();
  }
  return ws;
}

const routingOnly = (list: string[]): string[] => list.filter((p) => /alertmanager\/(label-never-set|unmatched-route-matcher|inhibit-equal-missing)|rules\/unrouted/.test(p));

test('alertmanager.yml: group_by / equal labels no rule sets, matchers no alert satisfies, equal labels the muted alerts lack', () => {
  const { root, service } = setUp({ 'alertmanager.yml': AM, 'rules/a.yml': RULES, 'prometheus.yml': PROM });
  assert.deepEqual(routingOnly(problemsOf(service, join(root, 'alertmanager.yml'), AM)), [
    '3:34-38 warning alertmanager/label-never-set No alerting rule in the workspace sets "team" (looked at the labels of the rules and their groups, the labels their expressions keep, and the external labels): grouping by it puts every alert of this route into one group.',
    '7:16-30 warning alertmanager/unmatched-route-matcher No alerting rule in the workspace makes alerts with severity="page": they set "severity" to "critcal", "critical", "info", "warning".',
    // `service` is set by ApiDown only; the muted (warning) alert ApiSlow lacks it. `cluster` is an external
    // label, `instance` kept by ApiSlow's aggregation.
    '17:13-20 warning alertmanager/inhibit-equal-missing None of the alerts this rule mutes (ApiSlow) carries "service": equal compares empty values, so any source alert mutes them all.',
  ]);
});

test('an inhibit rule whose sources lack an equal label the muted alerts carry is reported', () => {
  const am = AM.replace("source_matchers: ['severity=\"critical\"']", "source_matchers: ['alertname=\"Typo\"']").replace('equal: [service, cluster, instance]', 'equal: [instance]');
  const { root, service } = setUp({ 'alertmanager.yml': am, 'rules/a.yml': RULES });
  assert.deepEqual(routingOnly(problemsOf(service, join(root, 'alertmanager.yml'), am)).slice(-1), [
    '17:13-21 warning alertmanager/inhibit-equal-missing None of the alerts matching the source matchers (Typo) carries "instance": they mute only target alerts that lack it too.',
  ]);
});

test('external labels, labels the expression keeps and templated rule labels count as set', () => {
  const am = 'route:\n  receiver: r\n  group_by: [cluster, instance, job, owner]\n  routes:\n    - matchers: [owner="x"]\n      receiver: r\nreceivers:\n  - name: r\n';
  const rules = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        labels:\n          owner: "{{ $labels.team }}"\n';
  const { root, service } = setUp({ 'alertmanager.yml': am, 'rules/a.yml': rules, 'prometheus.yml': PROM });
  assert.deepEqual(routingOnly(problemsOf(service, join(root, 'alertmanager.yml'), am)), []);
});

test('labels attached by scrape configurations count for expressions that keep their series labels', () => {
  const am = 'route:\n  receiver: r\n  group_by: [service, env]\nreceivers:\n  - name: r\n';
  const rules = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n      - alert: B\n        expr: sum by (job) (up) == 0\n';
  const prom = "scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['x:1']\n        labels: { service: api }\n";
  const { root, service } = setUp({ 'alertmanager.yml': am, 'rules/a.yml': rules, 'prometheus.yml': prom });
  assert.deepEqual(
    routingOnly(problemsOf(service, join(root, 'alertmanager.yml'), am)).map((p) => p.split(' (')[0]),
    ['3:23-26 warning alertmanager/label-never-set No alerting rule in the workspace sets "env"'],
  );
});

test('nothing is said before the workspace is read, nor without alerting rules', () => {
  const partial = setUp({ 'alertmanager.yml': AM, 'rules/a.yml': RULES }, false);
  assert.deepEqual(routingOnly(problemsOf(partial.service, join(partial.root, 'alertmanager.yml'), AM)), []);
  const none = setUp({ 'alertmanager.yml': AM, 'rules/a.yml': 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: up\n' });
  assert.deepEqual(routingOnly(problemsOf(none.service, join(none.root, 'alertmanager.yml'), AM)), []);
});

test('rule files: alerts that reach only the default receiver, and label values no route matches', () => {
  const { root, service } = setUp({ 'alertmanager.yml': AM, 'rules/a.yml': RULES, 'prometheus.yml': PROM });
  assert.deepEqual(routingOnly(problemsOf(service, join(root, 'rules/a.yml'), RULES)), [
    '13:16-20 warning rules/unrouted-alert Alert "Typo" reaches only the root route of alertmanager.yml, receiver "chat": no route below it matches its labels (severity="critcal").',
    '16:21-28 warning rules/unrouted-label-value No route matches severity="critcal" (routes match severity="critical", severity="page", severity="warning"). Did you mean "critical"?',
    '17:16-20 warning rules/unrouted-alert Alert "Info" reaches only the root route of alertmanager.yml, receiver "chat": no route below it matches its labels (severity="info").',
    '20:21-25 warning rules/unrouted-label-value No route matches severity="info" (routes match severity="critical", severity="page", severity="warning").',
  ]);
  const fix = service.check(doc(join(root, 'rules/a.yml'), RULES)).problems.find((p) => p.code === 'rules/unrouted-label-value' && p.fix);
  assert.deepEqual(fix?.fix, { title: 'Change to critical', replacement: 'critical' });
});

test('a route matching on a label the expression keeps is no reason to warn', () => {
  const am = 'route:\n  receiver: r\n  routes:\n    - matchers: [service="api"]\n      receiver: s\nreceivers:\n  - name: r\n  - name: s\n';
  const rules = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up{service="api"} == 0\n      - alert: B\n        expr: sum by (job) (up) == 0\n';
  const { root, service } = setUp({ 'alertmanager.yml': am, 'rules/a.yml': rules });
  assert.deepEqual(routingOnly(problemsOf(service, join(root, 'rules/a.yml'), rules)), [
    '6:16-17 warning rules/unrouted-alert Alert "B" reaches only the root route of alertmanager.yml, receiver "r": no route below it matches its labels.',
  ]);
});

test('rule files say nothing without an alertmanager.yml, nor when the root route has no children', () => {
  const bare = setUp({ 'rules/a.yml': RULES });
  assert.deepEqual(routingOnly(problemsOf(bare.service, join(bare.root, 'rules/a.yml'), RULES)), []);
  const flat = setUp({ 'alertmanager.yml': 'route:\n  receiver: r\nreceivers:\n  - name: r\n', 'rules/a.yml': RULES });
  assert.deepEqual(routingOnly(problemsOf(flat.service, join(flat.root, 'rules/a.yml'), RULES)), []);
});

test('the routing problems can be switched off in .o11y.yaml like any other', () => {
  const { root, service } = setUp({ 'alertmanager.yml': AM, 'rules/a.yml': RULES });
  service.configure({ ...service.currentSettings, lints: { 'rules/unrouted-label-value': 'off', 'alertmanager/*': 'off' } });
  assert.deepEqual(
    routingOnly(problemsOf(service, join(root, 'rules/a.yml'), RULES)).map((p) => p.split(' ').slice(0, 3).join(' ')),
    ['13:16-20 warning rules/unrouted-alert', '17:16-20 warning rules/unrouted-alert'],
  );
  assert.deepEqual(routingOnly(problemsOf(service, join(root, 'alertmanager.yml'), AM)), []);
});

test('lenses: Route → receivers on each alert, and "Which receivers get this alert?" on the root route', () => {
  const { root, service } = setUp({ 'alertmanager.yml': AM, 'rules/a.yml': RULES, 'prometheus.yml': PROM });
  const lenses = service.codeLenses(doc(join(root, 'rules/a.yml'), RULES)).filter((l) => l.command?.command === 'o11y.testRoute');
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command!.title]),
    [
      [3, 'Route → pager'],
      [8, 'Route → chat'],
      [12, 'Route → chat'],
      [16, 'Route → chat'],
    ],
  );
  assert.deepEqual(lenses[0].command!.arguments, [
    { uri: doc(join(root, 'alertmanager.yml'), '').uri, labels: { severity: 'critical', service: 'api', alertname: 'ApiDown', cluster: 'c1' }, alert: 'ApiDown' },
  ]);
  const rootLens = service.codeLenses(doc(join(root, 'alertmanager.yml'), AM)).filter((l) => l.command?.command === 'o11y.testRoute');
  assert.deepEqual(
    rootLens.map((l) => [l.range.start.line, l.command!.title, l.command!.arguments]),
    [[0, 'Which receivers get this alert?', [{ uri: doc(join(root, 'alertmanager.yml'), '').uri }]]],
  );
});

test('a lens says when the route depends on a label known only when the alert fires', () => {
  const am = 'route:\n  receiver: r\n  routes:\n    - matchers: [service="api"]\n      receiver: s\n';
  const rules = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up{service="api"} == 0\n';
  const { root, service } = setUp({ 'alertmanager.yml': am, 'rules/a.yml': rules });
  const titles = service.codeLenses(doc(join(root, 'rules/a.yml'), rules)).filter((l) => l.command?.command === 'o11y.testRoute').map((l) => l.command!.title);
  assert.deepEqual(titles, ['Route → r · may differ by service']);
});

test('several Alertmanager configurations: one lens each, named by path', () => {
  const files = { 'a/alertmanager.yml': AM, 'b/alertmanager.yml': 'route:\n  receiver: other\nreceivers:\n  - name: other\n', 'rules/a.yml': RULES };
  const { root, service } = setUp(files);
  const titles = service.codeLenses(doc(join(root, 'rules/a.yml'), RULES)).filter((l) => l.command?.command === 'o11y.testRoute').map((l) => l.command!.title);
  assert.deepEqual(titles.slice(0, 2), ['Route → pager (a/alertmanager.yml)', 'Route → other (b/alertmanager.yml)']);
});

test('bad input: broken YAML, a route that is no mapping, unparsable matchers, odd labels never crash', () => {
  const broken = [
    'route: [1, 2\n',
    'route: 5\nreceivers: {}\n',
    "route:\n  receiver: r\n  routes:\n    - matchers: ['a=~\"(\"', '{{{', 5]\n    - 7\n    - routes: null\n      match: { a: [1] }\ninhibit_rules: [{ equal: [null, 3, '…'] }, 7]\n",
    'route:\n  receiver: r\n  group_by: [[x], {a: 1}, null]\n  routes:\n' + '    - receiver: r\n      routes:\n'.repeat(3),
  ];
  const rules = 'groups:\n  - name: g\n    labels: [1]\n    rules:\n      - alert: A\n        expr: "sum("\n        labels: { severity: [1], x: null }\n      - alert: { a: 1 }\n';
  for (const am of broken) {
    const { root, service } = setUp({ 'alertmanager.yml': am, 'rules/a.yml': rules });
    assert.doesNotThrow(() => problemsOf(service, join(root, 'alertmanager.yml'), am), am);
    assert.doesNotThrow(() => problemsOf(service, join(root, 'rules/a.yml'), rules), am);
    assert.doesNotThrow(() => service.codeLenses(doc(join(root, 'rules/a.yml'), rules)), am);
    assert.doesNotThrow(() => service.codeLenses(doc(join(root, 'alertmanager.yml'), am)), am);
  }
});
