// Signature help for function calls and aggregations, on complete and half-written text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signatureHelp } from '../../../server/src/core/promql/signature';
import { caret } from './completeHelpers';

/** marked text → [signature label, active parameter label] or undefined for no help. */
const CASES: [string, [string, string | undefined] | undefined][] = [
  ['rate(<|>', ['rate(v range-vector) → instant-vector', 'v range-vector']],
  ['rate(<|>)', ['rate(v range-vector) → instant-vector', 'v range-vector']],
  ['rate(foo{job="a"}[5<|>m])', ['rate(v range-vector) → instant-vector', 'v range-vector']],
  ['rate(foo{job="<|>"}[5m])', ['rate(v range-vector) → instant-vector', 'v range-vector']],
  ['histogram_quantile(0.9, <|>', ['histogram_quantile(φ scalar, b instant-vector) → instant-vector', 'b instant-vector']],
  ['histogram_quantile(0.9, sum(rate(x[5m])) by (le)<|>)', ['histogram_quantile(φ scalar, b instant-vector) → instant-vector', 'b instant-vector']],
  ['histogram_quantile(0.9, (<|>', ['histogram_quantile(φ scalar, b instant-vector) → instant-vector', 'b instant-vector']],
  ['round(x, <|>', ['round(v instant-vector, to_nearest? scalar) → instant-vector', 'to_nearest? scalar']],
  ['clamp(x, 0, <|>)', ['clamp(v instant-vector, min scalar, max scalar) → instant-vector', 'max scalar']],
  ['clamp(x, 0, 1, <|>)', ['clamp(v instant-vector, min scalar, max scalar) → instant-vector', undefined]],
  ['label_join(x, "dst", ",", "a", "b", <|>', ['label_join(v instant-vector, dst_label string, separator string, src_label…? string, …) → instant-vector', 'src_label…? string']],
  ['label_replace(up, "a", "<|>', ['label_replace(v instant-vector, dst_label string, replacement string, src_label string, regex string) → instant-vector', 'replacement string']],
  ['time(<|>)', ['time() → scalar', undefined]],
  ['abs(rate(<|>', ['rate(v range-vector) → instant-vector', 'v range-vector']],
  ['abs(rate(x[5m])<|>', ['abs(v instant-vector) → instant-vector', 'v instant-vector']],
  ['sum(<|>', ['sum(v instant-vector) → instant-vector', 'v instant-vector']],
  ['SUM by (job) (<|>', ['sum(v instant-vector) → instant-vector', 'v instant-vector']],
  ['topk(<|>', ['topk(k scalar, v instant-vector) → instant-vector', 'k scalar']],
  ['topk(5, <|>', ['topk(k scalar, v instant-vector) → instant-vector', 'v instant-vector']],
  ['count_values("v", <|>', ['count_values(label string, v instant-vector) → instant-vector', 'v instant-vector']],
  ['quantile without (a) (0.5, <|>)', ['quantile(φ scalar, v instant-vector) → instant-vector', 'v instant-vector']],
  ['<|>rate(x[5m])', undefined],
  ['rate<|>(x[5m])', undefined],
  ['rate(x[5m])<|>', undefined],
  ['sum by (<|>', undefined],
  ['foo + <|>', undefined],
  ['unknown_fn(<|>', undefined],
  ['foo @ start(<|>', undefined],
  ['foo[step(<|>', undefined],
];

for (const [marked, expected] of CASES) {
  test(`signature ${marked}`, () => {
    const { text, offset } = caret(marked);
    const help = signatureHelp(text, offset);
    if (!expected) {
      assert.equal(help, undefined);
      return;
    }
    assert.ok(help, 'signature help');
    assert.equal(help.label, expected[0]);
    assert.equal(help.parameters[help.activeParameter]?.label, expected[1]);
    for (const p of help.parameters) {
      assert.ok(help.label.includes(p.label), `parameter label ${p.label} is part of the signature`);
    }
    assert.ok(help.documentation.length > 0);
  });
}

test('signature help carries the docs with the example', () => {
  const help = signatureHelp('rate(', 5)!;
  assert.match(help.documentation, /^Per-second average increase/);
  assert.match(help.documentation, /```promql\nsum by \(job\) \(rate\(http_requests_total\[5m\]\)\)\n```$/);
  assert.deepEqual(help.parameters, [{ label: 'v range-vector', documentation: 'Required range-vector.' }]);
});
