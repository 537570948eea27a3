// The template parser: Go's error messages and lines (the table was produced by Debian's promtool 2.42,
// `promtool check rules`, which parses alert templates with Go 1.19's text/template), spans of nodes and
// errors, and the guards against deeply nested input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALERT_VARIABLES,
  functionsFor,
  goParseMessage,
  parseTemplate,
  type ActionNode,
  type BranchNode,
  type ParseResult,
  type TemplateNode,
} from '../../../server/src/core/templates/index';

const prometheus = functionsFor('prometheusAlert');
const parse = (text: string): ParseResult =>
  parseTemplate(text, { name: 't', isFunction: (n) => prometheus.has(n), predeclared: ALERT_VARIABLES });

/** Template → undefined (valid) or [line, message] as Go reports it. */
const GO_ERRORS: [string, [number, string] | undefined][] = [
  ["{{ end }}", [1, "unexpected {{end}}"]],
  ["{{ else }}", [1, "unexpected {{else}}"]],
  ["{{ if . }}", [1, "unexpected EOF"]],
  ["{{ if . }}{{ else }}{{ else }}{{ end }}", [1, "expected end; found {{else}}"]],
  ["{{ range . }}{{ else if . }}{{ end }}", [1, "unexpected <if> in input"]],
  ["{{ foo }}", [1, "function \"foo\" not defined"]],
  ["{{ $x }}", [1, "undefined variable \"$x\""]],
  ["{{ .A", [1, "unclosed action"]],
  ["{{ .A }", [1, "unexpected \"}\" in operand"]],
  ["{{ ( }}", [1, "unclosed left paren"]],
  ["{{ ) }}", [1, "unexpected \")\" in command"]],
  ["{{ \"abc }}", [1, "unterminated quoted string"]],
  ["{{ `abc }}", [1, "unterminated raw quoted string"]],
  ["{{ 'ab' }}", [1, "malformed character constant: 'ab'"]],
  ["{{ '' }}", [1, "invalid syntax"]],
  ["{{ 0x1G }}", [1, "bad number syntax: \"0x1G\""]],
  ["{{ 99999999999999999999 }}", [1, "integer overflow: \"99999999999999999999\""]],
  ["{{ 1e999 }}", [1, "illegal number syntax: \"1e999\""]],
  ["{{ 3i }}", undefined],
  ["{{ $x := 1 }}{{ $x.y.z }}", undefined],
  ["{{ . | 1 }}", [1, "non executable command in pipeline stage 2"]],
  ["{{ }}", [1, "missing value for command"]],
  ["{{ $x, $y := . }}", [1, "too many declarations in command"]],
  ["{{ range $x, $y, $z := . }}{{ end }}", [1, "too many declarations in range"]],
  ["{{ range $x, 1 := . }}{{ end }}", [1, "range can only initialize variables"]],
  ["{{ break }}", [1, "{{break}} outside {{range}}"]],
  ["{{ continue }}", [1, "{{continue}} outside {{range}}"]],
  ["{{ define \"a\" }}x", [1, "unexpected EOF"]],
  ["{{ define a }}{{ end }}", [1, "unexpected \"a\" in define clause"]],
  ["{{ define \"a\" }}{{ else }}{{ end }}", [1, "unexpected {{else}} in define clause"]],
  ["{{ template x }}", [1, "unexpected \"x\" in template clause"]],
  ["{{ template \"x\" }}", undefined],
  ["{{ if . }}\n{{ else }}\n{{ end", [3, "unclosed action"]],
  ["{{ foo\n bar", [1, "function \"foo\" not defined"]],
  ["a\nb\n{{ end }}", [3, "unexpected {{end}}"]],
  ["{{/* unclosed", [1, "unclosed comment"]],
  ["{{/* c */ x }}", [1, "comment ends before closing delimiter"]],
  ["{{ .A.B c.d }}", [1, "function \"c\" not defined"]],
  ["{{ \"x\".Field }}", [1, "unexpected . after term \"\\\"x\\\"\""]],
  ["{{ $ }}", undefined],
  ["{{ := 1 }}", [1, "unexpected \":=\" in command"]],
  ["{{ $x = 1 }}", undefined],
  ["{{ @ }}", [1, "unexpected \"@\" in command"]],
  ["{{ .A@ }}", [1, "bad character U+0040 '@'"]],
  ["{{ ab-c }}", [1, "bad character U+002D '-'"]],
  ["{{ printf \"%s\" | }}", undefined],
  ["{{ define \"a\" }}1{{ end }}{{ define \"a\" }}2{{ end }}", [1, "template: multiple definition of template \"a\""]],
  ["{{ block \"b\" }}{{ end }}", [1, "missing value for block clause"]],
  ["{{ with $x := . }}{{ end }}{{ $x }}", [1, "undefined variable \"$x\""]],
  ["{{ if eq 1 1 }}{{ end }}{{ with .x }}{{ else with .y }}{{ end }}", [1, "unexpected <with> in else"]],
  ["{{ nil }}", undefined],
  ["{{ . nil }}", undefined],
  ["{{ \"\\q\" }}", [1, "invalid syntax"]],
  ["{{ 1.2.3 }}", [1, "unexpected \".3\" in operand"]],
  ["{{ -1 }}{{ +1 }}{{ .5 }}", undefined],
  ["{{ .Labels |}}", undefined],
  ["{{ | .Labels }}", [1, "unexpected \"|\" in command"]],
  ["{{- 3}}", undefined],
  ["{{3 -}}", undefined],
  ["{{ (1) }}{{ (1 }}", [1, "unclosed left paren"]],
];

for (const [text, expected] of GO_ERRORS) {
  test(`parse errors as Go words them: ${JSON.stringify(text)}`, () => {
    const r = parse(text);
    if (!expected) {
      assert.deepEqual(r.errors, []);
      return;
    }
    assert.ok(r.errors.length > 0, 'an error');
    assert.equal(goParseMessage(r.errors[0], 't'), `template: t:${expected[0]}: ${expected[1]}`);
  });
}

test('errors point at what is wrong', () => {
  const cases: [string, string][] = [
    ['{{ humanise $value }}', 'humanise'],
    ['{{ $lables.job }}', '$lables'],
    ['a {{ end }}', '{{ end }}'],
    ['{{ .A | 1 }}', '1'],
    ['{{ printf "%s" "x }}', '"x }}'],
  ];
  for (const [text, span] of cases) {
    const e = parse(text).errors[0];
    assert.equal(text.slice(e.from, e.to), span, text);
  }
});

test('unknown functions and undefined variables are all reported, in order, and parsing goes on', () => {
  const r = parse('{{ foo $x }}{{ bar }}{{ $labels.job }}');
  assert.deepEqual(
    r.errors.map((e) => [e.code, e.message]),
    [
      ['unknown-function', 'function "foo" not defined'],
      ['undefined-variable', 'undefined variable "$x"'],
      ['unknown-function', 'function "bar" not defined'],
    ],
  );
  assert.ok(r.root, 'the tree is still built');
});

test('spans of nodes: actions, branches with else-if chains, fields and chains', () => {
  const text = 'x {{- if eq $value 1.0 }}a{{ else if .B }}b{{ else }}c{{ end -}} y';
  const r = parse(text);
  const [t1, branch, t2] = r.root!.nodes as [{ kind: string; text: string }, BranchNode, { text: string }];
  assert.equal(t1.text, 'x');
  assert.equal(t2.text, 'y');
  assert.equal(text.slice(branch.from, branch.to), '{{- if eq $value 1.0 }}a{{ else if .B }}b{{ else }}c{{ end -}}');
  const inner = branch.elseList!.nodes[0] as BranchNode;
  assert.equal(inner.kind, 'if');
  assert.equal(text.slice(inner.pipe.from, inner.pipe.to), '.B');
  assert.equal(text.slice(branch.pipe.cmds[0].args[2].from, branch.pipe.cmds[0].args[2].to), '1.0');

  const f = parse('{{ .Labels.severity }}{{ (query "up").Labels }}');
  const field = (f.root!.nodes[0] as ActionNode).pipe.cmds[0].args[0];
  assert.deepEqual([field.kind, field.from, field.to], ['field', 3, 19]);
  assert.equal(field.kind === 'field' && field.goPos, 10, "Go's position of a chained field is its second part");
  const chain = (f.root!.nodes[1] as ActionNode).pipe.cmds[0].args[0];
  assert.equal(chain.kind, 'chain');
});

test('variables: declarations, range pairs and scopes', () => {
  const r = parse('{{ range $i, $e := $labels }}{{ $i }}{{ $e }}{{ end }}{{ $x := 1 }}{{ $x = 2 }}{{ $x }}');
  assert.deepEqual(r.errors, []);
  const range = r.root!.nodes[0] as BranchNode;
  assert.deepEqual(range.pipe.decl.map((d) => d.ident[0]), ['$i', '$e']);
  assert.deepEqual(parse('{{ $y = 1 }}').undeclaredAssignments.map((v) => v.ident[0]), ['$y']);
  assert.equal(parse('{{ define "d" }}{{ $labels }}{{ end }}').errors[0].message, 'undefined variable "$labels"', 'definitions see only $');
});

test('definitions, blocks and template calls', () => {
  const r = parse('{{ define "a" }}A{{ end }}{{ block "b" . }}B{{ end }}{{ template "a" }}');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.definitions.map((d) => d.name), ['a', 'b']);
  const block = r.root!.nodes[0] as TemplateNode;
  assert.equal(block.block, true);
  const call = r.root!.nodes[1] as TemplateNode;
  assert.equal(call.name, 'a');
  assert.equal(call.pipe, undefined);
});

test('{{else with}} only where the Go version has it', () => {
  assert.equal(parse('{{ with .A }}{{ else with .B }}{{ end }}').errors[0]?.message, 'unexpected <with> in else');
  const r = parseTemplate('{{ with .A }}{{ else with .B }}{{ end }}', { elseWith: true });
  assert.deepEqual(r.errors, []);
});

test('deep nesting: a clear error, quickly, and no stack overflow', () => {
  const started = Date.now();
  for (const n of [10_000, 100_000]) {
    const nested = parse('{{ if . }}'.repeat(n) + 'x' + '{{ end }}'.repeat(n));
    assert.equal(nested.errors[0].message, 'nesting deeper than 1000 levels');
    const parens = parse(`{{ ${'('.repeat(n)}1${')'.repeat(n)} }}`);
    assert.equal(parens.errors[0].message, 'max expression depth exceeded');
  }
  assert.deepEqual(parse('{{ if . }}'.repeat(1000) + 'x' + '{{ end }}'.repeat(1000)).errors, []);
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
});

test('a long template parses in linear time', () => {
  const text = '{{ $labels.instance }} is {{ humanize $value }} '.repeat(20_000);
  const started = Date.now();
  const r = parse(text);
  assert.equal(r.root!.nodes.length, 80_000);
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
});
