import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { caret, doc, workspace } from '../helpers/service';

test('metrics recorded by rules and series of rule tests complete in any expr, without a live Prometheus', async () => {
  const { root, service } = workspace();
  service.indexFile(join(root, 'rules/api.yml'), 'groups:\n  - name: api\n    rules:\n      - record: job:http_requests:rate5m\n        expr: sum by (job) (rate(http_requests_total[5m]))\n        labels:\n          team: web\n');
  service.indexFile(join(root, 'tests/api_test.yml'), 'rule_files: [../rules/api.yml]\ntests:\n  - input_series:\n      - series: \'http_requests_total{job="api", code="500"}\'\n        values: 1+1x10\n');
  service.indexFile(join(root, 'notes.yml'), 'just: data\n');
  const at = (src: string) => caret(src);
  const a = at('groups:\n  - name: g\n    rules:\n      - alert: X\n        expr: job:http<|>\n');
  const names = (await service.complete(doc(join(root, 'alerts.yml'), a.text), a.position)).map((i) => i.label);
  assert.ok(names.includes('job:http_requests:rate5m'), names.join(','));
  const b = at('groups:\n  - name: g\n    rules:\n      - alert: X\n        expr: http_requests_total{code="<|>"}\n');
  const values = (await service.complete(doc(join(root, 'alerts.yml'), b.text), b.position)).map((i) => i.label);
  assert.ok(values.includes('500'), values.join(','));
  const c = at('groups:\n  - name: g\n    rules:\n      - alert: X\n        expr: job:http_requests:rate5m{<|>}\n');
  const labels = (await service.complete(doc(join(root, 'alerts.yml'), c.text), c.position)).map((i) => i.label);
  assert.ok(labels.includes('team'), labels.join(','));
  service.forgetFile(join(root, 'rules/api.yml'));
  const after = (await service.complete(doc(join(root, 'alerts.yml'), a.text, 2), a.position)).map((i) => i.label);
  assert.ok(!after.includes('job:http_requests:rate5m'));
});
