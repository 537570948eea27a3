// Differential test: `o11y test` (the built-in rule-test runner) against the real `promtool test rules` (Debian's
// Prometheus 2.42, the oracle) on the corpus in fixtures/ruletests/ and on the examples' test files.
//
// Every file's verdict must be the same under both, and must be what the file's name says (pass_… / fail_…), so a
// corpus file cannot silently stop testing what it was written for. Each file's whole report (`Unit Testing:` …
// `SUCCESS` / `FAILED:` and every failure message) must be the same text, with one documented exception: PromQL and
// series-notation parse errors (`1:4: parse error: …`) come from our own parsers, whose positions and wording differ
// from Prometheus's yacc parser in places, so their text after `parse error` is not compared.
//
// promtool runs once for all files, with stdout and stderr into one file so its report keeps its order.
// Nothing is skipped: a missing promtool makes the test fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatFileResult } from '../../server/src/cli/test';
import { runTestFile } from '../../server/src/core/ruletest/runner';
import { nodeRuleTestHost } from '../../server/src/node/ruleTestHost';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const ROOT = join(__dirname, '..', '..');
const CORPUS = join(__dirname, 'fixtures', 'ruletests');
const EXAMPLES = join(ROOT, 'examples', 'prometheus', 'tests');

/** The test files, relative to the repository root (as both tools then print them). */
function testFiles(): string[] {
  const list = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.yml')).sort().map((f) => relative(ROOT, join(dir, f)));
  return [...list(CORPUS), ...list(EXAMPLES)];
}

/** promtool's report split per file: `Unit Testing:  FILE` up to the next one (warnings left out). */
function promtoolReports(files: string[]): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-ruletest-'));
  try {
    const outFile = join(dir, 'out.txt');
    const fd = openSync(outFile, 'w');
    const run = spawnSync(PROMTOOL, ['test', 'rules', ...files], { cwd: ROOT, stdio: ['ignore', fd, fd], timeout: 25_000 });
    closeSync(fd);
    assert.equal(run.error, undefined, `cannot run ${PROMTOOL}: ${run.error?.message}`);
    const out = readFileSync(outFile, 'utf8');
    const reports = new Map<string, string>();
    for (const section of out.split(/^(?=Unit Testing: {2})/m).filter((s) => s.startsWith('Unit Testing'))) {
      reports.set(section.split('\n')[0].slice('Unit Testing:  '.length), section.replace(/^ {2}WARNING: .*\n/gm, ''));
    }
    return reports;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function normalise(report: string): string {
  return report.replace(/\d+:\d+: parse error: .*/g, 'PARSE ERROR').trim();
}

const passed = (report: string): boolean => report.split('\n')[1] === '  SUCCESS';

test('o11y test gives promtool’s verdicts and reports on the rule-test corpus', { timeout: 30_000 }, () => {
  const files = testFiles();
  assert.ok(files.length >= 45, `only ${files.length} test files`);
  const theirs = promtoolReports(files);
  const cwd = process.cwd();
  process.chdir(ROOT);
  const ours = new Map<string, string>();
  try {
    for (const file of files) {
      ours.set(file, formatFileResult(runTestFile(file, nodeRuleTestHost())));
    }
  } finally {
    process.chdir(cwd);
  }
  const problems: string[] = [];
  let sameVerdict = 0;
  let sameText = 0;
  let failing = 0;
  for (const file of files) {
    const promtool = theirs.get(file);
    const o11y = ours.get(file)!;
    if (promtool === undefined) {
      problems.push(`${file}: no report from promtool`);
      continue;
    }
    const expected = !/(^|\/)fail_[^/]*$/.test(file);
    failing += passed(promtool) ? 0 : 1;
    if (passed(promtool) !== expected) {
      problems.push(`${file}: promtool says ${passed(promtool) ? 'SUCCESS' : 'FAILED'}, the file name says otherwise`);
    }
    if (passed(o11y) === passed(promtool)) {
      sameVerdict++;
    } else {
      problems.push(`${file}: verdicts differ\n--- promtool\n${promtool}--- o11y\n${o11y}`);
    }
    if (normalise(o11y) === normalise(promtool)) {
      sameText++;
    } else if (passed(o11y) === passed(promtool)) {
      problems.push(`${file}: reports differ\n--- promtool\n${promtool}--- o11y\n${o11y}`);
    }
  }
  console.log(`rule tests: ${files.length} files (${failing} failing under promtool); same verdict ${sameVerdict}, same report ${sameText}`);
  assert.deepEqual(problems, []);
});
