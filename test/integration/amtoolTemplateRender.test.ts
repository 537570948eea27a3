// Differential test: notification template rendering against the real `amtool template render` (Debian's 0.25):
// the same template file, data and field text; the same output, or both fail. Debian's amtool has no built-in
// default templates (`__subject` is "not defined" there), so the cases use their own definitions only.
// Run: node --import tsx --test test/integration/amtoolTemplateRender.test.ts (needs amtool).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandNotificationTemplate } from '../../server/src/core/templates/evaluate';
import { parseTemplate } from '../../server/src/core/templates/parser';
import { functionsFor } from '../../server/src/core/templates/functions';
import type { NotificationInput } from '../../server/src/core/templates/alertmanagerData';

const AMTOOL = process.env.AMTOOL ?? 'amtool';
const available = spawnSync(AMTOOL, ['--version'], { encoding: 'utf8' }).status === 0;

const FILE = `{{ define "subject" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }}{{ end }}
{{ define "list" }}{{ range . }}{{ .Labels.alertname }} on {{ .Labels.instance }}{{ with .Annotations.summary }}: {{ . }}{{ end }}
{{ end }}{{ end }}
{{ define "pairs" }}{{ range .SortedPairs }}{{ .Name }}={{ .Value }};{{ end }}{{ end }}
{{ define "extra" }}{{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join "," }}{{ end }}{{ end }}
`;

const DATA: NotificationInput = {
  receiver: 'team\\-x',
  status: 'firing',
  alerts: [
    { status: 'firing', labels: { alertname: 'Down', severity: 'critical', instance: 'a:9100', job: 'node' }, annotations: { summary: 'a is down', runbook: 'http://rb/<x>&y' }, startsAt: '2024-05-01T10:30:00Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prom/graph?g0.expr=up', fingerprint: 'f1' },
    { status: 'resolved', labels: { alertname: 'Down', severity: 'critical', instance: 'b:9100', job: 'node' }, annotations: { summary: 'b was down' }, startsAt: '2024-05-01T09:00:00.123456789Z', endsAt: '2024-05-01T10:00:00Z', generatorURL: '', fingerprint: 'f2' },
  ],
  groupLabels: { alertname: 'Down' },
  commonLabels: { alertname: 'Down', severity: 'critical', job: 'node' },
  commonAnnotations: {},
  externalURL: 'http://am.example:9093',
};

const CASES = [
  '{{ template "subject" . }}',
  '{{ template "list" .Alerts.Firing }}',
  '{{ template "list" .Alerts.Resolved }}',
  '{{ template "list" .Alerts }}',
  '{{ template "pairs" .CommonLabels }}',
  '{{ template "extra" . }}',
  '{{ .Receiver }} {{ .Status }} {{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}',
  '{{ len .Alerts }} {{ len .Alerts.Firing }} {{ len .Alerts.Resolved }}',
  '{{ range .Alerts }}{{ .StartsAt }}|{{ .EndsAt }}|{{ .EndsAt.IsZero }}{{ "\\n" }}{{ end }}',
  '{{ range .Alerts }}{{ .StartsAt.Format "2006-01-02 15:04:05.000" }} {{ .StartsAt.Unix }}{{ end }}',
  '{{ .CommonLabels.Names }} {{ .CommonLabels.Values }}',
  '{{ .GroupLabels }} {{ .CommonLabels.SortedPairs }}',
  '{{ .CommonLabels.Remove (stringSlice "job" "severity") }}',
  '{{ .CommonLabels.severity | toUpper }} {{ "HeLLo wORLD" | toLower }} {{ "hello world" | title }}',
  '{{ join ", " (stringSlice "a" "b" "c") }}',
  '{{ if match "^a" "abc" }}yes{{ else }}no{{ end }} {{ match "x+" "abc" }}',
  '{{ reReplaceAll "([a-z]+):(\\\\d+)" "$2 at $1" "host:9100" }}',
  '{{ range $i, $a := .Alerts }}{{ if $i }}, {{ end }}{{ $i }}={{ $a.Labels.instance }}{{ end }}',
  '{{ range .Alerts }}{{ index .Annotations "runbook" }}{{ end }}',
  '{{ range .Alerts }}{{ .Annotations.runbook | html }} {{ .GeneratorURL | js }}{{ end }}',
  '{{ printf "%s has %d alerts (%.1f%%)" .CommonLabels.alertname (len .Alerts) 50.0 }}',
  '{{ .CommonLabels.missing }}|{{ index .CommonLabels "missing" }}|',
  '{{ with .CommonAnnotations.summary }}{{ . }}{{ else }}no summary{{ end }}',
  '{{ safeHtml "<b>x</b>" }}',
  '{{ range .Alerts.Firing }}{{ .Fingerprint }}{{ end }}',
  '{{- /* trimmed */ -}}  {{ .Status -}}  !',
  '{{ .Nope }}',
  '{{ template "nope" . }}',
  '{{ trimSpace "  x  " }}',
  '{{ .Status | printf "%q" }} {{ .Alerts | len | printf "%05d" }}',
];

function ours(text: string): { ok: boolean; output: string } {
  const functions = functionsFor('alertmanager');
  const definitions = parseTemplate(FILE, { name: 't.tmpl', isFunction: (n) => functions.has(n) }).definitions;
  const r = expandNotificationTemplate(text, DATA, { definitions, version: '0.25' });
  return { ok: r.ok, output: r.output };
}

test('notification templates render as amtool template render does', { skip: !available && 'amtool is not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-amtool-render-'));
  writeFileSync(join(dir, 't.tmpl'), FILE);
  writeFileSync(join(dir, 'data.json'), JSON.stringify(DATA));
  const differences: string[] = [];
  for (const text of CASES) {
    const r = spawnSync(AMTOOL, ['template', 'render', `--template.glob=${join(dir, 't.tmpl')}`, `--template.data=${join(dir, 'data.json')}`, `--template.text=${text}`], { encoding: 'utf8' });
    const theirs = { ok: r.status === 0, output: r.status === 0 ? r.stdout : '' };
    const mine = ours(text);
    if (mine.ok !== theirs.ok || (mine.ok && mine.output !== theirs.output)) {
      differences.push(`${text}\n  amtool: ${JSON.stringify(theirs)} ${r.stderr.trim()}\n  o11y:   ${JSON.stringify(mine)}`);
    }
  }
  assert.deepEqual(differences, []);
});
