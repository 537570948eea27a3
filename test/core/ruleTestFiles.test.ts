import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CompletionItem } from 'vscode-languageserver-types';
import { caret, doc, problemsOf, workspace } from '../helpers/service';
import { valuesSummary } from '../../server/src/core/kinds/ruleTests/valuesSummary';

// Authoring promtool unit-test files: schema, semantic checks, alertname completion and hover, bad input.

const RULES =
  'groups:\n' +
  '  - name: availability\n' +
  '    rules:\n' +
  '      - alert: InstanceDown\n' +
  '        expr: up == 0\n' +
  '        for: 5m\n' +
  '        labels:\n' +
  '          severity: page\n' +
  '      - alert: HighLatency\n' +
  '        expr: |\n' +
  '          histogram_quantile(0.9, rate(http_request_duration_seconds_bucket[5m])) > 1\n' +
  '        keep_firing_for: 10m\n' +
  '      - record: job:up:sum\n' +
  '        expr: sum by (job) (up)\n';

const { root, service } = workspace({ 'rules/alerts.yml': RULES, 'rules/broken.yml': 'groups: [\n' }, { versions: { prometheus: '2.42' } });
const file = join(root, 'alerts.test.yml');

const problems = (text: string): string[] => problemsOf(service, file, text);
const withSeries = (entries: string): string => `rule_files: [rules/alerts.yml]\ntests:\n  - input_series:\n${entries}`;

const GOOD = `rule_files:
  - rules/alerts.yml
evaluation_interval: 1m
group_eval_order: [availability]
tests:
  - name: instance down fires after 5m
    interval: 1m
    input_series:
      - series: 'up{job="node", instance="a:9100"}'
        values: '1 1 0x10'
      - series: http_request_duration_seconds_bucket{le="+Inf"}
        values: 0+10x12 _x2 stale
    external_labels:
      cluster: eu-1
    external_url: https://prometheus.example.com
    alert_rule_test:
      - eval_time: 8m
        alertname: InstanceDown
        exp_alerts:
          - exp_labels:
              severity: page
              job: node
              instance: a:9100
            exp_annotations: {}
    promql_expr_test:
      - expr: job:up:sum
        eval_time: 2m
        exp_samples:
          - labels: 'job:up:sum{job="node"}'
            value: 0
      - expr: scalar(up)
        eval_time: 1m
        exp_samples:
          - value: 1
      - expr: vector(1)
        exp_samples:
          - labels: '{}'
            value: 1
`;

test('a complete, valid test file has no problems', () => {
  assert.deepEqual(problems(GOOD), []);
});

test('schema: unknown keys, durations, label names, and fields newer than the target version', () => {
  const text = `rule_files: [rules/alerts.yml]
evaluation_interval: 1min
fuzzy_compare: true
tests:
  - intervall: 1m
    alert_rule_test:
      - eval_time: 5x
        alertname: InstanceDown
        exp_alerts:
          - exp_labels: { 1bad: x }
    promql_expr_test:
      - expr: up
        exp_samples:
          - value: high
`;
  assert.deepEqual(problems(text), [
    '2:22-26 error schema/invalid-duration "1min" is not a valid duration: write whole numbers with units in order y, w, d, h, m, s, ms (e.g. 30s, 1m30s, 2h).',
    '3:1-14 error version/too-new "fuzzy_compare" needs Prometheus ≥ 3.6 (the target version is 2.42).',
    '5:5-14 error schema/unknown-key Unknown key "intervall". Did you mean "interval"?',
    '7:20-22 error schema/invalid-duration "5x" is not a valid duration: write whole numbers with units in order y, w, d, h, m, s, ms (e.g. 30s, 1m30s, 2h).',
    '10:27-31 error schema/invalid-key "1bad" is not a valid label name: use letters, digits and underscores, not starting with a digit.',
    '14:20-24 error schema/wrong-type Expected a number, found the string "high".',
  ]);
});

test('series value notation: errors sit on the offending characters, through quotes, escapes and block scalars', () => {
  const cases: [string, string][] = [
    ['        values: 1 2 foo 3\n', '5:21-24 error ruletests/invalid-values unexpected identifier "foo" in series values, expected number or "stale"'],
    ['        values: "1 2 \\x41 3"\n', '5:22-26 error ruletests/invalid-values unexpected identifier "A" in series values, expected number or "stale"'],
    ['        values: >-\n          1 2\n          3 4x\n', '7:14-15 error ruletests/invalid-values unexpected end of input in series values'],
    ['        values: 1+x3\n', '5:19-20 error ruletests/invalid-values unexpected "x" in series values'],
    ['        values: 1 ☃ 2\n', "5:19-20 error ruletests/invalid-values unexpected character in series sequence: '☃'"],
    ['        values: 1x99999999\n', '5:19-27 error ruletests/too-many-values too many values in series: more than 10000000'],
  ];
  for (const [values, expected] of cases) {
    assert.deepEqual(problems(withSeries(`      - series: up\n${values}`)), [expected], values);
  }
  // Every form of the notation is accepted.
  assert.deepEqual(problems(withSeries('      - series: up\n        values: 1e3 Inf -Inf NaN stale _ _x3 1+2x3 0-1x5 .5 +1 -2 0x10\n')), []);
});

test('the values summary counts expanded steps without expanding them', () => {
  assert.deepEqual(valuesSummary('1 2 3'), { steps: 3, lastSample: 2 });
  assert.deepEqual(valuesSummary('0+1x9999999'), { steps: 10_000_000, lastSample: 9_999_999 });
  assert.deepEqual(valuesSummary('1 _x3 stale _'), { steps: 6, lastSample: 0 });
  assert.deepEqual(valuesSummary('_x2'), { steps: 2, lastSample: -1 });
});

test('series selectors: only a metric name and = matchers', () => {
  const cases: [string, string][] = [
    [`'up{job="a", instance!="x"}'`, '4:30-43 error ruletests/invalid-series only "=" is allowed in a series label set, got "!="'],
    ['up{a="b"', '4:19-20 error ruletests/invalid-series unexpected end of input inside braces'],
    [`'rate(up[5m])'`, '4:18-30 error ruletests/invalid-series a series must be a metric name and/or a label set such as metric{label="value"}'],
    [`'up{a="1",a="2"}'`, '4:27-28 error ruletests/invalid-series duplicate label name "a"'],
    [`'{}'`, '4:18-20 error ruletests/invalid-series a series needs a metric name or at least one non-empty label'],
  ];
  for (const [series, expected] of cases) {
    assert.deepEqual(problems(withSeries(`      - series: ${series}\n        values: 1\n`)), [expected], series);
  }
});

test('rule_files: missing files, globs matching nothing, files that are not YAML', () => {
  const text = 'rule_files:\n  - rules/alerts.yml\n  - rules/missing.yml\n  - nothing/*.yml\n  - rules/broken.yml\ntests: []\n';
  assert.deepEqual(problems(text), [
    '3:5-22 error ruletests/rule-file-not-found "rules/missing.yml" does not exist (relative to this test file).',
    '4:5-18 warning ruletests/rule-files-no-match "nothing/*.yml" matches no file (relative to this test file).',
    '5:5-21 error ruletests/invalid-rule-file rules/broken.yml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (line 2): promtool cannot load it.',
  ]);
  assert.deepEqual(problems('rule_files: [rules/*.yml]\ntests: []\n').map((p) => p.split(' ')[2]), ['ruletests/invalid-rule-file']);
});

test('alertname: unknown alerts get a "did you mean" with a quick fix; empty names are refused like promtool does', () => {
  const text = `rule_files: [rules/alerts.yml]
tests:
  - alert_rule_test:
      - alertname: "InstanceDwn"
      - alertname: Nothing
      - alertname: ""
      - alertname: job:up:sum
`;
  assert.deepEqual(problems(text), [
    '4:20-33 error ruletests/unknown-alert No alerting rule in the rule files is named "InstanceDwn". Did you mean "InstanceDown"?',
    '5:20-27 error ruletests/unknown-alert No alerting rule in the rule files is named "Nothing".',
    '6:20-22 error ruletests/missing-alertname an item under alert_rule_test misses required attribute alertname',
    '7:20-30 error ruletests/unknown-alert No alerting rule in the rule files is named "job:up:sum".',
  ]);
  const fix = service.check(doc(file, text)).problems.find((p) => p.fix)?.fix;
  assert.deepEqual(fix, { title: 'Change to "InstanceDown"', replacement: 'InstanceDown', offset: text.indexOf('InstanceDwn'), length: 'InstanceDwn'.length });
  // When a rule file cannot be read, no name is said to be missing.
  assert.deepEqual(problems(text.replace('[rules/alerts.yml]', '[rules/alerts.yml, rules/gone.yml]')).filter((p) => p.includes('unknown-alert')), []);
});

test('group_eval_order: repeated names (promtool refuses them) and names no rule file defines', () => {
  assert.deepEqual(problems('rule_files: [rules/alerts.yml]\ngroup_eval_order: [availability, availabilty, availability]\ntests: []\n'), [
    '2:34-45 warning ruletests/unknown-group No rule group is named "availabilty" in the rule files. Did you mean "availability"?',
    '2:47-59 error ruletests/duplicate-group-order group name repeated in evaluation order: availability',
  ]);
});

test('eval_time after the input series ended (last sample plus the 5m lookback) is a warning', () => {
  const text = (evalTime: string, interval = '1m'): string => `rule_files: [rules/alerts.yml]
tests:
  - interval: ${interval}
    input_series:
      - series: up
        values: 1x10 _x5 stale
    alert_rule_test:
      - eval_time: ${evalTime}
        alertname: InstanceDown
    promql_expr_test:
      - expr: up
        eval_time: ${evalTime}
`;
  assert.deepEqual(problems(text('15m')), []);
  const msg = 'warning ruletests/eval-time-after-input eval_time 15m1s is after the input series end: the last sample is at 10m, and instant queries see it only until 15m.';
  assert.deepEqual(problems(text('15m1s')), [`8:20-25 ${msg}`, `12:20-25 ${msg}`]);
  // The input interval scales the series; the file's evaluation_interval is the default interval.
  assert.deepEqual(problems(text('1h', '10m')), []);
  assert.deepEqual(problems(text('1h', '0').replace('tests:', 'evaluation_interval: 10m\ntests:')), []);
  // A series that does not parse leaves the end unknown: no guess.
  assert.deepEqual(problems(text('1d').replace('stale', 'oops')).map((p) => p.split(' ')[2]), ['ruletests/invalid-values']);
});

test('exp_samples labels: a series with = matchers, or empty for a scalar', () => {
  const text = (labels: string): string => `rule_files: [rules/alerts.yml]\ntests:\n  - promql_expr_test:\n      - expr: up\n        exp_samples:\n          - labels: ${labels}\n`;
  for (const ok of [`''`, `'{}'`, 'up', `'up{job="a"}'`, `'{job="a", instance="b"}'`]) {
    assert.deepEqual(problems(text(ok)), [], ok);
  }
  assert.deepEqual(problems(text(`'up{job=~"a"}'`)), ['6:25-33 error ruletests/invalid-sample-labels only "=" is allowed in a series label set, got "=~"']);
  assert.deepEqual(problems(text(`'foo bar'`)), ['6:26-29 error ruletests/invalid-sample-labels unexpected identifier "bar"']);
});

test('lint settings re-level or silence the checks', () => {
  const ws = workspace({ 'rules.yml': 'groups: []\n' }, { lints: { 'ruletests/rule-file-not-found': 'warning', 'ruletests/invalid-values': 'off' } });
  const text = 'rule_files: [gone.yml]\ntests:\n  - input_series:\n      - series: up\n        values: x\n';
  assert.deepEqual(problemsOf(ws.service, join(ws.root, 't.test.yml'), text), ['1:14-22 warning ruletests/rule-file-not-found "gone.yml" does not exist (relative to this test file).']);
});

async function complete(src: string): Promise<CompletionItem[]> {
  const { text, position } = caret(src);
  return service.complete(doc(file, text), position);
}

test('alertname completion offers the alerting rules of the rule files, documented', async () => {
  const items = await complete('rule_files: [rules/*.yml, rules/alerts.yml]\ntests:\n  - alert_rule_test:\n      - eval_time: 1m\n        alertname: Inst<|>\n');
  assert.deepEqual(
    items.map((i) => i.label),
    ['InstanceDown', 'HighLatency'],
  );
  const down = items[0];
  assert.equal(down.detail, 'alert in rules/alerts.yml');
  assert.deepEqual(down.textEdit, { range: { start: { line: 4, character: 19 }, end: { line: 4, character: 23 } }, newText: 'InstanceDown' });
  assert.equal(
    (down.documentation as { value: string }).value,
    '**alert `InstanceDown`** — group `availability` in `rules/alerts.yml:4`\n```promql\nup == 0\n```\n- for: `5m`\n- labels: `severity="page"`',
  );
  // Other keys keep schema completion: a new test group gets the snippets.
  const keys = (await complete('rule_files: [rules/alerts.yml]\ntests:\n  - interval: 1m\n    <|>\n')).map((i) => i.label);
  assert.ok(['input_series', 'alert_rule_test', 'promql_expr_test', 'external_labels', 'start_timestamp'].every((k) => keys.includes(k)), keys.join());
  assert.ok((await complete('rule_files: [rules/alerts.yml]\ntests:\n  - <|>\n')).some((i) => i.label === 'new test'));
});

test('hover on an alertname shows the rule; on the key, the schema documentation', async () => {
  const at = async (src: string): Promise<string | undefined> => {
    const { text, position } = caret(src);
    const h = await service.hover(doc(file, text), position);
    return h ? (h.contents as { value: string }).value : undefined;
  };
  const base = 'rule_files: [rules/alerts.yml]\ntests:\n  - alert_rule_test:\n      - eval_time: 1m\n        ';
  assert.equal(
    await at(base + 'alertname: High<|>Latency\n'),
    '**alert `HighLatency`** — group `availability` in `rules/alerts.yml:9`\n```promql\nhistogram_quantile(0.9, rate(http_request_duration_seconds_bucket[5m])) > 1\n```\n- keep_firing_for: `10m`',
  );
  assert.equal(await at(base + 'alertname: No<|>ne\n'), 'No alerting rule named `None` in the rule files.');
  assert.match((await at(base + 'alert<|>name: HighLatency\n')) ?? '', /^\*\*alertname\*\* — `string`/);
  assert.match((await at('rule_files: [rules/alerts.yml]\ntests:\n  - input_series:\n      - val<|>ues: 1\n')) ?? '', /expanding notation/);
});

test('bad input: huge values strings, garbage, deep nesting and wrong types give diagnostics in bounded time', async () => {
  const timed = (text: string): { found: string[]; ms: number } => {
    const start = performance.now();
    const found = problems(text);
    return { found, ms: performance.now() - start };
  };
  const huge = withSeries(`      - series: up\n        values: '${'1 '.repeat(5_000_000)}'\n`);
  const big = timed(huge);
  assert.deepEqual(big.found, ['5:17-10000019 info ruletests/values-too-long These values are 10000000 characters long; the editor checks values up to 100000 characters.']);
  assert.ok(big.ms < 3000, `${big.ms} ms`);
  const { position } = caret(huge.replace("values: '1", "values: '<|>1"));
  assert.deepEqual(await service.complete(doc(file, huge), position), []);

  const repeated = timed(withSeries(`      - series: up\n        values: '${'1x9999 '.repeat(10_000)}'\n`));
  assert.deepEqual(repeated.found.map((p) => p.split(' ')[2]), ['ruletests/too-many-values']);
  assert.ok(repeated.ms < 3000, `${repeated.ms} ms`);

  const garbage = timed(withSeries(`      - series: '${'{'.repeat(10_000)}'\n        values: '${'\u0000\u00ff+-x_'.repeat(1000)}'\n`));
  assert.deepEqual(garbage.found.map((p) => p.split(' ')[2]), ['ruletests/invalid-series', 'ruletests/invalid-values']);

  const deep = timed(`rule_files: [rules/alerts.yml]\ntests:\n  - input_series: ${'['.repeat(5000)}${']'.repeat(5000)}\n    alert_rule_test: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`);
  assert.ok(deep.found.some((p) => p.includes('yaml/too-deep')), deep.found.join('\n'));
  assert.ok(deep.ms < 5000, `${deep.ms} ms`);

  const wrong = problems('rule_files: [[a], {b: 1}, 3]\ntests:\n  - input_series: {a: 1}\n    alert_rule_test: [1, [2], {alertname: [x]}]\n    promql_expr_test: [{exp_samples: 3}, {exp_samples: [{labels: [1]}]}]\n');
  assert.ok(wrong.length > 0 && wrong.every((p) => /schema\/(wrong-type|missing-key)|ruletests\/rule-file-not-found/.test(p)), wrong.join('\n'));
});
