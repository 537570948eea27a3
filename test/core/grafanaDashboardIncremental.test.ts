import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { doc, workspace } from '../helpers/service';
import { REPO } from '../helpers/lspClient';

// Panels and queries are checked once per text and context and their problems reused on later edits: the reused
// problems must move with their panel and follow changes of the variables they depend on.

const { root, service } = workspace({});
const path = join(root, 'dashboards/d.json');
let version = 0;

/** Problems as `code text-at-range`, so a stale offset shows as the wrong text. */
function problems(text: string): string[] {
  return service
    .check(doc(path, text, ++version))
    .problems.map((p) => `${p.code} ${text.slice(p.offset, p.offset + p.length)}`)
    .sort();
}

const real = readFileSync(join(REPO, 'test/fixtures/grafana-dashboards/dotdc-k8s-views-global.json'), 'utf8');

test('reused problems move with their panel when text before it changes', () => {
  const before = problems(real);
  assert.ok(before.length > 20, before.join('\n'));
  // A longer title in the first panel shifts every later panel.
  const shifted = real.replace('"title": "Global CPU  Usage"', '"title": "Global CPU usage of every node in the cluster"');
  assert.notEqual(shifted, real);
  assert.deepEqual(problems(shifted), before);
  // A new first panel with its own problem.
  const added = real.replace('"panels": [', '"panels": [{ "id": 999, "type": "stat", "title": "New $missing", "gridPos": { "x": 0, "y": 200, "w": 4, "h": 4 } },');
  assert.deepEqual(problems(added), [...before, 'grafana/undefined-variable $missing'].sort());
});

test('reused panel problems follow the variables: a variable made single-value clears its multi-value warnings', () => {
  const multi = problems(real).filter((p) => p.startsWith('grafana/multi-value-equals'));
  assert.equal(multi.length, 25);
  const single = real.replace(/("multi": )true(,\s*"name": "job")/, '$1false$2');
  assert.notEqual(single, real);
  assert.deepEqual(problems(single).filter((p) => p.startsWith('grafana/multi-value-equals')), []);
  assert.equal(problems(real).filter((p) => p.startsWith('grafana/multi-value-equals')).length, 25);
});
