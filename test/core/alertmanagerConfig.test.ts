import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { caret, doc, problemsOf, workspace } from '../helpers/service';
import { buildRouteTree, matchRoutes } from '../../server/src/core/alertmanager/route';
import { parseYaml } from '../../server/src/core/syntax/parseYaml';
import { getValue } from '../../server/src/core/syntax/ast';

const files = { 'templates/notify.tmpl': '{{ define "team.title" }}[{{ .Status }}] {{ .CommonLabels.alertname }}{{ end }}\n' };
const at = (version: string) => {
  const { root, service } = workspace(files, { versions: { prometheus: '3.0', alertmanager: version } });
  const file = join(root, 'alertmanager.yml');
  return { service, file, check: (text: string): string[] => problemsOf(service, file, text) };
};
const latest = at('0.34');
const v025 = at('0.25');
const RCV = 'receivers:\n  - name: default\n';

test('a realistic file has no problems', () => {
  const text = `global:
  resolve_timeout: 5m
  slack_api_url_file: /etc/alertmanager/slack
templates: [templates/*.tmpl]
route:
  receiver: chat
  group_by: [alertname, service]
  routes:
    - matchers: [severity="critical"]
      receiver: pager
    - matchers: ['service=~"api|web"', 'env!="dev"']
      receiver: chat
      mute_time_intervals: [weekends]
receivers:
  - name: chat
    slack_configs:
      - channel: '#alerts'
        title: '{{ template "team.title" . }}'
        text: '{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}'
  - name: pager
    pagerduty_configs:
      - routing_key_file: /etc/alertmanager/pd
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [service]
time_intervals:
  - name: weekends
    time_intervals:
      - weekdays: [saturday, sunday]
`;
  assert.deepEqual(latest.check(text), []);
  assert.deepEqual(v025.check(text), []);
});

test('root route: receiver required, no matchers, no continue', () => {
  assert.deepEqual(latest.check('route:\n  matchers: [a="b"]\n  continue: true\n' + RCV), [
    '1:1-6 error alertmanager/root-receiver root route must specify a default receiver',
    '2:3-11 error alertmanager/root-matchers root route must not have any matchers',
    '3:3-11 error alertmanager/root-continue cannot have continue in root route',
    '5:11-18 warning alertmanager/unused-receiver Receiver "default" is not used by any route.',
  ]);
  assert.deepEqual(latest.check(''), ['1:1-1 error alertmanager/no-route no route provided in config']);
});

test('receivers: unknown with a suggestion and fix, duplicates, unused', () => {
  const text = 'route:\n  receiver: default\n  routes:\n    - receiver: defualt\n' + RCV + '  - name: default\n  - name: spare\n';
  assert.deepEqual(latest.check(text), [
    '4:17-24 error alertmanager/unknown-receiver undefined receiver "defualt" used in route; did you mean "default"?',
    '7:11-18 error alertmanager/duplicate-receiver notification config name "default" is not unique',
    '8:11-16 warning alertmanager/unused-receiver Receiver "spare" is not used by any route.',
  ]);
  const fix = latest.service.check(doc(latest.file, text)).problems.find((p) => p.code === 'alertmanager/unknown-receiver')?.fix;
  assert.deepEqual(fix, { title: 'Change to default', replacement: 'default' });
});

test('matchers are checked in place, with the release\'s parser', () => {
  const text = 'route:\n  receiver: default\n  routes:\n    - receiver: default\n      matchers: [\'a="1", b=~"(x"\', \'"my label"="v"\']\n' + RCV;
  assert.deepEqual(v025.check(text), [
    '5:26-33 error alertmanager/bad-matcher error parsing regexp: missing closing ): `^(?:(x)$`',
    '5:37-51 error alertmanager/bad-matcher bad matcher format: "my label"="v"',
  ]);
  // From 0.27 on, the quoted name is fine; the regex is wrong for both parsers, so the classic error stands.
  assert.deepEqual(latest.check(text), ['5:26-33 error alertmanager/bad-matcher error parsing regexp: missing closing ): `^(?:(x)$`']);
});

test('input only the classic parser takes: a warning with a rewrite from 0.27 on', () => {
  const text = 'route:\n  receiver: default\n  routes:\n    - receiver: default\n      matchers: [a=~x.+\\d]\n' + RCV;
  const problems = latest.service.check(doc(latest.file, text)).problems;
  assert.deepEqual(latest.check(text), [
    '5:24-25 warning alertmanager/classic-matcher Only Alertmanager\'s classic matcher parser accepts this (UTF-8 parser: \\: invalid input); write it as a=~"x.+\\\\d".',
  ]);
  assert.deepEqual(problems[0].fix, { title: 'Rewrite as a=~"x.+\\\\d"', replacement: '"a=~\\"x.+\\\\\\\\d\\""', offset: text.indexOf('a=~x'), length: 8 });
  assert.deepEqual(v025.check(text), []);
});

test('deprecated match / match_re: a warning with a rewrite to matchers', () => {
  const text = 'route:\n  receiver: default\n  routes:\n    - receiver: default\n      match:\n        severity: critical\n      match_re:\n        service: api|web\n' + RCV;
  const problems = latest.service.check(doc(latest.file, text)).problems;
  assert.deepEqual(
    problems.map((p) => `${p.code} ${p.message}`),
    ['alertmanager/deprecated-match "match" is deprecated: write its conditions in "matchers".', 'alertmanager/deprecated-match "match_re" is deprecated: write its conditions in "matchers".'],
  );
  const fix = problems[0].fix!;
  assert.equal(fix.replacement, `matchers: ['severity="critical"', 'service=~"api|web"']`);
  const fixed = text.slice(0, fix.offset) + fix.replacement + text.slice(fix.offset! + fix.length!);
  assert.deepEqual(latest.check(fixed), []);
  assert.deepEqual(latest.check('route:\n  receiver: default\n  routes:\n    - receiver: default\n      match_re:\n        bad-name: "(x"\n        ok: "(y"\n' + RCV).filter((p) => p.includes('error')), [
    '6:9-17 error alertmanager/invalid-label-name invalid label name "bad-name"',
    '7:13-17 error alertmanager/invalid-regex error parsing regexp: missing closing ): `^(?:(y)$`',
  ]);
});

test('group_by, intervals and their sanity', () => {
  assert.deepEqual(v025.check("route:\n  receiver: default\n  group_by: ['...', a, a, b-c]\n  group_interval: 0s\n  repeat_interval: 1m\n" + RCV), [
    '3:14-19 error alertmanager/group-by-all-and-labels cannot have wildcard group_by (`...`) and other other labels at the same time',
    '3:24-25 error alertmanager/duplicate-group-by duplicated label "a" in group_by',
    '3:27-30 error alertmanager/invalid-label-name invalid label name "b-c" in group_by list',
    '4:19-21 error alertmanager/zero-interval group_interval cannot be zero',
    '5:3-18 warning alertmanager/repeat-before-group-interval repeat_interval is shorter than group_interval here: reminders can only go out at group_interval ticks, so they come every group_interval instead.',
  ]);
  assert.deepEqual(latest.check('route:\n  receiver: default\n  group_interval: 10m\n  repeat_interval: 5m\n' + RCV), [
    '4:3-18 warning alertmanager/repeat-before-group-interval repeat_interval is shorter than group_interval here: reminders can only go out at group_interval ticks, so they come every group_interval instead.',
  ]);
});

test('time intervals: references, names and periods', () => {
  const text = 'route:\n  receiver: default\n  routes:\n    - receiver: default\n      active_time_intervals: [office, nights]\ntime_intervals:\n  - name: office\n    time_intervals:\n      - weekdays: [\'monday:fri\']\n        times: [{start_time: "18:00", end_time: "09:00"}]\n        location: Nowhere/City\n' + RCV;
  assert.deepEqual(latest.check(text), [
    '5:39-45 error alertmanager/unknown-time-interval undefined time interval "nights" used in route',
    '9:20-32 error alertmanager/invalid-time-interval fri is not a valid weekday',
    '10:17-57 error alertmanager/invalid-time-interval start time cannot be equal or greater than end time',
    '11:19-31 error alertmanager/unknown-location unknown time zone Nowhere/City',
  ]);
});

test('integrations: required fields, global defaults, URLs, newer fields by version', () => {
  const text = 'global:\n  smtp_smarthost: mail.example.com\nroute:\n  receiver: r\nreceivers:\n  - name: r\n    email_configs:\n      - to: a@example.com\n    webhook_configs:\n      - url: ftp://hooks\n    msteams_configs:\n      - webhook_url_file: /x\n';
  assert.deepEqual(v025.check(text), [
    '2:19-35 error alertmanager/invalid-host-port address mail.example.com: missing port in address',
    '8:9-11 error alertmanager/invalid-email-config no global SMTP from set',
    '10:14-25 error alertmanager/invalid-url unsupported scheme "ftp" for URL',
    '11:5-20 error version/too-new "msteams_configs" needs Alertmanager ≥ 0.26 (the target version is 0.25).',
  ]);
});

test('plaintext secrets where a _file variant exists (for the target release)', () => {
  const text = 'global:\n  opsgenie_api_key: k\n  wechat_api_secret: s\nroute:\n  receiver: default\n' + RCV;
  assert.deepEqual(latest.check(text), [
    '2:3-19 info alertmanager/plaintext-secret "opsgenie_api_key" holds a secret in plain text; put it in a file and use "opsgenie_api_key_file".',
    '3:3-20 info alertmanager/plaintext-secret "wechat_api_secret" holds a secret in plain text; put it in a file and use "wechat_api_secret_file".',
  ]);
  assert.deepEqual(v025.check(text), [latest.check(text)[0]]);
});

test('notification templates: Go template problems in receiver fields (warnings) and template files (errors)', () => {
  const text = 'templates: [templates/*.tmpl, missing.tmpl]\nroute:\n  receiver: default\nreceivers:\n  - name: default\n    slack_configs:\n      - api_url_file: /x\n        title: \'{{ template "team.titel" . }}\'\n        text: \'{{ .Alerts | lenn }}\'\n';
  assert.deepEqual(latest.check(text), [
    '8:29-41 warning template/unknown-template template "team.titel" not defined',
    '9:29-33 warning template/unknown-function function "lenn" not defined; did you mean "len"?',
  ]);
  const broken = workspace({ 'bad.tmpl': '{{ define "x" }}{{ .Foo | nope }}{{ end }}\n' });
  assert.deepEqual(problemsOf(broken.service, join(broken.root, 'alertmanager.yml'), 'templates: [bad.tmpl]\nroute:\n  receiver: default\n' + RCV), [
    '1:13-21 error alertmanager/template-file template: bad.tmpl:1: function "nope" not defined',
  ]);
});

test('routing: depth-first, continue, inherited receiver', () => {
  const text = 'route:\n  receiver: a\n  routes:\n    - matchers: [x="1"]\n      continue: true\n      routes:\n        - matchers: [y="1"]\n          receiver: c\n    - matchers: [x=~"1|2"]\n      receiver: b\n';
  const tree = buildRouteTree(getValue(parseYaml(text)[0].root, 'route')!, text, '0.34');
  const receivers = (labels: Record<string, string>): string => matchRoutes(tree, labels).map((r) => r.options.receiver).join(',');
  assert.equal(receivers({}), 'a');
  assert.equal(receivers({ x: '1' }), 'a,b');
  assert.equal(receivers({ x: '1', y: '1' }), 'c,b');
  assert.equal(receivers({ x: '2' }), 'b');
  assert.deepEqual(matchRoutes(tree, { x: '1', y: '1' })[0].path, [0, 0]);
});

test('bad input: wrong shapes and huge or deep files never throw', () => {
  const inputs = [
    'route: []\nreceivers: {}\n',
    'route:\n  receiver: 1\n  routes: [1, null, [], {routes: {}}]\nreceivers: [1, null, {name: 1}]\ninhibit_rules: [1, {source_matchers: {}}]\ntime_intervals: [null, {name: x, time_intervals: [null, {times: [null], weekdays: [null, {}]}]}]\n',
    'route:\n  receiver: default\n' + '  routes:\n    - receiver: default\n'.repeat(1) + RCV,
    'route:\n' + Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}routes:\n${'  '.repeat(i + 1)}- receiver: default\n`).join('').replace(/^/, '') + RCV,
    'route:\n  receiver: default\n  routes:\n' + '    - matchers: [\'a=~"' + '('.repeat(5000) + '"\']\n' + RCV,
  ];
  for (const text of inputs) {
    assert.doesNotThrow(() => latest.check(text));
    assert.doesNotThrow(() => v025.check(text));
  }
});

test('completion and hover come from the schema, for the target release', async () => {
  const { text, position } = caret('route:\n  receiver: default\n  routes:\n    - matchers: [a="b"]\n      <|>\n' + RCV);
  const labels = (await latest.service.complete(doc(latest.file, text), position)).map((i) => i.label);
  assert.ok(['receiver', 'group_by', 'continue', 'active_time_intervals', 'routes'].every((k) => labels.includes(k)), labels.join(','));
  const hover = await latest.service.hover(doc(latest.file, 'route:\n  receiver: default\n  group_interval: 5m\n' + RCV), { line: 2, character: 4 });
  assert.match(JSON.stringify(hover?.contents), /group_interval|already notified/);
});
