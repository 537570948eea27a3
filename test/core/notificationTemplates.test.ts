import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { caret, doc, problemsOf, workspace } from '../helpers/service';
import { builtInTemplateNames } from '../../server/src/core/kinds/notificationTemplates/knownTemplates';

const CONFIG = 'route:\n  receiver: a\nreceivers:\n  - name: a\n    slack_configs:\n      - api_url: http://x\n        title: \'{{ template "slack.title" . }}\'\ntemplates:\n  - "templates/*.tmpl"\n';

function setup(extra: Record<string, string> = {}) {
  return workspace({ 'alertmanager.yml': CONFIG, 'templates/b.tmpl': '{{ define "slack.title" }}{{ .Status }}{{ end }}\n{{ define "shared" }}x{{ end }}', ...extra });
}

test('*.tmpl files are notification templates, not YAML', () => {
  const { root, service } = setup();
  assert.equal(service.fileKind(doc(join(root, 'templates/a.tmpl'), '{{ define "x" }}: - [{{ end }}')), 'notificationTemplates');
  assert.deepEqual(problemsOf(service, join(root, 'templates/a.tmpl'), '{{ define "x" }}key: [unclosed {{ .Status }}{{ end }}'), []);
});

test('syntax errors are positioned errors; unknown functions get a suggestion', () => {
  const { root, service } = setup();
  const file = join(root, 'templates/a.tmpl');
  assert.deepEqual(problemsOf(service, file, '{{ define "x" }}{{ .Status '), ['1:28-28 error template/syntax unclosed action']);
  assert.deepEqual(problemsOf(service, file, '{{ define "x" }}{{ tolower .Status }}{{ end }}'), [
    '1:20-27 error template/unknown-function function "tolower" not defined; did you mean "toLower"?',
  ]);
  assert.deepEqual(problemsOf(service, file, '{{ define "x" }}{{ "unterminated }}{{ end }}').length, 1);
});

test('fields are checked against the notification data, with dot followed through range', () => {
  const { root, service } = setup();
  const text = '{{ define "x" }}{{ .Reciever }}{{ range .Alerts.Firing }}{{ .Labels.team }}{{ .StartAt }}{{ end }}{{ range .CommonLabels.SortedPairs }}{{ .Name }}{{ end }}{{ end }}';
  assert.deepEqual(problemsOf(service, join(root, 'templates/a.tmpl'), text), [
    "1:21-29 warning template/unknown-field can't evaluate field Reciever in type *template.Data; did you mean Receiver?",
    "1:80-87 warning template/unknown-field can't evaluate field StartAt in type template.Alert; did you mean StartsAt?",
  ]);
});

test('a definition called with other data than the notification is not checked against it', () => {
  const { root, service } = setup({ 'templates/c.tmpl': '{{ define "y" }}{{ range .Alerts }}{{ template "alert" . }}{{ end }}{{ end }}' });
  assert.deepEqual(problemsOf(service, join(root, 'templates/a.tmpl'), '{{ define "alert" }}{{ .Labels.x }}{{ end }}'), []);
});

test('{{ template }} names resolve across the files of templates: and Alertmanager defaults', () => {
  const { root, service } = setup();
  const text = '{{ define "x" }}{{ template "shared" . }}{{ template "slack.default.title" . }}{{ template "__subject" . }}{{ template "missing" . }}{{ end }}';
  assert.deepEqual(problemsOf(service, join(root, 'templates/a.tmpl'), text), ['1:120-129 warning template/unknown-template template "missing" not defined']);
  // The receiver field in alertmanager.yml sees the definitions of the template files.
  assert.deepEqual(problemsOf(service, join(root, 'alertmanager.yml'), CONFIG).filter((p) => p.includes('template/')), []);
});

test('the defaults know every name Alertmanager defines itself', () => {
  for (const name of ['__subject', '__alertmanagerURL', '__text_alert_list', 'slack.default.fallback', 'email.default.html', 'pagerduty.default.instances', 'opsgenie.default.description', 'jira.default.priority', 'msteamsv2.default.text']) {
    assert.ok(builtInTemplateNames().has(name), name);
  }
  assert.ok(![...builtInTemplateNames()].some((n) => n.startsWith('__o11y')));
});

test('endless recursion and duplicate definitions are reported', () => {
  const { root, service } = setup();
  const text = '{{ define "a" }}{{ template "b" . }}{{ end }}{{ define "b" }}{{ template "a" . }}{{ end }}{{ define "ok" }}{{ if .Alerts }}{{ template "ok" .Alerts }}{{ end }}{{ end }}{{ define "shared" }}y{{ end }}';
  assert.deepEqual(problemsOf(service, join(root, 'templates/z.tmpl'), text), [
    '1:29-32 warning template/endless-recursion template "a" calls itself (through "b") with no condition to stop: executing it exceeds the maximum template depth',
    '1:74-77 warning template/endless-recursion template "b" calls itself (through "a") with no condition to stop: executing it exceeds the maximum template depth',
    '1:179-187 warning template/duplicate-define template "shared" is also defined in b.tmpl; this one is read last and wins',
  ]);
});

test('a huge file is not checked, and says so; a deep nest is an error, not a crash', () => {
  const { root, service } = setup();
  const huge = '{{ define "x" }}' + 'a'.repeat(1_100_000) + '{{ end }}';
  assert.deepEqual(problemsOf(service, join(root, 'templates/h.tmpl'), huge), ['1:1-1 info template/file-too-large not checked: the file is 1100 kB, more than the 1000 kB o11y checks']);
  const deep = '{{ define "x" }}' + '{{ if . }}'.repeat(20_000) + '{{ end }}'.repeat(20_000) + '{{ end }}';
  const started = Date.now();
  const found = problemsOf(service, join(root, 'templates/d.tmpl'), deep);
  assert.ok(found.some((p) => p.includes('error template/too-deep')), found.join('\n'));
  assert.ok(Date.now() - started < 5000);
  const big = Array.from({ length: 3000 }, (_, i) => `{{ define "t${i}" }}{{ range .Alerts }}{{ .Labels.x | toUpper }}{{ end }}{{ end }}`).join('\n');
  const t0 = Date.now();
  assert.deepEqual(problemsOf(service, join(root, 'templates/big.tmpl'), big), []);
  assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
});

async function labels(service: ReturnType<typeof setup>['service'], file: string, src: string): Promise<string[]> {
  const { text, position } = caret(src);
  return (await service.complete(doc(file, text), position)).map((i) => i.label);
}

test('completion: data fields, alert fields in range, KV methods, pair fields, variables, template names', async () => {
  const { root, service } = setup();
  const file = join(root, 'templates/a.tmpl');
  assert.deepEqual(await labels(service, file, '{{ define "x" }}{{ .<|> }}{{ end }}'), ['Receiver', 'Status', 'Alerts', 'GroupLabels', 'CommonLabels', 'CommonAnnotations', 'ExternalURL']);
  assert.deepEqual(await labels(service, file, '{{ define "x" }}{{ .Alerts.<|> }}{{ end }}'), ['Firing', 'Resolved']);
  assert.deepEqual(await labels(service, file, '{{ define "x" }}{{ range .Alerts.Firing }}{{ .<|> }}{{ end }}{{ end }}'), ['Status', 'Labels', 'Annotations', 'StartsAt', 'EndsAt', 'GeneratorURL', 'Fingerprint']);
  assert.deepEqual(await labels(service, file, '{{ define "x" }}{{ .CommonLabels.<|> }}{{ end }}'), ['SortedPairs', 'Remove', 'Names', 'Values']);
  assert.deepEqual(await labels(service, file, '{{ define "x" }}{{ range $i, $a := .Alerts }}{{ range $a.Labels.SortedPairs }}{{ .<|> }}{{ end }}{{ end }}{{ end }}'), ['Name', 'Value']);
  assert.deepEqual(await labels(service, file, '{{ define "x" }}{{ range $i, $a := .Alerts }}{{ $a.Annotations.<|> }}{{ end }}{{ end }}'), ['SortedPairs', 'Remove', 'Names', 'Values']);
  assert.deepEqual(await labels(service, file, '{{ define "x" }}{{ range .Alerts }}{{ $.<|> }}{{ end }}{{ end }}'), ['Receiver', 'Status', 'Alerts', 'GroupLabels', 'CommonLabels', 'CommonAnnotations', 'ExternalURL']);
  const functions = await labels(service, file, '{{ define "x" }}{{ to<|> }}{{ end }}');
  for (const f of ['toUpper', 'toLower', 'title', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice', 'trimSpace', 'date', 'tz', 'since', 'humanizeDuration']) {
    assert.ok(functions.includes(f), f);
  }
  const names = await labels(service, file, '{{ define "x" }}{{ template "<|>" . }}{{ end }}');
  assert.ok(names.includes('slack.title') && names.includes('shared') && names.includes('slack.default.title') && names.includes('__subject'), names.join(' '));
  assert.ok(!names.some((n) => n.startsWith('__o11y')));
});

test('completion of functions follows the targeted Alertmanager release', async () => {
  const { root, service } = setup();
  service.configure({ ...service.currentSettings, versions: { ...service.currentSettings.versions, alertmanager: '0.25' } });
  const functions = await labels(service, join(root, 'templates/a.tmpl'), '{{ define "x" }}{{ <|> }}{{ end }}');
  assert.ok(functions.includes('toUpper') && !functions.includes('trimSpace') && !functions.includes('date'), functions.join(' '));
});

async function hover(service: ReturnType<typeof setup>['service'], file: string, src: string): Promise<string | undefined> {
  const { text, position } = caret(src);
  const h = await service.hover(doc(file, text), position);
  return h ? (h.contents as { value: string }).value : undefined;
}

test('hover: fields and methods of the data, functions, template names', async () => {
  const { root, service } = setup();
  const file = join(root, 'templates/a.tmpl');
  assert.equal(await hover(service, file, '{{ define "x" }}{{ .Alerts.Fir<|>ing }}{{ end }}'), '`.Firing` []template.Alert\n\nThe alerts that are firing.');
  assert.match((await hover(service, file, '{{ define "x" }}{{ range .Alerts }}{{ .Gen<|>eratorURL }}{{ end }}{{ end }}'))!, /^`.GeneratorURL` string/);
  assert.match((await hover(service, file, '{{ define "x" }}{{ reReplace<|>All "a" "b" .Status }}{{ end }}'))!, /reReplaceAll\(pattern string, replacement string, text string\) string/);
  assert.match((await hover(service, file, '{{ define "x" }}{{ template "sla<|>ck.title" . }}{{ end }}'))!, /^Template `slack.title`, defined in `b.tmpl`/);
  assert.match((await hover(service, file, '{{ define "x" }}{{ template "__sub<|>ject" . }}{{ end }}'))!, /one of Alertmanager's defaults/);
  assert.match((await hover(service, file, '{{ define "x" }}{{ template "nop<|>e" . }}{{ end }}'))!, /is not defined/);
});

test('go to definition: from a template file and from a receiver field of alertmanager.yml', () => {
  const { root, service } = setup();
  const target = { uri: 'file://' + join(root, 'templates/b.tmpl'), range: { start: { line: 0, character: 10 }, end: { line: 0, character: 23 } } };
  const fromTmpl = caret('{{ define "x" }}{{ template "slack.t<|>itle" . }}{{ end }}');
  assert.deepEqual(service.definition(doc(join(root, 'templates/a.tmpl'), fromTmpl.text), fromTmpl.position), [target]);
  const fromConfig = caret(CONFIG.replace('"slack.title"', '"slack.ti<|>tle"'));
  assert.deepEqual(service.definition(doc(join(root, 'alertmanager.yml'), fromConfig.text), fromConfig.position), [target]);
  const builtIn = caret('{{ define "x" }}{{ template "__sub<|>ject" . }}{{ end }}');
  assert.deepEqual(service.definition(doc(join(root, 'templates/a.tmpl'), builtIn.text), builtIn.position), []);
});
