import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { makeNode } from '../../../server/src/core/syntax/ast';
import { docSpan, embeddedText } from '../../../server/src/core/promql/embed';
import { assertFaithful, embed, jsonValue, yamlValue } from './embedHelpers';

interface Case {
  name: string;
  doc: string;
  text: string;
  /** Decoded offset → the source text starting there. */
  at?: [number, string][];
}

const YAML_CASES: Case[] = [
  { name: 'plain', doc: 'expr: rate(x[5m]) > 0\n', text: 'rate(x[5m]) > 0', at: [[0, 'rate'], [12, '> 0']] },
  {
    name: 'plain over lines folds breaks into spaces, empty lines into newlines',
    doc: 'expr: sum(rate(x[5m]))  \n   by (job)\n\n   > 0\nfor: 5m\n',
    text: 'sum(rate(x[5m])) by (job)\n> 0',
    at: [[16, '\n   by'], [17, 'by (job)'], [25, '\n   > 0'], [26, '> 0']],
  },
  { name: 'single-quoted with a doubled quote', doc: "expr: 'x{a=''b''}'\n", text: "x{a='b'}", at: [[4, "''b"], [5, "b''}"]] },
  { name: 'single-quoted over lines', doc: "expr: 'a   \n  b\n\n\n  c'\n", text: 'a b\n\nc', at: [[1, '\n  b'], [3, '\n\n  c'], [4, '\n  c'], [5, 'c']] },
  {
    name: 'double-quoted escapes',
    doc: 'expr: "x{a=\\"b\\\\c\\"} \\u00e9\\x41\\U0001F600\\t"\n',
    text: 'x{a="b\\c"} éA😀\t',
    at: [[4, '\\"b'], [6, '\\\\c'], [11, '\\u00e9'], [12, '\\x41'], [13, '\\U0001F600'], [14, '\\U0001F600'], [15, '\\t"']],
  },
  {
    name: 'double-quoted folding and escaped line breaks',
    doc: 'expr: "a  \n   b\n\n   c \\\n   d"\n',
    text: 'a b\nc d',
    at: [[1, '\n   b'], [2, 'b'], [3, '\n   c'], [5, ' \\'], [6, 'd"']],
  },
  {
    name: 'literal block keeps lines and clips the last break',
    doc: 'expr: |\n  sum by (job) (\n    rate(x[5m])\n  )\n\nfor: 5m\n',
    text: 'sum by (job) (\n  rate(x[5m])\n)\n',
    at: [[0, 'sum'], [15, '  rate'], [17, 'rate'], [28, '\n  )'], [29, ')\n'], [30, '\n\nfor']],
  },
  { name: 'literal strip', doc: 'expr: |-\n  up\n\n', text: 'up', at: [[0, 'up']] },
  { name: 'literal keep', doc: 'expr: |+\n  up\n\n\nx: 1\n', text: 'up\n\n\n', at: [[2, '\n\n\nx'], [4, '\nx']] },
  {
    name: 'literal with indentation indicator keeps extra spaces',
    doc: 'groups:\n  - expr: |2\n         up\n        == 1\n',
    text: '   up\n  == 1\n',
    at: [[0, '   up'], [6, '  == 1']],
  },
  { name: 'literal with a comment after the header', doc: 'expr: |  # the query\n  up\n', text: 'up\n', at: [[0, 'up']] },
  {
    name: 'folded joins lines, keeps more-indented lines and empty lines',
    doc: 'expr: >\n  sum(x)\n  by (job)\n\n  > 0\n    and more\n  end\n',
    text: 'sum(x) by (job)\n> 0\n  and more\nend\n',
    at: [[6, '\n  by'], [15, '\n  > 0'], [19, '\n    and'], [20, '  and'], [30, '\n  end']],
  },
  { name: 'folded keep', doc: 'expr: >+\n  a\n  b\n\n', text: 'a b\n\n', at: [[1, '\n  b']] },
  { name: 'folded strip in a sequence', doc: '- expr: >-\n    a\n    b\n- x\n', text: 'a b' },
  { name: 'CRLF line breaks', doc: 'expr: |\r\n  a\r\n  b\r\n', text: 'a\nb\n', at: [[1, '\r\n  b'], [3, '\r\n']] },
  { name: 'CRLF plain', doc: 'expr: a\r\n  b\r\n', text: 'a b', at: [[1, '\r\n  b']] },
  { name: 'block at end of file without a final break', doc: 'expr: |\n  up', text: 'up\n', at: [[2, '']] },
];

for (const c of YAML_CASES) {
  test(`YAML ${c.name}`, () => {
    const node = yamlValue(c.doc);
    const e = embed(node, c.doc);
    assert.equal(e.text, c.text);
    assert.equal(e.text, findExpr(parse(c.doc, { version: '1.1' })), 'same value as the yaml package');
    for (const [offset, source] of c.at ?? []) {
      assert.equal(c.doc.slice(e.toDoc(offset), e.toDoc(offset) + source.length), source, `text offset ${offset}`);
    }
    assertFaithful(e, c.doc, node.offset + node.length, c.name);
  });
}

function findExpr(v: unknown): unknown {
  if (v && typeof v === 'object') {
    if ('expr' in v) {
      return (v as { expr: unknown }).expr;
    }
    for (const child of Object.values(v)) {
      const found = findExpr(child);
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}

test('JSON string escapes and surrogate pairs', () => {
  const doc = '{"targets": [{"expr": "sum(x{job=\\"a\\\\b\\"})\\n/ 2 \\u00e9\\ud83d\\ude00\\/"}]}';
  const node = jsonValue(doc);
  const e = embed(node, doc);
  assert.equal(e.text, 'sum(x{job="a\\b"})\n/ 2 é😀/');
  assert.equal(e.text, node.value);
  const src = (i: number, n: number): string => doc.slice(e.toDoc(i), e.toDoc(i) + n);
  assert.equal(src(10, 2), '\\"');
  assert.equal(src(11, 1), 'a');
  assert.equal(src(12, 2), '\\\\');
  assert.equal(src(17, 2), '\\n');
  assert.equal(src(22, 6), '\\u00e9');
  assert.equal(src(23, 6), '\\ud83d');
  assert.equal(src(24, 6), '\\ude00');
  assert.equal(src(25, 2), '\\/');
  assert.equal(e.toDoc(e.text.length), doc.lastIndexOf('"'), 'end of text is the closing quote');
  assertFaithful(e, doc, node.offset + node.length, 'json');
});

test('diagnostic spans: toDoc for the start, toDocEnd for the end', () => {
  const doc = 'expr: "foo  \n  bar"\n';
  const e = embed(yamlValue(doc), doc);
  assert.equal(e.text, 'foo bar');
  // `foo` ends before the trimmed blanks; the folded space starts at the line break.
  assert.equal(e.toDocEnd(3), doc.indexOf('foo') + 3);
  assert.equal(e.toDoc(3), doc.indexOf('\n'));
  assert.equal(e.toDocEnd(7), doc.indexOf('bar') + 3);
  assert.equal(e.toDocEnd(0), e.toDoc(0));
  assert.deepEqual(docSpan(e, { from: 0, to: 3 }), { from: doc.indexOf('foo'), to: doc.indexOf('foo') + 3 });
  assert.deepEqual(docSpan(e, { from: 4, to: 7 }), { from: doc.indexOf('bar'), to: doc.indexOf('bar') + 3 });
  assert.deepEqual(docSpan(e, { from: 7, to: 7 }), { from: doc.indexOf('bar') + 3, to: doc.indexOf('bar') + 3 });
  const esc = 'expr: "a\\tb"\n';
  const t = embed(yamlValue(esc), esc);
  assert.equal(t.text, 'a\tb');
  assert.deepEqual(docSpan(t, { from: 1, to: 2 }), { from: 8, to: 10 }, 'an escape is covered whole');
});

test('fromDoc: quotes and block headers are outside, indentation maps to the next character', () => {
  const dq = 'expr: "a\\nb"\n';
  const q = embed(yamlValue(dq), dq);
  assert.equal(q.fromDoc(6), undefined, 'opening quote');
  assert.equal(q.fromDoc(7), 0);
  assert.equal(q.fromDoc(8), 1, 'start of escape');
  assert.equal(q.fromDoc(9), 1, 'inside escape');
  assert.equal(q.fromDoc(10), 2);
  assert.equal(q.fromDoc(11), 3, 'closing quote is the end of the text');
  assert.equal(q.fromDoc(12), undefined);

  const blk = 'expr: |\n  a\n  b\n';
  const b = embed(yamlValue(blk), blk);
  assert.equal(b.fromDoc(6), undefined, 'header');
  assert.equal(b.fromDoc(8), 0, 'indentation of the first line');
  assert.equal(b.fromDoc(11), 1, 'end of first line');
  assert.equal(b.fromDoc(12), 2, 'indentation of the second line');
  assert.equal(b.fromDoc(14), 2);
  assert.equal(b.fromDoc(16), 4, 'after the last break');
});

test('plain scalars that YAML types as numbers, booleans or null', () => {
  const num = 'expr: 1e3\n';
  assert.equal(embed(yamlValue(num), num).text, '1e3');
  const nul = 'expr:\nfor: 5m\n';
  const e = embed(yamlValue(nul), nul);
  assert.equal(e.text, '');
  assert.equal(e.fromDoc(e.toDoc(0)), 0);
});

test('collections have no embedded text; their items do', () => {
  const doc = 'expr: [a]\n';
  const list = yamlValue(doc);
  assert.equal(embeddedText(list, doc), undefined);
  assert.equal(embed(list.children![0], doc).text, 'a');
});

test('a node whose value disagrees with the decoding falls back to a coarse map inside the scalar', () => {
  const doc = 'expr: "abc"\n';
  const node = makeNode('string', 6, 5, undefined, 'xyz', 'double');
  const e = embed(node, doc);
  assert.equal(e.text, 'xyz');
  assert.equal(e.toDoc(0), 7);
  assert.equal(e.toDoc(99), 10);
});

test('bad input: a 100 KB scalar in every style decodes in linear time', () => {
  const body = 'sum(rate(x{job="a\\\\b"}[5m])) + '.repeat(3_200);
  const docs = [
    `expr: ${JSON.stringify(body)}\n`,
    `expr: '${body.replace(/'/g, "''")}'\n`,
    `expr: |\n${body.match(/.{1,80}/g)!.map((l) => '  ' + l).join('\n')}\n`,
    `expr: >\n${body.match(/.{1,80}/g)!.map((l) => '  ' + l).join('\n\n')}\n`,
  ];
  for (const doc of docs) {
    const started = performance.now();
    const e = embed(yamlValue(doc), doc);
    assert.ok(e.text.length > 90_000);
    assert.equal(e.fromDoc(e.toDoc(e.text.length - 1)), e.text.length - 1);
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
  }
});
