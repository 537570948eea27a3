// Fuzzing parse + check: 20,000+ seeded random mutations of the corpus, plus hostile inputs (100 KB expressions,
// 10k nested parentheses, unterminated strings, random bytes). Nothing may throw, every problem must lie inside the
// text, and no single expression may take long.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeAt, typeOf, walk } from '../../../server/src/core/promql/ast';
import { checkPromQL, type CheckOptions } from '../../../server/src/core/promql/check';
import { loadCorpus } from '../../fixtures/promql/corpus';

const MUTATIONS = 20_000;
/** Generous, so that a loaded CI machine does not fail the test; typical expressions take well under 1 ms. */
const MAX_MS_PER_EXPRESSION = 250;
const MAX_MS_PER_HUGE_EXPRESSION = 2_000;

/** mulberry32: a small seeded PRNG, so every run mutates the same way. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['(', ')', '[', ']', '{', '}', ',', ':', '"', "'", '`', '\\', '=', '=~', '!~', '!=', '+', '-', '*', '/', '^', '%', '@', '#', ' ', '\n', '5m', '1h:', '0x', '1e', '_', 'Inf', 'NaN', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'bool', 'and', 'or', 'unless', 'sum', 'topk', 'rate(', 'abs(', 'label_replace(', 'start()', 'step()', 'anchored', 'fill(0)', '</', 'é', '\u0000', '\ud800', '😀'];

function mutate(expr: string, other: string, r: () => number): string {
  const at = Math.floor(r() * (expr.length + 1));
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  switch (Math.floor(r() * 7)) {
    case 0:
      return expr.slice(0, at) + pick(PIECES) + expr.slice(at);
    case 1:
      return expr.slice(0, at) + expr.slice(at + 1 + Math.floor(r() * 3));
    case 2:
      return expr.slice(0, at);
    case 3:
      return expr.slice(0, at) + other.slice(Math.floor(r() * other.length));
    case 4: {
      const len = Math.floor(r() * 8);
      return expr.slice(0, at) + expr.slice(at, at + len).repeat(2) + expr.slice(at + len);
    }
    case 5:
      return expr.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + expr.slice(at + 1);
    default:
      return `${pick(PIECES)}${expr}${pick(PIECES)}`;
  }
}

const OPTIONS: CheckOptions[] = [
  { prometheusVersion: '2.42' },
  { prometheusVersion: '3.14' },
  { prometheusVersion: '3.14', experimentalFunctions: true, durationExpressions: true, extendedRangeSelectors: true, binopFillModifiers: true },
];

/** Checks one input and the invariants of the result; returns the time taken. */
function checkOne(text: string, options: CheckOptions): number {
  const t = performance.now();
  const r = checkPromQL(text, options);
  const ms = performance.now() - t;
  for (const p of r.problems) {
    assert.ok(p.from >= 0 && p.from <= p.to && p.to <= text.length, `problem outside the text: ${JSON.stringify(p)} in ${JSON.stringify(text)}`);
    assert.ok(p.message.length > 0 && p.code.startsWith('promql/'));
  }
  if (r.expr) {
    walk(r.expr, () => undefined);
    nodeAt(r.expr, Math.floor(text.length / 2));
    if (r.type) {
      assert.equal(typeOf(r.expr), r.type, text);
    }
  } else {
    assert.ok(r.problems.length > 0, `no expression and no problem for ${JSON.stringify(text)}`);
  }
  return ms;
}

test(`${MUTATIONS} seeded mutations of the corpus: no throw, problems inside the text, bounded time`, (t) => {
  const corpus = loadCorpus().map((c) => c.expr);
  const r = rng(42);
  const timed: [number, string, CheckOptions][] = [];
  let total = 0;
  for (let i = 0; i < MUTATIONS; i++) {
    let text = corpus[i % corpus.length];
    for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
      text = mutate(text, corpus[Math.floor(r() * corpus.length)], r);
    }
    let ms: number;
    try {
      ms = checkOne(text, OPTIONS[i % OPTIONS.length]);
    } catch (err) {
      assert.fail(`mutation ${i} ${JSON.stringify(text)}: ${(err as Error).stack}`);
    }
    total += ms;
    timed.push([ms, text, OPTIONS[i % OPTIONS.length]]);
  }
  // A garbage collection or a busy machine can stall any one call; time the slowest again, best of three.
  const slowest = timed
    .sort((a, b) => b[0] - a[0])
    .slice(0, 10)
    .map(([, text, options]) => [Math.min(...[0, 1, 2].map(() => checkOne(text, options))), text] as const)
    .sort((a, b) => b[0] - a[0])[0];
  t.diagnostic(`${MUTATIONS} mutations in ${total.toFixed(0)} ms; slowest ${slowest[0].toFixed(2)} ms: ${JSON.stringify(slowest[1]).slice(0, 120)}`);
  assert.ok(slowest[0] < MAX_MS_PER_EXPRESSION, `${JSON.stringify(slowest[1])} took ${slowest[0]} ms`);
});

const HUGE: [string, string][] = [
  ['10k nested parentheses', `${'('.repeat(10_000)}up${')'.repeat(10_000)}`],
  ['10k unclosed parentheses', `${'('.repeat(10_000)}up`],
  ['10k nested calls', `${'abs('.repeat(10_000)}up${')'.repeat(10_000)}`],
  ['10k nested brackets', `up${'[5m:]'.repeat(10_000)}`],
  ['100 KB chain of additions', Array.from({ length: 12_000 }, (_, i) => `m${i}`).join(' + ')],
  ['100 KB chain of or', Array.from({ length: 3_000 }, (_, i) => `sum(rate(m${i}{job="a"}[5m]))`).join(' or ')],
  ['100 KB of unary minus', `${'-'.repeat(100_000)}up`],
  ['100 KB power chain', Array.from({ length: 12_000 }, (_, i) => `m${i}`).join(' ^ ')],
  ['100 KB regex', `up{job=~"${'a|'.repeat(50_000)}b"}`],
  ['100 KB label set', `up{${Array.from({ length: 8_000 }, (_, i) => `l${i}="v"`).join(',')}}`],
  ['100 KB function arguments', `label_join(up, "a", ",", ${Array.from({ length: 15_000 }, () => '"b"').join(', ')})`],
  ['100 KB unterminated string', `"${'x'.repeat(100_000)}`],
  ['100 KB unterminated raw string', `\`${'x'.repeat(100_000)}`],
  ['100 KB of escapes', `"${'\\n'.repeat(50_000)}"`],
  ['100 KB identifier', 'x'.repeat(100_000)],
  ['100 KB number', '1'.repeat(100_000)],
  ['100 KB comment', `up # ${'c'.repeat(100_000)}`],
  ['100 KB of spaces', ' '.repeat(100_000)],
];

for (const [name, text] of HUGE) {
  test(`hostile input: ${name}`, () => {
    for (const options of OPTIONS) {
      const ms = Math.min(checkOne(text, options), checkOne(text, options));
      assert.ok(ms < MAX_MS_PER_HUGE_EXPRESSION, `${name} took ${ms} ms`);
    }
  });
}

test('random bytes and random code units', () => {
  const r = rng(7);
  for (let i = 0; i < 500; i++) {
    const len = Math.floor(r() * 200);
    let text = '';
    for (let j = 0; j < len; j++) {
      text += String.fromCharCode(i % 2 ? Math.floor(r() * 256) : Math.floor(r() * 0x10000));
    }
    checkOne(text, OPTIONS[i % OPTIONS.length]);
  }
});

test('unterminated strings of every kind, everywhere', () => {
  for (const base of ['up{job="a', "up{job='a", 'up{job=`a', 'label_replace(up, "a', 'count_values("v', '"a" + "b', 'x{"a.b']) {
    for (const options of OPTIONS) {
      const r = checkPromQL(base, options);
      assert.ok(r.problems.some((p) => /unterminated|end of input/.test(p.message)), `${base}: ${r.problems.map((p) => p.message).join(' | ')}`);
    }
  }
});
