import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { caret, doc, problemsOf, workspace } from '../helpers/service';

const { root, service } = workspace({}, { versions: { prometheus: '2.42' } });
const problems = (name: string, text: string): string[] => problemsOf(service, join(root, name), text).filter((p) => p.includes('promql/'));

test('PromQL in rule files: every expr is checked, errors land on the document position', () => {
  const text = `groups:
  - name: api
    rules:
      - alert: ApiDown
        expr: sum(rate(http_requests_total[5m])
      - record: job:errors:rate5m
        expr: |
          sum by (job) (
            rate(errors_total)
          )
`;
  const out = problems('rules.yml', text);
  assert.equal(out.length, 2, out.join('\n'));
  assert.match(out[0], /^5:\d+-\d+ error promql\/syntax /);
  assert.match(out[1], /^9:18-\d+ error promql\/type expected type range vector in call to function "rate", got instant vector$/);
});

test('PromQL in PrometheusRule resources and rule tests, with the target version applied', () => {
  const crd = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: g\n      rules:\n        - record: x:y\n          expr: info(up)\n';
  assert.deepEqual(problems('k8s.yaml', crd), ['8:17-21 error promql/too-new function "info" needs Prometheus ≥ 2.55 (the target version is 2.42)']);
  const tests = 'rule_files: [r.yml]\ntests:\n  - promql_expr_test:\n      - expr: "rate(x[5m]) +"\n        eval_time: 1m\n';
  assert.equal(problems('r_test.yml', tests).length, 1);
  assert.match(problems('r_test.yml', tests)[0], /^4:\d+-\d+ error promql\/syntax /);
});

test('PromQL in Grafana dashboards: variables are placeholders, escapes map back exactly', () => {
  const dash = JSON.stringify({
    title: 'API',
    templating: { list: [{ name: 'job', type: 'query' }] },
    panels: [
      { type: 'timeseries', targets: [{ expr: 'sum by (job) (rate(http_requests_total{job=~"$job"}[$__rate_interval]))' }] },
      { type: 'row', collapsed: true, panels: [{ type: 'stat', targets: [{ expr: 'rate(x{a=\\"b\\"}[5m]' }] }] },
    ],
  }, null, 2);
  const out = problemsOf(service, join(root, 'dash.json'), dash);
  assert.equal(out.length, 1, out.join('\n'));
  assert.match(out[0], /error promql\/syntax/);
  const line = dash.split('\n').findIndex((l) => l.includes('rate(x{a'));
  assert.ok(out[0].startsWith(`${line + 1}:`), out[0]);
});

test('completion, hover and signature help inside an expr', async () => {
  const { text, position } = caret('groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum(ra<|>)\n');
  const d = doc(join(root, 'rules.yml'), text);
  const items = await service.complete(d, position);
  assert.ok(items.some((i) => i.label === 'rate'), items.map((i) => i.label).join(','));
  const rate = items.find((i) => i.label === 'rate')!;
  assert.deepEqual((rate.textEdit as { range: unknown }).range, { start: { line: 4, character: 18 }, end: { line: 4, character: 20 } });
  const h = caret('groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum(ra<|>te(x[5m]))\n');
  const hover = await service.hover(doc(join(root, 'rules.yml'), h.text), h.position);
  assert.match((hover?.contents as { value: string }).value, /rate/);
  const s = caret('groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: histogram_quantile(0.9, <|>)\n');
  const sig = service.signatureHelp(doc(join(root, 'rules.yml'), s.text), s.position);
  assert.equal(sig?.activeParameter, 1);
  assert.match(sig?.signatures[0].label ?? '', /^histogram_quantile\(/);
});

test('"Format PromQL" rewrites the value: a block for long queries, the same style for short ones', () => {
  const long = 'groups:\n  - name: g\n    rules:\n      - alert: HighErrorRatio\n        expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05\n';
  const d = doc(join(root, 'rules.yml'), long);
  const edit = service.formatPromQLAt(d, { line: 4, character: 16 });
  assert.ok(edit);
  assert.match(edit.newText, /^\|2-\n {14}sum by \(job\)/);
  assert.deepEqual(edit.range.start, { line: 4, character: 14 });
  // The rewritten file still holds the same query, as YAML reads it.
  const lines = long.split('\n');
  lines[4] = lines[4].slice(0, 14) + edit.newText;
  const formatted = lines.join('\n');
  const again = service.check(doc(join(root, 'rules.yml'), formatted, 2));
  assert.deepEqual(again.problems.filter((p) => !p.code.startsWith('rules/missing-')), []);
  const short = 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum(rate(x[5m]))by(job)\n';
  assert.equal(service.formatPromQLAt(doc(join(root, 'rules.yml'), short), { line: 4, character: 16 })?.newText, 'sum by (job) (rate(x[5m]))');
  const already = 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum(x)\n';
  assert.equal(service.formatPromQLAt(doc(join(root, 'rules.yml'), already), { line: 4, character: 16 }), undefined);
});

test('PromQL lints run on valid expressions, aware of alerts, the scrape interval and Grafana variables', () => {
  const ws = workspace({}, {});
  const rules = 'groups:\n  - name: g\n    rules:\n      - alert: TopTalkers\n        expr: topk(3, rate(x_total[1m])) > 0\n      - record: a:b\n        expr: topk(3, rate(x_total[1m]))\n';
  const before = problemsOf(ws.service, join(ws.root, 'rules.yml'), rules).filter((p) => p.includes('promql/'));
  assert.deepEqual(before.map((p) => p.split(' ')[2]), ['promql/topk-in-alert'], before.join('\n'));
  ws.service.indexFile(join(ws.root, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  const after = problemsOf(ws.service, join(ws.root, 'rules2.yml'), rules).filter((p) => p.includes('promql/'));
  assert.deepEqual(after.map((p) => p.split(' ')[2]).sort(), ['promql/range-too-short', 'promql/range-too-short', 'promql/topk-in-alert'], after.join('\n'));
  const dash = JSON.stringify({ templating: { list: [{ name: 'job', type: 'query' }] }, panels: [{ targets: [{ expr: 'sum(rate(x_total{job=~"$job"}[$__rate_interval]))' }] }] });
  assert.deepEqual(problemsOf(ws.service, join(ws.root, 'd.json'), dash), []);
});
