import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { SCOPE_BY_EXTENSION, snapshot, tokenize, type Token, type YamlHost } from './grammarHelpers';

const require = createRequire(__filename);
const ROOT = join(__dirname, '../../..');
const FIXTURES = join(ROOT, 'test/fixtures/grammar');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

// Snapshot tests: every fixture is tokenized with our grammars (YAML and JSON through VS Code's own grammars plus
// our injections) and compared with the committed `<fixture>.snap`. Regenerate with UPDATE_SNAPSHOTS=1.
for (const name of readdirSync(FIXTURES).filter((f) => SCOPE_BY_EXTENSION[extname(f)])) {
  test(`grammar snapshot: ${name}`, async () => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    const actual = snapshot(text, await tokenize(text, SCOPE_BY_EXTENSION[extname(name)]));
    const file = join(FIXTURES, `${name}.snap`);
    if (UPDATE || !existsSync(file)) {
      writeFileSync(file, actual);
      if (!UPDATE) {
        assert.fail(`wrote a new snapshot ${file}; check it and commit it`);
      }
      return;
    }
    assert.equal(actual, readFileSync(file, 'utf8'), `${name}: run with UPDATE_SNAPSHOTS=1 if the change is intended`);
  });
}

function scopesOf(tokens: Token[], text: string): string[] {
  const t = tokens.find((tok) => tok.text === text);
  assert.ok(t, `no token ${JSON.stringify(text)}`);
  return t.scopes;
}

const has = (scopes: string[], scope: string): boolean => scopes.some((s) => s === scope || s.startsWith(scope + '.'));

test('PromQL tokens: keywords, functions, aggregations, labels, numbers, durations, strings, variables', async () => {
  const t = await tokenize(
    'sum by (job) (rate(x{a=~"b\\n", c!=`$v`}[5m:1m] offset -1h @ end())) / on (i) group_left y > bool 0x1F # c',
    'source.promql',
  );
  const expect: [string, string][] = [
    ['sum', 'support.function.aggregation.promql'],
    ['by', 'keyword.other.modifier.promql'],
    ['job', 'entity.other.attribute-name.label.promql'],
    ['rate', 'support.function.promql'],
    ['x', 'entity.name.type.metric.promql'],
    ['a', 'entity.other.attribute-name.label.promql'],
    ['=~', 'keyword.operator.comparison.matcher.promql'],
    ['\\n', 'constant.character.escape.promql'],
    ['$', 'punctuation.definition.variable.grafana.promql'],
    ['5m', 'constant.numeric.duration.promql'],
    [':', 'punctuation.separator.subquery.promql'],
    ['offset', 'keyword.other.modifier.promql'],
    ['1h', 'constant.numeric.duration.promql'],
    ['@', 'keyword.operator.at.promql'],
    ['end', 'keyword.other.at-modifier.promql'],
    ['/', 'keyword.operator.arithmetic.promql'],
    ['group_left', 'keyword.other.modifier.promql'],
    ['>', 'keyword.operator.comparison.promql'],
    ['bool', 'keyword.other.modifier.promql'],
    ['0x1F', 'constant.numeric.hex.promql'],
    [' c', 'comment.line.number-sign.promql'],
  ];
  for (const [text, scope] of expect) {
    assert.ok(has(scopesOf(t, text), scope), `${text}: ${scopesOf(t, text).join(' ')}`);
  }
  assert.ok(has(scopesOf(t, 'v'), 'variable.other.template.grafana.promql'), 'variables inside raw strings');
});

/** The scopes at the first character of `needle` on the first line (from `after`) that contains it. */
function scopesAt(text: string, tokens: Token[], needle: string, after = 0): string[] {
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i >= after && l.includes(needle));
  assert.ok(line >= 0, `no line with ${JSON.stringify(needle)}`);
  const col = lines[line].indexOf(needle);
  const t = tokens.find((tok) => tok.line === line && tok.start <= col && col < tok.start + tok.text.length);
  assert.ok(t, `no token at ${line}:${col}`);
  return t.scopes;
}

for (const host of ['vscode', 'classic'] as const) {
  test(`YAML (${host} grammar): expr blocks, plain, quoted and folded values are PromQL; the rest stays YAML`, async () => {
    await checkRules(host);
  });
}

async function checkRules(host: YamlHost): Promise<void> {
  const text = readFileSync(join(FIXTURES, 'rules.yml'), 'utf8');
  const t = await tokenize(text, 'source.yaml', host);
  const at = (needle: string, scope: string): boolean => has(scopesAt(text, t, needle), scope);
  const embedded = (needle: string): boolean => at(needle, 'meta.embedded');
  assert.ok(embedded('sum(rate(http_requests_total{code'), 'first line of the block');
  assert.ok(at('rate(http_requests_total{code', 'support.function.promql'));
  assert.ok(embedded('/ sum(rate'), 'more-indented line of the block');
  assert.ok(at('# a PromQL comment', 'comment.line.number-sign.promql'));
  assert.ok(embedded('0.05'), 'last line of the block');
  assert.ok(!embedded('for: 10m'), 'the block ends at the next key');
  assert.ok(at('for: 10m', 'entity.name.tag.yaml'));
  assert.ok(!embedded('expr: this is prose') && !embedded('this is prose'), 'text of another block scalar');
  assert.ok(at('sum by (job) (up)', 'support.function.aggregation.promql'), 'plain');
  assert.ok(at('# a YAML comment', 'comment.line.number-sign.yaml'), 'a YAML comment after a plain value');
  assert.ok(embedded('rate(x[5m])\n'.trim()), 'folded block in a sequence item');
  assert.ok(!embedded('record: folded'), 'the sequence item block ends');
  assert.ok(at('\\"api', 'string.quoted.double.promql'), 'a PromQL string written with escaped quotes');
  assert.ok(embedded('rate(x{job=\\"api'), 'double-quoted');
  assert.ok(at('[5m]) > 0"', 'meta.range.promql') && at('> 0"', 'keyword.operator.comparison.promql'));
  assert.ok(at('" # trailing', 'punctuation.definition.string.end.yaml'), 'the host string ends');
  assert.ok(at("''api", 'string.quoted.single.promql'), "a PromQL string written with doubled quotes");
  assert.ok(embedded("rate(x{job=''api"), 'single-quoted');
  assert.ok(embedded('up == 1'), 'after a keep block with an empty line');
}

test('JSON: Grafana "expr" strings are PromQL with JSON escapes; other strings are not', async () => {
  const text = readFileSync(join(FIXTURES, 'dashboard.json'), 'utf8');
  const t = await tokenize(text, 'source.json');
  const expect: [string, string, boolean, string][] = [
    ['rate(http_requests_total{job', 'support.function.promql', true, 'a function'],
    ['\\"$job', 'string.quoted.double.promql', true, 'a PromQL string written with escaped quotes'],
    ['$job', 'variable.other.template.grafana.promql', true, 'a Grafana variable'],
    ['__rate_interval', 'variable.language.grafana.promql', true, 'a Grafana built-in'],
    ['by (code)', 'keyword.other.modifier.promql', true, 'a keyword'],
    ['\\n/ 2', 'constant.character.escape.promql', true, 'a JSON escape'],
    ['"legendFormat"', 'support.type.property-name.json', true, 'JSON resumes after the string'],
    ['{{code}} expr', 'meta.embedded', false, 'another string'],
    ['# p90', 'comment.line.number-sign.promql', true, 'a PromQL comment'],
    ['", "refId": "B"', 'punctuation.definition.string.end.json', true, 'a PromQL comment ends at the quote'],
    ['"refId": "B"', 'support.type.property-name.json', true, 'JSON after a one-line object'],
    ['expr\\": not a query', 'meta.embedded', false, 'expr inside another string'],
  ];
  for (const [needle, scope, present, why] of expect) {
    assert.equal(has(scopesAt(text, t, needle), scope), present, `${why}: ${scopesAt(text, t, needle).join(' ')}`);
  }
});

/** The function, aggregation and keyword lists match lezer-promql's grammar (the parser we use). */
test('grammar word lists are in sync with lezer-promql', () => {
  // The package ships its grammar source but does not export it, so read it from the installed package folder.
  const pkg = dirname(require.resolve('@prometheus-io/lezer-promql'));
  const source = (file: string): string => readFileSync(join(pkg, '..', 'src', file), 'utf8');
  const lezer = source('promql.grammar');
  const tokens = source('tokens.js');
  const ours = JSON.parse(readFileSync(join(ROOT, 'syntaxes/promql.tmLanguage.json'), 'utf8')).repository;
  const words = (re: string): string[] => /\(\?:([a-z0-9_|]+)\)/.exec(re)![1].split('|').sort();
  // `start`/`end` are functions of duration expressions (StartFn/EndFn, tokens.js); holt_winters is Prometheus 2's
  // name for double_exponential_smoothing, still in use with Prometheus 2.x.
  const fns = [...new Set([...lezer.matchAll(/condFn<"([a-z0-9_]+)">/g)].map((m) => m[1]))];
  assert.deepEqual(words(ours.function.match), [...fns, 'start', 'end', 'holt_winters'].sort());
  const aggregateOps = /AggregateOp \{([^}]*)\}/.exec(lezer)![1].split('|').map((s) => s.trim());
  const keywordNames = Object.fromEntries(
    [...tokens.matchAll(/^\s+([a-z0-9_]+): ([A-Za-z0-9]+),$/gm)].map((m) => [m[2], m[1]]),
  );
  assert.deepEqual(words(ours.aggregation.match), aggregateOps.map((op) => keywordNames[op]).sort());
  const keywordList = ours.keyword.patterns.flatMap((p: { match: string }) => words(p.match));
  const others = Object.values(keywordNames).filter((w) => !aggregateOps.some((op) => keywordNames[op] === w));
  assert.deepEqual(
    [...keywordList, 'inf', 'nan'].sort(),
    others.filter((w) => w !== 'start' && w !== 'end').sort(),
  );
});

interface GrammarContribution {
  scopeName: string;
  path: string;
  language?: string;
  injectTo?: string[];
  embeddedLanguages?: Record<string, string>;
}

test('package.json registers the PromQL language, its grammar and the injections', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const language = pkg.contributes.languages.find((l: { id: string }) => l.id === 'promql');
  assert.deepEqual(language.extensions, ['.promql']);
  assert.ok(existsSync(join(ROOT, language.configuration)));
  const grammars: GrammarContribution[] = pkg.contributes.grammars.filter((g: GrammarContribution) =>
    /promql/.test(g.scopeName),
  );
  assert.deepEqual(
    grammars.map((g) => g.scopeName),
    ['source.promql', 'promql.injection', 'promql.injection.escapes'],
  );
  for (const g of grammars) {
    const file = JSON.parse(readFileSync(join(ROOT, g.path), 'utf8'));
    assert.equal(file.scopeName, g.scopeName, g.path);
    if (g.scopeName === 'source.promql') {
      assert.equal(g.language, 'promql');
      continue;
    }
    assert.deepEqual(g.injectTo, ['source.yaml', 'source.json']);
    // Every embedded scope the injection opens is mapped to the promql language (comments, brackets, words).
    const embedded = new Set(JSON.stringify(file).match(/meta\.embedded\.(block|line)\.promql/g) ?? []);
    for (const scope of embedded) {
      assert.equal(g.embeddedLanguages?.[scope], 'promql', scope);
    }
  }
});
