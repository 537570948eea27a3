// Checking templates without running them: each case lists the problems as [code, severity, message, the text
// the problem covers]. Parse-level problems are errors (Prometheus and Alertmanager refuse the file); what Go
// only fails on when the template runs is a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTemplate, type CheckOptions, type Dialect } from '../../../server/src/core/templates/index';

type Expected = [code: string, severity: string, message: string, covers: string];

interface Case {
  text: string;
  dialect?: Dialect;
  options?: CheckOptions;
  problems: Expected[];
}

const ALERT_DATA = 'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }';

const CASES: Case[] = [
  { text: '{{ $labels.instance }} is down ({{ $value | humanize }}, {{ humanizePercentage $value }})', problems: [] },
  { text: '{{ if gt $value 0.9 }}high{{ else }}ok{{ end }} {{ $externalLabels.cluster }} {{ .ExternalURL }}', problems: [] },
  { text: '{{ range $k, $v := $labels }}{{ $k }}={{ $v | toUpper }} {{ end }}', problems: [] },
  { text: '{{ with query "up" }}{{ . | first | value | humanize }}{{ end }}', problems: [] },
  { text: '{{ printf "%.2f%% of %s" $value $labels.job }}', problems: [] },
  { text: '{{ index $labels "app.kubernetes.io/name" | reReplaceAll "-.*" "" | title }}', problems: [] },
  {
    text: '{{ humanise $value }}',
    problems: [['template/unknown-function', 'error', 'function "humanise" not defined; did you mean "humanize"?', 'humanise']],
  },
  { text: '{{ $lables.job }}', problems: [['template/undefined-variable', 'error', 'undefined variable "$lables"', '$lables']] },
  { text: 'x {{ if $value }}y', problems: [['template/syntax', 'error', 'unexpected EOF', '']] },
  { text: 'x {{ end }}', problems: [['template/syntax', 'error', 'unexpected {{end}}', '{{ end }}']] },
  { text: '{{ .Labels.job', problems: [['template/syntax', 'error', 'unclosed action', '']] },
  { text: '{{ humanize 1 2 }}', problems: [['template/wrong-arity', 'warning', 'wrong number of args for humanize: want 1 got 2', 'humanize']] },
  { text: '{{ $value | humanize 1 }}', problems: [['template/wrong-arity', 'warning', 'wrong number of args for humanize: want 1 got 2', 'humanize']] },
  { text: '{{ printf }}', problems: [['template/wrong-arity', 'warning', 'wrong number of args for printf: want at least 1 got 0', 'printf']] },
  {
    text: '{{ printf "%s" humanize }}',
    problems: [['template/wrong-arity', 'warning', 'wrong number of args for humanize: want 1 got 0', 'humanize']],
  },
  { text: '{{ $y = 1 }}', problems: [['template/undefined-variable', 'warning', 'undefined variable: $y (assigned with = before any :=)', '$y']] },
  {
    text: '{{ .Lables.job }}',
    problems: [['template/unknown-field', 'warning', `can't evaluate field Lables in type ${ALERT_DATA}; did you mean Labels?`, 'Lables']],
  },
  { text: '{{ $labels.job.name }}', problems: [['template/unknown-field', 'warning', "can't evaluate field name in type string", 'name']] },
  {
    text: '{{ if gt $value 1 }}x{{ end }}',
    problems: [['template/incompatible-comparison', 'warning', 'gt fails with "incompatible types for comparison": float against int (write 1.0 to compare floats)', 'gt $value 1']],
  },
  { text: '{{ if eq $labels.severity "critical" }}x{{ end }}', problems: [] },
  {
    text: '{{ $value | toUpper }}',
    problems: [['template/wrong-argument-type', 'warning', 'toUpper: wrong type for value; expected string; got float64', 'toUpper']],
  },
  { text: '{{ toUpper 1 }}', problems: [['template/wrong-argument-type', 'warning', 'toUpper: expected string; found 1', '1']] },
  {
    text: '{{ printf "%d" $value }}',
    problems: [['template/printf', 'warning', 'printf: %d does not format float64 values: $value prints as %!d(float64=…)', '$value']],
  },
  { text: '{{ printf "%s and %s" "a" }}', problems: [['template/printf', 'warning', 'printf: %s has no argument and prints %!s(MISSING)', '"%s and %s"']] },
  {
    text: '{{ toDuration 90 }}',
    options: { version: '2.42' },
    problems: [['template/unavailable-function', 'error', 'function "toDuration" not defined in release 2.42 (it appeared in 3.6)', 'toDuration']],
  },
  { text: '{{ toDuration 90 }}', options: { version: '3.6' }, problems: [] },
  {
    text: '{{ define "x" }}{{ .Labels.job }}{{ end }}{{ template "x" . }}{{ template "y" . }}',
    options: { templates: [] },
    problems: [['template/unknown-template', 'warning', 'template "y" not defined', '"y"']],
  },
  // Alertmanager notification templates.
  {
    text: '{{ .GroupLabels.SortedPairs.Values | join " " }} {{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}',
    dialect: 'alertmanager',
    problems: [],
  },
  {
    text: '{{ range .Alerts.Firing }}{{ .Labels.alertname }} since {{ .StartsAt.Format "15:04" }}{{ end }}{{ .Alerts.Resolved | len }}',
    dialect: 'alertmanager',
    problems: [],
  },
  {
    text: '{{ .Alerts.Firng }}',
    dialect: 'alertmanager',
    problems: [['template/unknown-field', 'warning', "can't evaluate field Firng in type template.Alerts", 'Firng']],
  },
  {
    text: '{{ range .Alerts }}{{ .Labelz.x }}{{ end }}',
    dialect: 'alertmanager',
    problems: [['template/unknown-field', 'warning', "can't evaluate field Labelz in type template.Alert; did you mean Labels?", 'Labelz']],
  },
  {
    text: '{{ .CommonLabels.Remove }}',
    dialect: 'alertmanager',
    problems: [['template/wrong-arity', 'warning', 'wrong number of args for Remove: want 1 got 0', 'Remove']],
  },
  {
    text: '{{ (index .Alerts 0).StartsAt | date "15:04" }}',
    dialect: 'alertmanager',
    options: { version: '0.25' },
    problems: [['template/unavailable-function', 'error', 'function "date" not defined in release 0.25 (it appeared in 0.28)', 'date']],
  },
  {
    text: '{{ template "slack.titel" . }}',
    dialect: 'alertmanager',
    options: { templates: ['slack.title'] },
    problems: [['template/unknown-template', 'warning', 'template "slack.titel" not defined', '"slack.titel"']],
  },
  { text: '{{ $labels }}', dialect: 'alertmanager', problems: [['template/undefined-variable', 'error', 'undefined variable "$labels"', '$labels']] },
];

for (const c of CASES) {
  test(`check ${c.dialect ?? 'prometheusAlert'}: ${c.text}`, () => {
    const problems = checkTemplate(c.text, c.dialect ?? 'prometheusAlert', undefined, c.options);
    const got = problems.map((p) => [p.code, p.severity, p.message, c.text.slice(p.offset, p.offset + p.length)]);
    assert.deepEqual(got, c.problems);
  });
}

test('quick fixes: a misspelt function and an integer compared with a float', () => {
  const [typo] = checkTemplate('{{ humanise $value }}', 'prometheusAlert');
  assert.deepEqual(typo.fix, { title: 'Change to humanize', replacement: 'humanize' });
  const [cmp] = checkTemplate('{{ if ge $value 80 }}x{{ end }}', 'prometheusAlert');
  assert.deepEqual(cmp.fix, { title: 'Write 80.0', replacement: '80.0', offset: 16, length: 2 });
});

test('checking a deeply nested template reports the nesting, without overflowing the stack', () => {
  const text = '{{ with . }}'.repeat(20_000) + '{{ end }}'.repeat(20_000);
  const [p] = checkTemplate(text, 'prometheusAlert');
  assert.equal(p.code, 'template/too-deep');
});

test('a definition is checked with the type its callers pass, when they all pass the same', () => {
  const text = [
    '{{ define "alert.list" }}{{ range . }}{{ .Labels.alertname }} {{ .Labls }}{{ end }}{{ end }}',
    '{{ define "title" }}[{{ .Status | toUpper }}] {{ .GroupLabel }}{{ end }}',
    '{{ define "unused" }}{{ .Whatever }}{{ end }}',
    '{{ template "title" . }} {{ template "alert.list" .Alerts.Firing }}',
  ].join('\n');
  const problems = checkTemplate(text, 'alertmanager').map((p) => [p.message, text.slice(p.offset, p.offset + p.length)]);
  assert.deepEqual(problems, [
    ["can't evaluate field Labls in type template.Alert; did you mean Labels?", 'Labls'],
    ["can't evaluate field GroupLabel in type *template.Data; did you mean GroupLabels?", 'GroupLabel'],
  ]);
});
