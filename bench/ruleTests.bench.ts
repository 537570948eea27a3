import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../test/helpers/lspClient';
import { ms, timeInTurn } from './stats';

const SIZES = [10, 100, 1000];
/** Runs per size for the medians: more where one run is short and a busy machine's noise is large. */
const RUNS: Record<number, number> = { 10: 9, 100: 5, 1000: 3 };

const RULES = `groups:
  - name: bench
    rules:
      - record: job:http_requests_total:sum
        expr: sum by (job) (http_requests_total)
      - record: job:http_errors:ratio5m
        expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m]))
      - alert: HighErrorRate
        expr: job:http_errors:ratio5m > 0.1
        for: 5m
        labels: {severity: page}
        annotations: {summary: '{{ $labels.job }} answers too many requests with 5xx'}
      - alert: InstanceDown
        expr: up == 0
        for: 2m
        labels: {severity: warning}
        annotations: {summary: '{{ $labels.instance }} of {{ $labels.job }} is down'}
`;

/**
 * A test file with `cases` test groups, each with three input series over an hour at 1m, an alert_rule_test
 * (HighErrorRate firing in even cases only) and a promql_expr_test on a recorded series (exact integers).
 */
export function generateRuleTests(cases: number): string {
  const out = ['rule_files: [rules.yml]', 'evaluation_interval: 1m', 'tests:'];
  for (let i = 0; i < cases; i++) {
    const errors = i % 2 === 0 ? 30 : 1;
    out.push(
      `  - name: case-${i}`,
      '    interval: 1m',
      '    input_series:',
      `      - series: up{job="svc-${i}", instance="a"}`,
      "        values: '1x30 0x29'",
      `      - series: http_requests_total{job="svc-${i}", code="200"}`,
      "        values: '0+60x60'",
      `      - series: http_requests_total{job="svc-${i}", code="500"}`,
      `        values: '0+${errors}x60'`,
      '    alert_rule_test:',
      '      - eval_time: 50m',
      '        alertname: HighErrorRate',
      ...(i % 2 === 0
        ? [
            '        exp_alerts:',
            `          - exp_labels: {severity: page, job: svc-${i}}`,
            `            exp_annotations: {summary: 'svc-${i} answers too many requests with 5xx'}`,
          ]
        : ['        exp_alerts: []']),
      '    promql_expr_test:',
      '      - expr: job:http_requests_total:sum',
      '        eval_time: 1h',
      '        exp_samples:',
      `          - labels: 'job:http_requests_total:sum{job="svc-${i}"}'`,
      `            value: ${3600 + 60 * errors}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Issue 6: `o11y test` vs `promtool test rules` on the same generated files, after checking both pass them. */
export async function benchRuleTests(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-bench-ruletests-'));
  writeFileSync(join(dir, 'rules.yml'), RULES);
  const out = [`median wall time of ${Object.values(RUNS).join('/')} runs taken in turn; each case: 3 series × 61 samples, 1 alert_rule_test, 1 promql_expr_test`];
  out.push(`     ${'cases'.padStart(6)} ${'o11y test'.padStart(12)} ${'promtool'.padStart(12)}   ratio`);
  for (const size of SIZES) {
    const file = `tests-${size}.yml`;
    writeFileSync(join(dir, file), generateRuleTests(size));
    const o11yArgs = [join(REPO, 'bin/o11y.js'), 'test', file];
    const promtoolArgs = ['test', 'rules', file];
    for (const [cmd, args] of [[process.execPath, o11yArgs], ['promtool', promtoolArgs]] as const) {
      const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0) {
        throw new Error(`${cmd} ${args.join(' ')} should pass the generated tests (exit ${r.status}):\n${(r.stdout + r.stderr).slice(0, 2000)}`);
      }
    }
    const [o11y, promtool] = timeInTurn([{ cmd: process.execPath, args: o11yArgs }, { cmd: 'promtool', args: promtoolArgs }], RUNS[size], dir);
    const ok = o11y.median <= promtool.median ? 'ok  ' : 'SLOW';
    out.push(`${ok} ${String(size).padStart(6)} ${ms(o11y.median).padStart(12)} ${ms(promtool.median).padStart(12)}   ${(o11y.median / promtool.median).toFixed(2)}×`);
  }
  return out;
}
