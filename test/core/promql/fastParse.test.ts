// Differential test of the fast parser (promql/fastParse.ts) against the lezer path (parseUncached(text, false)): on every
// expression of our corpora and on a seeded random set, the fast parser either gives up or returns the very AST the
// lezer path builds (positions included), and parsePromQL's answer is the lezer path's. It must also take almost
// all valid input, or it would not be worth having.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { fastParse } from '../../../server/src/core/promql/fastParse';
import { lex } from '../../../server/src/core/promql/lexer';
import { parsePromQL, parseUncached } from '../../../server/src/core/promql/parse';
import { loadCorpus } from '../../fixtures/promql/corpus';
import { randomExpressions } from './fastParseGenerator';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Quoted strings of the PromQL test sources: expressions, mostly, and any other string is harmless input. */
function harvestedStrings(): string[] {
  const sources = [
    ...readdirSync(join(root, 'test/core/promql')).map((f) => `test/core/promql/${f}`),
    'test/integration/promtoolPromql.test.ts',
    'test/integration/promtoolFormatCases.ts',
    'test/integration/promtoolEvalCases.ts',
    'test/core/embeddedPromql.test.ts',
  ].filter((f) => f.endsWith('.ts') && !f.includes('fastParse'));
  const out: string[] = [];
  for (const file of sources) {
    const source = readFileSync(join(root, file), 'utf8');
    for (const m of source.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)) {
      out.push((m[1] ?? m[2]).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c)));
    }
  }
  return out;
}

/** The `expr:` values of the rule files and rule-test files among our fixtures and examples. */
function ruleExpressions(): string[] {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && /^(expr|expression)$/.test(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === 'string') {
          out.push(pair.value.value);
        }
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      node.items.forEach(visit);
    }
  };
  const dirs = ['test/integration/fixtures/rules', 'test/integration/fixtures/ruletests', 'examples/prometheus/rules', 'examples/prometheus/tests'];
  for (const dir of dirs) {
    for (const f of readdirSync(join(root, dir)).filter((n) => /\.ya?ml$/.test(n))) {
      parseAllDocuments(readFileSync(join(root, dir, f), 'utf8')).forEach((doc) => visit(doc.contents as YamlNode));
    }
  }
  return out;
}

interface Tally {
  valid: number;
  taken: number;
  missed: string[];
}

/** Holds the fast parser to the lezer path on every input; counts how much valid input it takes. */
function compare(inputs: string[]): Tally {
  const tally: Tally = { valid: 0, taken: 0, missed: [] };
  for (const text of new Set(inputs)) {
    const reference = parseUncached(text, false);
    const { tokens, error } = lex(text);
    const fast = error ? undefined : fastParse(text, tokens);
    const valid = reference.expr !== undefined && reference.problems.length === 0;
    if (fast) {
      assert.ok(valid, `the fast parser took input the lezer path refuses: ${JSON.stringify(text)}`);
      assert.deepStrictEqual(fast, reference.expr, `different AST for ${JSON.stringify(text)}`);
    }
    assert.deepStrictEqual(parsePromQL(text), reference, `parsePromQL differs from the lezer path for ${JSON.stringify(text)}`);
    tally.valid += valid ? 1 : 0;
    tally.taken += fast ? 1 : 0;
    if (valid && !fast) {
      tally.missed.push(text);
    }
  }
  return tally;
}

function assertTakeRate(name: string, t: Tally, atLeast: number): void {
  const rate = t.taken / t.valid;
  assert.ok(rate >= atLeast, `${name}: the fast parser takes ${t.taken} of ${t.valid} valid expressions (${(rate * 100).toFixed(1)}%); missed e.g.\n${t.missed.slice(0, 15).join('\n')}`);
}

test('the PromQL corpus, the strings of the PromQL tests and the rule fixtures: same AST as the lezer path', () => {
  const corpus = compare(loadCorpus().map((c) => c.expr));
  const harvested = compare(harvestedStrings());
  const rules = compare(ruleExpressions());
  assert.ok(corpus.valid > 400 && harvested.valid > 1000 && rules.valid > 100, 'the corpora were found');
  assertTakeRate('corpus', corpus, 0.98);
  assertTakeRate('test strings', harvested, 0.98);
  assertTakeRate('rule files', rules, 0.98);
});

test('6,000 random expressions: same AST as the lezer path', () => {
  const random = compare(randomExpressions(6000, 20240611));
  assert.ok(random.valid >= 5000, `only ${random.valid} valid random expressions`);
  assertTakeRate('random', random, 0.98);
});

test('what the fast parser leaves to the lezer path', () => {
  const giveUp = [
    // The lezer path's tree differs from Go's here: modifiers are applied after the operators before them.
    'a + b offset 1m * c',
    '-x[5m:] ^ 2',
    'a ^ b @ 100 ^ c',
    // parse.ts shows lezer `offset` as a metric name only where no operand ends before it.
    'sum offset 5m',
    'sum(x, )',
    'f(x)',
    'on',
    'x offset 5m offset 1m',
    'x[0s]',
    '1 + ',
    '('.repeat(300) + 'x' + ')'.repeat(300),
  ];
  for (const text of giveUp) {
    const { tokens } = lex(text);
    assert.equal(fastParse(text, tokens), undefined, text);
    assert.deepStrictEqual(parsePromQL(text), parseUncached(text, false), text);
  }
  const deep = '-'.repeat(10_000) + 'x';
  assert.equal(fastParse(deep, lex(deep).tokens), undefined);
});
