// The function tables: every function of each dialect is documented, has an implementation, and exists
// only from the release that introduced it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALERTMANAGER_FUNCTIONS,
  GO_BUILTINS,
  PROMETHEUS_FUNCTIONS,
  arityText,
  callablesFor,
  functionsFor,
  signature,
  type Dialect,
} from '../../../server/src/core/templates/index';

for (const dialect of ['prometheusAlert', 'alertmanager'] as Dialect[]) {
  test(`${dialect}: every function has docs and an implementation`, () => {
    const callables = callablesFor(dialect);
    for (const f of functionsFor(dialect).values()) {
      assert.ok(f.doc.length > 20, `${f.name} has docs`);
      assert.ok(callables.has(f.name), `${f.name} is implemented`);
      assert.equal(callables.get(f.name)!.params.length, f.params.length, `${f.name} arity`);
    }
  });
}

test('the tables hold what Prometheus 2.42+ and Alertmanager 0.25+ define', () => {
  const prom = PROMETHEUS_FUNCTIONS.map((f) => f.name);
  for (const name of ['query', 'first', 'label', 'value', 'humanize', 'humanize1024', 'humanizeDuration', 'humanizePercentage', 'humanizeTimestamp', 'toTime', 'reReplaceAll', 'match', 'title', 'stripPort', 'stripDomain', 'parseDuration', 'sortByLabel', 'graphLink', 'tableLink', 'pathPrefix', 'externalURL', 'safeHtml', 'args', 'strvalue']) {
    assert.ok(prom.includes(name), name);
  }
  const am = ALERTMANAGER_FUNCTIONS.map((f) => f.name);
  for (const name of ['toUpper', 'toLower', 'title', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice', 'trimSpace', 'date', 'tz', 'since', 'humanizeDuration', 'toJson']) {
    assert.ok(am.includes(name), name);
  }
  assert.deepEqual(
    GO_BUILTINS.map((f) => f.name).sort(),
    ['and', 'call', 'eq', 'ge', 'gt', 'html', 'index', 'js', 'le', 'len', 'lt', 'ne', 'not', 'or', 'print', 'printf', 'println', 'slice', 'urlquery'],
  );
});

test('releases: Alertmanager 0.25 had eight functions of its own', () => {
  const in025 = [...callablesFor('alertmanager', { version: '0.25' }).keys()].filter((n) => !GO_BUILTINS.some((b) => b.name === n));
  assert.deepEqual(in025.sort(), ['join', 'match', 'reReplaceAll', 'safeHtml', 'stringSlice', 'title', 'toLower', 'toUpper']);
  assert.ok(!callablesFor('prometheusAlert', { version: '2.42' }).has('toDuration'));
  assert.ok(callablesFor('prometheusAlert', { version: '3.6' }).has('toDuration'));
});

test('signatures for hover and signature help', () => {
  const prom = functionsFor('prometheusAlert');
  assert.equal(signature(prom.get('printf')!), 'printf(format string, args ...any) string');
  assert.equal(signature(prom.get('humanize')!), 'humanize(value any) (string, error)');
  assert.equal(arityText(prom.get('printf')!), 'at least 1');
  assert.equal(arityText(prom.get('reReplaceAll')!), '3');
});
