// The example rule files (examples/prometheus/rules/) are what a team would copy: promtool must accept every one,
// without even a lint finding, examples/prometheus/prometheus.yml must load all of them, and our core, with the
// whole examples folder indexed as `o11y check examples` sees it, must report neither errors nor warnings.
//
// Run: node --import tsx --test test/integration/examplesRules.test.ts (needs promtool on PATH or $PROMTOOL).
// Nothing is skipped: a missing promtool makes the tests fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanguageService } from '../../server/src/core/languageService';
import { defaultSettings } from '../../server/src/core/settings';
import { LineIndex } from '../../server/src/core/text';
import { nodeFileSystem } from '../../server/src/node/nodeFs';
import { collectFiles } from '../../server/src/node/walk';
import { doc } from '../helpers/service';
import { PROMTOOL, promtoolCheckRules } from '../helpers/promtoolRules';
import { run } from '../helpers/run';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const examples = join(repoRoot, 'examples');
const rulesDir = join(examples, 'prometheus', 'rules');
const ruleFiles = readdirSync(rulesDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => relative(repoRoot, join(rulesDir, f)));

test('there are example rule files', () => {
  assert.ok(ruleFiles.length >= 6, `expected at least 6 example rule files, found ${ruleFiles.length}`);
});

test('promtool check rules accepts every example rule file, without lint findings', async () => {
  const verdicts = await promtoolCheckRules(ruleFiles, repoRoot);
  for (const file of ruleFiles) {
    assert.deepEqual(verdicts.get(file), { valid: true, message: '' }, file);
  }
});

test('examples/prometheus/prometheus.yml loads every example rule file', async () => {
  const r = await run(PROMTOOL, ['check', 'config', 'examples/prometheus/prometheus.yml'], repoRoot);
  assert.equal(r.spawnError, undefined, `cannot run ${PROMTOOL}: ${r.spawnError?.message}`);
  assert.equal(r.code, 0, `promtool check config failed:\n${r.stdout}\n${r.stderr}`);
  const loaded = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('Checking ') && l.includes('/rules/'))
    .map((l) => l.slice('Checking '.length))
    .sort();
  assert.deepEqual(loaded, ruleFiles);
});

test('o11y reports no error and no warning in the example rule files', () => {
  const service = new LanguageService({ fs: nodeFileSystem }, examples, { incremental: false });
  service.configure(defaultSettings());
  // The whole folder is indexed first, as the editor does: recording rules used in other files, the scrape interval.
  for (const file of collectFiles([examples]).files) {
    service.indexFile(file, readFileSync(file, 'utf8'));
  }
  const found: string[] = [];
  for (const file of ruleFiles) {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    const lines = new LineIndex(text);
    const result = service.check(doc(join(repoRoot, file), text));
    assert.equal(result.context.kind, 'rules', `${file} is not recognised as a rule file`);
    for (const p of result.problems.filter((x) => x.severity === 'error' || x.severity === 'warning')) {
      const at = lines.positionAt(p.offset);
      found.push(`${file}:${at.line + 1}:${at.character + 1} ${p.severity} ${p.code}: ${p.message}`);
    }
  }
  assert.deepEqual(found, []);
});
