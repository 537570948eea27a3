import { writeFileSync } from 'node:fs';
import { formatDiff } from '../core/ruletest/diff';
import { runTestFile } from '../core/ruletest/runner';
import type { FileResult } from '../core/ruletest/results';
import { junitXml } from './junit';
import { nodeRuleTestHost } from '../node/ruleTestHost';
import type { ParsedArgs } from './args';
import { UsageError } from './args';

export const TEST_HELP = `Usage: o11y test [options] <test file>...

Runs Prometheus rule unit tests (the file format of 'promtool test rules') with the built-in PromQL engine.

Options:
  --format text|json        output format (default: text)
  --run REGEX               only the test groups whose name matches
  --prometheus-version X    the promtool release to follow (default: 2.42)
  --junit FILE              also write the results as JUnit XML to FILE
  --engine builtin|promtool the engine (default: builtin); promtool runs 'promtool test rules' on the files
  --promtool PATH           the promtool binary for --engine promtool (default: promtool on PATH)

Exit status: 1 when a test failed, 0 when all passed, 2 on bad usage.
`;

/** promtool's report of one file: `Unit Testing:  FILE`, then `  SUCCESS` or `  FAILED:` and each failure. */
export function formatFileResult(r: FileResult): string {
  const failures = [...r.failures, ...r.groups.flatMap((g) => g.failures)];
  const body = failures.length ? `  FAILED:\n${failures.map((f) => `${f.message}\n\n`).join('')}` : '  SUCCESS\n';
  return `Unit Testing:  ${r.file}\n${body}\n`;
}

/**
 * After promtool's report, what differs in each failed case, item by item, with where the case is written:
 *   Differences (- expected, not got; + got, not expected; ~ both, changed):
 *     alerts.test.yml:12:9 CPU › alertname: HighCPU, time: 10m
 *       ~ {alertname="HighCPU", instance="a"}
 *           label severity: expected "page", got "warning"
 */
export function formatDifferences(r: FileResult): string {
  const blocks = r.groups.flatMap((g) =>
    g.cases
      .filter((c) => c.failure?.diff?.length)
      .map((c) => `    ${r.file}:${c.span.line}:${c.span.column} ${g.name} › ${c.title}\n${formatDiff(c.failure!.diff!, '      ')}\n`),
  );
  return blocks.length ? `  Differences (- expected, not got; + got, not expected; ~ both, changed):\n${blocks.join('')}\n` : '';
}

function summary(results: FileResult[]): string {
  const groups = results.flatMap((r) => r.groups);
  const failedGroups = groups.filter((g) => g.status === 'failed').length;
  const failedFiles = results.filter((r) => r.status === 'failed').length;
  const ms = Math.round(results.reduce((sum, r) => sum + r.durationMs, 0));
  return failedFiles
    ? `✗ ${failedFiles} of ${results.length} file(s) failed; ${failedGroups} of ${groups.length} test group(s) failed (${ms} ms)\n`
    : `✓ ${results.length} file(s), ${groups.length} test group(s) passed (${ms} ms)\n`;
}

export function runTests(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): number {
  const engine = String(args.flags.engine ?? 'builtin');
  if (engine !== 'builtin' && engine !== 'promtool') {
    throw new UsageError(`unknown --engine "${engine}" (use builtin or promtool)`);
  }
  if (!args.positionals.length) {
    throw new UsageError('name at least one test file');
  }
  if (engine === 'promtool') {
    // Loaded for this engine only: child_process would cost every built-in run its start-up.
    return (require('./testPromtool') as typeof import('./testPromtool')).runWithPromtool(args, out, err);
  }
  const format = String(args.flags.format ?? 'text');
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`unknown --format "${format}" (use text or json)`);
  }
  if (args.flags.junit === true) {
    throw new UsageError('--junit needs a file name');
  }
  let run: RegExp | undefined;
  if (args.flags.run !== undefined) {
    try {
      run = new RegExp(String(args.flags.run), 'u');
    } catch (e) {
      throw new UsageError(`--run: ${(e as Error).message}`);
    }
  }
  const version = typeof args.flags['prometheus-version'] === 'string' ? args.flags['prometheus-version'] : undefined;
  const host = nodeRuleTestHost();
  const results: FileResult[] = [];
  for (const file of args.positionals) {
    const result = runTestFile(file, host, { version, run });
    result.warnings.forEach((w) => err(`  WARNING: ${w}\n`));
    if (format === 'text') {
      out(formatFileResult(result) + formatDifferences(result));
    }
    results.push(result);
  }
  out(format === 'json' ? `${JSON.stringify(results, null, 2)}\n` : summary(results));
  if (typeof args.flags.junit === 'string') {
    try {
      writeFileSync(args.flags.junit, junitXml(results, new Date()));
    } catch (e) {
      err(`o11y: cannot write the JUnit report: ${(e as Error).message}\n`);
      return 2;
    }
  }
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}
