// Differential test of the fast YAML parser against the reference (the `yaml` package): for every input,
// parseYamlFast returns either undefined (the caller then uses the reference) or exactly what the reference returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstNode, ParsedDocument } from '../../server/src/core/syntax/ast';
import { parseYaml } from '../../server/src/core/syntax/parseYaml';
import { parseYamlFast } from '../../server/src/core/syntax/yamlFast';
import { parseYamlReference } from '../../server/src/core/syntax/yamlParse';
import { REPO } from '../helpers/lspClient';

/** A parent-free form of a node tree, for deep comparison (deepStrictEqual tells -0 from 0 and NaN from null). */
function plain(node: AstNode | undefined): unknown {
  if (!node) return node;
  return {
    type: node.type, offset: node.offset, length: node.length, value: node.value, style: node.style,
    merged: node.merged, children: node.children?.map(plain),
  };
}
const plainDocs = (docs: ParsedDocument[]) =>
  docs.map((d) => ({ root: plain(d.root), errors: d.errors, offset: d.offset, length: d.length }));

function checkParents(node: AstNode): void {
  for (const child of node.children ?? []) {
    assert.equal(child.parent, node, `parent link of the node at ${child.offset}`);
    checkParents(child);
  }
}

/** Asserts the fast parser agrees with the reference; returns whether it took the input. */
function agrees(text: string, label: string): boolean {
  const fast = parseYamlFast(text);
  if (fast === undefined) return false;
  assert.deepStrictEqual(plainDocs(fast), plainDocs(parseYamlReference(text)), `${label}: ${JSON.stringify(text)}`);
  for (const doc of fast) {
    if (doc.root) {
      assert.equal(doc.root.parent, undefined);
      checkParents(doc.root);
    }
  }
  return true;
}

// Inputs of the supported subset: the fast parser must take them.
const SUPPORTED: string[] = [
  // documents, comments, whitespace
  '', '# only a comment\n', '# c1\n\n# c2', '\n\n\n', '   \n', 'a: 1', 'a: 1\n', 'a: 1   \nb: 2  \n',
  'a: 1\r\nb: [x, y]\r\nc:\r\n  - d\r\n', 'a:', 'a:\n', 'a:   \n', 'a: # comment\n', 'a: 1 # comment\nb: x#y\n',
  'a: "x # not a comment" # c\n', "a: 'it''s # here'\n", '"a: b": 1\n"c": 2\n', "'k: v': x\n",
  'url: http://a:9090/x\n', 'target: 10.0.0.1:9100\n', 'a: b:c\n', '- \n', '-\n-\n', '- a\n-\n- b\n',
  'a: []\nb: {}\nc: [[], {}, [[]]]\n', '---\n', '---\n---\n', '---\na: 1\n---\nb: 2\n', 'a: 1\n...\n',
  'a: 1\n...\n---\nb: 2\n...\n', '--- # doc\na: 1\n', '---\n# only comment\n---\n', '...\n', 'a: 1\n...\n...\n',
  'a: 1\n---\n\n# c\n...\n# d\n---\n', '  a: 1\n  b: 2\n', 'x\n', '"x"\n# c\n\n', '[1, 2]\n', '{a: 1, b: [x]}\n',
  '- a\n- b\n', 'a: b\n\n\n', 'a: b\n   ', 'a: 1\n# end', 'a: 1\r\n# end\r\n\r\n',
  // block collections
  'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n', 'a:\n- x\n- y\nb: 1\n', 'a:\n  - x\n  - y\n', '- a: 1\n  b: 2\n- c: 3\n',
  '- - x\n  - y\n- z\n', '- - - x\n', '- a:\n  - b\n  c: d\n', '-\n  a: 1\n- b\n', 'a:\n    b: 1\n    c: 2\n',
  'a:\n\n  b: 1\n\n\n  c: 2\n\n', 'a:\n  # lead\n  b: 1\n', 'a: 1\n  # more indented comment\nb: 2\n',
  'a:\n  b: 1\n  # trailing comment at the map column\nc: 2\n', 'a:\n  b: 1\n# column-0 comment\nc: 2\n',
  'a:\n  b: 1\n\n    # deep comment after a blank line\n', '- a: 1\n  # c\n- b: 2\n', '- a: 1\n  # c\n',
  '- a: 1\n    # c\n\n', '- a\n# c\n-\n', '- a: 1\n\n # t\n-\n', 'key:\n  value\n', 'key:\n  [1, 2]\n',
  'a: 1\nb:\nc: 3\n', 'a:\n# c\n---\n', 'a: # x\n  # c\n\n# d\n---\n', 'a:\n\n  # c\n---\n', 'a:\n  - x\n  # c\nb: 1',
  'x:\n  a: 1\n  # c\n\ny: 2', 'a:\n  b:\n    - c: 1\n      d:\n        - e\n', '- [a, b]\n- {c: d}\n- "q"\n',
  // scalars
  'a: ~\nb: null\nc: Null\nd: NULL\ne:\n', 'b: [y, Y, yes, Yes, YES, n, N, no, No, NO]\n',
  'b: [true, True, TRUE, false, False, FALSE, on, On, ON, off, Off, OFF, tRUE, nULL]\n',
  'i: [0, -0, +12, 1_000, 0x1F, 0x_1, 0b101, -0b11, 017, 0o17, 08, 0_, 00, +0x1A]\n',
  'f: [1.5, .5, 1., -.5, 1e3, 1.5E-2, e5, E+2, 1_0.5, ., .inf, -.Inf, +.INF, .nan, .NaN, .NAN, .Nan]\n',
  't: [1:30, -1:30, 1:30:00, 1:2.5, 12:60, 190:20:30, 1_0:05]\n', 'n: [12s, 5m, 1h30m, 10.0.0.1, v1.2.3, 1.2.3]\n',
  'q: ["1", \'true\', "~", "null"]\n', 'big: 12345678901234567890\n', '1: a\ntrue: b\n~: c\n1.5: d\n0x10: e\n',
  'a: "\\n\\t\\"\\\\\\/\\x41\\u00e9\\U0001F600\\0\\a\\b\\e\\f\\r\\v\\N\\_\\L\\P\\ "\n',
  'a: "tab\\there"\nb: \'a\'\'b\'\n',
  "a: ''\nb: \"\"\n", 'a: "#" \nb: \'#\'\n', 'a: -x\nb: ?x\nc: :x\n', 'a: a#b\nb: a #b\n', 'a: foo bar  baz\n',
  'a: é\nb: "é"\n', 'a: ---\nb: ...\n', 'a: "x"   # c\n', '"quoted key"  : v\n', 'a b c: d e\n', 'k: <<\n',
  'a: "x\ty"\nb: \'x\ty\'\nc: 1 #\tcomment\n', 'a: {b :c}\n',
  // block scalars
  'a: |\n  line 1\n  line 2\nb: 1\n', 'a: >\n  folded\n  text\n\n  para\n', 'a: |-\n  x\n\n', 'a: |+\n  x\n\n\nb: 1\n',
  'a: >-\n  x\n    more\n  y\n', 'a: |2\n    two extra\n   one extra\n', 'a: |\n\n  after blank\n', 'a: |\nb: 1\n',
  'a: | # header comment\n  x\n', '- |\n  item\n- >\n  folded item\n', 'a: |\n  x\n  # not a comment\n',
  'a: |\r\n  crlf\r\n  text\r\n', 'a: >+\n  x\n\n', 'a: |1-\n  x\n', 'a: |\n  x', 'a: |\n  x\n\n  # c\n',
  'a: >\n  a\n   b\n  c\n\n\n  d\n', 'a: |-2\n    x\n     y\n', '- a: |\n    in a map in a seq\n  b: 1\n',
  // flow collections
  'a: [1, 2, 3]\n', 'a: [1, 2,]\n', 'a: {x: 1, y: 2,}\n', 'a: [\n  x,\n  y\n]\n', 'a: [\n    x, # c\n    y,\n  ]\n',
  'a: {\n  x: 1,\n  y: [2, 3]\n  }\n', "a: ['q', \"d\", p]\n", 'a: [a b, c]\n', 'a: {"k": 1, \'j\': 2}\n',
  'a: {"k":1}\n', 'a: {k, j: , l: 1}\n', 'a: [[1, [2]], {b: {c: []}}]\n', 'a: [ ]\nb: { }\n',
  'a: [http://x:1/y, a:b]\n',
  'a: [x # c\n  , y]\n', 'a: {b:}\n', 'a: {b: [1]}\n', '{\n  "a": 1,\n  "b": [true, null]\n}\n', 'a: [x]  # c\n',
  // anchors, aliases, merge keys
  'a: &x 1\nb: *x\n', 'a: &m\n  k: v\nb: *m\n', 'base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n',
  'a: &a {x: 1}\nb: &b {y: 2, x: 0}\nc:\n  <<: [*a, *b]\n  z: 3\n', 'a: &a {x: 1}\nc:\n  <<:\n    - *a\n  w: 2\n',
  'a: &s [1, 2]\nb: [*s, *s]\n', '- &i {a: 1}\n- *i\n', 'a: &x 1\na2: &x 2\nb: *x\n', 'a: &x\n  - 1\nb: *x\n',
  'a: &x\n- 1\nb: *x\n', 'd: &d\n  k: 1\ne:\n  <<: *d\n  <<: *d\n', 'a: &x 1\nb:\n  <<: *x\n  c: 2\n',
  '{a: &x 1, b: *x}\n', 'a: [&x 1, *x]\n', 'a: &x # c\n  k: 1\nb: *x\n', 'a: &n {p: &q [1]}\nb: *q\nc: *n\n',
  'a: &blk |\n  text\nb: *blk\n', 'x: &a {k: 1}\ny: {<<: *a, j: 2}\n', '- &a x\n- *a\n',
  'a: &x\n  b: &x 1\nc: *x\n', 'a: &x [&x 1, *x]\nc: *x\n', // an alias names the last anchor before it
];

// Inputs outside the subset, or invalid: the fast parser must decline them (the reference then reports errors).
const FALLBACK: string[] = [
  // tags, directives, complex keys, multi-line scalars, tabs
  'a: !!str 1\n', 'a: !tag x\n', '%YAML 1.1\n---\na: 1\n', '? a\n: b\n', 'a: b\n  c\n', 'a: "b\n  c"\n',
  "a: 'b\n  c'\n",
  'a:\tb\n', 'a:\n\tb: 1\n', 'a: 1\t# c\n', 'a\nb\n', 'a: x\n  # c\n  y\n',
  // supported by the reference, but rare and odd: timestamps (Date values), flow keys, pairs in flow sequences,
  // root block scalars, anchors on keys or empty nodes, unknown or recursive aliases, non-alias merge values
  'd: 2001-12-14\n', '[a]: 1\n', 'a: [b: 1]\n', '|\n  root block\n', '&x a: 1\n', 'a: &x\nb: 1\n', 'a: *nope\n',
  'a: &x {b: *x}\n', '<<: {a: 1}\n', 'x: &a {k: 1}\n"<<": *a\n', '\uFEFFa: 1\n', '\n\uFEFF  \n',
  `${'k'.repeat(1100)}: 1\n`, `${'['.repeat(600)}${']'.repeat(600)}\n`,
  // errors
  'a: 1\na: 2\n', 'a: 1\n"a": 2\n', 'true: 1\nyes: 2\n', 'a: b: c\n', 'a: [1, 2\n', '- a\nb: 1\n', 'a: 1\n b: 2\n',
  'a: @x\n', 'a: `x\n', 'a: "\\q"\n', 'a:\n  b: 1\n c: 2\n', 'a: |0\n  x\n', '--- a: 1\n', 'a: [x,,y]\n', 'a: "x"#c\n',
  'a: x\rb: y\n', '--\r\n\r  x: y\n', 'a: - b\n', 'a:\n  - b\n  c: d\n', 'a: [\nb]\n', 'a: |\n    x\n  y\n',
];

test('the fast parser takes every input of the supported subset and agrees with the reference', () => {
  assert.ok(SUPPORTED.length + FALLBACK.length >= 120);
  for (const text of SUPPORTED) {
    assert.ok(agrees(text, 'supported'), `fell back on ${JSON.stringify(text)}`);
  }
});

test('the fast parser declines inputs outside the subset', () => {
  for (const text of FALLBACK) {
    assert.equal(parseYamlFast(text), undefined, JSON.stringify(text));
  }
  // parseYaml then gives the reference's result, with its errors.
  assert.deepStrictEqual(plainDocs(parseYaml('a: 1\na: 2\n')), plainDocs(parseYamlReference('a: 1\na: 2\n')));
  assert.ok(parseYaml('a: 1\na: 2\n')[0].errors.length > 0);
});

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random config-like YAML: nested maps and sequences, scalars of every kind, comments in odd places, anchors. */
function randomYaml(rnd: () => number): string {
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const SCALARS = ['x', 'foo bar', 'http://a:9090/x', '1', '-1', '0x1F', '017', '1_000', '1.5', '1e3', '.inf', '.nan',
    'yes', 'Off', 'true', 'null', '~', '1:30', '-0', '"q"', "'s'", '"a\\tb\\u00e9"', "'it''s'", '"#x"', 'a#b', '12s',
    '10.0.0.1:9090', '[1, 2]', '{a: 1}', '[]', '{}', '[a, [b, c], {d: e}]', '{a: [1,2], b: {c: d},}', '{a, b: , c: 1}'];
  const KEYS = ['job_name', 'scrape_interval', 'targets', 'labels', '"quoted key"', "'single'", 'x y', '1', 'k'];
  const anchors: string[] = [];
  const maps: string[] = [];
  let aliases = 4;
  let n = 0;
  const comment = () => (rnd() < 0.3 ? pick([' # c', '  #', ' # "q": x']) : '');
  const trivia = (ind: number) => {
    let s = '';
    while (rnd() < 0.3) s += pick(['\n', '   \n', `${' '.repeat(Math.max(0, ind + Math.floor(rnd() * 7) - 3))}# t\n`]);
    return s;
  };
  const block = (ind: number) => {
    const lines = [];
    for (let i = Math.floor(rnd() * 4); i > 0; i--) {
      lines.push(pick(['', `${' '.repeat(ind + 2)}text`, `${' '.repeat(ind + 4)}more`]));
    }
    return pick(['|', '>', '|-', '>+', '|2']) + (lines.length ? '\n' + lines.join('\n') : '');
  };
  function value(ind: number, depth: number, inSeq: boolean): string {
    if (depth > 3 || rnd() < 0.5) {
      const r = rnd();
      if (r < 0.08) return ` ${block(ind)}\n`;
      if (r < 0.13 && anchors.length && aliases-- > 0) return ` *${pick(anchors)}${comment()}\n`;
      if (r < 0.18) { anchors.push(`a${n}`); return ` &a${n++} ${pick(SCALARS)}\n`; }
      if (r < 0.26) return `${comment()}\n`;
      if (r < 0.3) return ` [\n${' '.repeat(ind + 2)}${pick(SCALARS)},\n${' '.repeat(ind)}]${comment()}\n`;
      return ` ${pick(SCALARS)}${pick(['', ' '])}${comment()}\n`;
    }
    const a = rnd() < 0.15 ? `m${n++}` : '';
    const head = (a ? ` &${a}` : '') + comment() + '\n' + trivia(ind);
    const inner = inSeq ? ind + 2 : ind + pick([0, 2]); // a sequence in a map may stay at the key's column
    const out = rnd() < 0.4 ? head + seq(inner, depth + 1) : head + map(ind + pick([2, 4]), depth + 1);
    if (a) anchors.push(a);
    if (a && !out.startsWith(head + ' '.repeat(ind) + '-')) maps.push(a);
    return out;
  }
  function map(ind: number, depth: number): string {
    let s = '';
    const used = new Set<string>();
    for (let i = 1 + Math.floor(rnd() * 4); i > 0; i--) {
      if (rnd() < 0.08 && maps.length && aliases-- > 0) {
        s += `${' '.repeat(ind)}<<: ${rnd() < 0.6 ? `*${pick(maps)}` : `[*${pick(maps)}]`}\n`;
        continue;
      }
      const k = used.has(pick(KEYS)) ? `u${n++}` : pick(KEYS);
      if (used.has(k)) continue;
      used.add(k);
      s += ' '.repeat(ind) + k + ':' + value(ind, depth, false) + trivia(ind);
    }
    return s || `${' '.repeat(ind)}k: v\n`;
  }
  function seq(ind: number, depth: number): string {
    let s = '';
    for (let i = 1 + Math.floor(rnd() * 4); i > 0; i--) {
      const r = rnd();
      if (r < 0.4 && depth < 4) s += `${' '.repeat(ind)}- ${map(ind + 2, depth + 1).slice(ind + 2)}`;
      else if (r < 0.5 && depth < 4) s += `${' '.repeat(ind)}- ${seq(ind + 2, depth + 1).slice(ind + 2)}`;
      else s += ' '.repeat(ind) + '-' + value(ind, depth + 1, true);
      s += trivia(ind);
    }
    return s;
  }
  let s = trivia(0);
  for (let d = rnd() < 0.8 ? 1 : 3; d > 0; d--) {
    if (s || rnd() < 0.2) s += pick(['---\n', '--- # d\n']);
    anchors.length = 0; // anchors are per document
    maps.length = 0;
    s += rnd() < 0.3 ? seq(0, 0) : map(pick([0, 0, 2]), 0);
    if (rnd() < 0.1) s += '...\n';
  }
  if (rnd() < 0.2) s = s.replace(/\n$/, '');
  if (rnd() < 0.15) s = s.replace(/\n/g, '\r\n');
  return s;
}

test('random config-like documents: the fast parser agrees with the reference and takes most of them', () => {
  const rnd = prng(42);
  let taken = 0;
  const count = 400;
  for (let i = 0; i < count; i++) {
    if (agrees(randomYaml(rnd), `random #${i}`)) taken++;
  }
  assert.ok(taken > count * 0.8, `the fast parser took only ${taken} of ${count} random documents`);
});

test("the project's own YAML files (test fixtures, examples): the fast parser agrees with the reference", () => {
  const files = execFileSync('git', ['ls-files', '*.yml', '*.yaml'], { cwd: REPO, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  assert.ok(files.length > 50, `only ${files.length} YAML files found`);
  let taken = 0;
  for (const file of files) {
    if (agrees(readFileSync(join(REPO, file), 'utf8'), file)) taken++;
  }
  assert.ok(taken > files.length * 0.9, `the fast parser took only ${taken} of ${files.length} files`);
});

/** A prometheus.yml of 40,000 lines: 2,000 scrape jobs of 20 lines. */
function bigPrometheusConfig(jobs = 2000): string {
  const lines = ['global:', '  scrape_interval: 15s', '  external_labels:', '    cluster: prod', 'scrape_configs:'];
  for (let i = 0; i < jobs; i++) {
    lines.push(
      `  - job_name: job-${i}  # scrape job ${i}`,
      `    scrape_interval: ${10 + (i % 50)}s`,
      '    static_configs:',
      `      - targets: ['host-${i}-a.example.com:9100', "host-${i}-b.example.com:9100", 10.0.${i % 256}.1:9100]`,
      '        labels:',
      '          env: production',
      `          team: "team-${i % 17}"`,
      `          replica: ${i % 3}`,
      '    relabel_configs:',
      '      - source_labels: [__address__]',
      "        regex: '(.*):9100'",
      '        target_label: instance',
      "        replacement: '${1}'",
      '      - action: labeldrop',
      '        regex: tmp_.*',
      '    basic_auth:',
      `      username: user${i}`,
      `      password_file: /etc/secrets/job-${i}`,
      '    tls_config:',
      '      insecure_skip_verify: false',
    );
  }
  return lines.join('\n') + '\n';
}

test('a 40,000-line prometheus.yml goes through the fast path', () => {
  const text = bigPrometheusConfig();
  assert.ok(text.split('\n').length >= 40000);
  assert.ok(agrees(text, 'big config'));
});

test('alias bombs, aliases inside their anchor and unknown aliases are errors, never hangs', () => {
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) {
    laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
  }
  const cases: [string, string][] = [
    [laughs.join('\n') + '\n', 'yaml/alias-expansion'],
    ['a: &x [*x, *x]\n', 'yaml/alias-cycle'],
    ['a: *nope\n', 'yaml/unknown-alias'],
  ];
  for (const [text, code] of cases) {
    const t = Date.now();
    const docs = parseYaml(text);
    assert.ok(Date.now() - t < 5000, `${code} took ${Date.now() - t} ms`);
    assert.ok(docs[0].errors.some((e) => e.code === code), `${code}: ${JSON.stringify(docs[0].errors)}`);
  }
});
