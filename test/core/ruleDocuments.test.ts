import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { problemsOf, workspace } from '../helpers/service';

// Which documents of a file hold rules, and what Prometheus's reading of rule files (yaml.v3, one document,
// known fields only) makes of their shape. Lints that do not concern the shape are switched off.
const { root, service } = workspace(
  {},
  {
    versions: { prometheus: '2.42' },
    lints: {
      'rules/missing-severity': 'off',
      'rules/missing-summary': 'off',
      'rules/missing-description': 'off',
      'rules/unused-recording-rule': 'off',
    },
  },
);
let n = 0;
/** Each text in a file of its own, so that no rule is a duplicate of another test's. */
const check = (text: string): string[] => problemsOf(service, join(root, `rules-${++n}.yml`), text);

test('other Kubernetes resources beside a PrometheusRule are none of ours', () => {
  assert.deepEqual(
    check(`apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data:
  groups: not rules
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: api }
spec:
  groups:
    - name: api
      rules:
        - record: job:up:sum
          expr: sum by (job) (up
`),
    ['15:30-31 error promql/syntax unclosed left parenthesis'],
  );
});

test('a PrometheusRule keeps its groups under spec; a plain rule file has no Kubernetes keys', () => {
  assert.deepEqual(
    check(`apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
groups: []
`),
    ['3:1-7 error rules/misplaced-groups A PrometheusRule holds its rule groups under spec.groups, not at the top.'],
  );
  assert.deepEqual(check('metadata: { name: x }\ngroups: []\n'), [
    '1:1-9 error rules/unknown-key Unknown key "metadata": a plain rule file holds only "groups" (a Kubernetes resource needs kind: PrometheusRule).',
  ]);
});

test('Prometheus reads only the first document of a plain rule file', () => {
  assert.deepEqual(
    check(`groups: []
---
groups:
  - name: never-read
    rules:
      - record: bad-name
        expr: sum(
`),
    ['3:1-7 warning rules/ignored-document Prometheus reads only the first YAML document of a rule file; this one is ignored.'],
  );
});

test('a YAML directive other than 1.1 is refused, as yaml.v3 does', () => {
  assert.deepEqual(check('%YAML 1.2\n---\ngroups: []\n'), [
    '1:1-10 error rules/yaml-version Prometheus reads rule files as YAML 1.1 and refuses "%YAML 1.2" (found incompatible YAML document); remove the directive.',
  ]);
  assert.deepEqual(check('%YAML 1.1\n---\ngroups: []\n'), []);
});

test('zero or empty alert-only fields on a recording rule are pointless, not wrong', () => {
  assert.deepEqual(
    check(`groups:
  - name: a
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
        for: 0s
        keep_firing_for: 0
        annotations: {}
`),
    [
      "6:9-12 warning rules/field-on-recording-rule 'for' has no effect in a recording rule; remove it.",
      "7:9-24 warning rules/field-on-recording-rule 'keep_firing_for' has no effect in a recording rule; remove it.",
      "8:9-20 warning rules/field-on-recording-rule 'annotations' has no effect in a recording rule; remove it.",
    ],
  );
});

test('an empty record or alert name does not count, and limit is read as a whole number', () => {
  assert.deepEqual(
    check(`groups:
  - name: a
    limit: 2.5
    rules:
      - record: ""
        alert: Up
        expr: up == 1
        for: 1m
`),
    ['3:12-15 warning rules/fractional-limit limit is a whole number: Prometheus uses 2, not 2.5.'],
  );
});

test('annotation names must be label names', () => {
  assert.deepEqual(
    check(`groups:
  - name: a
    rules:
      - alert: Down
        expr: up == 0
        for: 1m
        annotations: { runbook-url: x }
`),
    ['7:24-35 error schema/invalid-key "runbook-url" is not a valid label name: use letters, digits and underscores, not starting with a digit.'],
  );
});
