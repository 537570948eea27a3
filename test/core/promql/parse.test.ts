// parsePromQL: syntax errors in Prometheus's words, on the offending token (end of input included), and the shape
// of the AST with its offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationSeconds, nodeAt, typeOf, walk, type Expr, type Node } from '../../../server/src/core/promql/ast';
import { parsePromQL } from '../../../server/src/core/promql/parse';

const SYNTAX_ERRORS: [expr: string, message: string, from: number, to: number][] = [
  // Errors at the very end of the input (the Prometheus UI's linter skips these).
  ['sum(rate(x[5m])', 'unclosed left parenthesis', 3, 4],
  ['foo{', 'unexpected end of input inside braces', 3, 4],
  ['foo{a="b"', 'unexpected end of input inside braces', 3, 4],
  ['x[5m', 'unclosed left bracket', 1, 2],
  ['rate(x[', 'unexpected end of input in duration expression', 6, 7],
  ['1 +', 'unexpected end of input', 2, 3],
  ['1 +  ', 'unexpected end of input', 2, 3],
  ['x offset', 'unexpected end of input in offset, expected number, duration, step(), or range()', 7, 8],
  ['x @', 'unexpected end of input in @, expected timestamp', 2, 3],
  ['x @ start', 'unexpected end of input in @, expected timestamp', 8, 9],
  ['"abc', 'unterminated quoted string', 0, 4],
  ['`abc', 'unterminated raw string', 0, 4],
  ['"\\x4', 'escape sequence not terminated', 0, 4],
  ['', 'no expression found in input', 0, 0],
  ['# nothing', 'no expression found in input', 0, 9],
  // Unexpected items, named as the Go parser names them.
  ['foo bar', 'unexpected identifier "bar"', 4, 7],
  ['foo:bar baz:qux', 'unexpected metric identifier "baz:qux"', 8, 15],
  ['1 2', 'unexpected number "2"', 2, 3],
  ['x "a"', 'unexpected string "\\"a\\""', 2, 5],
  ['x "a long string"', 'unexpected string "\\"a long st"...', 2, 17],
  ['sum(x) by', 'unexpected end of input in grouping opts, expected "("', 8, 9],
  ['sum(x) by (a) by', 'unexpected <by>', 14, 16],
  ['x and', 'unexpected end of input', 4, 5],
  ['and b', 'unexpected identifier "b"', 4, 5],
  ['x y z', 'unexpected identifier "y"', 2, 3],
  [')', "unexpected right parenthesis ')'", 0, 1],
  ['x ]', "unexpected right bracket ']'", 2, 3],
  ['sum(x,)', 'trailing commas not allowed in function call args', 5, 6],
  ['f(x)', 'unknown function with name "f"', 0, 1],
  ['1 + f (x)', 'unknown function with name "f"', 4, 5],
  ['sum(x) sum(y)', 'unexpected <aggr:sum>', 7, 10],
  // Contexts of generated_parser.y's error rules.
  ['foo{a="b" c="d"}', 'unexpected identifier "c" in label matching, expected "," or "}"', 10, 11],
  ['foo{a}', 'unexpected "}" in label matching, expected label matching operator', 5, 6],
  ['foo{a=}', 'unexpected "}" in label matching, expected string', 6, 7],
  ['foo{=}', 'unexpected "=" in label matching, expected identifier or "}"', 4, 5],
  ['sum by (a b) (x)', 'unexpected identifier "b" in grouping opts, expected "," or ")"', 10, 11],
  ['sum by x (y)', 'unexpected identifier "x" in grouping opts, expected "("', 7, 8],
  ['sum by (job) by (a) (x)', 'unexpected <by> in aggregation', 13, 15],
  ['x offset foo', 'unexpected identifier "foo" in offset, expected number, duration, step(), or range()', 9, 12],
  ['x[]', 'unexpected "]" in subquery or range selector, expected number, duration, step(), or range()', 2, 3],
  ['x[5m 1m]', 'unexpected duration "1m" in subquery or range, expected ":" or "]"', 5, 7],
  ['x[5m:1m 1m]', 'unexpected duration "1m" in subquery selector, expected "]"', 8, 10],
  // Lexical errors (lex.go).
  ['"\\q"', "unknown escape sequence U+0071 'q'", 0, 3],
  ['"\\uD800"', 'escape sequence is an invalid Unicode code point', 0, 7],
  ['"\\400"', 'escape sequence is an invalid Unicode code point', 0, 5],
  ["'\\\"'", "unknown escape sequence U+0022 '\"'", 0, 3],
  ['é', "unexpected character: 'é'", 0, 1],
  ['x ! y', "unexpected character after '!': ' '", 2, 4],
  ['x =~ y', "unexpected character after '=': '~'", 2, 3],
  ['foo{a!b}', "unexpected character after '!' inside braces: 'b'", 5, 7],
  ['foo{a:b="c"}', "unexpected character inside braces: ':'", 5, 6],
  ['foo{{', "unexpected left brace '{'", 4, 5],
  ['x[5m:1m:1m]', "unexpected colon ':'", 7, 8],
  ['x[:5m]', 'unexpected colon before duration in duration expression', 2, 3],
  ['x[[5m]]', "unexpected character in duration expression: '['", 2, 3],
  ['x[5 m]', "unexpected character: 'm', expected ':'", 4, 5],
  ['1x', 'bad number or duration syntax: "1"', 0, 1],
  ['0x1e', 'bad number or duration syntax: "0x1e"', 0, 4],
  // Literals read as Go reads them.
  ['1h1d', 'not a valid duration string: "1h1d"', 0, 4],
  ['x[5hs]', 'unknown unit "hs" in duration "5hs"', 2, 5],
  ['0x', 'error parsing number: strconv.ParseFloat: parsing "0x": invalid syntax', 0, 2],
  ['1e999', 'error parsing number: strconv.ParseFloat: parsing "1e999": value out of range', 0, 5],
  ['0xFFFFFFFFFFFFFFFFFF', 'error parsing number: strconv.ParseFloat: parsing "0xFFFFFFFFFFFFFFFFFF": invalid syntax', 0, 20],
];

for (const [expr, message, from, to] of SYNTAX_ERRORS) {
  test(`syntax error: ${JSON.stringify(expr)}`, () => {
    const r = parsePromQL(expr);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.message, p.from, p.to]),
      [['promql/syntax', message, from, to]],
    );
    assert.equal(r.expr, undefined);
  });
}

test('a syntax error before an end-of-input error is reported first, then the lexer error', () => {
  const r = parsePromQL('sum by (job (x)');
  assert.deepEqual(
    r.problems.map((p) => p.message),
    ['unexpected "(" in grouping opts, expected "," or ")"', 'unclosed left parenthesis'],
  );
});

/** The AST without offsets, for readable comparisons. */
function shape(e: unknown): unknown {
  return JSON.parse(JSON.stringify(e, (k, v) => (k === 'from' || k === 'to' || /Span$|^(braces|brackets|parens|keyword)$/.test(k) ? undefined : v)));
}

const SHAPES: [string, unknown][] = [
  ['1e3', { kind: 'number', value: 1000, text: '1e3', duration: false }],
  ['0x1F', { kind: 'number', value: 31, text: '0x1F', duration: false }],
  ['017', { kind: 'number', value: 15, text: '017', duration: false }],
  ['1_000.5', { kind: 'number', value: 1000.5, text: '1_000.5', duration: false }],
  ['5m', { kind: 'number', value: 300, text: '5m', duration: true }],
  ['- -2', { kind: 'number', value: 2, text: '- -2', duration: false }],
  ['"a\\tb\\u00e9\\x41\\101"', { kind: 'string', value: 'a\tbéAA', raw: '"a\\tb\\u00e9\\x41\\101"' }],
  ["'it\\'s'", { kind: 'string', value: "it's", raw: "'it\\'s'" }],
  ['`raw\\n`', { kind: 'string', value: 'raw\\n', raw: '`raw\\n`' }],
  [
    'up{job=~"a.*", "k8s.ns"!="x"}',
    {
      kind: 'vectorSelector',
      name: 'up',
      matchers: [
        { name: 'job', quotedName: false, op: '=~', value: 'a.*' },
        { name: 'k8s.ns', quotedName: true, op: '!=', value: 'x' },
      ],
    },
  ],
  ['{"my.metric"}', { kind: 'vectorSelector', matchers: [{ name: '__name__', quotedName: true, op: '=', value: 'my.metric', metricName: true }] }],
  [
    'rate(x[5m] offset -1h @ end())',
    {
      kind: 'call',
      name: 'rate',
      args: [
        {
          kind: 'matrixSelector',
          selector: { kind: 'vectorSelector', name: 'x', matchers: [] },
          range: { kind: 'durationLiteral', text: '5m', seconds: 300, isNumber: false },
          offset: { duration: { kind: 'durationUnary', op: '-', expr: { kind: 'durationLiteral', text: '1h', seconds: 3600, isNumber: false } } },
          at: { preprocessor: 'end' },
        },
      ],
    },
  ],
  [
    'x[1h:5m] @ 100',
    {
      kind: 'subquery',
      expr: { kind: 'vectorSelector', name: 'x', matchers: [] },
      range: { kind: 'durationLiteral', text: '1h', seconds: 3600, isNumber: false },
      step: { kind: 'durationLiteral', text: '5m', seconds: 300, isNumber: false },
      at: { text: '100', duration: false, value: 100 },
    },
  ],
  [
    'topk by (a) (3, x)',
    {
      kind: 'aggregate',
      op: 'topk',
      args: [
        { kind: 'number', value: 3, text: '3', duration: false },
        { kind: 'vectorSelector', name: 'x', matchers: [] },
      ],
      grouping: { without: false, labels: [{ name: 'a', quoted: false }] },
      param: { kind: 'number', value: 3, text: '3', duration: false },
      expr: { kind: 'vectorSelector', name: 'x', matchers: [] },
    },
  ],
  [
    'a == bool on(b) group_left(c) fill_right(-1) d',
    {
      kind: 'binary',
      op: '==',
      lhs: { kind: 'vectorSelector', name: 'a', matchers: [] },
      rhs: { kind: 'vectorSelector', name: 'd', matchers: [] },
      bool: {},
      matching: { on: true, labels: [{ name: 'b', quoted: false }], card: 'many-to-one', group: {}, include: [{ name: 'c', quoted: false }] },
      fill: { rhs: -1 },
    },
  ],
  // Go's unary minus binds less than ^: -2 ^ 2 is -(2 ^ 2).
  [
    '-2 ^ 2',
    {
      kind: 'unary',
      op: '-',
      expr: { kind: 'binary', op: '^', lhs: { kind: 'number', value: 2, text: '2', duration: false }, rhs: { kind: 'number', value: 2, text: '2', duration: false } },
    },
  ],
  // Ranges and modifiers bind to the rightmost operand, as in Go's grammar.
  [
    'a + b offset 5m',
    {
      kind: 'binary',
      op: '+',
      lhs: { kind: 'vectorSelector', name: 'a', matchers: [] },
      rhs: { kind: 'vectorSelector', name: 'b', matchers: [], offset: { duration: { kind: 'durationLiteral', text: '5m', seconds: 300, isNumber: false } } },
    },
  ],
  [
    'x[5m+2*step()]',
    {
      kind: 'matrixSelector',
      selector: { kind: 'vectorSelector', name: 'x', matchers: [] },
      range: {
        kind: 'durationBinary',
        op: '+',
        lhs: { kind: 'durationLiteral', text: '5m', seconds: 300, isNumber: false },
        rhs: { kind: 'durationBinary', op: '*', lhs: { kind: 'durationLiteral', text: '2', seconds: 2, isNumber: true }, rhs: { kind: 'durationCall', name: 'step', args: [] } },
      },
    },
  ],
  // Words that are keywords elsewhere are metric names where Go's grammar allows them.
  ['offset offset 5m', { kind: 'vectorSelector', name: 'offset', matchers: [], offset: { duration: { kind: 'durationLiteral', text: '5m', seconds: 300, isNumber: false } } }],
  ['holt_winters(x)', { kind: 'call', name: 'holt_winters', args: [{ kind: 'vectorSelector', name: 'x', matchers: [] }] }],
];

for (const [expr, expected] of SHAPES) {
  test(`AST of ${expr}`, () => {
    const r = parsePromQL(expr);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(shape(r.expr), expected);
  });
}

test('comments and line breaks are white space, also inside braces', () => {
  const r = parsePromQL('sum by (job) (\n  rate(x{ # the selector\n job="a"}[5m]) # per second\n)');
  assert.deepEqual(r.problems, []);
  assert.equal(r.expr?.kind, 'aggregate');
});

test('Inf and NaN are numbers, in any case', () => {
  const value = (text: string): number | undefined => {
    const e = parsePromQL(text).expr;
    return e?.kind === 'number' ? e.value : undefined;
  };
  assert.equal(value('-Inf'), -Infinity);
  assert.equal(value('+inf'), Infinity);
  assert.ok(Number.isNaN(value('NaN')));
});

test('offsets of nodes, names, matchers, modifiers and brackets', () => {
  const text = 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m] offset 1h))';
  const e = parsePromQL(text).expr!;
  assert.equal(e.kind, 'aggregate');
  if (e.kind !== 'aggregate') {
    return;
  }
  const at = (s: { from: number; to: number }): string => text.slice(s.from, s.to);
  assert.equal(at(e), text);
  assert.equal(at(e.opSpan), 'sum');
  assert.equal(at(e.grouping!), 'by (job)');
  assert.equal(at(e.grouping!.labels[0]), 'job');
  const call = e.expr!;
  assert.equal(call.kind === 'call' && at(call.nameSpan), 'rate');
  const m = call.kind === 'call' ? call.args[0] : undefined;
  assert.ok(m?.kind === 'matrixSelector');
  assert.equal(at(m), 'http_requests_total{code=~"5.."}[5m] offset 1h');
  assert.equal(at(m.brackets), '[5m]');
  assert.equal(at(m.offset!), 'offset 1h');
  assert.equal(at(m.offset!.keyword), 'offset');
  const vs = m.selector;
  assert.ok(vs.kind === 'vectorSelector');
  assert.equal(at(vs.nameSpan!), 'http_requests_total');
  assert.equal(at(vs.matchers[0]), 'code=~"5.."');
  assert.equal(at(vs.matchers[0].valueSpan), '"5.."');
});

test('walk visits every node in source order, durations included, and can skip children', () => {
  const e = parsePromQL('sum(rate(a[5m])) / on(x) b offset 1h').expr!;
  const kinds: string[] = [];
  walk(e, (n) => {
    kinds.push(n.kind);
  });
  assert.deepEqual(kinds, ['binary', 'aggregate', 'call', 'matrixSelector', 'vectorSelector', 'durationLiteral', 'vectorSelector', 'durationLiteral']);
  const shallow: string[] = [];
  walk(e, (n) => {
    shallow.push(n.kind);
    return n.kind !== 'aggregate';
  });
  assert.deepEqual(shallow, ['binary', 'aggregate', 'vectorSelector', 'durationLiteral']);
});

test('walk reports parents', () => {
  const e = parsePromQL('abs(x)').expr!;
  const pairs: string[] = [];
  walk(e, (n: Node, parent: Node | undefined) => {
    pairs.push(`${n.kind}<${parent?.kind ?? ''}`);
  });
  assert.deepEqual(pairs, ['call<', 'vectorSelector<call']);
});

test('nodeAt finds the innermost node and its ancestors', () => {
  const text = 'sum(rate(x[5m]))';
  const e = parsePromQL(text).expr!;
  const hit = nodeAt(e, text.indexOf('5m') + 1)!;
  assert.equal(hit.node.kind, 'durationLiteral');
  assert.deepEqual(
    hit.ancestors.map((a) => a.kind),
    ['aggregate', 'call', 'matrixSelector'],
  );
  assert.equal(nodeAt(e, 100), undefined);
});

test('durationSeconds evaluates constant durations', () => {
  const range = (text: string): number | undefined => {
    const e = parsePromQL(text).expr as Expr;
    return e.kind === 'matrixSelector' ? durationSeconds(e.range) : undefined;
  };
  assert.equal(range('x[1h30m]'), 5400);
  assert.equal(range('x[90]'), 90);
  assert.equal(range('x[(1h + 30m) * 2]'), 10800);
  assert.equal(range('x[max_of(5m, 1h)]'), 3600);
  assert.equal(range('x[step()]'), undefined);
});

test('typeOf gives the value type of any sub-expression', () => {
  const cases: [string, string | undefined][] = [
    ['1 + 2', 'scalar'],
    ['x + 1', 'vector'],
    ['x[5m]', 'matrix'],
    ['(x[5m:])', 'matrix'],
    ['"s"', 'string'],
    ['time()', 'scalar'],
    ['nope(x)', undefined],
  ];
  for (const [text, type] of cases) {
    assert.equal(typeOf(parsePromQL(text).expr!), type, text);
  }
});
