import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySuppressions, parseSuppressions } from '../../server/src/core/suppress';
import { LineIndex } from '../../server/src/core/text';
import type { Problem } from '../../server/src/core/problem';

const text = [
  '# o11y-disable prometheus/rule-files-no-match -- rules are mounted at deploy time',
  'global:',
  '  # o11y-disable-next-line schema/unknown-key',
  '  foo: 1',
  '  bar: 2 # o11y-disable-line schema/*',
  '  # o11y-disable-next-line schema/wrong-type',
  '  baz: 3',
].join('\n');

function at(line: number, code: string): Problem {
  const lines = new LineIndex(text);
  return { offset: lines.lineStart(line) + 2, length: 3, code, message: code, severity: 'error' };
}

test('suppression comments hide the codes they name on the lines they cover', () => {
  const lines = new LineIndex(text);
  const sups = parseSuppressions(lines);
  assert.equal(sups.length, 4);
  assert.deepEqual(sups[0], { scope: 'file', codes: ['prometheus/rule-files-no-match'], reason: 'rules are mounted at deploy time', line: 0, offset: 0, length: sups[0].length });
  const problems = [at(3, 'schema/unknown-key'), at(4, 'schema/unknown-key'), at(6, 'schema/unknown-key'), at(1, 'prometheus/rule-files-no-match')];
  const { kept, unused } = applySuppressions(problems, sups, lines);
  assert.deepEqual(kept.map((p) => lines.positionAt(p.offset).line), [6]);
  assert.deepEqual(unused.map((s) => s.line), [5]);
});
