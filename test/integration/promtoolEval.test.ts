// Differential test: the built-in PromQL engine (server/src/core/ruletest/engine) against the real promtool
// (Debian's promtool 2.42, the oracle).
//
// The input series and expressions of promtoolEvalCases.ts go into ONE promtool unit-test file: each expression at
// each of its times becomes a `promql_expr_test` whose `exp_samples` are what OUR engine computed (or, when our
// engine fails, an empty list: promtool must then fail with the same error). promtool compares labels and values
// exactly (float ==) and lists every case that differs, so one run of `promtool test rules` checks all cases:
// promtool passing a case means our engine agrees with Prometheus on it, bit for bit.
//
// Nothing is skipped: a missing promtool makes the test fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePromQL } from '../../server/src/core/promql/parse';
import { evaluateInstant } from '../../server/src/core/ruletest/engine/evaluate';
import { EvalError, type Sample } from '../../server/src/core/ruletest/engine/types';
import { labelsString } from '../../server/src/core/ruletest/labels';
import { parseSeriesSelector, parseSeriesValues } from '../../server/src/core/ruletest/seriesNotation';
import { Storage } from '../../server/src/core/ruletest/storage';
import { CASES, INPUT_SERIES, INTERVAL } from './promtoolEvalCases';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

interface Outcome {
  expr: string;
  at: string;
  samples?: Sample[];
  error?: string;
}

/** model.ParseDuration for the simple `1h2m3s` forms used in the cases, in milliseconds. */
function durationMs(text: string): number {
  const units: Record<string, number> = { h: 3600e3, m: 60e3, s: 1e3, ms: 1 };
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|h|m|s)/g)) {
    ms += Number(n) * units[unit];
  }
  return ms;
}

/** How promtool prints an eval_time (model.Duration.String): `0s`, `5m`, `17m30s`. */
function promDuration(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  let out = '';
  for (const [unit, size] of [['h', 3600e3], ['m', 60e3], ['s', 1e3], ['ms', 1]] as const) {
    if (ms >= size) {
      out += `${Math.floor(ms / size)}${unit}`;
      ms %= size;
    }
  }
  return out;
}

function storage(): Storage {
  const st = new Storage();
  const interval = durationMs(INTERVAL);
  for (const { series, values } of INPUT_SERIES) {
    const labels = parseSeriesSelector(series).labels;
    const parsed = parseSeriesValues(values);
    assert.ok(labels && !parsed.problems.length, `bad input series ${series} ${values}`);
    st.load(labels, parsed.values, interval);
  }
  return st;
}

function evaluate(st: Storage): Outcome[] {
  const out: Outcome[] = [];
  for (const { expr, at } of CASES) {
    const parsed = parsePromQL(expr);
    assert.ok(parsed.expr, `${expr}: ${parsed.problems.map((p) => p.message).join('; ')}`);
    for (const time of at) {
      try {
        const v = evaluateInstant(parsed.expr, durationMs(time), st, { subqueryStepMs: durationMs(INTERVAL) });
        const samples = v.type === 'scalar' ? [{ labels: [], v: v.v }] : v.type === 'vector' ? v.samples : undefined;
        assert.ok(samples, `${expr} gives a ${v.type}`);
        out.push({ expr, at: time, samples });
      } catch (err) {
        if (!(err instanceof EvalError)) {
          throw err;
        }
        out.push({ expr, at: time, error: err.message });
      }
    }
  }
  return out;
}

function yamlNumber(v: number): string {
  return Number.isNaN(v) ? '.nan' : v === Infinity ? '.inf' : v === -Infinity ? '-.inf' : String(v);
}

function testFile(outcomes: Outcome[]): string {
  const lines = ['tests:', `  - interval: ${INTERVAL}`, '    input_series:'];
  for (const { series, values } of INPUT_SERIES) {
    lines.push(`      - series: ${JSON.stringify(series)}`, `        values: ${JSON.stringify(values)}`);
  }
  lines.push('    promql_expr_test:');
  for (const o of outcomes) {
    lines.push(`      - expr: ${JSON.stringify(o.expr)}`, `        eval_time: ${o.at}`);
    if (!o.samples?.length) {
      lines.push('        exp_samples: []');
      continue;
    }
    lines.push('        exp_samples:');
    for (const s of o.samples) {
      lines.push(`          - labels: ${JSON.stringify(labelsString(s.labels))}`, `            value: ${yamlNumber(s.v)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** promtool's report, per failing case: `expr: "<%q>", time: <duration>` and the rest of its lines. */
function failures(output: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  for (const line of output.split('\n')) {
    const m = /^ {4}expr: (".*"), time: (\S+?),(.*)$/.exec(line);
    if (m) {
      current = `${JSON.parse(m[1])} @ ${m[2]}`;
      out.set(current, m[3].trim());
    } else if (current && line.startsWith('        ')) {
      out.set(current, `${out.get(current)}\n${line.trim()}`);
    }
  }
  return out;
}

/**
 * "found duplicate series … [a, b]" names the two series in storage order, which is random in promtool (see
 * promtoolEvalCases.ts): compare the pair in sorted order.
 */
function pairSorted(message: string): string {
  return message.replace(/\[(\{[^}]*\}), (\{[^}]*\})\]/, (_, a: string, b: string) => `[${[a, b].sort().join(', ')}]`);
}

test('built-in engine agrees with promtool on every expression', { timeout: 30_000 }, () => {
  const outcomes = evaluate(storage());
  const expressions = new Set(outcomes.map((o) => o.expr));
  const nan = outcomes.filter((o) => o.samples?.some((s) => Number.isNaN(s.v))).map((o) => `${o.expr} @ ${o.at}`);
  assert.deepEqual(nan, [], 'these cases give NaN, which promtool cannot compare');
  assert.ok(expressions.size >= 150, `only ${expressions.size} expressions`);

  const dir = mkdtempSync(join(tmpdir(), 'o11y-eval-'));
  try {
    const file = join(dir, 'eval_test.yml');
    writeFileSync(file, testFile(outcomes));
    const run = spawnSync(PROMTOOL, ['test', 'rules', file], { encoding: 'utf8', timeout: 25_000 });
    assert.equal(run.error, undefined, `cannot run ${PROMTOOL}: ${run.error?.message}`);
    const output = `${run.stdout}${run.stderr}`;
    assert.doesNotMatch(output, /parse error|could not|yaml:/, output.slice(0, 2000));
    const failed = failures(output);
    const problems: string[] = [];
    for (const o of outcomes) {
      const report = failed.get(`${o.expr} @ ${promDuration(durationMs(o.at))}`);
      if (o.error !== undefined) {
        // Our engine failed: promtool must fail on the case with the same message.
        if (report === undefined || pairSorted(report) !== pairSorted(`err: ${o.error}`)) {
          problems.push(`${o.expr} @ ${o.at}: we fail with "${o.error}", promtool: ${report ?? 'passes'}`);
        }
      } else if (report !== undefined) {
        problems.push(`${o.expr} @ ${o.at}: ${report}`);
      }
    }
    const errors = outcomes.filter((o) => o.error !== undefined).length;
    console.log(`differential: ${expressions.size} expressions, ${outcomes.length} cases (${errors} errors), ${outcomes.length - problems.length} agree with promtool`);
    assert.deepEqual(problems, []);
    assert.equal(run.status === 0, errors === 0, 'promtool exit status');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
