import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertLabels, expressionLabels, knownLabels, matcherVerdict, type LabelContext } from '../../server/src/core/alertmanager/alertLabels';
import { parseLabelSet } from '../../server/src/core/alertmanager/routeView';

const lc = (over: Partial<LabelContext> = {}): LabelContext => ({
  external: new Map([['cluster', 'eu']]),
  targetLabels: new Set(['env']),
  seriesLabels: (metric) => (metric === 'http_requests_total' ? ['code', 'handler'] : []),
  ...over,
});

test('an aggregation keeps exactly its by labels; a selector passes on what its series are known to carry', () => {
  assert.deepEqual([...expressionLabels('sum by (service) (rate(x[5m])) > 1', lc())], ['service']);
  assert.deepEqual([...expressionLabels('up{team="a"} == 0', lc())].sort(), ['env', 'instance', 'job', 'team']);
  assert.deepEqual([...expressionLabels('rate(http_requests_total[5m]) > 1', lc())].sort(), ['code', 'env', 'handler', 'instance', 'job']);
  assert.deepEqual([...expressionLabels('sum without (instance) (up) == 0', lc())].sort(), ['env', 'job']);
  assert.deepEqual([...expressionLabels('vector(1)', lc())], []);
});

test('rule labels over the expression, alertname, then external labels where missing; empty values delete', () => {
  const labels = alertLabels({ name: 'A', labels: { severity: 'page', job: '', owner: '{{ $labels.team }}', cluster: 'us' }, expr: 'up == 0' }, lc());
  assert.deepEqual(knownLabels(labels), { severity: 'page', cluster: 'us', alertname: 'A' });
  assert.equal(labels.has('job'), false);
  assert.equal(labels.get('owner'), undefined);
  assert.equal(labels.has('owner'), true);
  const external = alertLabels({ name: 'B', labels: {}, expr: 'vector(1)' }, lc());
  assert.deepEqual(knownLabels(external), { alertname: 'B', cluster: 'eu' });
});

test('matcher verdicts: missing labels read as empty, unknown values as maybe', () => {
  const labels = alertLabels({ name: 'A', labels: { severity: 'page' }, expr: 'up == 0' }, lc());
  assert.equal(matcherVerdict({ name: 'severity', op: '=~', value: 'page|critical' }, labels), 'yes');
  assert.equal(matcherVerdict({ name: 'team', op: '=', value: 'x' }, labels), 'no');
  assert.equal(matcherVerdict({ name: 'team', op: '!=', value: 'x' }, labels), 'yes');
  assert.equal(matcherVerdict({ name: 'job', op: '=', value: 'api' }, labels), 'maybe');
});

test('an invalid expression carries nothing but the target labels and never throws', () => {
  assert.deepEqual([...expressionLabels('sum(', lc())].sort(), ['env', 'instance', 'job']);
  assert.deepEqual([...expressionLabels('', lc())].sort(), ['env', 'instance', 'job']);
});

test('typed label sets, as amtool reads --labels; bad ones say why', () => {
  assert.deepEqual(parseLabelSet(' severity=critical, service="api" '), { labels: { severity: 'critical', service: 'api' } });
  assert.deepEqual(parseLabelSet('{a="b"}'), { labels: { a: 'b' } });
  assert.deepEqual(parseLabelSet(''), { labels: {} });
  assert.deepEqual(parseLabelSet('a!=b'), { error: 'labels are name=value pairs, not a!="b"' });
  assert.ok('error' in parseLabelSet('a="unclosed'));
});
