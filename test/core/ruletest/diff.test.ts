import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffAlerts, diffSamples, formatDiff } from '../../../server/src/core/ruletest/diff';
import { withOpenDocuments } from '../../../server/src/core/ruletest/openDocuments';
import { labelsFrom } from '../../../server/src/core/ruletest/labels';
import { selectTests } from '../../../server/src/core/ruletest/testTree';
import type { TestGroup } from '../../../server/src/core/ruletest/testFile';

// The compact expected-vs-got diff: exact matches left out, near misses paired, the rest missing or unexpected.
const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({ labels: labelsFrom(labels), annotations: labelsFrom(annotations) });
const sample = (labels: Record<string, string>, value: number) => ({ labels: labelsFrom(labels), value });

test('alerts: an exact match is left out, a near miss names the label and annotation that differ', () => {
  const exp = [alert({ alertname: 'A', i: 'x' }), alert({ alertname: 'A', i: 'y', severity: 'page' }, { summary: 'y down' })];
  const got = [alert({ alertname: 'A', i: 'y', severity: 'warn' }), alert({ alertname: 'A', i: 'x' })];
  assert.equal(
    formatDiff(diffAlerts(exp, got), '  '),
    ['  ~ {alertname="A", i="y", severity="page"}', '      label severity: expected "page", got "warn"', '      annotation summary: expected "y down", got (none)'].join('\n'),
  );
});

test('alerts: nothing alike is reported as missing and unexpected; one left on each side is paired', () => {
  const exp = [alert({ alertname: 'A', i: 'x' }), alert({ alertname: 'A', i: 'q', job: 'j' })];
  const got = [alert({ alertname: 'A', i: 'x' }), alert({ alertname: 'A', i: 'z', zone: 'eu' })];
  assert.deepEqual(diffAlerts(exp, got), [
    { kind: 'changed', labels: '{alertname="A", i="q", job="j"}', labelChanges: [
      { name: 'i', expected: 'q', got: 'z' }, { name: 'job', expected: 'j', got: undefined }, { name: 'zone', expected: undefined, got: 'eu' },
    ], annotationChanges: [] },
  ]);
  const two = diffAlerts([alert({ alertname: 'A', i: 'q' }), alert({ alertname: 'A', i: 'r' })], [alert({ alertname: 'A', i: 'z', zone: 'eu' })]);
  assert.deepEqual(two.map((d) => [d.kind, d.labels]), [
    ['missing', '{alertname="A", i="q"}'],
    ['missing', '{alertname="A", i="r"}'],
    ['unexpected', '{alertname="A", i="z", zone="eu"}'],
  ]);
  assert.deepEqual(diffAlerts([], []), []);
});

test('samples: values compared as promtool does (NaN never equal, fuzzy within one float step)', () => {
  assert.equal(
    formatDiff(diffSamples([sample({ __name__: 'm' }, NaN), sample({ __name__: 'n' }, 1)], [sample({ __name__: 'm' }, NaN)], false), ''),
    ['~ {__name__="m"}', '    value: expected NaN, got NaN', '- {__name__="n"} 1E+00   expected, not got'].join('\n'),
  );
  assert.deepEqual(diffSamples([sample({}, 0.1 + 0.2)], [sample({}, 0.3)], true), []);
  assert.equal(diffSamples([sample({}, 0.1 + 0.2)], [sample({}, 0.3)], false)[0].kind, 'changed');
});

test('open documents are read before the disk; a selection narrows groups and cases', () => {
  const disk = { readFile: (f: string) => `disk:${f}`, glob: (p: string) => [p] };
  const host = withOpenDocuments(disk, new Map([['/w/rules/../a.yml', 'editor']]));
  assert.deepEqual([host.readFile('/w/a.yml'), host.readFile('/w/b.yml'), host.glob('/w/*.yml')], ['editor', 'disk:/w/b.yml', ['/w/*.yml']]);

  const group = (index: number, name: string): TestGroup => ({
    index, name, intervalMs: 0, inputSeries: [], externalLabels: [], externalURL: '', startMs: 0, span: { line: 1, column: 1, offset: 0, length: 0 },
    alertTests: [0, 1].map((i) => ({ index: i, evalTimeMs: 0, alertname: 'A', expAlerts: [], span: { line: 1, column: 1, offset: 0, length: 0 } })),
    exprTests: [{ index: 0, expr: 'up', evalTimeMs: 0, expSamples: [], span: { line: 1, column: 1, offset: 0, length: 0 } }],
  });
  const groups = [group(0, 'a'), group(1, ''), group(2, 'c')];
  const names = (sel: Parameters<typeof selectTests>[0]) => groups.map(selectTests(sel)).map((g) => g && `${g.name || g.index}:${g.alertTests.length}/${g.exprTests.length}`);
  assert.deepEqual(names({}), ['a:2/1', '1:2/1', 'c:2/1']);
  assert.deepEqual(names({ groups: [2, 'unnamed#1'] }), [undefined, '1:2/1', 'c:2/1']);
  assert.deepEqual(names({ groups: ['a'], case: { kind: 'alert', index: 1 } }), ['a:1/0', undefined, undefined]);
});
