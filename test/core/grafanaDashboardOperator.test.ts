import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { problemsOf, workspace } from '../helpers/service';

// A grafana-operator GrafanaDashboard keeps the dashboard JSON in a YAML string (`spec.json`): the dashboard schema,
// JSON syntax and the dashboard checks apply inside it, positioned on the YAML lines.

const { root, service } = workspace({});
const check = (yaml: string): string[] => problemsOf(service, join(root, 'k8s/dashboard.yaml'), yaml);

function resource(json: string[], style = '|'): string {
  return [
    'apiVersion: grafana.integreatly.org/v1beta1',
    'kind: GrafanaDashboard',
    'metadata:',
    '  name: api',
    'spec:',
    '  instanceSelector:',
    '    matchLabels: { dashboards: grafana }',
    `  json: ${style}`,
    ...json.map((l) => '    ' + l),
    '',
  ].join('\n');
}

test('schema problems inside spec.json: unknown keys, wrong types and out-of-range values on the YAML lines', () => {
  const yaml = resource([
    '{',
    '  "uid": "api", "title": "API", "schemaVersion": 39, "refrsh": "30s",',
    '  "panels": [',
    '    { "id": 1, "type": "stat", "title": "Up", "gridPos": { "x": 0, "y": 0, "w": 30, "h": 4 },',
    '      "options": { "colorMode": "rainbow" }, "transparent": "yes" }',
    '  ]',
    '}',
  ]);
  assert.deepEqual(check(yaml), [
    '10:58-66 warning schema/unknown-key Unknown key "refrsh", which is ignored. Did you mean "refresh"?',
    '12:85-87 error schema/maximum Must be <= 24.',
    '13:37-46 error schema/invalid-value The string "rainbow" is not allowed here; expected one of: value, background, background_solid, none.',
    '13:65-70 error schema/wrong-type Expected true or false, found the string "yes".',
  ]);
  // Each range covers the token as written in the YAML file.
  const lines = yaml.split('\n');
  assert.deepEqual(
    [[10, 58, 66], [12, 85, 87], [13, 37, 46], [13, 65, 70]].map(([l, from, to]) => lines[l - 1].slice(from - 1, to - 1)),
    ['"refrsh"', '30', '"rainbow"', '"yes"'],
  );
});

test('bad JSON in spec.json is a positioned syntax error; nothing else is guessed from it', () => {
  const yaml = resource(['{', '  "uid": "api",', '  "title": "API"', '  "panels": []', '}']);
  const found = check(yaml);
  assert.ok(found.length >= 1, found.join('\n'));
  assert.match(found[0], /^12:7-15 error json\/syntax Comma Expected\./); // at `"panels"`, after the missing comma
  assert.ok(found.every((p) => p.includes('json/syntax')), found.join('\n'));
  const broken = check(resource(['{ "uid": "api", "panels": [ }']));
  assert.match(broken[0], /^9:33-34 error json\/syntax Value Expected\./); // at the `}` closing nothing
  assert.ok(broken.every((p) => / error json\/syntax /.test(p)), broken.join('\n'));
});

test('a quoted spec.json (not a block scalar) is named as not analysed, not checked with wrong positions', () => {
  const yaml = [
    'apiVersion: grafana.integreatly.org/v1beta1',
    'kind: GrafanaDashboard',
    'metadata: { name: api }',
    'spec:',
    '  json: "{\\"uid\\": \\"api\\", \\"refrsh\\": 1}"',
    '',
  ].join('\n');
  assert.deepEqual(check(yaml), [
    '5:9-44 info grafana/operator-json-style The dashboard JSON is checked only when written as a block scalar (`json: |` followed by the JSON on its own lines).',
  ]);
});
