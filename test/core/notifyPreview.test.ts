import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/core/syntax/parseYaml';
import { previewNotification, type PreviewInput } from '../../server/src/core/alertmanager/notify/preview';
import { fingerprint } from '../../server/src/core/alertmanager/notify/alerts';
import { alertsOfCaseAt } from '../../server/src/core/alertmanager/notify/fromRuleTest';
import { previewMarkdown, previewText } from '../../server/src/core/alertmanager/notify/format';

const CONFIG = `global:
  smtp_from: am@example.com
route:
  receiver: chat
  group_by: [alertname, service]
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      group_wait: 10s
      continue: true
    - matchers: ['team="db"']
      receiver: mail
      mute_time_intervals: [weekends]
      active_time_intervals: [office]
receivers:
  - name: chat
    slack_configs:
      - api_url: http://slack
        channel: '#alerts'
        text: '{{ template "my.text" . }}'
  - name: pager
    pagerduty_configs:
      - routing_key: k
    webhook_configs:
      - url: http://hook
  - name: mail
    email_configs:
      - to: db@example.com
        headers:
          Subject: '{{ .CommonLabels.alertname }} {{ .NoSuchField }}'
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [service]
time_intervals:
  - name: weekends
    time_intervals:
      - weekdays: ['saturday:sunday']
  - name: office
    time_intervals:
      - weekdays: ['monday:friday']
        times: [{ start_time: '09:00', end_time: '17:00' }]
`;

const TEMPLATES = [{ path: '/t/my.tmpl', text: '{{ define "my.text" }}{{ range .Alerts }}{{ .Labels.alertname }}: {{ .Annotations.summary }}{{ end }}{{ end }}' }];
// Wednesday 2024-05-01 10:30 UTC.
const NOW = Date.parse('2024-05-01T10:30:00Z');

function preview(labels: Record<string, string>, extra: Partial<PreviewInput> = {}) {
  const root = parseYaml(CONFIG)[0].root!;
  return previewNotification({ root, text: CONFIG, version: '0.25', templateFiles: TEMPLATES, alert: { labels, annotations: { summary: 'it broke' } }, nowMs: NOW, ...extra });
}

test('fingerprints are those Alertmanager computes (checked against a running Alertmanager 0.25)', () => {
  assert.equal(fingerprint({ alertname: 'HighErrorRatio', service: 'shop', severity: 'warning' }), '70cf3bca91d719d1');
  assert.equal(fingerprint({}), 'cbf29ce484222325');
});

test('the route path, grouping and group key; user templates over the defaults', () => {
  const p = preview({ alertname: 'Down', service: 'api', severity: 'warning' });
  assert.equal(p.routes.length, 1);
  assert.deepEqual(p.routes[0].path, ['default-route']);
  const n = p.notifications[0];
  assert.equal(n.receiver, 'chat');
  assert.equal(n.groupKey, '{}:{alertname="Down", service="api"}');
  const slack = n.integrations[0];
  const field = (name: string) => slack.fields.find((f) => f.name === name);
  assert.deepEqual(field('text'), { name: 'text', value: 'Down: it broke', source: 'receiver', html: undefined });
  assert.equal(field('title')?.value, '[FIRING:1] Down api (warning)');
  assert.equal(field('title')?.source, 'default');
  assert.equal(field('title_link')?.value, 'http://localhost:9093/#/alerts?receiver=chat');
  assert.equal(field('fallback')?.value, '[FIRING:1] Down api (warning) | http://localhost:9093/#/alerts?receiver=chat');
  assert.equal(field('color')?.value, 'danger');
  assert.equal(field('pretext'), undefined, 'empty defaults are left out, as Alertmanager leaves them out');
  assert.deepEqual(p.inhibitableBy, ['inhibit_rules[0]: source {severity="critical"} → target {severity="warning"} equal [service]']);
});

test('a critical alert reaches the pager (PagerDuty, webhook v4); continue finds no other route, so not the chat', () => {
  const p = preview({ alertname: 'Down', service: 'api', severity: 'critical' });
  assert.deepEqual(p.notifications.map((n) => n.receiver), ['pager']);
  assert.equal(p.notifications[0].route.groupWait, '10s');
  assert.equal(p.notifications[0].groupKey, '{}/{severity="critical"}:{alertname="Down", service="api"}');
  const [pd, hook] = p.notifications[0].integrations;
  assert.equal(pd.fields.find((f) => f.name === 'description')?.value, '[FIRING:1] Down api (critical)');
  assert.equal(pd.fields.find((f) => f.name === 'details.num_firing')?.value, '1');
  assert.equal(
    pd.fields.find((f) => f.name === 'details.firing')?.value,
    'Labels:\n - alertname = Down\n - service = api\n - severity = critical\nAnnotations:\n - summary = it broke\nSource: \n',
  );
  const payload = hook.payload as Record<string, unknown>;
  assert.equal(payload.version, '4');
  assert.equal(payload.receiver, 'pager');
  assert.deepEqual((payload.alerts as { startsAt: string; fingerprint: string }[])[0].startsAt, '2024-05-01T10:30:00Z');
  assert.equal(payload.groupKey, '{}/{severity="critical"}:{alertname="Down", service="api"}');
  assert.equal(previewForReceiver('pager').length, 1);
});

function previewForReceiver(receiver: string) {
  return preview({ alertname: 'Down', service: 'api', severity: 'critical' }, { receiver }).notifications;
}

test('inhibition by another firing alert with the same equal labels; the group keeps only uninhibited alerts', () => {
  const critical = { labels: { alertname: 'Down', service: 'api', severity: 'critical' }, annotations: {} };
  const p = preview({ alertname: 'Slow', service: 'api', severity: 'warning' }, { others: [critical] });
  assert.equal(p.inhibitedBy.length, 1);
  assert.deepEqual(p.inhibitedBy[0].by, critical.labels);
  const other = preview({ alertname: 'Slow', service: 'web', severity: 'warning' }, { others: [critical] });
  assert.deepEqual(other.inhibitedBy, []);
});

test('other alerts of the same group join the notification', () => {
  const p = preview({ alertname: 'Down', service: 'api', severity: 'warning', instance: 'a' }, { others: [{ labels: { alertname: 'Down', service: 'api', severity: 'warning', instance: 'b' }, annotations: { summary: 'it broke' } }] });
  const slack = p.notifications[0].integrations[0];
  assert.equal(p.notifications[0].alertCount, 2);
  assert.equal(slack.fields.find((f) => f.name === 'title')?.value, '[FIRING:2] Down api (warning)');
});

test('time intervals: mute and active intervals at the preview time', () => {
  const weekday = preview({ alertname: 'Db', team: 'db' });
  assert.deepEqual(weekday.routes[0].muteTimeIntervals, [{ name: 'weekends', active: false }]);
  assert.deepEqual(weekday.routes[0].activeTimeIntervals, [{ name: 'office', active: true }]);
  assert.equal(weekday.routes[0].mutedNow, false);
  const saturday = preview({ alertname: 'Db', team: 'db' }, { nowMs: Date.parse('2024-05-04T10:30:00Z') });
  assert.equal(saturday.routes[0].mutedNow, true);
  const evening = preview({ alertname: 'Db', team: 'db' }, { nowMs: Date.parse('2024-05-01T17:00:00Z') });
  assert.equal(evening.routes[0].activeTimeIntervals[0].active, false);
});

test('e-mail: subject header with a failing field, HTML body from the defaults, from the global', () => {
  const p = preview({ alertname: 'Db', team: 'db' });
  const mail = p.notifications[0].integrations[0];
  assert.equal(mail.fields.find((f) => f.name === 'from')?.value, 'am@example.com');
  assert.equal(mail.fields.find((f) => f.name === 'from')?.source, 'global');
  const html = mail.fields.find((f) => f.name === 'html')!;
  assert.ok(html.html && html.value.startsWith('<!DOCTYPE html>') && html.value.includes('alertname = Db'), html.value);
  const subject = mail.fields.find((f) => f.name === 'headers.Subject')!;
  assert.equal(subject.error, 'template: :1:33: executing "" at <.NoSuchField>: can\'t evaluate field NoSuchField in type *template.Data');
  assert.match(previewText(p), /headers\.Subject: ERROR template: /);
  assert.match(previewMarkdown(p), /```html\n<!DOCTYPE html>/);
});

test('a template file that does not parse is reported; rendering goes on with the defaults', () => {
  const root = parseYaml(CONFIG)[0].root!;
  const p = previewNotification({ root, text: CONFIG, version: '0.25', templateFiles: [{ path: '/t/bad.tmpl', text: '{{ define "my.text" }}{{ .Status ' }], alert: { labels: { alertname: 'X' }, annotations: {} }, nowMs: NOW });
  assert.deepEqual(p.templateErrors, ['template: bad.tmpl:1: unclosed action']);
  assert.match(p.notifications[0].integrations[0].fields.find((f) => f.name === 'text')!.error!, /template "my.text" not defined/);
});

test('recursion in a user template stops with an error instead of hanging', () => {
  const root = parseYaml(CONFIG)[0].root!;
  const t0 = Date.now();
  const p = previewNotification({ root, text: CONFIG, version: '0.25', templateFiles: [{ path: '/t/r.tmpl', text: '{{ define "my.text" }}{{ template "my.text" . }}{{ end }}' }], alert: { labels: { alertname: 'X' }, annotations: {} }, nowMs: NOW });
  assert.match(p.notifications[0].integrations[0].fields.find((f) => f.name === 'text')!.error!, /exceeded maximum template depth/);
  assert.ok(Date.now() - t0 < 5000);
});

test('alerts from a rule-test case: exp_labels plus the alertname, the one under the cursor first', () => {
  const text = `rule_files: [r.yml]
tests:
  - input_series: []
    alert_rule_test:
      - eval_time: 5m
        alertname: Down
        exp_alerts:
          - exp_labels: { service: api, severity: critical }
            exp_annotations: { summary: api down }
          - exp_labels: { service: web, severity: critical }
`;
  const root = parseYaml(text)[0].root!;
  const alerts = alertsOfCaseAt(root, text.indexOf('service: web'));
  assert.deepEqual(alerts.map((a) => a.labels.service), ['web', 'api']);
  assert.deepEqual(alerts[1], { labels: { alertname: 'Down', service: 'api', severity: 'critical' }, annotations: { summary: 'api down' } });
  assert.deepEqual(alertsOfCaseAt(root, 0), []);
});
