// The port of Prometheus's lexer (lex.go) and Go's literal rules: tokens, item descriptions, numbers, durations, %q.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goFloat, parseDuration, parseNumber } from '../../../server/src/core/promql/literals';
import { goQuote, goQuoteRune, goUnicode, unquote } from '../../../server/src/core/promql/goText';
import { describeToken, lex } from '../../../server/src/core/promql/lexer';

const TOKENS: [string, string][] = [
  ['sum by (a) (x)', 'AGGREGATOR:sum KEYWORD:by LEFT_PAREN:( IDENTIFIER:a RIGHT_PAREN:) LEFT_PAREN:( IDENTIFIER:x RIGHT_PAREN:) EOF:'],
  ['x{offset="1",b!~"c"}', 'IDENTIFIER:x LEFT_BRACE:{ IDENTIFIER:offset EQL:= STRING:"1" COMMA:, IDENTIFIER:b NEQ_REGEX:!~ STRING:"c" RIGHT_BRACE:} EOF:'],
  ['a:b[5m:1m] offset -1h', 'METRIC_IDENTIFIER:a:b LEFT_BRACKET:[ DURATION:5m COLON:: DURATION:1m RIGHT_BRACKET:] KEYWORD:offset SUB:- DURATION:1h EOF:'],
  ['x[step()+5m]', 'IDENTIFIER:x LEFT_BRACKET:[ PREPROCESSOR:step LEFT_PAREN:( RIGHT_PAREN:) ADD:+ DURATION:5m RIGHT_BRACKET:] EOF:'],
  ['a </ 1 >/ 2 >= 3', 'IDENTIFIER:a TRIM_UPPER:</ NUMBER:1 TRIM_LOWER:>/ NUMBER:2 GTE:>= NUMBER:3 EOF:'],
  ['fill + fill(0)', 'IDENTIFIER:fill ADD:+ KEYWORD:fill LEFT_PAREN:( NUMBER:0 RIGHT_PAREN:) EOF:'],
  ['Inf nan 1_000 0x1F .5 1e-3', 'NUMBER:Inf NUMBER:nan NUMBER:1_000 NUMBER:0x1F NUMBER:.5 NUMBER:1e-3 EOF:'],
  ['x @ start() # comment', 'IDENTIFIER:x AT:@ PREPROCESSOR:start LEFT_PAREN:( RIGHT_PAREN:) EOF:'],
  // Names, spaces and strings are read in loops of their own: where they end, and what follows them.
  ['\n  rate(x_total{\n   job = "a b",\tcode=~\'5..\' }[5m])\n', 'IDENTIFIER:rate LEFT_PAREN:( IDENTIFIER:x_total LEFT_BRACE:{ IDENTIFIER:job EQL:= STRING:"a b" COMMA:, IDENTIFIER:code EQL_REGEX:=~ STRING:\'5..\' RIGHT_BRACE:} LEFT_BRACKET:[ DURATION:5m RIGHT_BRACKET:] RIGHT_PAREN:) EOF:'],
  ['_a1:b_2:{} :x', 'METRIC_IDENTIFIER:_a1:b_2: LEFT_BRACE:{ RIGHT_BRACE:} METRIC_IDENTIFIER::x EOF:'],
  ['x{a="\\"q\\" \u{1F600} é",b=`c"d`}', 'IDENTIFIER:x LEFT_BRACE:{ IDENTIFIER:a EQL:= STRING:"\\"q\\" \u{1F600} é" COMMA:, IDENTIFIER:b EQL:= STRING:`c"d` RIGHT_BRACE:} EOF:'],
  ['x{a="1"}#c\n/y', 'IDENTIFIER:x LEFT_BRACE:{ IDENTIFIER:a EQL:= STRING:"1" RIGHT_BRACE:} DIV:/ IDENTIFIER:y EOF:'],
];

for (const [input, expected] of TOKENS) {
  test(`tokens of ${input}`, () => {
    const r = lex(input);
    assert.equal(r.error, undefined);
    assert.equal(r.tokens.map((t) => `${t.type}:${t.text}`).join(' '), expected);
  });
}

test('describeToken names items as lex.go Item.desc() does', () => {
  const d = (input: string): string[] => lex(input).tokens.map(describeToken);
  assert.deepEqual(d('sum by x and 1 "s" 5m , ( ) @ start foo:bar'), [
    '<aggr:sum>',
    '<by>',
    'identifier "x"',
    '<op:and>',
    'number "1"',
    'string "\\"s\\""',
    'duration "5m"',
    '","',
    '"("',
    '")"',
    '<op:@>',
    '"start"',
    'metric identifier "foo:bar"',
    'end of input',
  ]);
});

test('the lexer stops at the first error, with the position of what is wrong', () => {
  const r = lex('x{a="b"} + "\\z"');
  assert.deepEqual(r.error, { message: "unknown escape sequence U+007A 'z'", from: 11, to: 14, at: 11 });
  assert.equal(r.tokens.at(-1)?.type, 'ADD');
});

test('strings end with an error where Prometheus ends them: line break, end of input, a lone surrogate', () => {
  assert.deepEqual(lex('x{a="bc\nd"}').error, { message: 'unterminated quoted string', from: 4, to: 8, at: 4 });
  assert.deepEqual(lex('"abc').error, { message: 'unterminated quoted string', from: 0, to: 4, at: 0 });
  assert.deepEqual(lex('x{a="b\ud800c"}').error, { message: 'invalid UTF-8 rune', from: 4, to: 7, at: 4 });
  assert.equal(lex('"\ud83d\ude00"').error, undefined);
});

test('end-of-input errors point at the unclosed opener', () => {
  assert.deepEqual(lex('a + (b * (c)').error, { message: 'unclosed left parenthesis', from: 4, to: 5, at: 12 });
});

test('numbers as Go reads them', () => {
  assert.deepEqual(parseNumber('0x1F'), { value: 31 });
  assert.deepEqual(parseNumber('017'), { value: 15 });
  assert.deepEqual(parseNumber('08'), { value: 8 });
  assert.deepEqual(parseNumber('1_000'), { value: 1000 });
  assert.deepEqual(parseNumber('5.'), { value: 5 });
  assert.deepEqual(parseNumber('99999999999999999999'), { value: 1e20 });
  assert.match(parseNumber('0x').error ?? '', /invalid syntax/);
  assert.match(parseNumber('1e400').error ?? '', /value out of range/);
});

test('durations as model.ParseDuration reads them', () => {
  assert.deepEqual(parseDuration('1y2w3d4h5m6s7ms'), { value: 31536000 + 1209600 + 259200 + 14400 + 300 + 6 + 0.007 });
  assert.deepEqual(parseDuration('0'), { value: 0 });
  assert.deepEqual(parseDuration('1h1d'), { error: 'not a valid duration string: "1h1d"' });
  assert.deepEqual(parseDuration('5hs'), { error: 'unknown unit "hs" in duration "5hs"' });
  assert.deepEqual(parseDuration('300y'), { error: 'duration out of range' });
});

test("Go's %q, %#U and %f", () => {
  assert.equal(goQuote('a"b\\c\n\x01é'), '"a\\"b\\\\c\\n\\x01é"');
  assert.equal(goQuoteRune("'"), "'\\''");
  assert.equal(goQuoteRune('\t'), "'\\t'");
  assert.equal(goUnicode('q'), "U+0071 'q'");
  assert.equal(goUnicode('\x00'), 'U+0000');
  assert.equal(goFloat(1.5), '1.500000');
  assert.equal(goFloat(-Infinity), '-Inf');
  assert.equal(goFloat(1e22), '10000000000000000000000.000000');
});

test('unquote decodes Go escapes and leaves raw strings alone', () => {
  assert.equal(unquote('"a\\tb\\\\c\\"d"'), 'a\tb\\c"d');
  assert.equal(unquote("'\\''"), "'");
  assert.equal(unquote('"\\x41\\101\\u00e9\\U0001F600"'), 'AAé😀');
  assert.equal(unquote('`\\n`'), '\\n');
});
