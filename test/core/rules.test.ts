import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { caret, doc, problemsOf, workspace } from '../helpers/service';

const { root, service } = workspace({}, { versions: { prometheus: '2.42' } });
const check = (text: string, name = 'rules.yml'): string[] => problemsOf(service, join(root, name), text);

test('rule files: structure as promtool check rules reports it', () => {
  assert.deepEqual(
    check(`groups:
  - name: a
    interval: 1x
    rules:
      - alert: high_errors
        record: x
        expr: up
      - expr: up
      - record: job:up:sum
        expr: sum(up)
        for: 5m
        annotations: { summary: x }
      - record: bad-name
        expr: up
  - name: a
    query_offset: 1m
    rules: []
`),
    [
      '3:15-17 error schema/invalid-duration "1x" is not a valid duration: write whole numbers with units in order y, w, d, h, m, s, ms (e.g. 30s, 1m30s, 2h).',
      '5:9-14 error rules/alert-and-record only one of \'record\' and \'alert\' must be set',
      '5:16-27 info rules/alert-name-style Alert names are conventionally CamelCase ("HighErrors").',
      '8:9-13 error rules/no-alert-or-record one of \'record\' or \'alert\' must be set',
      '11:9-12 error rules/field-on-recording-rule invalid field \'for\' in recording rule',
      '12:9-20 error rules/field-on-recording-rule invalid field \'annotations\' in recording rule',
      '13:17-25 error schema/invalid-metric-name "bad-name" is not a valid metric name.',
      '15:11-12 error rules/duplicate-group groupname: "a" is repeated in the same file',
      '16:5-17 error version/too-new "query_offset" needs Prometheus ≥ 2.53 (the target version is 2.42).',
    ],
  );
});

test('PrometheusRule resources are checked under spec.groups; unknown keys are reported', () => {
  const text = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: x }\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: Down\n          expr: up == 0\n          severty: critical\n';
  assert.deepEqual(check(text, 'k8s.yaml').filter((l) => !l.includes('rules/missing-')), ['10:11-18 error schema/unknown-key Unknown key "severty".']);
});

test('rule files get key completion and hover docs', async () => {
  const { text, position } = caret('groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        <|>\n');
  const labels = (await service.complete(doc(join(root, 'rules.yml'), text), position)).map((i) => i.label);
  for (const k of ['for', 'keep_firing_for', 'labels', 'annotations']) {
    assert.ok(labels.includes(k), labels.join(','));
  }
  const h = caret('groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        fo<|>r: 5m\n');
  const hover = await service.hover(doc(join(root, 'rules.yml'), h.text), h.position);
  assert.match((hover?.contents as { value: string }).value, /^\*\*for\*\*/);
});

test('alert templates: errors where they are, and $labels that the expression removed', () => {
  const text = `groups:
  - name: g
    rules:
      - alert: HighErrors
        expr: sum by (job) (rate(errors_total[5m])) > 1
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.job }} on {{ $labels.instance }} ({{ $labels.severity }})"
          description: "{{ humanize $value }} errors/s {{ if }}"
          value: "{{ $value | humanizez }}"
`;
  const out = check(text).filter((l) => !l.includes(' info '));
  assert.equal(out.length, 4, out.join('\n'));
  assert.match(out[0], /^9:53-61 warning rules\/template-label-removed "instance" is always empty here: sum by \(job\) in the expression removes that label from the alert\.$/);
  // $labels holds the expression's labels, not the rule's own (promtool test rules expands it to nothing).
  assert.match(out[1], /^9:77-85 warning rules\/template-label-removed "severity" .* The rule's own "severity" label is not part of \$labels\.$/);
  assert.match(out[2], /^10:\d+-\d+ error template\//);
  assert.match(out[3], /^11:\d+-\d+ error template\/.*humanizez/);
});

test('a rule that reads another rule through a YAML alias is checked again when that rule changes', () => {
  const text = (expr: string): string =>
    `groups:\n  - name: g\n    rules:\n      - record: job:x:sum\n        expr: &e ${expr}\n      - alert: XHigh\n        expr: *e\n        labels: { severity: page }\n        annotations: { summary: 'on {{ $labels.instance }}', description: d }\n`;
  const codes = (t: string): string[] => check(t, 'alias-rules.yml').filter((p) => p.includes('XHigh') || p.includes('instance')).map((p) => p.split(' ')[2]);
  assert.ok(codes(text('sum by (job) (x) > 1')).length > 0, 'instance is aggregated away');
  assert.deepEqual(codes(text('x > 1')), [], 'instance is kept now');
});
