import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLens, Location } from 'vscode-languageserver-types';
import { doc, workspace } from '../helpers/service';
import { LineIndex } from '../../server/src/core/text';
import { pathToUri } from '../../server/src/core/uri';

const RULES = `groups:
  - name: alerts
    rules:
      - alert: InstanceDown
        expr: up == 0
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: "HighLatency"
        expr: latency_seconds > 1
`;

const TESTS = `rule_files: [rules/*.yml]
tests:
  - input_series:
      - { series: 'up{job="a"}', values: '0x10' }
    alert_rule_test:
      - eval_time: 5m
        alertname: InstanceDown
        exp_alerts: [{ exp_labels: { job: a } }]
      - eval_time: 0m
        alertname: InstanceDown
  - alert_rule_test:
      - { eval_time: 1m, alertname: HighLatency }
`;

/** The coverage lenses of a document as `line title` (1-based), with each one's locations as `file:line:col text`. */
function coverage(service: ReturnType<typeof workspace>['service'], root: string, rel: string, text: string): string[] {
  const lenses = service.codeLenses(doc(join(root, rel), text)).filter((l: CodeLens) => l.command?.command === 'o11y.showRuleTests');
  return lenses.map((l) => {
    const [uri, position, locations, alertname] = l.command!.arguments as [string, unknown, Location[], string];
    assert.equal(uri, pathToUri(join(root, rel)));
    assert.deepEqual(position, l.range.start);
    const where = locations.map((loc) => {
      const file = decodeURIComponent(loc.uri).slice(`file://${root}/`.length);
      return `${file}:${loc.range.start.line + 1}:${loc.range.start.character + 1}`;
    });
    return [`${l.range.start.line + 1} ${l.command!.title} (${alertname})`, ...where].join(' ');
  });
}

function setup(files: Record<string, string>) {
  const ws = workspace(files);
  for (const [rel, text] of Object.entries(files)) {
    ws.service.indexFile(join(ws.root, rel), text);
  }
  return ws;
}

test('each alerting rule says how many alert_rule_test cases name it and where they are', () => {
  const { root, service } = setup({ 'rules/alerts.yml': RULES, 'alerts_test.yml': TESTS });
  assert.deepEqual(coverage(service, root, 'rules/alerts.yml', RULES), [
    '4 Tested in 2 cases (InstanceDown) alerts_test.yml:7:20 alerts_test.yml:10:20',
    '8 Tested in 1 case (HighLatency) alerts_test.yml:12:37',
  ]);
  // The location is the alertname as written in the test.
  const lines = new LineIndex(TESTS);
  assert.equal(TESTS.slice(lines.offsetAt({ line: 11, character: 36 }), lines.offsetAt({ line: 11, character: 47 })), 'HighLatency');
  // Neither a test file nor an unrelated file gets these lenses.
  assert.deepEqual(coverage(service, root, 'alerts_test.yml', TESTS), []);
});

test('only tests whose rule_files load the rule file count', () => {
  const other = TESTS.replace('rule_files: [rules/*.yml]', 'rule_files: [other/*.yml]');
  const { root, service } = setup({ 'rules/alerts.yml': RULES, 'other/alerts.yml': RULES, 'other_test.yml': other });
  assert.deepEqual(coverage(service, root, 'rules/alerts.yml', RULES), ['4 No tests (InstanceDown)', '8 No tests (HighLatency)']);
  assert.deepEqual(coverage(service, root, 'other/alerts.yml', RULES), [
    '4 Tested in 2 cases (InstanceDown) other_test.yml:7:20 other_test.yml:10:20',
    '8 Tested in 1 case (HighLatency) other_test.yml:12:37',
  ]);
  // Patterns are relative to the test file's folder, and a rule file created later is matched when asked.
  const nested = TESTS.replace('rule_files: [rules/*.yml]', 'rule_files: [../rules/late.yml]');
  writeFileSync(join(root, 'rules/late.yml'), RULES);
  service.indexFile(join(root, 'tests/nested_test.yml'), nested);
  assert.deepEqual(coverage(service, root, 'rules/late.yml', RULES).map((s) => s.split(' tests/')[0]), ['4 Tested in 2 cases (InstanceDown)', '8 Tested in 1 case (HighLatency)']);
});

test('lenses follow the test files as they are edited, opened, deleted', () => {
  const { root, service } = setup({ 'rules/alerts.yml': RULES, 'alerts_test.yml': TESTS });
  const testPath = join(root, 'alerts_test.yml');
  // The test file changes on disk: one InstanceDown case renamed away.
  const fewer = TESTS.replace('eval_time: 0m\n        alertname: InstanceDown', 'eval_time: 0m\n        alertname: Other');
  service.indexFile(testPath, fewer);
  assert.deepEqual(coverage(service, root, 'rules/alerts.yml', RULES), [
    '4 Tested in 1 case (InstanceDown) alerts_test.yml:7:20',
    '8 Tested in 1 case (HighLatency) alerts_test.yml:12:37',
  ]);
  // Opened in an editor, its unsaved text wins.
  service.context(doc(testPath, TESTS.replace(/HighLatency/, 'LowLatency'), 2));
  assert.deepEqual(coverage(service, root, 'rules/alerts.yml', RULES), [
    '4 Tested in 2 cases (InstanceDown) alerts_test.yml:7:20 alerts_test.yml:10:20',
    '8 No tests (HighLatency)',
  ]);
  // Deleted.
  service.forget(pathToUri(testPath));
  rmSync(testPath);
  service.forgetFile(testPath);
  assert.deepEqual(coverage(service, root, 'rules/alerts.yml', RULES), ['4 No tests (InstanceDown)', '8 No tests (HighLatency)']);
});

test('bad input: broken test files and odd rule_files give no cases and no crash', () => {
  const broken = [
    'rule_files: ["[", 5, {a: 1}, rules/alerts.yml]\ntests:\n  - alert_rule_test: [{ alertname: InstanceDown }, 7, { alertname: [x] }, { alertname: "" }]\n',
    'rule_files: rules/alerts.yml\ntests: {alert_rule_test: 3}\n',
    'rule_files: [rules/alerts.yml]\ntests:\n  - alert_rule_test:\n      - alertname: InstanceDown\n    bad: [\n',
  ];
  const { root, service } = setup({ 'rules/alerts.yml': RULES, 'a_test.yml': broken[0], 'b_test.yml': broken[1], 'c_test.yml': broken[2] });
  // The well-formed entry of a.yml matches; c.yml's syntax error comes after its case, which the tolerant parse keeps.
  assert.deepEqual(coverage(service, root, 'rules/alerts.yml', RULES), [
    '4 Tested in 2 cases (InstanceDown) a_test.yml:3:36 c_test.yml:4:20',
    '8 No tests (HighLatency)',
  ]);
  // Rules without a usable name get no lens; a rule document that is not a file counts tests by alertname.
  const odd = 'groups:\n  - name: g\n    rules:\n      - alert: ""\n        expr: up\n      - alert: [x]\n        expr: up\n      - 5\n  - 7\n';
  assert.deepEqual(coverage(service, root, 'rules/odd.yml', odd), []);
  const untitled = service.codeLenses({ uri: 'untitled:Untitled-1', version: 1, getText: () => RULES });
  assert.deepEqual(untitled.filter((l) => l.command?.command === 'o11y.showRuleTests').map((l) => l.command!.title), ['Tested in 2 cases', 'No tests']);
});
