// Differential test: our validation of prometheus.yml against the real `promtool check config`.
//
// For every fixture in test/fixtures/promtool-config/NN-*.yml:
//   1. run `promtool check config <fixture>` live (promtool is the oracle) and check that it still agrees
//      with the verdict and message recorded in expected.json (so a changed promtool is noticed);
//   2. check that our CLI, run once over all fixtures with `--prometheus-version 2.42` (the version of the
//      promtool we compare with: Debian's 2.42 package), reaches the same verdict: a file is invalid for us
//      when we report at least one problem of severity "error" for it.
//
// Run: node --import tsx --test test/integration/promtoolConfig.test.ts (needs `npm run build` and promtool).
// Nothing is skipped: a missing promtool or CLI makes the tests fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../server/src/cli/report';
import { run, type RunResult } from '../helpers/run';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtureDirUrl = new URL('test/fixtures/promtool-config/', new URL('../..', import.meta.url));
const fixtureDir = fileURLToPath(fixtureDirUrl);
const cliPath = fileURLToPath(new URL('bin/o11y.js', new URL('../..', import.meta.url)));
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

/**
 * Deliberate differences between our verdict and promtool's (fixture file → reason). For these files the
 * expectation is inverted: we must NOT agree with promtool. Keep this empty or nearly so; every entry needs
 * a reason a reviewer can check.
 */
const knownDifferences: Record<string, string> = {};

interface Expected {
  valid: boolean;
  promtool: string;
}

/** One finding of `o11y check --format json`. */
type Problem = Finding;

/** promtool's output without the "Checking <file>" lines and blank lines, trimmed line by line. */
function promtoolMessage(r: RunResult): string {
  return `${r.stdout}\n${r.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('Checking '))
    .join('\n');
}

const fixtures = readdirSync(fixtureDir)
  .filter((f) => /^\d\d-.+\.ya?ml$/.test(f))
  .sort();
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtureDirUrl), 'utf8')) as Record<string, Expected>;

/** Our CLI, run once over every fixture; problems grouped by fixture file name. */
let cliRun: Promise<Map<string, Problem[]>> | undefined;
function ourProblems(): Promise<Map<string, Problem[]>> {
  cliRun ??= (async () => {
    // The fixtures' .o11y.yaml targets 2.42, marks every file a Prometheus config, and makes missing
    // credential files errors as promtool does; --prometheus-version repeats the target for clarity.
    const args = [cliPath, 'check', '--format', 'json', '--prometheus-version', '2.42', '--config', 'test/fixtures/promtool-config/.o11y.yaml'];
    args.push(...fixtures.map((f) => `test/fixtures/promtool-config/${f}`));
    const r = await run(process.execPath, args, repoRoot);
    if (r.spawnError) {
      throw r.spawnError;
    }
    let problems: Problem[];
    try {
      problems = JSON.parse(r.stdout) as Problem[];
    } catch (e) {
      throw new Error(
        `o11y check did not print a JSON array (exit ${r.code}): ${(e as Error).message}\n` +
          `stdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`,
      );
    }
    assert.ok(Array.isArray(problems), `o11y check output is not an array: ${r.stdout.slice(0, 500)}`);
    const byFile = new Map<string, Problem[]>();
    for (const p of problems) {
      const name = basename(p.file.startsWith('file:') ? fileURLToPath(p.file) : p.file);
      const list = byFile.get(name) ?? [];
      list.push(p);
      byFile.set(name, list);
    }
    return byFile;
  })();
  return cliRun;
}

function describeProblems(problems: Problem[]): string {
  if (problems.length === 0) {
    return '  (no problems)';
  }
  return problems.map((p) => `  ${p.line}:${p.column} ${p.severity} ${p.code}: ${p.message}`).join('\n');
}

test('fixture set matches expected.json', () => {
  assert.ok(fixtures.length >= 70, `expected at least 70 fixtures, found ${fixtures.length}`);
  assert.deepEqual(fixtures, Object.keys(expected).sort());
  for (const f of Object.keys(knownDifferences)) {
    assert.ok(fixtures.includes(f), `knownDifferences names a fixture that does not exist: ${f}`);
  }
});

test('promtool is installed', async () => {
  const r = await run(PROMTOOL, ['--version'], fixtureDir);
  assert.equal(r.spawnError, undefined, `cannot run ${PROMTOOL}: ${r.spawnError?.message}`);
  assert.equal(r.code, 0, `${PROMTOOL} --version failed: ${r.stderr}`);
});

for (const file of fixtures) {
  test(file, async () => {
    // 1. The oracle, live. Run from the fixture folder so that messages name files as in expected.json.
    const p = await run(PROMTOOL, ['check', 'config', file], fixtureDir);
    assert.equal(p.spawnError, undefined, `cannot run ${PROMTOOL}: ${p.spawnError?.message}`);
    const promtoolValid = p.code === 0;
    const message = promtoolMessage(p);
    const want = expected[file];
    assert.ok(want, `${file} is missing from expected.json`);
    assert.equal(promtoolValid, want.valid, `promtool now says ${file} is ${promtoolValid ? 'valid' : 'invalid'}: ${message}`);
    assert.equal(message, want.promtool, `promtool's message for ${file} changed`);

    // 2. Our verdict.
    const ours = (await ourProblems()).get(file) ?? [];
    const ourValid = !ours.some((pr) => pr.severity === 'error');
    const difference = knownDifferences[file];
    const details =
      `promtool: ${promtoolValid ? 'valid' : 'invalid'}: ${message}\n` +
      `o11y: ${ourValid ? 'valid' : 'invalid'}:\n${describeProblems(ours)}`;
    if (difference === undefined) {
      assert.equal(ourValid, promtoolValid, `${file}: o11y and promtool disagree\n${details}`);
    } else {
      assert.notEqual(ourValid, promtoolValid, `${file}: listed in knownDifferences (${difference}) but o11y now agrees with promtool\n${details}`);
    }
  });
}
