import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { doc, workspace } from '../helpers/service';
import { REPO } from '../helpers/lspClient';

/** The differential corpora (rules, prometheus.yml, alertmanager.yml) and the examples. */
const FOLDERS = ['test/integration/fixtures/rules', 'test/fixtures/promtool-config', 'test/integration/fixtures/alertmanager', 'examples/prometheus/rules', 'examples/prometheus', 'examples/alertmanager'];
const files = FOLDERS.flatMap((d) => readdirSync(join(REPO, d)).map((f) => join(REPO, d, f))).filter((f) => /\.ya?ml$/.test(f));

test('a file checked alone (the CLI given one file) has exactly the findings of a check that indexes it', () => {
  assert.ok(files.length >= 250, `the corpora and the examples: ${files.length} files`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const alone = workspace().service.checkAlone(doc(file, text));
    const { service } = workspace();
    // As the CLI does: a file of no known kind (an empty one) is not checked.
    const indexed = service.fileKind(doc(file, text)) === 'unknown' ? undefined : service.check(doc(file, text));
    const show = (r: typeof indexed): string[] | undefined => r?.problems.map((p) => `${p.offset}+${p.length} ${p.severity} ${p.code} ${p.message}`).sort();
    assert.deepEqual(show(alone), show(indexed), file);
    assert.deepEqual(alone?.unusedSuppressions, indexed?.unusedSuppressions, file);
  }
});

test('checked alone: files read into no index, files of no known kind have no result', () => {
  const { root, service } = workspace();
  const rules = 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n';
  assert.deepEqual(service.checkAlone(doc(join(root, 'rules.yml'), rules))?.problems.map((p) => p.code), []);
  assert.equal(service.rules.file(join(root, 'rules.yml')), undefined, 'not in the rules index');
  const dashboard = '{"panels": [{"type": "timeseries", "targets": [{"expr": "sum(rate(x[5m]))"}]}], "schemaVersion": 39}';
  assert.ok(service.checkAlone(doc(join(root, 'dash.json'), dashboard)), 'a dashboard is checked as usual');
  assert.equal(service.checkAlone(doc(join(root, 'notes.yml'), 'hello: world\n')), undefined);
});
