import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Document, parse, Scalar } from 'yaml';
import { assertFaithful, embed, jsonValue, yamlValue } from './embedHelpers';

// Property tests: random strings, encoded in every scalar style (by the yaml package's own stringifier and by hand,
// with escapes, folds, chomping and indentation indicators), decode to themselves and map every character to its
// source. A fixed seed keeps failures reproducible; the seed and the input are in every message.

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  ...'abcxyz_019(){}[]=~!,.:*/+-^<>@$#|`"\'\\',
  ' ',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  'é',
  '😀',
  'rate(http_requests_total[5m])',
  '{job=~"api|web"}',
  ' by (job)',
];

function randomString(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 14);
  for (let i = 0; i < n; i++) {
    s += PIECES[Math.floor(r() * PIECES.length)];
  }
  return s;
}

const WRAPPERS: ((scalar: string) => string)[] = [
  (v) => `expr: ${v}\n`,
  (v) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${v}\n        for: 5m\n`,
  (v) => `- expr: ${v}\n- other: 1\n`,
];

const STYLES = [Scalar.PLAIN, Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED] as const;

function check(doc: string, original: string, label: string): string | undefined {
  const node = yamlValue(doc);
  const e = embed(node, doc);
  const yamlSays = findExpr(parse(doc, { version: '1.1' }));
  assert.equal(e.text, yamlSays, `${label}: same value as the yaml package`);
  assert.equal(e.text, original, `${label}: decodes to the original`);
  assertFaithful(e, doc, node.offset + node.length, label);
  return node.style;
}

function findExpr(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.map(findExpr).find((x) => x !== undefined);
  }
  if (v && typeof v === 'object') {
    return 'expr' in v ? (v as { expr: unknown }).expr : Object.values(v).map(findExpr).find((x) => x !== undefined);
  }
  return undefined;
}

test('yaml.stringify in every style and line width round-trips through embeddedText', () => {
  const r = rng(1234);
  const seen = new Set<string | undefined>();
  for (let i = 0; i < 600; i++) {
    const s = randomString(r);
    const type = STYLES[i % STYLES.length];
    const doc = new Document({ expr: s }, { version: '1.1' });
    (doc.get('expr', true) as Scalar).type = type;
    const body = doc.toString({ lineWidth: 10 + Math.floor(r() * 40), minContentWidth: 0, indent: 2 + (i % 3) });
    const label = `#${i} ${type} ${JSON.stringify(s)} as ${JSON.stringify(body)}`;
    if (!roundTrips(body, s)) {
      continue; // a string the stringifier cannot write in this style with these options (e.g. a YAML 1.1 bool)
    }
    seen.add(check(body, s, label));
  }
  assert.deepEqual([...seen].sort(), ['double', 'folded', 'literal', 'plain', 'single']);
});

function roundTrips(body: string, s: string): boolean {
  try {
    return findExpr(parse(body, { version: '1.1' })) === s;
  } catch {
    return false; // the stringifier wrote invalid YAML (it happens for odd plain scalars such as `:`)
  }
}

/** Double-quoted by hand: random choice among literal characters, every YAML escape, folds and escaped breaks. */
function encodeDouble(s: string, r: () => number, indent: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const cp = s.codePointAt(i)!;
    const prev = s[i - 1];
    const next = s[i + 1];
    const pick = r();
    const foldable = i > 0 && !/[ \t\n]/.test(prev) && next !== undefined && !/[ \t\n]/.test(next);
    if (cp > 0xffff) {
      out += pick < 0.5 ? `\\U${cp.toString(16).padStart(8, '0')}` : s.slice(i, i + 2);
      i++;
    } else if (ch === ' ' && foldable && pick < 0.4) {
      out += `\n${indent}`; // one line break folds into a space
    } else if (ch === '\n' && foldable && pick < 0.4) {
      out += `\n\n${indent}`; // an empty line is a newline
    } else if (ch === '"' || ch === '\\') {
      out += pick < 0.7 ? '\\' + ch : `\\x${cp.toString(16).padStart(2, '0')}`;
    } else if (ch === '\n' || ch === '\t' || pick < 0.15) {
      out += NAMED[ch] && pick < 0.6 ? NAMED[ch] : `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += ch;
    }
    if (r() < 0.1 && s[i + 1] !== undefined && !/[ \t]/.test(s[i + 1])) {
      out += `\\\n${indent}  `; // an escaped line break joins lines
    }
  }
  return out + '"';
}

const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', ' ': '\\ ', '/': '\\/', a: '\\x61' };

/** Single-quoted by hand: `''` for quotes, folds for spaces and newlines where YAML keeps them. */
function encodeSingle(s: string, r: () => number, indent: string): string | undefined {
  if (/[\t]|^\n|\n$|[ ]\n|\n[ ]/.test(s)) {
    return undefined; // blanks next to a line break cannot be written in single quotes
  }
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const foldable = i > 0 && s[i - 1] !== ' ' && s[i + 1] !== undefined && s[i + 1] !== ' ' && s[i + 1] !== '\n';
    if (ch === "'") {
      out += "''";
    } else if (ch === '\n') {
      // n newlines are n+1 line breaks; the lines between may hold blanks
      const run = /^\n+/.exec(s.slice(i))![0].length;
      for (let k = 0; k < run; k++) {
        out += `\n${' '.repeat(Math.floor(r() * 3))}`;
      }
      out += `\n${indent}`;
      i += run - 1;
    } else if (ch === ' ' && foldable && s[i - 1] !== '\n' && r() < 0.4) {
      out += `  \n${indent}`;
    } else {
      out += ch;
    }
  }
  return out + "'";
}

/** A block scalar by hand with an explicit indentation indicator and the chomping the text needs. */
function encodeBlock(s: string, r: () => number, baseIndent: number, folded: boolean): string | undefined {
  if (/\n[ \t]|^[ \t]|[ \t]$|\r/.test(s) && folded) {
    return undefined; // folded lines starting with blanks are kept verbatim only with their breaks; skip
  }
  if (/^[ \n]*$|\n +\n*$|\t/.test(s)) {
    // blank-only content or last lines: the lexer ends a block scalar before them
    return undefined;
  }
  const n = 1 + Math.floor(r() * 4);
  const pad = ' '.repeat(baseIndent + n);
  const trailing = /\n*$/.exec(s)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing ? s.slice(0, -trailing) : s;
  const lines = folded ? foldLines(body, r) : body.split('\n');
  const text = lines.map((l) => (l === '' ? '' : pad + l)).join('\n');
  const tail = chomp === '+' ? '\n'.repeat(trailing - 1) : '';
  return `${folded ? '>' : '|'}${n}${chomp}\n${text}${tail}`; // the wrapper ends the last line
}

/** Folded content: n newlines in the text are n empty lines in the source; a lone space may become a line break. */
function foldLines(body: string, r: () => number): string[] {
  const lines: string[] = [];
  for (const part of body.split(/(\n+)/)) {
    if (part === '') {
      continue;
    } else if (part.startsWith('\n')) {
      lines.push(...Array<string>(part.length).fill(''));
    } else {
      lines.push(...(r() < 0.5 ? part.split(/(?<=[^ ]) (?=[^ ])/) : [part]));
    }
  }
  return lines;
}

test('hand-written double, single, literal, folded and plain scalars round-trip', () => {
  const r = rng(99);
  for (let i = 0; i < 1500; i++) {
    const s = randomString(r);
    const wrap = WRAPPERS[i % WRAPPERS.length];
    const base = i % WRAPPERS.length === 1 ? 8 : i % WRAPPERS.length === 2 ? 2 : 0;
    const indent = ' '.repeat(base + 1);
    const encoded = [
      ['double', encodeDouble(s, r, indent)],
      ['single', encodeSingle(s, r, indent)],
      ['literal', encodeBlock(s, r, base, false)],
      ['folded', encodeBlock(s, r, base, true)],
    ] as const;
    for (const [style, scalar] of encoded) {
      if (scalar !== undefined) {
        const doc = wrap(scalar);
        assert.equal(check(doc, s, `#${i} ${style} ${JSON.stringify(s)} as ${JSON.stringify(doc)}`), style);
        const crlf = doc.replace(/\n/g, '\r\n');
        check(crlf, s, `#${i} CRLF ${style} ${JSON.stringify(s)} as ${JSON.stringify(crlf)}`);
      }
    }
  }
});

test('JSON strings with random escapes round-trip', () => {
  const r = rng(7);
  for (let i = 0; i < 800; i++) {
    const s = randomString(r);
    let lit = '';
    for (const unit of s.split('')) {
      const p = r();
      const code = unit.charCodeAt(0);
      lit += p < 0.2 ? `\\u${code.toString(16).padStart(4, '0')}` : p < 0.25 && unit === '/' ? '\\/' : JSON.stringify(unit).slice(1, -1);
    }
    const doc = `{\n  "targets": [{ "expr": "${lit}", "refId": "A" }]\n}`;
    const node = jsonValue(doc);
    const e = embed(node, doc);
    const label = `#${i} ${JSON.stringify(s)} as ${doc}`;
    assert.equal(e.text, s, label);
    assertFaithful(e, doc, node.offset + node.length, label);
  }
});
