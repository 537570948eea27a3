import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { caret, doc, workspace } from '../helpers/service';

const { root, service } = workspace();
const file = join(root, 'prometheus.yml');

async function complete(src: string): Promise<CompletionItem[]> {
  const { text, position } = caret(src);
  return service.complete(doc(file, text), position);
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label).sort();
const insert = (items: CompletionItem[], label: string): string | undefined => (items.find((i) => i.label === label)?.textEdit as TextEdit | undefined)?.newText;

test('top-level keys, minus the ones already present', async () => {
  const items = await complete('global: {}\n<|>\n');
  const l = labels(items);
  for (const k of ['scrape_configs', 'rule_files', 'alerting', 'remote_write', 'remote_read', 'storage', 'tracing', 'otlp', 'runtime', 'scrape_config_files']) {
    assert.ok(l.includes(k), k);
  }
  assert.ok(!l.includes('global'));
});

test('a new scrape job arrives with job_name and static_configs', async () => {
  const text = insert(await complete('<|>'), 'scrape_configs');
  assert.match(text ?? '', /^scrape_configs:\n {2}- job_name: \$\{1[^}]*\}\n {4}static_configs:\n {6}- targets:/);
});

test('keys inside a scrape job, with required ones first and existing ones left out', async () => {
  const items = await complete('scrape_configs:\n  - job_name: a\n    sc<|>\n');
  const l = labels(items);
  assert.ok(l.includes('scrape_interval') && l.includes('scheme') && l.includes('kubernetes_sd_configs') && l.includes('basic_auth'));
  assert.ok(!l.includes('job_name'));
  const scheme = items.find((i) => i.label === 'scheme')!;
  assert.equal(insert(items, 'scheme'), 'scheme: ${1:http}');
  assert.match(String((scheme.documentation as { value: string }).value), /^\*\*scheme\*\*/);
  assert.deepEqual((scheme.textEdit as TextEdit).range, { start: { line: 2, character: 4 }, end: { line: 2, character: 6 } });
});

test('boolean and enum values', async () => {
  assert.deepEqual(labels(await complete('scrape_configs:\n  - job_name: a\n    honor_labels: <|>\n')), ['false', 'true']);
  assert.deepEqual(labels(await complete('scrape_configs:\n  - job_name: a\n    scheme: ht<|>\n')), ['http', 'https']);
  assert.deepEqual(labels(await complete('alerting:\n  alertmanagers:\n    - api_version: <|>\n')), ['v1', 'v2']);
  const actions = labels(await complete('scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: <|>\n'));
  for (const a of ['replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'keepequal', 'dropequal', 'lowercase', 'uppercase']) {
    assert.ok(actions.includes(a), a);
  }
});

test('fields newer than the target version say so in the detail', async () => {
  const old = workspace({}, { versions: { prometheus: '2.42' } });
  const items = await old.service.complete(doc(join(old.root, 'prometheus.yml'), ''), { line: 0, character: 0 });
  assert.match(items.find((i) => i.label === 'runtime')?.detail ?? '', /needs ≥ 2\.53/);
});

test('no completion in places that cannot take a key', async () => {
  assert.deepEqual(await complete('global: 5\n  <|>\n'), []);
  assert.deepEqual(await complete('global:\n  scrape_interval: 15s # <|>\n'), []);
});

test('a new list item can be a whole snippet, indented under its dash', async () => {
  const items = await complete('scrape_configs:\n  - job_name: a\n  - <|>\n');
  const snippet = items.find((i) => i.label === 'new scrape job');
  assert.equal((snippet?.textEdit as TextEdit).newText, 'job_name: ${1:my-job}\n  static_configs:\n    - targets:\n        - ${2:localhost:9100}');
});
