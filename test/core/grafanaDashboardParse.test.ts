import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { AstNode } from '../../server/src/core/syntax/ast';
import { parseJsonFast } from '../../server/src/core/syntax/jsonFast';
import { parseJson } from '../../server/src/core/syntax/jsonParse';
import { REPO } from '../helpers/lspClient';
import { generateDashboard } from '../../bench/generateDashboard';

interface Shape {
  type: string;
  offset: number;
  length: number;
  value?: unknown;
  children?: Shape[];
}

function fromJsonc(n: JsonNode): Shape {
  const leaf = n.type !== 'object' && n.type !== 'array' && n.type !== 'property';
  return { type: n.type, offset: n.offset, length: n.length, ...(leaf ? { value: n.value } : {}), ...(n.children ? { children: n.children.map(fromJsonc) } : {}) };
}

function fromAst(n: AstNode, parent?: AstNode): Shape {
  assert.equal(n.parent, parent, 'parent links');
  if (n.type === 'string') {
    assert.equal(n.style, 'json');
  }
  const leaf = n.type !== 'object' && n.type !== 'array' && n.type !== 'property';
  return { type: n.type, offset: n.offset, length: n.length, ...(leaf ? { value: n.value } : {}), ...(n.children ? { children: n.children.map((c) => fromAst(c, n)) } : {}) };
}

const FIXTURES = join(REPO, 'test/fixtures/grafana-dashboards');

test('the fast JSON parser gives jsonc-parser\'s tree: real dashboards, a generated one and tricky values', () => {
  const texts = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
  texts.push(generateDashboard(20));
  texts.push('{"a":"\\u00e9\\n\\"q\\"","b":[-0.5e-3,0,1E+2,true,false,null,{},[]],"c":{"d":[[{"e":"√ é 😀"}]]}}');
  texts.push(' \r\n\t[ 1 , "x" ] \n');
  texts.push('"just a string"');
  for (const text of texts) {
    const fast = parseJsonFast(text, 500);
    assert.ok(fast, text.slice(0, 80));
    assert.deepEqual(fromAst(fast), fromJsonc(parseTree(text)!));
  }
});

test('the fast JSON parser leaves errors, comments, odd whitespace and deep nesting to jsonc-parser', () => {
  const bad = [
    '',
    '{"a": 1,}',
    '[1, 2,]',
    '{"a": 1} // note',
    '/* c */ {}',
    '{"a": 01}',
    '{"a": 1.}',
    '{"a": -}',
    '{"a": truex}',
    '{"a": "line\nbreak"}',
    '{"a": "tab\there"}',
    '{"a": "\\x"}',
    '{"a": "open',
    '{"a" 1}',
    "{'a': 1}",
    '\ufeff{}',
    '{}\u00a0',
    '{} {}',
    '['.repeat(600) + ']'.repeat(600),
  ];
  for (const text of bad) {
    assert.equal(parseJsonFast(text, 500), undefined, JSON.stringify(text.slice(0, 40)));
  }
  // parseJson still reports them, positioned, through jsonc-parser.
  const [first] = parseJson('{"a": 1,}')[0].errors;
  assert.deepEqual([first.offset, first.code], [8, 'json/syntax']);
  assert.equal(parseJson('['.repeat(600) + ']'.repeat(600))[0].errors[0].code, 'json/too-deep');
});
