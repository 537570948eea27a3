import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { doc, workspace } from '../helpers/service';
import { REPO } from '../helpers/lspClient';

/**
 * Real public dashboards (test/fixtures/grafana-dashboards/SOURCES.md) from Grafana 4 to 12 exports: the checker
 * must find no errors in them, know every key Grafana wrote, and report only the problems below, each one read in
 * the dashboard and confirmed.
 */
const DIR = join(REPO, 'test/fixtures/grafana-dashboards');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));

/** Warnings that are real mistakes of those dashboards, by code. */
const CONFIRMED: Record<string, number> = {
  // `job="$job"` with a multi-value or include-All `job`: two selected jobs match nothing (dotdc views-global, rfmoz apache).
  'grafana/multi-value-equals': 53,
  // `{{node}}` after `sum by (instance, cpu)`, `{{input}}` after a plain `sum` …: the legend is empty.
  'grafana/legend-label-missing': 4,
  // Generated rows placed at y 39 and 40 inside panels spanning y 38–47 (kube-prometheus v0.12 namespace-by-workload).
  'grafana/panel-overlap': 2,
};

const { root, service } = workspace({});

function problems(name: string, text: string): { code: string; severity: string; text: string; offset: number }[] {
  return service.check(doc(join(root, name), text)).problems.map((p) => ({ code: p.code, severity: p.severity, text: text.slice(p.offset, p.offset + p.length), offset: p.offset }));
}

test('at least 15 real dashboards, from several Grafana versions, most querying Prometheus with variables', () => {
  assert.ok(FILES.length >= 15, String(FILES.length));
  const versions = new Set<number>();
  let withVariables = 0;
  for (const f of FILES) {
    const d = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { schemaVersion: number; templating?: { list: unknown[] } };
    versions.add(d.schemaVersion);
    withVariables += d.templating?.list.length ? 1 : 0;
  }
  assert.ok([...versions].some((v) => v < 27) && [...versions].some((v) => v >= 39), [...versions].join(' '));
  assert.equal(withVariables, FILES.length);
  const sources = readFileSync(join(DIR, 'SOURCES.md'), 'utf8');
  FILES.forEach((f) => assert.ok(sources.includes(f), `${f} is listed in SOURCES.md`));
});

test('real dashboards: no errors, no unknown keys, only the confirmed warnings', () => {
  const warnings: Record<string, number> = {};
  for (const f of FILES) {
    const found = problems(join('dashboards', f), readFileSync(join(DIR, f), 'utf8'));
    assert.equal(service.fileKind(doc(join(root, 'dashboards', f), readFileSync(join(DIR, f), 'utf8'))), 'grafanaDashboard', f);
    assert.deepEqual(found.filter((p) => p.severity === 'error' || p.code.startsWith('schema/')), [], f);
    for (const p of found.filter((x) => x.severity === 'warning')) {
      warnings[p.code] = (warnings[p.code] ?? 0) + 1;
    }
  }
  assert.deepEqual(warnings, CONFIRMED);
});

test('a real dashboard inside a grafana-operator GrafanaDashboard gives the same problems, on the same text', () => {
  for (const f of ['dotdc-k8s-views-global.json', 'thanos-query.json', 'redis-exporter.json']) {
    const json = readFileSync(join(DIR, f), 'utf8');
    const yaml = [
      'apiVersion: grafana.integreatly.org/v1beta1',
      'kind: GrafanaDashboard',
      'metadata:',
      '  name: real',
      'spec:',
      '  instanceSelector:',
      '    matchLabels: { dashboards: grafana }',
      '  json: |',
      ...json.trimEnd().split('\n').map((l) => (l ? '    ' + l : l)),
      '',
    ].join('\n');
    const plain = problems(join('dashboards', f), json).map((p) => `${p.code} ${p.text}`).sort();
    service.forgetFile(join(root, 'dashboards', f)); // one dashboard, not two with the same uid
    const embedded = problems(join('k8s', f.replace('.json', '.yaml')), yaml).map((p) => `${p.code} ${p.text}`).sort();
    assert.ok(plain.length > 0, f);
    assert.deepEqual(embedded, plain, f);
  }
});
