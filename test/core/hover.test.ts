import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { caret, doc, workspace } from '../helpers/service';

const { root, service } = workspace();
const file = join(root, 'prometheus.yml');

async function hover(src: string): Promise<{ value: string; range: unknown } | null> {
  const { text, position } = caret(src);
  const h = await service.hover(doc(file, text), position);
  return h && { value: (h.contents as { value: string }).value, range: h.range };
}

test('hover on a key shows its documentation, type and default, on the key range', async () => {
  const h = await hover('global:\n  scrape_int<|>erval: 15s\n');
  assert.ok(h);
  assert.match(h.value, /^\*\*scrape_interval\*\* — `duration`/);
  assert.match(h.value, /1m/);
  assert.deepEqual(h.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 17 } });
});

test('hover on a value documents its key; version facts appear', async () => {
  const h = await hover('runtime:\n  gogc: 7<|>5\n');
  assert.match(h?.value ?? '', /^\*\*gogc\*\*/);
  assert.match((await hover('run<|>time: {}\n'))?.value ?? '', /Since Prometheus 2\.53\./);
});

test('hover deep in a scrape job and on service discovery fields', async () => {
  assert.match((await hover('scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - act<|>ion: keep\n'))?.value ?? '', /^\*\*action\*\*/);
  assert.match((await hover('scrape_configs:\n  - job_name: a\n    dns_sd_configs:\n      - na<|>mes: [x]\n'))?.value ?? '', /^\*\*names\*\*/);
});

test('no hover on unknown keys, comments or blank space', async () => {
  assert.equal(await hover('nonsense<|>: 1\n'), null);
  assert.equal(await hover('# a comm<|>ent\nglobal: {}\n'), null);
  assert.equal(await hover('global:\n\n<|>\n'), null);
});

test('a YAML syntax error mid-file does not stop hover and completion in the valid parts', async () => {
  const text = 'global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: "unterminated\n    static_configs: [\nremote_write:\n  - url: http://x\n';
  const d = doc(file, text);
  const diags = service.validate(d);
  assert.ok(diags.some((x) => String(x.code).startsWith('yaml/')), JSON.stringify(diags));
  const h = await service.hover(d, { line: 1, character: 4 });
  assert.match((h?.contents as { value: string }).value, /^\*\*scrape_interval\*\*/);
  const items = (await service.complete(d, { line: 1, character: 2 })).map((i) => i.label);
  assert.ok(items.includes('evaluation_interval'));
});
