// Differential test: formatPromQL against `promtool promql format` (Prometheus's prettier).
//
// Debian's promtool is 2.42, which has no `promql format` command (it arrived in 2.43 behind `--experimental`).
// So:
//   1. the installed promtool is probed; the test records whether it can format and fails if the probe's
//      answer contradicts its version (a 2.42 that formats, or a ≥ 2.43 that does not);
//   2. every case of promtoolFormatCases.ts (≥ 60, expectations written from prettier.go/printer.go) must come
//      out of formatPromQL exactly as expected;
//   3. when the installed promtool can format, each case also goes through it and must give the same text,
//      except the documented differences (the case's `promtool` field) and inputs newer than that promtool.
//
// Run: node --import tsx --test test/integration/promtoolFormat.test.ts (needs promtool for step 1 and 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { formatPromQL } from '../../server/src/core/promql/format';
import { FORMAT_CASES } from './promtoolFormatCases';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

interface Probe {
  version: string;
  canFormat: boolean;
}

function run(args: string[]): { code: number | null; stdout: string; stderr: string; error?: Error } {
  const r = spawnSync(PROMTOOL, args, { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

let probed: Probe | undefined;
function probe(): Probe {
  if (!probed) {
    const v = run(['--version']);
    assert.ok(!v.error, `cannot run ${PROMTOOL}: ${v.error?.message}`);
    const version = /version (\d+\.\d+\.\d+)/.exec(v.stdout + v.stderr)?.[1] ?? '0.0.0';
    const f = run(['--experimental', 'promql', 'format', 'sum(up)by(job)']);
    probed = { version, canFormat: f.code === 0 && f.stdout.trim() === 'sum by (job) (up)' };
  }
  return probed;
}

function atLeast(version: string, wanted: string): boolean {
  const [a, b] = [version, wanted].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) {
      return (a[i] ?? 0) > (b[i] ?? 0);
    }
  }
  return true;
}

test('the corpus is large enough and every input is distinct', () => {
  assert.ok(FORMAT_CASES.length >= 60, `${FORMAT_CASES.length} cases`);
  assert.equal(new Set(FORMAT_CASES.map(([input]) => input)).size, FORMAT_CASES.length);
});

test('promtool: `promql format` exists exactly from 2.43 on', () => {
  const { version, canFormat } = probe();
  assert.equal(canFormat, atLeast(version, '2.43.0'), `promtool ${version} ${canFormat ? 'can' : 'cannot'} format`);
});

for (const [input, expected, options] of FORMAT_CASES) {
  test(`format ${input.length > 70 ? `${input.slice(0, 67)}...` : input}`, () => {
    const ours = formatPromQL(input);
    assert.equal(ours, expected);
    // Formatting is stable: formatting the output again changes nothing.
    assert.equal(formatPromQL(ours!), ours);
    const { version, canFormat } = probe();
    if (!canFormat || (options?.since && !atLeast(version, options.since))) {
      return;
    }
    const r = run(['--experimental', 'promql', 'format', input]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.replace(/\n$/, ''), options?.promtool ?? ours, options?.difference);
  });
}

test('documented differences say what promtool prints and why', () => {
  for (const [input, expected, options] of FORMAT_CASES) {
    if (options?.promtool !== undefined) {
      assert.ok(options.difference, input);
      assert.notEqual(options.promtool, expected, input);
    }
  }
});
