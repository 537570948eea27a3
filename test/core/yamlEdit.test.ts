import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AstNode, ParsedDocument } from '../../server/src/core/syntax/ast';
import { parseYaml } from '../../server/src/core/syntax/parseYaml';
import { reparseScalarEdit } from '../../server/src/core/syntax/yamlEdit';
import { generatePrometheusConfig, generateRuleFile } from '../../bench/generate';

// The parse after an edit of one scalar, from the parse before it, must be exactly a fresh parse of the new text —
// checked on random edits of real files; every edit it declines is left to the full parse.

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}

const CORPUS = [
  ...yamlFiles(join(import.meta.dirname, '../../examples')).map((f) => readFileSync(f, 'utf8')),
  generatePrometheusConfig(20),
  generateRuleFile(4, 6),
  'a: &x 1\nb: *x\nc: 2\n',
  '---\nx: 1\n---\ny: [1, 2, {z: 3}]\n',
];

const plain = (n: AstNode | undefined): unknown =>
  n && { type: n.type, offset: n.offset, length: n.length, value: n.value, style: n.style, merged: n.merged, children: n.children?.map(plain) };
const plainDocs = (docs: ParsedDocument[]): unknown => docs.map((d) => ({ offset: d.offset, length: d.length, errors: d.errors, root: plain(d.root) }));

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Z', '7', '0', ' ', '-', ':', ': ', ' #', '#', '"', "'", '{', '}', '[', ']', ',', '*', '&', '\n', '\t', 'true', '1.5', 'null', '~', 'x y'];

test('random edits: the incremental parse equals a full parse whenever it answers', () => {
  const next = random(42);
  let answered = 0;
  let total = 0;
  for (const text of CORPUS) {
    for (let i = 0; i < 400; i++) {
      const at = Math.floor(next() * text.length);
      const cut = next() < 0.4 ? Math.floor(next() * 4) : 0;
      const insert = next() < 0.7 ? PIECES[Math.floor(next() * PIECES.length)] : '';
      const edited = text.slice(0, at) + insert + text.slice(at + cut);
      const result = reparseScalarEdit(text, parseYaml(text), edited);
      total++;
      if (result) {
        answered++;
        assert.deepEqual(plainDocs(result), plainDocs(parseYaml(edited)), `edit at ${at}: -${cut} +${JSON.stringify(insert)}`);
      }
    }
  }
  // Most random edits break the line's shape; enough must go the fast way for this test to mean something.
  assert.ok(answered > total / 10, `answered ${answered} of ${total}`);
});

test('typing in a value: numbers become strings and back, later nodes move, later documents too', () => {
  const text = 'global:\n  scrape_interval: 15s\njobs:\n  - name: a\n    port: 80\n---\nz: 1\n';
  const cases = [text.replace('15s', '15'), text.replace('port: 80', 'port: 8080x'), text.replace('name: a', 'name: abc')];
  for (const edited of cases) {
    const result = reparseScalarEdit(text, parseYaml(text), edited);
    assert.ok(result, edited);
    assert.deepEqual(plainDocs(result), plainDocs(parseYaml(edited)));
  }
});

test('declined: line breaks, comments, keys, block scalars, anchors and syntax errors go to the full parse', () => {
  const text = 'a: 1\nb: |\n  text\nc: [x, y]\n';
  for (const edited of [text.replace('a: 1', 'a: 1\n'), text.replace('a: 1', 'a: 1 # c'), text.replace('a: 1', 'ab: 1'), text.replace('  text', '  texts'), text.replace('a: 1', 'a: &n 1'), text.replace('c: [x, y]', 'c: [x, y')]) {
    assert.equal(reparseScalarEdit(text, parseYaml(text), edited), undefined, edited);
  }
});
