import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { doc, workspace } from '../helpers/service';
import { REPO } from '../helpers/lspClient';

const CORPUS = join(REPO, 'test/integration/fixtures/rules');
const EXAMPLES = join(REPO, 'examples/prometheus/rules');
const files = [...readdirSync(CORPUS).map((f) => join(CORPUS, f)), ...readdirSync(EXAMPLES).map((f) => join(EXAMPLES, f))].filter((f) => /\.ya?ml$/.test(f));

test('a rule file checked alone (the CLI given one file) has exactly the findings of a check that indexes it', () => {
  assert.ok(files.length >= 80, `the rule corpus and the examples: ${files.length} files`);
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

test('checked alone: files of other kinds are checked as usual, files of no known kind have no result', () => {
  const { root, service } = workspace();
  const config = 'scrape_configs:\n  - job_name: a\n    scrape_interval: 15x\n    static_configs: [{ targets: [a:1] }]\n';
  const alone = service.checkAlone(doc(join(root, 'prometheus.yml'), config));
  assert.deepEqual(alone?.problems.map((p) => p.code), ['schema/invalid-duration']);
  assert.equal(service.checkAlone(doc(join(root, 'notes.yml'), 'hello: world\n')), undefined);
});
