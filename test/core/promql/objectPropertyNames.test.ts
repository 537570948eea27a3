import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUncached } from '../../../server/src/core/promql/parse';
import { lex } from '../../../server/src/core/promql/lexer';

// Names that a plain JavaScript object answers for are names like any other to Prometheus (`promtool check
// rules` accepts `expr: sum(constructor)`): neither the lexer's keyword table nor lezer-promql's may see them.
const NAMES = ['constructor', 'Constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

test('metric and label names such as "constructor" parse as names, by the fast parser and the lezer path alike', () => {
  for (const name of NAMES) {
    assert.deepEqual(lex(name).tokens.map((t) => t.type), ['IDENTIFIER', 'EOF'], name);
    for (const text of [name, `sum by (${name}) (${name}{${name}="x"})`, `rate(${name}[5m]) > 0`]) {
      for (const fast of [true, false]) {
        const parsed = parseUncached(text, fast);
        assert.deepEqual(parsed.problems, [], `${text} (${fast ? 'fast' : 'lezer'})`);
        assert.ok(parsed.expr, text);
      }
    }
  }
});

test('keywords stay keywords in any case, and longer words are names', () => {
  assert.deepEqual(lex('SUM BY (job) (X) UNLESS ON (a) Y OFFSET 5m').tokens.map((t) => t.type), [
    'AGGREGATOR', 'KEYWORD', 'LEFT_PAREN', 'IDENTIFIER', 'RIGHT_PAREN', 'LEFT_PAREN', 'IDENTIFIER', 'RIGHT_PAREN',
    'LUNLESS', 'KEYWORD', 'LEFT_PAREN', 'IDENTIFIER', 'RIGHT_PAREN', 'IDENTIFIER', 'KEYWORD', 'DURATION', 'EOF',
  ]);
  assert.deepEqual(lex('count_values count_valuesx Inf NaN').tokens.map((t) => t.type), ['AGGREGATOR', 'IDENTIFIER', 'NUMBER', 'NUMBER', 'EOF']);
});
