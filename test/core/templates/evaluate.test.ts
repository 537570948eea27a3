// Evaluation of alert and notification templates. Expected texts were produced by the real programs:
// promtoolExpansions.json by Debian's promtool 2.42 (`promtool test rules`, annotations of firing alerts;
// parse errors from `promtool check rules`), the Alertmanager cases by amtool 0.25 (`amtool template render`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  expandAlertTemplate,
  expandNotificationTemplate,
  evaluateTemplate,
  fromPlain,
  parseTemplate,
  type QuerySample,
} from '../../../server/src/core/templates/index';

interface Recorded {
  alert: string;
  template: string;
  value: string;
  /** The alert came from the series m{job="node",instance="host-1.example.com:9100",path="/var/log"} = 3. */
  series: boolean;
  expected?: string;
  parseError?: string;
}

const recorded = JSON.parse(readFileSync(new URL('promtoolExpansions.json', import.meta.url), 'utf8')) as Recorded[];
const SERIES = { job: 'node', instance: 'host-1.example.com:9100', path: '/var/log' };
const SPECIAL: Record<string, number> = { '+Inf': Infinity, '-Inf': -Infinity, NaN: NaN };

/** What the promtool test data answers to the queries the recorded templates make. */
function query(q: string): QuerySample[] {
  if (q === 'm') {
    return [{ labels: { __name__: 'm', ...SERIES }, value: 3 }];
  }
  const m = /^vector\((.*)\)$/.exec(q);
  return m ? [{ labels: {}, value: Number(m[1]) }] : [];
}

for (const c of recorded) {
  test(`promtool 2.42 agrees: ${c.template.slice(0, 60)} ($value=${c.value})`, () => {
    const labels = c.series ? { __name__: 'm', ...SERIES } : {};
    const value = c.value in SPECIAL ? SPECIAL[c.value] : Number(c.value);
    const r = expandAlertTemplate(c.template, { labels, value }, { alertName: c.alert, timeMs: 60_000, query });
    if (c.parseError !== undefined) {
      assert.equal(r.phase, 'parse');
      assert.equal(r.error, `error parsing template __alert_${c.alert}: ${c.parseError}`);
    } else {
      assert.equal(r.output, c.expected);
    }
  });
}

const NOTIFICATION = {
  receiver: 'team-x',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighLatency', severity: 'critical', instance: 'a:9100' },
      annotations: { summary: 'Latency high' },
      startsAt: '2024-03-04T05:06:07.123456789Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prom/graph',
      fingerprint: 'abc123',
    },
    {
      status: 'resolved',
      labels: { alertname: 'HighLatency', severity: 'critical', instance: 'b:9100' },
      annotations: { summary: 'Latency high' },
      startsAt: '2024-03-04T05:00:00Z',
      endsAt: '2024-03-04T06:00:00Z',
      generatorURL: 'http://prom/graph',
      fingerprint: 'def456',
    },
  ],
  groupLabels: { alertname: 'HighLatency' },
  commonLabels: { alertname: 'HighLatency', severity: 'critical' },
  commonAnnotations: { summary: 'Latency high' },
  externalURL: 'http://am:9093',
};

const AM_CASES: [string, string][] = [
  ['{{ .Status | toUpper }} {{ .Alerts.Firing | len }} {{ .Receiver }} {{ .ExternalURL }}', 'FIRING 1 team-x http://am:9093'],
  ['{{ .CommonLabels }} {{ .CommonLabels.SortedPairs }}', 'map[alertname:HighLatency severity:critical] [{alertname HighLatency} {severity critical}]'],
  ['{{ .GroupLabels.Values | join "," }} {{ .CommonLabels.Remove .GroupLabels.Names }}', 'HighLatency map[severity:critical]'],
  [
    '{{ range .Alerts }}[{{ .Labels.instance }} {{ .StartsAt }} {{ .EndsAt }} {{ .StartsAt.Format "2006-01-02T15:04" }}]{{ end }}',
    '[a:9100 2024-03-04 05:06:07.123456789 +0000 UTC 0001-01-01 00:00:00 +0000 UTC 2024-03-04T05:06][b:9100 2024-03-04 05:00:00 +0000 UTC 2024-03-04 06:00:00 +0000 UTC 2024-03-04T05:00]',
  ],
  ["{{ title \"hELLO wORLD o'neil foo-bar 1st x.y a_b\" }}", "Hello World O'neil Foo-Bar 1St X.y A_b"],
  ['{{ stringSlice "a" "b" | join "-" }} {{ reReplaceAll "a(b)" "[$1]" "xabyab" }} {{ match "^a" "abc" }} {{ safeHtml "<b>" }} {{ .CommonLabels.Names }}', 'a-b x[b]y[b] true <b> [alertname severity]'],
  [
    '{{ .Alerts.Resolved }}',
    '[{resolved map[alertname:HighLatency instance:b:9100 severity:critical] map[summary:Latency high] 2024-03-04 05:00:00 +0000 UTC 2024-03-04 06:00:00 +0000 UTC http://prom/graph def456}]',
  ],
  [
    '{{ range .Alerts.Firing }}{{ range .Labels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}{{ end }}|{{ with .CommonAnnotations.summary }}{{ . }}{{ end }}|{{ .GroupLabels.SortedPairs.Values }}|{{ len .Alerts }}|{{ (index .Alerts 0).Fingerprint }}|{{ .CommonLabels.Missing }}|{{ index .CommonLabels "x" }}',
    'alertname=HighLatency instance=a:9100 severity=critical |Latency high|[HighLatency]|2|abc123||',
  ],
];

for (const [template, expected] of AM_CASES) {
  test(`amtool 0.25 agrees: ${template.slice(0, 70)}`, () => {
    const r = expandNotificationTemplate(template, NOTIFICATION);
    assert.equal(r.error, undefined);
    assert.equal(r.output, expected);
  });
}

test('Alertmanager: newer releases print label sets as name=value lists', () => {
  const r = expandNotificationTemplate('{{ .CommonLabels }}|{{ .CommonLabels.SortedPairs }}', NOTIFICATION, { version: '0.27' });
  assert.equal(r.output, 'alertname=HighLatency, severity=critical|alertname=HighLatency, severity=critical');
});

test('Alertmanager: unknown fields fail as Go reports it, with the pointer type of the data', () => {
  const r = expandNotificationTemplate('{{ .Foo }}', NOTIFICATION);
  assert.equal(r.error, 'template: :1:3: executing "" at <.Foo>: can\'t evaluate field Foo in type *template.Data');
});

test('Alertmanager: definitions from template files are available to {{template}}', () => {
  const file = parseTemplate('{{ define "slack.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}');
  const r = expandNotificationTemplate('{{ template "slack.title" . }}', NOTIFICATION, { definitions: file.definitions });
  assert.equal(r.output, '[FIRING] HighLatency');
});

test('Alertmanager functions of later releases: date, tz, since, toJson, dict', () => {
  // Now is 2024-03-04T06:06:07Z.
  const env = { nowNs: () => 1709532367_000_000_000n };
  const text =
    '{{ (index .Alerts 0).StartsAt | date "Mon Jan _2 15:04:05 2006" }}|{{ ((index .Alerts 0).StartsAt | tz "UTC").Hour }}|{{ since (index .Alerts 1).StartsAt }}|{{ toJson .CommonLabels }}|{{ (dict "a" 1 "b" "x").b }}';
  const r = expandNotificationTemplate(text, NOTIFICATION, { version: '0.34', env });
  assert.equal(r.output, 'Mon Mar  4 05:06:07 2024|5|1h6m7s|{"alertname":"HighLatency","severity":"critical"}|x');
});

test('missingkey: default prints <no value>, zero prints the zero value, error fails', () => {
  const data = fromPlain({ m: { a: 'x' } });
  assert.equal(evaluateTemplate('{{ .m.b }}', 'alertmanager', data).output, '<no value>');
  assert.equal(evaluateTemplate('{{ .m.b }}', 'alertmanager', data, { missingKey: 'zero' }).output, '<no value>');
  const labels = expandAlertTemplate('[{{ $labels.b }}]', { labels: { a: 'x' }, value: 0 }, { alertName: 'A' });
  assert.equal(labels.output, '[]');
  const strict = evaluateTemplate('{{ .m.b }}', 'alertmanager', data, { missingKey: 'error', name: 't' });
  assert.equal(strict.error, 'template: t:1:5: executing "t" at <.m.b>: map has no entry for key "b"');
});

test('limits stop runaway templates with a clear error instead of hanging', () => {
  const recursive = '{{ define "a" }}{{ template "a" . }}{{ end }}{{ template "a" . }}';
  const r1 = evaluateTemplate(recursive, 'alertmanager', null, { name: 't' });
  assert.match(r1.error ?? '', /exceeded maximum template depth \(500\)$/);
  const loops = '{{ range .l }}{{ range $.l }}{{ range $.l }}x{{ end }}{{ end }}{{ end }}';
  const data = fromPlain({ l: Array.from({ length: 300 }, (_, i) => i) });
  const r2 = evaluateTemplate(loops, 'alertmanager', data, { limits: { maxSteps: 100_000 } });
  assert.match(r2.error ?? '', /execution stopped after 100000 steps$/);
});

test('the query function is the injected one; without one it fails', () => {
  const withQuery = expandAlertTemplate('{{ query "up" | len }}', { labels: {}, value: 0 }, { alertName: 'A', query: () => [{ labels: {}, value: 1 }] });
  assert.equal(withQuery.output, '1');
  const without = expandAlertTemplate('{{ query "up" }}', { labels: {}, value: 0 }, { alertName: 'A' });
  assert.match(without.output, /error calling query: no query engine>$/);
});

test('target versions: functions of later Prometheus releases are not defined in 2.42', () => {
  const r = expandAlertTemplate('{{ toDuration 90 }}', { labels: {}, value: 0 }, { alertName: 'A' });
  assert.equal(r.error, 'error parsing template __alert_A: template: __alert_A:1: function "toDuration" not defined');
  const newer = expandAlertTemplate('{{ toDuration 90 }}|{{ title "hELLO" }}', { labels: {}, value: 0 }, { alertName: 'A', version: '3.6' });
  assert.equal(newer.output, '1m30s|HELLO');
});
