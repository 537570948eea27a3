import { test } from 'node:test';
import assert from 'node:assert/strict';
import { re2Error } from '../../server/src/core/re2';

// Go RE2 verdicts (regexp/syntax), checked against promtool where it matters.
const VALID = ['(.*)', 'foo|bar', '(?i)error', '(?P<name>\\w+)', '[[:alpha:]]+', 'a{2,5}', '\\pL+', '(?s:.)', 'x*?', '\\Qa.b\\E', '^api-(.+)$', ''];
const INVALID: [string, RegExp][] = [
  ['(unclosed', /unterminated group/],
  ['a{2,1}', /numbers out of order/],
  ['(?=foo)', /unsupported Perl syntax/],
  ['(?<!x)y', /unsupported Perl syntax/],
  ['(a)\\1', /backreferences/],
  ['x**', /nothing to repeat/],
  ['[a-', /unterminated character class/],
  ['a{1001}', /invalid repeat count/],
];

for (const re of VALID) {
  test(`valid RE2: ${re}`, () => assert.equal(re2Error(re), undefined));
}
for (const [re, why] of INVALID) {
  test(`invalid RE2: ${re}`, () => assert.match(re2Error(re) ?? 'accepted', why));
}
