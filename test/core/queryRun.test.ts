// What an inline run sends and how its errors find their way back: expressions decoded from YAML and JSON strings,
// selections inside them, Grafana variables from the dashboard's selections and the time window, the run lenses,
// the summary line, the CLI's tables, and the time arguments users type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { builtinVariables, dashboardVariables } from '../../server/src/core/query/dashboardVariables';
import { prepareQuery, type PreparedQuery } from '../../server/src/core/query/prepare';
import { offsetOfPosition } from '../../server/src/core/query/run';
import { failureSummary, shortNumber, successSummary } from '../../server/src/core/query/summary';
import { seriesName, toCsv, toTable } from '../../server/src/core/query/table';
import type { QuerySuccess } from '../../server/src/core/query/types';
import { autoStep, durationText, parseTime } from '../../server/src/core/query/window';
import { LineIndex } from '../../server/src/core/text';
import { doc, workspace } from '../helpers/service';

const WINDOW = { start: 1_700_000_000 - 3600, end: 1_700_000_000, step: 15 };

function prepared(path: string, text: string, marker: string, length = marker.length): PreparedQuery {
  const { root, service } = workspace();
  const ctx = service.context(doc(join(root, path), text));
  const lines = new LineIndex(text);
  const from = text.indexOf(marker);
  const p = prepareQuery({ ctx, at: { start: lines.positionAt(from), end: lines.positionAt(from + length) } }, WINDOW);
  assert.ok(!('error' in p), JSON.stringify(p));
  return p;
}

/** `line:col-line:col` (1-based) of a range, for exact comparisons. */
function where(r: { start: { line: number; character: number }; end: { line: number; character: number } } | undefined): string {
  return r ? `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}` : 'none';
}

const RULES = `groups:
  - name: g
    rules:
      - alert: Down
        expr: "up{job=\\"api\\"} == 0"
      - record: r
        expr: |
          sum by (job) (
            rate(http_requests_total[5m])
          )
`;

test('a rule expr is decoded from its YAML string, and spans of it map back through escapes and block scalars', () => {
  const quoted = prepared('rules.yml', RULES, '"up{', 0);
  assert.equal(quoted.query, 'up{job="api"} == 0');
  assert.equal(where(quoted.at), '5:16-5:36');
  // `"api"` in the query is `\"api\"` in the file.
  assert.equal(where(quoted.locate!(7, 12)), '5:23-5:30');
  const block = prepared('rules.yml', RULES, '|\n', 0);
  assert.equal(block.query, 'sum by (job) (\n  rate(http_requests_total[5m])\n)\n');
  assert.equal(where(block.locate!(17, 21)), '9:13-9:17');
});

test('a cursor in an expression runs the whole expression; a selection inside it runs the selected part, decoded', () => {
  const cursor = prepared('rules.yml', RULES, 'job=', 0);
  assert.equal(cursor.query, 'up{job="api"} == 0');
  const part = prepared('rules.yml', RULES, 'up{job=\\"api\\"}');
  assert.equal(part.query, 'up{job="api"}');
  assert.equal(where(part.locate!(0, 2)), '5:16-5:18');
});

test('a bare expression maps error offsets from where it was selected, across lines', () => {
  const p = prepareQuery({ expr: 'sum(\n  up)', at: { start: { line: 3, character: 4 }, end: { line: 4, character: 5 } } }, WINDOW);
  assert.ok(!('error' in p));
  assert.equal(where(p.locate!(0, 3)), '4:5-4:8');
  assert.equal(where(p.locate!(7, 9)), '5:3-5:5');
  assert.deepEqual(prepareQuery({ expr: 'up' }, WINDOW), { query: 'up', substituted: [], at: undefined, locate: undefined });
});

test('nothing to run: an empty expression, or a place outside any expression, says so', () => {
  assert.deepEqual(prepareQuery({ expr: '  \n' }, WINDOW), { error: 'the expression is empty' });
  const { root, service } = workspace();
  const ctx = service.context(doc(join(root, 'rules.yml'), RULES));
  assert.deepEqual(prepareQuery({ ctx, at: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, WINDOW), {
    error: 'there is no PromQL expression at line 1 to run',
  });
  assert.deepEqual(prepareQuery({}, WINDOW), { error: 'there is no PromQL expression to run' });
});

const DASHBOARD = JSON.stringify(
  {
    title: 'API',
    schemaVersion: 39,
    templating: {
      list: [
        { name: 'job', type: 'query', current: { text: 'api', value: 'api' } },
        { name: 'instance', type: 'query', multi: true, includeAll: true, current: { value: ['a:1', 'b:2'] } },
        { name: 'env', type: 'custom', includeAll: true, current: { value: '$__all' }, options: [{ value: '$__all' }, { value: 'prod' }, { value: 'dev' }] },
        { name: 'cluster', type: 'query', includeAll: true, current: { value: ['$__all'] } },
        { name: 'res', type: 'interval', current: { value: '$__auto_interval_res' } },
        { name: 'dc', type: 'constant', query: 'eu-1' },
        { name: 'filters', type: 'adhoc' },
      ],
    },
    panels: [
      {
        targets: [
          { expr: 'sum by (job) (rate(http_requests_total{job="$job", instance=~"$instance"}[$__rate_interval]))' },
          { expr: 'up{env=~"${env}", cluster=~"$cluster", dc="$dc"} offset $res or $unknown' },
        ],
      },
    ],
  },
  null,
  2,
);

test('Grafana variables take the dashboard selections; built-ins follow the time window', () => {
  const first = prepared('dash.json', DASHBOARD, '"sum by', 0);
  assert.equal(first.query, 'sum by (job) (rate(http_requests_total{job="api", instance=~"(a:1|b:2)"}[1m]))');
  assert.deepEqual(
    first.substituted.map((v) => `${v.name}=${v.value}`),
    ['job=api', 'instance=(a:1|b:2)', '__rate_interval=1m'],
  );
  const second = prepared('dash.json', DASHBOARD, '"up{env', 0);
  assert.equal(second.query, 'up{env=~"(prod|dev)", cluster=~".*", dc="eu-1"} offset 15s or unknown');
  assert.deepEqual(second.substituted.at(-1), { name: 'unknown', value: 'unknown', concrete: false });
  // The error of `unknown` (say, an unknown series) points at `$unknown` in the file.
  const at = second.locate!(second.query.indexOf('unknown'), second.query.length);
  assert.equal(DASHBOARD.split('\n')[at.start.line].slice(at.start.character, at.end.character), '$unknown');
});

test('dashboard variables: odd templating is ignored rather than fatal', () => {
  const parse = (text: string) => {
    const { root, service } = workspace();
    return dashboardVariables(service.context(doc(join(root, 'd.json'), text)).docs, WINDOW);
  };
  assert.deepEqual(parse('{"panels": [], "templating": {"list": "no"}}'), {});
  assert.deepEqual(parse('{"panels": [], "templating": {"list": [1, null, {"name": 2}, {"name": "x"}, {"name": "y", "current": {"value": 7}}]}}'), {
    y: { multi: false, includeAll: false, values: ['7'] },
  });
  assert.deepEqual(parse('{"dashboard": {"panels": [], "templating": {"list": [{"name": "a", "current": {"value": "b"}}]}}}'), {
    a: { multi: false, includeAll: false, values: ['b'] },
  });
});

test('built-in variables: $__rate_interval is max(interval + scrape, 4 × scrape)', () => {
  assert.equal(builtinVariables({ start: 0, end: 3600, step: 15 }).__rate_interval, '1m');
  assert.equal(builtinVariables({ start: 0, end: 86400, step: 300 }, 30).__rate_interval, '330s');
  assert.deepEqual(
    Object.entries(builtinVariables({ start: 10, end: 70, step: 0.5 }, 15, 'T')).filter(([k]) => ['__interval', '__range', '__from', '__dashboard'].includes(k)),
    [['__interval', '500ms'], ['__range', '60s'], ['__from', '10000'], ['__dashboard', 'T']],
  );
});

test('Prometheus positions (1-based, byte columns) become offsets of the query text', () => {
  assert.equal(offsetOfPosition('sum(up', 1, 7), 6);
  assert.equal(offsetOfPosition('a\nbc d', 2, 4), 5);
  // `é` is two bytes, `😀` four (two UTF-16 units).
  assert.equal(offsetOfPosition('{a="é😀"} x', 1, 11), 7);
  assert.equal(offsetOfPosition('x', 9, 1), 1);
});

const RESULT: QuerySuccess = {
  ok: true,
  connection: 'local',
  url: 'http://127.0.0.1:9090',
  query: 'up',
  resultType: 'vector',
  series: [
    { labels: { __name__: 'up', job: 'api', instance: 'a,1' }, value: [1700000000, '1'] },
    { labels: { __name__: 'up', job: 'db' }, value: [1700000000, '0.4213'] },
  ],
  seriesCount: 2,
  ms: 12.4,
  warnings: [],
  infos: [],
  substituted: [],
  time: 1700000000,
  summary: '',
};

test('the summary line: series, largest value, time, and what went wrong', () => {
  assert.equal(successSummary(RESULT), '→ 2 series · max 1 · 12 ms');
  assert.equal(successSummary({ ...RESULT, seriesCount: 12000, warnings: ['w'] }), '→ 12000 series (first 2 kept) · max 1 · 12 ms · 1 warning');
  assert.equal(successSummary({ ...RESULT, series: [], seriesCount: 0 }), '→ no data · 12 ms');
  assert.equal(successSummary({ ...RESULT, resultType: 'scalar', series: [{ labels: {}, value: [0, '0.5'] }] }), '→ scalar 0.5 · 12 ms');
  assert.deepEqual([0.421337, 1234567, 0.00001, NaN, -Infinity, 42].map(shortNumber), ['0.4213', '1.23e+6', '1.00e-5', 'NaN', '-Inf', '42']);
  assert.equal(failureSummary('bad_data: 1:7: parse error:\n unclosed'), '✗ bad_data: 1:7: parse error: unclosed');
  assert.equal(failureSummary('x'.repeat(300)).length, 122);
});

test('tables and CSV for the CLI and the copy buttons', () => {
  assert.equal(seriesName(RESULT.series[0].labels), 'up{instance="a,1", job="api"}');
  assert.equal(seriesName({}), '{}');
  assert.equal(toTable(RESULT), 'SERIES                         VALUE\nup{instance="a,1", job="api"}  1\nup{job="db"}                   0.4213\n');
  assert.equal(toCsv(RESULT), '__name__,instance,job,timestamp,value\nup,"a,1",api,1700000000,1\nup,,db,1700000000,0.4213\n');
  const range: QuerySuccess = { ...RESULT, resultType: 'matrix', series: [{ labels: { job: 'x' }, values: [[1, '2'], [2, '5'], [3, 'NaN']] }] };
  assert.equal(toTable(range), 'SERIES     POINTS  MIN  MAX  LAST\n{job="x"}  3       2    5    NaN\n');
});

test('time arguments and steps', () => {
  assert.equal(parseTime('now', 1000), 1000);
  assert.equal(parseTime('now-1h', 10_000), 6400);
  assert.equal(parseTime('1700000000.5', 0), 1700000000.5);
  assert.equal(parseTime('2023-11-14T22:13:20Z', 0), 1700000000);
  assert.equal(parseTime('yesterday', 0), undefined);
  assert.equal(parseTime('now-soon', 0), undefined);
  assert.deepEqual([300, 3600, 86400, 10 * 86400 * 365].map(autoStep), [2, 15, 600, 16 * 86400]);
  assert.deepEqual([90, 3600, 0.25, 86400 * 2, 0].map(durationText), ['90s', '1h', '250ms', '2d', '0s']);
});

test('▶ Run above every expression of rules, rule tests and dashboards, and nowhere else', () => {
  const { root, service } = workspace();
  const lenses = (name: string, text: string) =>
    service
      .codeLenses(doc(join(root, name), text))
      .filter((l) => l.command?.command === 'o11y.runQuery')
      .map((l) => `${where(l.range)} ${l.command!.title} ${JSON.stringify(l.command!.arguments![1]) === JSON.stringify(l.range)}`);
  assert.deepEqual(lenses('rules.yml', RULES), ['5:15-5:37 ▶ Run true', '7:15-11:1 ▶ Run true']);
  const tests = 'rule_files: [rules.yml]\ntests:\n  - input_series: []\n    promql_expr_test:\n      - expr: up\n        eval_time: 1m\n      - expr: ""\n';
  assert.deepEqual(lenses('rules_test.yml', tests), ['5:15-5:17 ▶ Run true']);
  assert.equal(lenses('dash.json', DASHBOARD).length, 2);
  assert.deepEqual(lenses('prometheus.yml', 'scrape_configs: []\n'), []);
  assert.deepEqual(lenses('broken.yml', 'groups:\n  - rules: [\n'), []);
});
