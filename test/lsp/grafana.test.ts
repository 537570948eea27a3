import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../helpers/lspClient';

// A dashboard JSON through the real server over stdio: diagnostics that need the workspace's provisioning
// (data source uids), schema completion of JSON keys, and PromQL completion inside `expr`.
const dir = mkdtempSync(join(tmpdir(), 'o11y-lsp-grafana-'));
mkdirSync(join(dir, 'provisioning'));
writeFileSync(join(dir, 'provisioning/ds.yml'), 'apiVersion: 1\ndatasources:\n  - name: Prometheus\n    type: prometheus\n    uid: prom\n');
let server: LspProcess;

before(async () => {
  server = new LspProcess();
  await server.initialize(pathToFileURL(dir).href);
});

after(async () => {
  await server.stop();
});

const DASHBOARD = `{
  "uid": "api",
  "title": "API",
  "schemaVersion": 39,
  "panels": [
    {
      "id": 1,
      "type": "timeseries",
      "title": "Requests",
      "datasource": { "type": "prometheus", "uid": "promethues" },
      "gridPos": { "x": 0, "y": 0, "w": 12, "h": 8 },
      "fieldConfig": { "defaults": { "unit": "reqps" } },
      "targets": [{ "refId": "A", "expr": "sum by (job) (rate(http_requests_total[5m]))", "legendFormat": "{{instance}}" }]
    }
  ]
}
`;

test('a dashboard gets Grafana diagnostics and JSON completion', async () => {
  const uri = pathToFileURL(join(dir, 'api.json')).href;
  await server.open(uri, DASHBOARD, 'json');
  let codes: string[] = [];
  // The provisioning file is indexed in the background: wait until its data source is known.
  for (let version = 1; version < 50 && !codes.includes('grafana/unknown-datasource'); version++) {
    if (version > 1) {
      await new Promise((r) => setTimeout(r, 200));
      await server.change(uri, version, DASHBOARD);
    }
    codes = (await server.diagnostics(uri, version)).map((d) => String(d.code));
  }
  assert.deepEqual(codes.sort(), ['grafana/legend-label-missing', 'grafana/unknown-datasource']);

  const lines = DASHBOARD.split('\n');
  const gridLine = lines.findIndex((l) => l.includes('"gridPos"'));
  const list = (await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: gridLine, character: lines[gridLine].indexOf('"x"') },
  })) as { items: { label: string }[] } | { label: string }[];
  const labels = (Array.isArray(list) ? list : list.items).map((i) => i.label);
  assert.ok(labels.includes('static'), labels.join(' '));

  const exprLine = lines.findIndex((l) => l.includes('"expr"'));
  const promql = (await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: exprLine, character: lines[exprLine].indexOf('rate(') + 2 },
  })) as { items: { label: string }[] } | { label: string }[];
  assert.ok((Array.isArray(promql) ? promql : promql.items).some((i) => i.label === 'rate'));
});
