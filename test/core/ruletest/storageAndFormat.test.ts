import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloatF, formatFloatG, goPow } from '../../../server/src/core/ruletest/engine/goMath';
import { compileAnchored, expandTemplate } from '../../../server/src/core/ruletest/engine/regex';
import { labelsHash } from '../../../server/src/core/ruletest/engine/xxhash';
import { compareLabels, labelsFrom, labelsString } from '../../../server/src/core/ruletest/labels';
import { Storage } from '../../../server/src/core/ruletest/storage';

test('storage keeps series sorted by labels and refuses out-of-order samples', () => {
  const st = new Storage();
  const b = labelsFrom({ __name__: 'm', a: '2' });
  const a = labelsFrom({ __name__: 'm', a: '10' });
  assert.equal(st.append(b, 1000, 1), true);
  assert.equal(st.append(a, 1000, 2), true);
  assert.equal(st.append(a, 1000, 3), false);
  assert.equal(st.append(a, 500, 3), false);
  assert.equal(st.append(a, 2000, 0, true), true);
  assert.equal(st.size, 3);
  assert.deepEqual(st.select([{ name: '__name__', op: '=', value: 'm' }]).map((s) => labelsString(s.labels)), ['{__name__="m", a="10"}', '{__name__="m", a="2"}']);
  assert.deepEqual(st.select([{ name: 'a', op: '=~', value: '1|2' }]).length, 1);
  assert.deepEqual(st.select([{ name: 'missing', op: '=', value: '' }]).length, 2);
  assert.deepEqual([...st.select([{ name: 'a', op: '=', value: '10' }])[0].stale], [1]);
  assert.throws(() => st.select([{ name: 'a', op: '=~', value: '(' }]), /error parsing regexp/);
});

test('labels compare and print as Prometheus does', () => {
  assert.ok(compareLabels(labelsFrom({ a: 'b' }), labelsFrom({ a: 'b', c: 'd' })) < 0);
  assert.ok(compareLabels(labelsFrom({ a: 'z' }), labelsFrom({ b: 'a' })) < 0);
  assert.equal(labelsString(labelsFrom({ b: 'x"y', a: '', c: '\n' })), '{b="x\\"y", c="\\n"}');
});

test('Go float formatting', () => {
  const g: [number, string][] = [[1e6, '1e+06'], [123456, '123456'], [1234567, '1.234567e+06'], [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5e-7, '1.5e-07'], [NaN, 'NaN'], [-Infinity, '-Inf'], [1e21, '1e+21'], [-2.5, '-2.5']];
  for (const [v, s] of g) {
    assert.equal(formatFloatG(v), s, String(v));
  }
  const f: [number, string][] = [[1e21, '1000000000000000000000'], [1.5e-7, '0.00000015'], [0.1, '0.1'], [Infinity, '+Inf'], [100, '100'], [-0.5, '-0.5']];
  for (const [v, s] of f) {
    assert.equal(formatFloatF(v), s, String(v));
  }
});

test("Go's math.Pow special cases and rounding", () => {
  assert.equal(goPow(1, NaN), 1);
  assert.equal(goPow(-1, -Infinity), 1);
  assert.equal(goPow(-8, 1 / 3), NaN);
  assert.equal(goPow(2, 10), 1024);
  assert.equal(goPow(2, -1074), 5e-324);
  assert.equal(goPow(10, 308.5), Infinity);
  assert.equal(Object.is(goPow(-0, 3), -0), true);
  assert.equal(goPow(1.1, 3), 1.1 * 1.1 * 1.1);
});

test('Go regular expressions and replacement templates', () => {
  const re = compileAnchored('(?i)ab(?P<rest>c+)');
  assert.ok(re instanceof RegExp && re.test('ABcc') && !re.test('xabc'));
  assert.equal(typeof compileAnchored('a(?=b)'), 'string');
  const m = (compileAnchored('(a)(?P<n>b)') as RegExp).exec('ab')!;
  assert.equal(expandTemplate('$1-${2}-$n-$$-$1x-${1}x-$', m), 'a-b-b-$--ax-$');
  assert.ok((compileAnchored('[[:digit:]]+') as RegExp).test('123'));
});

test('labels.Hash is xxhash64 of name 0xff value 0xff …', () => {
  assert.equal(labelsHash([]).toString(16), 'ef46db3751d8e999');
  assert.notEqual(labelsHash(labelsFrom({ a: 'b' })), labelsHash(labelsFrom({ a: 'c' })));
});
