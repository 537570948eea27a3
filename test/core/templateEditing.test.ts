import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { completeTemplate } from '../../server/src/core/templates/complete';
import type { AlertLabels, TemplateEditorContext } from '../../server/src/core/templates/editorScope';
import { FUNCTION_EXAMPLES } from '../../server/src/core/templates/examples';
import { expandAlertTemplate } from '../../server/src/core/templates/evaluate';
import { functionsFor } from '../../server/src/core/templates/functions';
import { hoverTemplate } from '../../server/src/core/templates/hover';
import { LineIndex } from '../../server/src/core/text';
import { caret, doc, workspace } from '../helpers/service';

// Completion and hover inside alert templates: first the pure engine (template text + offset), then through the
// language service in rule files, where the cursor is mapped through YAML quoting and block scalars.

function labels(names: Record<string, string>, closed: boolean, removed: Record<string, string> = {}): AlertLabels {
  return { known: new Map(Object.entries(names)), closed, removedBy: (n) => removed[n] };
}

const BY_JOB_INSTANCE: TemplateEditorContext = {
  dialect: 'prometheusAlert',
  version: '2.42',
  labels: labels({ job: 'kept by the expression', instance: 'kept by the expression' }, true, { pod: 'sum by (job, instance)' }),
};

/** Labels of the items at the `<|>` caret, sorted. */
function complete(src: string, ctx: TemplateEditorContext = BY_JOB_INSTANCE): string[] {
  const at = src.indexOf('<|>');
  return completeTemplate(src.replace('<|>', ''), at, ctx)
    .map((i) => i.label)
    .sort();
}

test('$labels. offers the labels the expression keeps, replacing only the typed name', () => {
  assert.deepEqual(complete('{{ $labels.<|> }}'), ['instance', 'job']);
  assert.deepEqual(complete('{{ .Labels.<|> }}'), ['instance', 'job']);
  assert.deepEqual(complete('{{ $.Labels.<|> }}'), ['instance', 'job']);
  assert.deepEqual(complete('{{ index $labels "<|>" }}'), ['instance', 'job']);
  const [item] = completeTemplate('{{ $labels.jo }}', 13, BY_JOB_INSTANCE).filter((i) => i.label === 'job');
  assert.deepEqual(item.replace, { from: 11, to: 13 });
  // In the middle of a name, the rest of it is replaced too (no `jobob`).
  const [mid] = completeTemplate('{{ $labels.job }}', 12, BY_JOB_INSTANCE).filter((i) => i.label === 'job');
  assert.deepEqual(mid.replace, { from: 11, to: 14 });
});

test('$ offers the alert variables and the variables declared before the cursor, in scope', () => {
  const alert = ['$', '$externalLabels', '$externalURL', '$labels', '$value'];
  assert.deepEqual(complete('{{ $<|> }}'), alert);
  assert.deepEqual(complete('{{ $x := 1 }}{{ range $i, $v := $labels }}{{ $<|> }}{{ end }}'), [...alert.slice(0, 1), '$i', ...alert.slice(1), '$v', '$x'].sort());
  assert.deepEqual(complete('{{ range $i, $v := $labels }}{{ end }}{{ $<|> }}'), alert);
  assert.deepEqual(complete('{{ if $y := 1 }}{{ else }}{{ $<|> }}{{ end }}'), alert);
  // A definition is a template of its own: the alert variables are not declared there.
  assert.deepEqual(complete('{{ define "x" }}{{ $<|> }}{{ end }}'), []);
});

test('dot offers the fields of the alert data where dot is still the data', () => {
  assert.deepEqual(complete('{{ .<|> }}'), ['ExternalLabels', 'ExternalURL', 'Labels', 'Value']);
  assert.deepEqual(complete('{{ with $labels.job }}{{ .<|> }}{{ end }}'), []);
  assert.deepEqual(complete('{{ with $labels.job }}{{ else }}{{ .<|> }}{{ end }}'), ['ExternalLabels', 'ExternalURL', 'Labels', 'Value']);
  assert.deepEqual(complete('{{ (toTime $value).<|> }}'), []);
});

test('names offer functions (with signature and docs), keywords only where an action starts', () => {
  const items = completeTemplate('{{ $value | hum }}', 15, BY_JOB_INSTANCE);
  const humanize = items.find((i) => i.label === 'humanize')!;
  assert.equal(humanize.detail, 'humanize(value any) (string, error)');
  assert.match(humanize.documentation!, /\*\*Example\*\*: `\{\{ \$value \| humanize \}\}` gives `1\.235M`/);
  assert.deepEqual(humanize.replace, { from: 12, to: 15 });
  assert.ok(!items.some((i) => i.kind === 'keyword'), 'no keyword after a pipe');
  const start = complete('{{ <|> }}');
  assert.ok(start.includes('if') && start.includes('range') && start.includes('define') && start.includes('humanize') && start.includes('$labels'));
  assert.ok(!start.includes('end') && !start.includes('else') && !start.includes('break'), 'end/else/break only inside a structure');
  const inRange = complete('{{ range $labels }}{{ <|> }}');
  assert.ok(inRange.includes('end') && inRange.includes('else') && inRange.includes('break'));
  // Functions newer than the target release are not offered.
  assert.ok(!complete('{{ to<|> }}').includes('toDuration'));
  assert.ok(complete('{{ to<|> }}', { ...BY_JOB_INSTANCE, version: '3.6' }).includes('toDuration'));
});

test('nothing is offered in text, comments, strings, or after a broken token', () => {
  for (const src of ['text <|> {{ $labels.job }}', '{{/* $labels.<|> */}}', '{{ "abc <|>" }}', '{{ printf "%s" 1x<|> }}', '{{ $labels.job }}<|>']) {
    assert.deepEqual(complete(src), [], src);
  }
  // An unclosed action at the end of the text is the usual state while typing.
  assert.deepEqual(complete('{{ $labels.<|>'), ['instance', 'job']);
  assert.deepEqual(complete('{{ index $labels "<|>'), ['instance', 'job']);
});

test('hover: functions, keywords, variables, fields, and whether the expression keeps a label', () => {
  const hover = (src: string): string | undefined => hoverTemplate(src.replace('<|>', ''), src.indexOf('<|>'), BY_JOB_INSTANCE)?.markdown;
  assert.match(hover('{{ $value | hu<|>manize }}')!, /^```go\nhumanize\(value any\) \(string, error\)\n```\n\n.*SI prefix.*\n\n\*\*Arguments\*\* \(1\): `value` any\n\n\*\*Result\*\*: string, or an error/s);
  assert.match(hover('{{ <|>if $labels.job }}x{{ end }}')!, /^`\{\{ if pipeline \}\}/);
  assert.match(hover('{{ $lab<|>els.job }}')!, /^`\$labels` map\[string\]string\n\n.*The expression keeps only: `job`, `instance`\.$/s);
  assert.match(hover('{{ $labels.j<|>ob }}')!, /The expression keeps it/);
  assert.match(hover('{{ $labels.p<|>od }}')!, /\*\*Always empty here\*\*: `sum by \(job, instance\)` in the rule's expression removes it\./);
  assert.match(hover('{{ .Val<|>ue }}')!, /^`\.Value` float64\n\nThe value of the alert's sample/);
  assert.match(hover('{{ $x := 1 }}{{ $<|>x }}')!, /declared earlier in this template/);
  assert.match(hover('{{ define "x" }}{{ <|>$.Labels }}{{ end }}')!, /the data this template was called with/);
  assert.equal(hover('{{ define "x" }}{{ $.Lab<|>els }}{{ end }}'), undefined);
  assert.equal(hover('te<|>xt {{ $labels.job }}'), undefined);
  assert.equal(hover('{{ nosuch<|>func }}'), undefined);
  assert.equal(hover('{{ .construc<|>tor }}'), undefined);
  const span = hoverTemplate('{{ $labels.instance }}', 14, BY_JOB_INSTANCE)!.span;
  assert.deepEqual(span, { from: 11, to: 19 });
});

test('every function of the alert dialect has an example, and each example expands to what its docs say', () => {
  for (const name of functionsFor('prometheusAlert').keys()) {
    assert.ok(FUNCTION_EXAMPLES[name], `no example for ${name}`);
  }
  for (const [name, e] of Object.entries(FUNCTION_EXAMPLES)) {
    if (e.output === undefined) {
      continue;
    }
    const r = expandAlertTemplate(e.template, { labels: e.labels ?? {}, value: e.value ?? 0 }, { alertName: 'X', version: '3.8' });
    assert.equal(r.output, e.output, `${name}: ${r.error ?? ''}`);
  }
});

// Through the language service, in rule files.

const RULES = (annotation: string, expr = 'sum by (job, instance) (rate(http_requests_total{code="500"}[5m])) > 1'): string =>
  `groups:\n  - name: g\n    rules:\n      - alert: HighErrors\n        expr: ${expr}\n        labels:\n          severity: page\n        annotations:\n${annotation}`;

async function completeAt(src: string, name = 'alerts.rules.yml', files: Record<string, string> = {}): Promise<{ items: CompletionItem[]; text: string }> {
  const { service, root } = workspace(files);
  for (const [rel, text] of Object.entries(files)) {
    service.indexFile(`${root}/${rel}`, text);
  }
  const { text, position } = caret(src);
  return { items: await service.complete(doc(`${root}/${name}`, text), position), text };
}

/** What applying an item's edit gives. */
function apply(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
}

test('rule files: $labels. completion in double-quoted, single-quoted, plain and block scalar values', async () => {
  const cases: [string, string][] = [
    ['          summary: "Errors on {{ $labels.ins<|> }}"\n', '          summary: "Errors on {{ $labels.instance }}"\n'],
    ['          summary: "say \\"hi\\" {{ $labels.<|> }}"\n', '          summary: "say \\"hi\\" {{ $labels.instance }}"\n'],
    ["          summary: 'it''s {{ $labels.<|> }}'\n", "          summary: 'it''s {{ $labels.instance }}'\n"],
    ['          summary: Errors on {{ $labels.<|> }}\n', '          summary: Errors on {{ $labels.instance }}\n'],
    ['          description: |\n            Errors on\n            {{ $labels.i<|> }} now\n', '          description: |\n            Errors on\n            {{ $labels.instance }} now\n'],
    ['          description: >-\n            Errors on\n            {{ $labels.<|>\n', '          description: >-\n            Errors on\n            {{ $labels.instance\n'],
  ];
  for (const [annotation, expected] of cases) {
    const { items, text } = await completeAt(RULES(annotation));
    assert.deepEqual(items.map((i) => i.label).sort(), ['instance', 'job'], annotation);
    assert.equal(apply(text, items.find((i) => i.label === 'instance')!), RULES(expected), annotation);
  }
});

test('rule files: PrometheusRule resources, and labels known from the selector and the workspace', async () => {
  const crd = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: Down\n          expr: up{job="api"} == 0\n          annotations:\n            summary: "{{ $labels.<|> }}"\n`;
  const { items } = await completeAt(crd, 'alerts.yaml');
  assert.deepEqual(items.map((i) => [i.label, i.detail]), [['job', 'the selector matches job="api"']]);
  const recording = 'groups:\n  - name: r\n    rules:\n      - record: job:errors:rate5m\n        expr: sum by (job) (rate(errors_total[5m]))\n        labels:\n          team: payments\n';
  const { items: fromWorkspace } = await completeAt(RULES('          summary: "{{ $labels.<|> }}"\n', 'job:errors:rate5m > 1'), 'alerts.rules.yml', { 'recording.rules.yml': recording });
  assert.deepEqual(fromWorkspace.map((i) => [i.label, i.detail]), [['team', 'a label of job:errors:rate5m in the workspace']]);
});

test('rule files: recording rule labels and expressions are not templates', async () => {
  const rec = 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum(x)\n        labels:\n          team: "{{ $<|>"\n';
  const { items } = await completeAt(rec);
  assert.ok(!items.some((i) => i.label === '$labels'));
  const { items: inExpr } = await completeAt(RULES('          summary: x\n', 'sum by (job) (rate(x[5m])) > hum<|>'));
  assert.ok(!inExpr.some((i) => i.label === 'humanize'), 'PromQL completion in expr');
});

test('rule files: hover on $labels.x says whether the expression keeps x, with the range of the name', async () => {
  const { service, root } = workspace();
  const { text, position } = caret(RULES('          description: |\n            {{ $labels.instance }} of {{ $labels.po<|>d }} has {{ $value | humanizePercentage }}\n'));
  const h = (await service.hover(doc(`${root}/a.rules.yml`, text), position)) as Hover;
  assert.match((h.contents as MarkupContent).value, /Always empty here\*\*: `sum by \(job, instance\)`/);
  const lines = new LineIndex(text);
  assert.equal(text.slice(lines.offsetAt(h.range!.start), lines.offsetAt(h.range!.end)), 'pod');
  const fn = caret(RULES('          summary: "{{ $value | humanizePer<|>centage }}"\n'));
  const h2 = (await service.hover(doc(`${root}/b.rules.yml`, fn.text), fn.position)) as Hover;
  assert.match((h2.contents as MarkupContent).value, /^```go\nhumanizePercentage\(ratio any\)/);
});

test('rule files: completion and hover never throw on broken templates', async () => {
  const { service, root } = workspace();
  const broken = [
    RULES('          summary: "{{ $labels.'),
    RULES('          summary: "{{'),
    RULES('          summary: "{{ end }}{{ else }}{{ (((( $labels.'),
    RULES('          description: |\n            {{ if $labels.job }}\n            {{ range'),
    RULES('          summary: {{ $labels.job }}\n'),
    RULES('          summary: "{{ `unterminated'),
    'groups:\n  - name: g\n    rules:\n      - alert: A\n        annotations:\n          summary: "{{ $labels.',
  ];
  for (const text of broken) {
    const d = doc(`${root}/broken.rules.yml`, text);
    const lines = new LineIndex(text);
    for (let offset = text.indexOf('annotations'); offset <= text.length; offset++) {
      const position = lines.positionAt(offset);
      await service.complete(d, position);
      await service.hover(d, position);
    }
  }
  // The usual state while typing: an unterminated string and action (the file ends with a line break).
  const { items } = await completeAt(RULES('          summary: "{{ $labels.<|>\n'));
  assert.deepEqual(items.map((i) => i.label).sort(), ['instance', 'job']);
});
