import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matcherMode, matcherString, matches, parseMatchers, type MatcherMode } from '../../server/src/core/alertmanager/matchers';

const parse = (input: string, mode: MatcherMode = 'classic') => parseMatchers(input, mode);
const short = (input: string, mode: MatcherMode = 'classic'): string[] => parse(input, mode).matchers.map(matcherString);

test('the four operators, quoted and unquoted values, several matchers per entry', () => {
  assert.deepEqual(short('a="b"'), ['a="b"']);
  assert.deepEqual(short('a=~"x|y"'), ['a=~"x|y"']);
  assert.deepEqual(short('a!="b"'), ['a!="b"']);
  assert.deepEqual(short('a!~"re.*"'), ['a!~"re.*"']);
  assert.deepEqual(short('a=b'), ['a="b"']);
  assert.deepEqual(short('{a="b", c!="d", }'), ['a="b"', 'c!="d"']);
  assert.deepEqual(short('a = "with space"'), ['a="with space"']);
  assert.deepEqual(short('msg="say \\"hi, there\\""'), ['msg="say \\"hi, there\\""']);
  assert.deepEqual(short('a=""'), ['a=""']);
  assert.deepEqual(short(''), []);
});

test('classic parser errors, positioned on the matcher', () => {
  assert.deepEqual(parse('a="b", severity').error, { offset: 7, length: 8, message: 'bad matcher format: severity' });
  assert.equal(parse('a="b"c"').error?.message, 'matcher value contains unescaped double quote: "b"c"');
  assert.equal(parse('a="b').error?.message, 'matcher value contains unescaped double quote: "b');
  assert.equal(parse('1a="b"').error?.message, 'bad matcher format: 1a="b"');
  assert.equal(parse('a=~"(x"').error?.message, 'error parsing regexp: missing closing ): `^(?:(x)$`');
});

test('UTF-8 parser (fallback mode): quoted UTF-8 names; classic-only input gets a suggestion', () => {
  assert.deepEqual(short('"service name"="api"', 'fallback'), ['"service name"="api"']);
  assert.equal(parse('"service name"="api"', 'classic').error?.message, 'bad matcher format: "service name"="api"');
  assert.deepEqual(short('city=Zürich', 'fallback'), ['city="Zürich"']);
  // An unquoted regex with a backslash: the UTF-8 parser refuses it, the classic one takes it.
  const r = parse('a=~x.+\\d', 'fallback');
  assert.equal(r.error, undefined);
  assert.deepEqual(r.matchers.map(matcherString), ['a=~"x.+\\\\d"']);
  assert.equal(r.classicOnly?.suggestion, 'a=~"x.+\\\\d"');
  assert.deepEqual([r.classicOnly?.offset, r.classicOnly?.message], [6, '\\: invalid input']);
  // The classic parser drops a trailing brace even without an opening one.
  assert.deepEqual(short('a=~x{2}'), ['a=~"x{2"']);
  // Invalid for both: the classic parser's error, as Alertmanager reports it.
  assert.equal(parse('severity', 'fallback').error?.message, 'bad matcher format: severity');
});

test('the parser follows the release', () => {
  assert.equal(matcherMode('0.25'), 'classic');
  assert.equal(matcherMode('0.26.0'), 'classic');
  assert.equal(matcherMode('0.27'), 'fallback');
  assert.equal(matcherMode('0.34'), 'fallback');
});

test('matching: anchored regexes, a missing label is empty, leading flags', () => {
  const [eq, re, ne, nre] = short('a="x", b=~"ap.", c!="x", d!~""').map((s) => parse(s).matchers[0]);
  assert.ok(matches(eq, 'x') && !matches(eq, 'xx'));
  assert.ok(matches(re, 'api') && !matches(re, 'apis') && !matches(re, 'xapi'));
  assert.ok(matches(ne, '') && !matches(ne, 'x'));
  assert.ok(matches(nre, 'v') && !matches(nre, ''));
  const ci = parse('name=~"(?i)alpha.*"').matchers[0];
  assert.ok(matches(ci, 'ALPHABET') && !matches(ci, 'beta'));
});

test('bad input never throws', () => {
  for (const input of ['{', '}', '{{}}', ',,,', '"', 'a=~"\\"', '=', '!', 'a!', '\u0000', 'a="\uD800"', 'x'.repeat(100_000) + '="', '{a=b'.repeat(1000)]) {
    for (const mode of ['classic', 'fallback'] as const) {
      assert.doesNotThrow(() => parse(input, mode), `${mode}: ${input.slice(0, 20)}`);
    }
  }
});
