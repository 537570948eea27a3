// Completion, signature help, hover and formatting never throw, whatever the text and the offset: every offset of
// a small corpus, random mutations of it, and random bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeContext, buildItems, staticMetricSource } from '../../../server/src/core/promql/complete';
import { formatPromQL } from '../../../server/src/core/promql/format';
import { hoverPromQL } from '../../../server/src/core/promql/hover';
import { signatureHelp } from '../../../server/src/core/promql/signature';

const CORPUS = [
  'sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / ignoring (code) group_left sum by (job) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.99, sum without (instance) (rate(foo_bucket[5m] offset 1h @ end())))',
  'max_over_time(rate(x[5m])[1h:1m]) > bool 1 unless on (a) y',
  'label_replace(up{"my.label"="x"}, "dst", "$1", "src", "(.*)") # comment',
  'topk(5, count_values("v", build_info)) and -foo[5m:] or x offset -(5m) + 1e3 - 0x1F',
  "{__name__=~'a.*', b!=`c`} * on () group_right (d) e",
];

const SOURCE = staticMetricSource([{ name: 'http_requests_total' }], { http_requests_total: { job: ['api'] } });

/** A small deterministic generator, so failures can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['(', ')', '{', '}', '[', ']', '"', "'", '`', ',', ':', '@', '=~', '!', '#', '\n', ' by ', ' offset ', 'sum', 'rate(', '5m', '\\', 'é', '😀', '\u0000'];

function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const r = rnd();
  if (r < 0.4) {
    return text.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + text.slice(at);
  }
  if (r < 0.8) {
    return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 5));
  }
  return text.slice(0, at);
}

async function exercise(text: string, offset: number): Promise<void> {
  const contexts = analyzeContext(text, offset);
  for (const c of contexts) {
    assert.ok(c.replace.from <= c.replace.to && c.replace.to <= text.length, `span in ${JSON.stringify(text)} at ${offset}`);
  }
  await buildItems(contexts, SOURCE);
  signatureHelp(text, offset);
  await hoverPromQL(text, offset, { source: SOURCE });
}

test('every offset of the corpus', async () => {
  for (const text of CORPUS) {
    for (let offset = 0; offset <= text.length; offset++) {
      await exercise(text, offset);
    }
    assert.ok(formatPromQL(text) !== '');
  }
});

test('random mutations of the corpus and random text', async () => {
  const rnd = random(42);
  for (let i = 0; i < 2000; i++) {
    let text = CORPUS[i % CORPUS.length];
    for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
      text = mutate(text, rnd);
    }
    await exercise(text, Math.floor(rnd() * (text.length + 1)));
    const formatted = formatPromQL(text);
    if (formatted !== undefined) {
      assert.equal(formatPromQL(formatted), formatted, `stable for ${JSON.stringify(text)}`);
    }
  }
  for (let i = 0; i < 300; i++) {
    const text = Array.from({ length: Math.floor(rnd() * 60) }, () => String.fromCharCode(Math.floor(rnd() * 128))).join('');
    await exercise(text, Math.floor(rnd() * (text.length + 1)));
    formatPromQL(text);
  }
});
