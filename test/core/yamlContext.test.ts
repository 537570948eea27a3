import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yamlCursor } from '../../server/src/core/schema/yamlContext';
import { LineIndex } from '../../server/src/core/text';

/** Finds the cursor from a `|` marker in the text. */
function at(src: string): ReturnType<typeof yamlCursor> {
  const offset = src.indexOf('|');
  const lines = new LineIndex(src.slice(0, offset) + src.slice(offset + 1));
  const pos = lines.positionAt(offset);
  return yamlCursor(lines, pos.line, pos.character);
}

test('key position at the root', () => {
  assert.deepEqual(at('glo|'), { kind: 'key', path: [], siblings: [], replaceStart: 0, replaceEnd: 3, newItem: false });
});

test('key inside a nested mapping lists its existing siblings', () => {
  const c = at('global:\n  scrape_interval: 15s\n  |\n  evaluation_interval: 1m\nscrape_configs: []\n');
  assert.equal(c?.kind, 'key');
  assert.deepEqual(c?.path, ['global']);
  assert.deepEqual(c?.kind === 'key' && c.siblings.sort(), ['evaluation_interval', 'scrape_interval']);
});

test('key inside a sequence item (block and same-indent sequences)', () => {
  for (const src of [
    'scrape_configs:\n  - job_name: a\n    sta|\n',
    'scrape_configs:\n- job_name: a\n  sta|\n',
    'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [x]\n    |\n',
  ]) {
    const c = at(src);
    assert.deepEqual(c?.path, ['scrape_configs', 0], src);
    assert.ok(c?.kind === 'key' && c.siblings.includes('job_name'), src);
  }
});

test('a new sequence item', () => {
  const c = at('scrape_configs:\n  - job_name: a\n  - |\n');
  assert.equal(c?.kind, 'key');
  assert.deepEqual(c?.path, ['scrape_configs', 0]);
  assert.ok(c?.kind === 'key' && c.newItem);
});

test('value position after a key', () => {
  const c = at('scrape_configs:\n  - job_name: a\n    scheme: ht|tp\n');
  assert.equal(c?.kind, 'value');
  assert.deepEqual(c?.path, ['scrape_configs', 0, 'scheme']);
  assert.ok(c?.kind === 'value' && c.partial === 'ht');
  assert.equal(c?.replaceEnd! - c?.replaceStart!, 4);
  const first = at('scrape_configs:\n  - scheme: |\n');
  assert.deepEqual(first?.path, ['scrape_configs', 0, 'scheme']);
});

test('no context under a key that already has a scalar value', () => {
  assert.equal(at('global: 5\n  |\n'), undefined);
});
