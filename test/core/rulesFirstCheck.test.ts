import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { doc, workspace } from '../helpers/service';
import { alertGroups, ELSEWHERE, LARGE_RULE_FILE as BIG, LARGE_RULE_FILE_OWN_CODES } from '../helpers/largeRuleFile';

function setup(): { root: string; service: ReturnType<typeof workspace>['service'] } {
  const ws = workspace();
  ws.service.indexFile(join(ws.root, 'elsewhere.yml'), ELSEWHERE);
  ws.service.rules.markComplete();
  return ws;
}

const codes = (diagnostics: { code?: number | string }[]): string[] => diagnostics.map((d) => String(d.code));

test('a large rule file gets its own problems before it is read into the indexes, then its cross-file findings', () => {
  assert.ok(BIG.length > 250_000, 'the fixture must be over the size that is checked before indexing');
  const { root, service } = setup();
  const path = join(root, 'big.yml');
  const d = doc(path, BIG);
  const early = service.validateBeforeIndexing(d);
  assert.ok(early, 'a large rule file is checked before indexing');
  assert.deepEqual(codes(early).sort(), LARGE_RULE_FILE_OWN_CODES, 'its own problems, at once');
  assert.ok(!codes(early).includes('rules/duplicate-rule'), 'cross-file findings wait for the index');
  assert.equal(service.rules.file(path), undefined, 'not read into the rules index yet');

  assert.equal(service.indexPending(d), true, 'reading it finds the copy in elsewhere.yml: the diagnostics need a refresh');
  assert.ok(service.rules.file(path), 'now in the rules index');
  const full = service.validate(d);
  assert.ok(codes(full).includes('rules/duplicate-rule'));
  for (const e of early) {
    assert.ok(full.some((f) => f.code === e.code && f.message === e.message && f.range.start.line === e.range.start.line), `${e.code} stays in the full diagnostics`);
  }
  assert.equal(service.indexPending(d), false, 'already read');
  assert.equal(service.validateBeforeIndexing(d), undefined, 'an indexed version is validated whole');
  // Edits are read from the previous version's items: validated whole, so cross-file findings never flicker.
  const edited = doc(path, BIG.replace('for: 5x', 'for: 5m'), 2);
  assert.equal(service.validateBeforeIndexing(edited), undefined);
  assert.ok(codes(service.validate(edited)).includes('rules/duplicate-rule'));
});

test('checked before indexing: only large rule files, and only a version not yet read', () => {
  const { root, service } = setup();
  assert.equal(service.validateBeforeIndexing(doc(join(root, 'small.yml'), ELSEWHERE.replace('elsewhere', 'small'))), undefined, 'small files are read at once');
  const config = `scrape_configs:\n${Array.from({ length: 6000 }, (_, i) => `  - job_name: j${i}\n    static_configs: [{ targets: ['h${i}:9100'] }]\n`).join('')}`;
  assert.ok(config.length > 250_000);
  assert.equal(service.validateBeforeIndexing(doc(join(root, 'prometheus.yml'), config)), undefined, 'other kinds are read at once');

  // Nothing elsewhere to find: read, and no refresh needed.
  const clean = `groups:\n${alertGroups(1500)}`;
  const d = doc(join(root, 'clean.yml'), clean);
  assert.deepEqual(service.validateBeforeIndexing(d), []);
  assert.equal(service.indexPending(d), false, 'no finding beyond the first diagnostics');
  assert.ok(service.rules.file(join(root, 'clean.yml')), 'read into the index all the same');

  // A file the index has read from disk (the workspace reading) is cheap to read again: validated whole.
  service.indexFile(join(root, 'on-disk.yml'), BIG);
  assert.equal(service.validateBeforeIndexing(doc(join(root, 'on-disk.yml'), BIG)), undefined);

  // A newer version arrived before the reading: the old one is not read (the next check reads the new one).
  const v1 = doc(join(root, 'moving.yml'), BIG, 1);
  assert.ok(service.validateBeforeIndexing(v1));
  const v2 = doc(join(root, 'moving.yml'), BIG.replace('for: 5x', 'for: 5m'), 2);
  assert.equal(service.fileKind(v2), 'rules');
  assert.equal(service.indexPending(v1), false);
  assert.equal(service.rules.file(join(root, 'moving.yml')), undefined);
  assert.ok(codes(service.validate(v2)).includes('rules/duplicate-rule'));
});

test('checked before indexing, bad input: a syntax error mid-file is reported, nothing crashes', () => {
  const { root, service } = setup();
  const broken = BIG.replace('  - name: g700\n', '  - name: g700\n   bad: [unclosed\n');
  const d = doc(join(root, 'broken.yml'), broken);
  const early = service.validateBeforeIndexing(d);
  assert.ok(early && early.some((x) => x.severity === 1 && x.range.start.line > 1000), 'the YAML error, positioned mid-file');
  assert.equal(typeof service.indexPending(d), 'boolean');
  assert.ok(service.validate(d).length >= early.length);
});
