import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentSymbol, Location, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { caret, doc, problemsOf, workspace } from '../helpers/service';
import { LineIndex } from '../../server/src/core/text';
import { runCheck } from '../../server/src/cli/check';

const RECORDS = `groups:
  - name: recording
    rules:
      - record: job:http_errors:rate5m
        expr: sum by (job) (rate(http_errors_total[5m]))
      - record: "job:http_requests:rate5m"
        expr: sum by (job) (rate(http_requests_total[5m]))
`;

/** A workspace with recording rules in one file (on disk, indexed) and the lints that need the whole workspace on. */
function setup(files: Record<string, string> = {}, lints: Record<string, 'off'> = {}) {
  const ws = workspace({}, { lints });
  const all: Record<string, string> = { 'rules/records.yml': RECORDS, ...files };
  for (const [rel, text] of Object.entries(all)) {
    ws.service.indexFile(join(ws.root, rel), text);
  }
  ws.service.rules.markComplete();
  return { ...ws, texts: all };
}

/** Locations as `relPath:line:col-col spelled` (1-based), with the text they cover. */
function show(root: string, texts: Record<string, string>, locs: Location[]): string[] {
  return locs.map((l) => {
    const rel = decodeURIComponent(l.uri).slice(`file://${root}/`.length);
    return `${rel}:${l.range.start.line + 1}:${l.range.start.character + 1}-${l.range.end.character + 1} ${cut(texts[rel], l.range)}`;
  });
}

function cut(text: string, r: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
}

const ALERT = (expr: string): string => `groups:\n  - name: alerts\n    rules:\n      - alert: HighErrorRatio\n        expr: ${expr}\n        labels: { severity: page }\n        annotations: { summary: s, description: d }\n`;

test('outline: groups then rules, PrometheusRule resources one level up, bad shapes skipped', () => {
  const { root, service } = setup();
  const names = (s: DocumentSymbol[]): unknown => s.map((x) => (x.children?.length ? [x.name, x.detail, names(x.children)] : [x.name, x.detail]));
  assert.deepEqual(names(service.symbols(doc(join(root, 'rules/records.yml'), RECORDS))), [
    ['recording', '2 rules', [['job:http_errors:rate5m', 'sum by (job) (rate(http_errors_total[5m]))'], ['job:http_requests:rate5m', 'sum by (job) (rate(http_requests_total[5m]))']]],
  ]);
  const crd = 'kind: PrometheusRule\nmetadata:\n  name: shop\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: up == 0\n---\nkind: Service\n';
  const symbols = service.symbols(doc(join(root, 'crd.yaml'), crd));
  assert.deepEqual(names(symbols), [['shop', 'PrometheusRule', [['g', '1 rule', [['A', 'up == 0']]]]]]);
  assert.deepEqual(symbols[0].selectionRange, { start: { line: 2, character: 8 }, end: { line: 2, character: 12 } });
  const bad = 'groups:\n  - 5\n  - name: [x]\n    rules: [1, { expr: up }, { alert: B }]\n';
  assert.deepEqual(names(service.symbols(doc(join(root, 'bad.yml'), bad))), [['(unnamed group)', '2 rules', [['(unnamed rule)', 'up'], ['B', undefined]]]]);
  assert.deepEqual(service.symbols(doc(join(root, 'prometheus.yml'), 'global: {}\n')), []);
});

test('go to definition from a metric in an expr (rules and rule tests) to the recording rule, workspace-wide', () => {
  const { root, service, texts } = setup();
  const a = caret(ALERT('job:http_err<|>ors:rate5m / job:http_requests:rate5m > 0.05'));
  assert.deepEqual(show(root, texts, service.definition(doc(join(root, 'alerts.yml'), a.text), a.position)), ['rules/records.yml:4:17-39 job:http_errors:rate5m']);
  const b = caret(ALERT('job:http_errors:rate5m / job:http_requests:rate5m<|> > 0.05'));
  assert.deepEqual(show(root, texts, service.definition(doc(join(root, 'alerts.yml'), b.text), b.position)), ['rules/records.yml:6:18-42 job:http_requests:rate5m']);
  const t = caret('rule_files: [rules/records.yml]\ntests:\n  - promql_expr_test:\n      - expr: sum(job:http_<|>errors:rate5m)\n        eval_time: 1m\n');
  assert.deepEqual(show(root, texts, service.definition(doc(join(root, 'test.yml'), t.text), t.position)), ['rules/records.yml:4:17-39 job:http_errors:rate5m']);
  const raw = caret(ALERT('rate(http_err<|>ors_total[5m]) > 0'));
  assert.deepEqual(service.definition(doc(join(root, 'alerts.yml'), raw.text), raw.position), [], 'a scraped metric has no definition here');
  const outside = caret(ALERT('job:http_errors:rate5m > 0').replace('High', 'Hi<|>gh'));
  assert.deepEqual(service.definition(doc(join(root, 'alerts.yml'), outside.text), outside.position), []);
});

test('find references: every expression reading the metric, with or without the recording rule', () => {
  const { root, service, texts } = setup({
    'alerts.yml': ALERT('job:http_errors:rate5m > 1'),
    'tests/t.yml': 'rule_files: [../rules/records.yml]\ntests:\n  - promql_expr_test:\n      - expr: job:http_errors:rate5m\n',
    'dash.json': '{"panels": [{"targets": [{"expr": "sum(job:http_errors:rate5m)"}]}]}',
  });
  const at = caret(RECORDS.replace('record: job:http_err', 'record: job:http_<|>err'));
  const refs = (decl: boolean): string[] => show(root, texts, service.references(doc(join(root, 'rules/records.yml'), at.text), at.position, decl));
  assert.deepEqual(refs(true), [
    'rules/records.yml:4:17-39 job:http_errors:rate5m',
    'alerts.yml:5:15-37 job:http_errors:rate5m',
    'dash.json:1:40-62 job:http_errors:rate5m',
    'tests/t.yml:4:15-37 job:http_errors:rate5m',
  ]);
  assert.deepEqual(refs(false).length, 3);
});

test('rename a recorded metric: the record and every use across the workspace; refusals say why', () => {
  const alerts = ALERT('job:http_errors:rate5m / on (job) {__name__="job:http_errors:rate5m"} > 1');
  const { root, service, texts } = setup({ 'alerts.yml': alerts, 'dash.json': '{"expr": "job:http_errors:rate5m"}' });
  const a = caret(alerts.replace('expr: job:http', 'expr: job:<|>http'));
  const d = doc(join(root, 'alerts.yml'), a.text);
  assert.deepEqual(service.prepareRename(d, a.position), { range: { start: { line: 4, character: 14 }, end: { line: 4, character: 36 } }, placeholder: 'job:http_errors:rate5m' });
  const edit = service.rename(d, a.position, 'job:http_failures:rate5m') as WorkspaceEdit;
  const renamed = Object.fromEntries(
    Object.entries(edit.changes!).map(([uri, edits]) => {
      const rel = decodeURIComponent(uri).slice(`file://${root}/`.length);
      const lines = new LineIndex(texts[rel]);
      let out = texts[rel];
      for (const e of [...edits].sort((x, y) => lines.offsetAt(y.range.start) - lines.offsetAt(x.range.start))) {
        out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
      }
      return [rel, out];
    }),
  );
  assert.deepEqual(Object.keys(renamed).sort(), ['alerts.yml', 'dash.json', 'rules/records.yml']);
  assert.equal(renamed['alerts.yml'], alerts.replaceAll('job:http_errors:rate5m', 'job:http_failures:rate5m'));
  assert.equal(renamed['dash.json'], '{"expr": "job:http_failures:rate5m"}');
  assert.equal(renamed['rules/records.yml'], RECORDS.replace('job:http_errors:rate5m', 'job:http_failures:rate5m'));
  assert.deepEqual(service.rename(d, a.position, '1bad-name'), { error: '"1bad-name" is not a valid metric name: use letters, digits, "_" and ":", not starting with a digit.' });
  assert.deepEqual(service.rename(d, a.position, 'job:http_requests:rate5m'), { error: '"job:http_requests:rate5m" is already recorded by recording rule "job:http_requests:rate5m" at rules/records.yml:6.' });
  const scraped = caret(ALERT('rate(http_errors<|>_total[5m]) > 1'));
  assert.deepEqual(service.prepareRename(doc(join(root, 'x.yml'), scraped.text), scraped.position), {
    error: '"http_errors_total" is not recorded by any rule in the workspace: only a recording rule\'s metric can be renamed.',
  });
  const nowhere = caret(ALERT('up > 1').replace('alerts', 'al<|>erts'));
  assert.ok('error' in service.prepareRename(doc(join(root, 'x.yml'), nowhere.text), nowhere.position));
  // The quoted record value is renamed inside its quotes.
  const q = caret(RECORDS.replace('"job:http_req', '"job:<|>http_req'));
  const qEdit = service.rename(doc(join(root, 'rules/records.yml'), q.text), q.position, 'job:reqs:rate5m') as WorkspaceEdit;
  assert.deepEqual(Object.values(qEdit.changes!).flat().map((e) => cut(RECORDS, e.range)), ['job:http_requests:rate5m']);
});

test('duplicate rules across the workspace: same AST and labels, naming the other file and line', () => {
  const dup = 'groups:\n  - name: copy\n    rules:\n      - record: job:errors:rate5m\n        expr: |\n          sum(\n            rate(http_errors_total[300s])\n          ) by (job)\n';
  const { root, service } = setup();
  assert.deepEqual(problemsOf(service, join(root, 'copy.yml'), dup), [
    '4:17-34 warning rules/duplicate-rule Same expression and labels as recording rule "job:http_errors:rate5m" at rules/records.yml:4: the rules compute the same thing.',
    '4:17-34 info rules/unused-recording-rule Nothing in the workspace reads "job:errors:rate5m": no alert, recording rule, rule test or dashboard query uses it.',
  ]);
  assert.ok(problemsOf(service, join(root, 'rules/records.yml'), RECORDS).some((p) => p.includes('rules/duplicate-rule') && p.includes('copy.yml:4')));
  const labelled = dup.replace('expr: |', 'labels: { team: x }\n        expr: |');
  assert.ok(!problemsOf(service, join(root, 'copy.yml'), labelled).some((p) => p.includes('duplicate-rule')), 'other labels: another series');
  const twice = dup + dup.split('\n').slice(3).join('\n').replace('job:errors', 'job:errors2');
  assert.deepEqual(problemsOf(service, join(root, 'copy.yml'), twice).filter((p) => p.includes('duplicate-rule')).length, 2, 'only the copy in records.yml is named');
  const off = setup({}, { 'rules/duplicate-rule': 'off' });
  assert.ok(!problemsOf(off.service, join(off.root, 'copy.yml'), dup).some((p) => p.includes('duplicate-rule')));
});

test('unused recording rules: reported once the workspace is indexed, unless an alert, rule, test or dashboard reads them', () => {
  const { root, service } = workspace();
  const path = join(root, 'rules/records.yml');
  service.indexFile(path, RECORDS);
  assert.deepEqual(problemsOf(service, path, RECORDS), [], 'nothing is unused before the whole workspace was read');
  service.rules.markComplete();
  assert.deepEqual(problemsOf(service, path, RECORDS).map((p) => p.split(' ').slice(0, 3).join(' ')), [
    '4:17-39 info rules/unused-recording-rule',
    '6:18-42 info rules/unused-recording-rule',
  ]);
  service.indexFile(join(root, 'd.json'), '{"panels":[{"targets":[{"expr":"job:http_errors:rate5m"}]}]}');
  service.indexFile(join(root, 't.yml'), 'rule_files: [x]\ntests:\n  - promql_expr_test:\n      - expr: job:http_requests:rate5m\n');
  assert.deepEqual(problemsOf(service, path, RECORDS), []);
  const self = 'groups:\n  - name: g\n    rules:\n      - record: job:self:sum\n        expr: sum(job:self:sum)\n';
  assert.ok(problemsOf(service, join(root, 'self.yml'), self).some((p) => p.includes('unused-recording-rule')), 'reading itself does not count');
});

test('rules reading metrics recorded elsewhere resolve without noise; hover lists who uses a recording rule', async () => {
  const alerts = ALERT('job:http_errors:rate5m / job:http_requests:rate5m > 0.05');
  const { root, service } = setup({ 'alerts.yml': alerts });
  assert.deepEqual(problemsOf(service, join(root, 'alerts.yml'), alerts), []);
  const m = caret(alerts.replace('/ job:http_req', '/ job:http_<|>req'));
  const metricHover = await service.hover(doc(join(root, 'alerts.yml'), m.text), m.position);
  assert.match(JSON.stringify(metricHover), /recording rule in rules\/records\.yml/);
  const h = caret(RECORDS.replace('record: job:http_err', 'record: job:<|>http_err'));
  const hover = await service.hover(doc(join(root, 'rules/records.yml'), h.text), h.position);
  assert.deepEqual(hover?.range, { start: { line: 3, character: 16 }, end: { line: 3, character: 38 } });
  assert.equal(
    (hover?.contents as { value: string }).value,
    '**job:http_errors:rate5m**, recorded in group "recording"\n\nRead by 1 expression (removing or renaming it breaks them):\n\n- `alerts.yml:5` alert `HighErrorRatio`',
  );
});

test('a recording rule that goes away leaves its readers a warning naming where it was recorded', () => {
  const alerts = ALERT('job:http_errors:rate5m > 1');
  const { root, service } = setup({ 'alerts.yml': alerts });
  const records = join(root, 'rules/records.yml');
  service.context(doc(records, RECORDS, 1));
  // Edited away in an open document.
  service.context(doc(records, RECORDS.replace('record: job:http_errors:rate5m', 'record: job:http_errs:rate5m'), 2));
  const warning =
    '5:15-37 warning rules/missing-recording-rule "job:http_errors:rate5m" is no longer recorded by any rule in the workspace; it was recorded in rules/records.yml.';
  assert.deepEqual(problemsOf(service, join(root, 'alerts.yml'), alerts), [warning]);
  service.context(doc(records, RECORDS, 3));
  assert.deepEqual(problemsOf(service, join(root, 'alerts.yml'), alerts), []);
  // Its file deleted.
  service.forget(doc(records, '').uri);
  service.forgetFile(records);
  assert.deepEqual(problemsOf(service, join(root, 'alerts.yml'), alerts), [warning]);
  // A metric that was never recorded is not reported.
  assert.deepEqual(problemsOf(service, join(root, 'alerts.yml'), ALERT('job:never:recorded > 1')), []);
});

test('o11y check: a folder is indexed whole before any file is checked; named files alone say nothing is unused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-cli-rules-'));
  mkdirSync(join(dir, 'rules'));
  // Checked in name order, alerts.yml comes first: its duplicate and the metric it reads must already be known.
  writeFileSync(join(dir, 'alerts.yml'), ALERT('job:http_errors:rate5m > 1') + '      - record: job:copy:rate5m\n        expr: sum by (job) (rate(http_errors_total[5m]))\n');
  writeFileSync(join(dir, 'rules/records.yml'), RECORDS);
  writeFileSync(join(dir, '.o11y.yaml'), 'lints:\n  rules/record-name-convention: off\n');
  const run = (paths: string[]): string[] => {
    let out = '';
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      runCheck({ positionals: paths, flags: { format: 'json' } }, (s) => (out += s), () => undefined);
    } finally {
      process.chdir(cwd);
    }
    return (JSON.parse(out) as { file: string; line: number; code: string }[]).map((f) => `${f.file}:${f.line} ${f.code}`);
  };
  assert.deepEqual(run(['.']), [
    'alerts.yml:8 rules/duplicate-rule',
    'alerts.yml:8 rules/unused-recording-rule',
    'rules/records.yml:4 rules/duplicate-rule',
    'rules/records.yml:6 rules/unused-recording-rule',
  ]);
  assert.deepEqual(run(['alerts.yml', 'rules/records.yml']), ['alerts.yml:8 rules/duplicate-rule', 'rules/records.yml:4 rules/duplicate-rule']);
});
