// Differential test: our checks of rule files against the real `promtool check rules` (Debian's 2.42, the oracle).
//
// For every fixture in test/integration/fixtures/rules/NNN-*.yml|yaml (plain rule files and Kubernetes
// PrometheusRule resources, valid and invalid):
//   1. promtool, run live once over all fixtures, must still give the verdict and message recorded in
//      expected.json (so a changed promtool is noticed). promtool reads plain rule files only: of a file of
//      Kubernetes resources it is given the `spec` of each PrometheusRule document (test/helpers/promtoolRules.ts);
//   2. our core, as `o11y check` runs it (LanguageService.check with the fixtures' .o11y.yaml, which targets
//      Prometheus 2.42), must reach the same verdict: a file is invalid for us when we report at least one error;
//   3. where our messages use promtool's wording (rulefmt's structural errors, PromQL and template parse errors),
//      the messages recorded under `sameWording` must be among our errors and inside promtool's message.
// A fixture's name says its verdict (`-valid-` / `-invalid-`), so a reader can trust the corpus at a glance.
//
// Run: node --import tsx --test test/integration/promtoolRules.test.ts (needs promtool on PATH or $PROMTOOL).
// Nothing is skipped: a missing promtool makes the tests fail.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanguageService } from '../../server/src/core/languageService';
import type { Problem } from '../../server/src/core/problem';
import { LineIndex } from '../../server/src/core/text';
import { loadProjectSettings, nodeFileSystem } from '../../server/src/node/nodeFs';
import { doc } from '../helpers/service';
import { extractRuleSpecs, isPrometheusRuleFile, PROMTOOL, promtoolCheckRules, type PromtoolVerdict } from '../helpers/promtoolRules';
import { run } from '../helpers/run';

const fixtureDirUrl = new URL('fixtures/rules/', import.meta.url);
const fixtureDir = fileURLToPath(fixtureDirUrl);

/**
 * Deliberate differences between our verdict and promtool's (fixture file → reason). For these files the
 * expectation is inverted: we must NOT agree with promtool. Keep this empty or nearly so; every entry needs
 * a reason a reviewer can check.
 */
const knownDifferences: Record<string, string> = {};

interface Expected {
  valid: boolean;
  promtool: string;
  /** Our error messages that are promtool's words. */
  sameWording?: string[];
}

const fixtures = readdirSync(fixtureDir)
  .filter((f) => /^\d{3}-.+\.ya?ml$/.test(f))
  .sort();
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtureDirUrl), 'utf8')) as Record<string, Expected>;
const { settings, warnings } = loadProjectSettings(join(fixtureDir, '.o11y.yaml'));

/**
 * What promtool is given for each fixture: the file itself, or one plain rule file per PrometheusRule document
 * (with the document's number in the fixture).
 */
const specDir = mkdtempSync(join(tmpdir(), 'o11y-promrule-'));
after(() => rmSync(specDir, { recursive: true, force: true }));
const inputs = new Map<string, { path: string; document?: number }[]>(
  fixtures.map((f) => {
    const path = join(fixtureDir, f);
    return [f, isPrometheusRuleFile(readFileSync(path, 'utf8')) ? extractRuleSpecs(path, specDir) : [{ path: f }]];
  }),
);

/** promtool's verdict on every fixture, from one run: invalid when any of its inputs is. */
let oracleRun: Promise<Map<string, PromtoolVerdict>> | undefined;
function oracle(): Promise<Map<string, PromtoolVerdict>> {
  oracleRun ??= (async () => {
    const byInput = await promtoolCheckRules([...inputs.values()].flat().map((i) => i.path), fixtureDir);
    const out = new Map<string, PromtoolVerdict>();
    for (const [fixture, files] of inputs) {
      const verdicts = files.map((f) => ({ ...byInput.get(f.path)!, document: f.document }));
      const message = verdicts
        .filter((v) => v.message)
        .map((v) => (v.document ? `document ${v.document}: ${v.message}` : v.message))
        .join('\n');
      out.set(fixture, { valid: verdicts.every((v) => v.valid), message });
    }
    return out;
  })();
  return oracleRun;
}

/** Our problems for one fixture, from a service of its own: like promtool, each file is checked alone. */
function ourProblems(file: string): { problems: Problem[]; lines: LineIndex } {
  const service = new LanguageService({ fs: nodeFileSystem }, fixtureDir, { incremental: false });
  service.configure(settings);
  const text = readFileSync(join(fixtureDir, file), 'utf8');
  return { problems: service.check(doc(join(fixtureDir, file), text)).problems, lines: new LineIndex(text) };
}

function describeProblems(problems: Problem[], lines: LineIndex): string {
  if (problems.length === 0) {
    return '  (no problems)';
  }
  return problems
    .map((p) => {
      const at = lines.positionAt(p.offset);
      return `  ${at.line + 1}:${at.character + 1} ${p.severity} ${p.code}: ${p.message}`;
    })
    .join('\n');
}

test('fixture set matches expected.json', () => {
  assert.deepEqual(warnings, [], 'the fixtures\' .o11y.yaml has problems');
  assert.ok(fixtures.length >= 85, `expected at least 85 fixtures, found ${fixtures.length}`);
  assert.deepEqual(fixtures, Object.keys(expected).sort());
  for (const f of fixtures) {
    assert.match(f, /-(valid|invalid)-/, `${f}: the name must say -valid- or -invalid-`);
    assert.equal(f.includes('-valid-'), expected[f].valid, `${f}: the name says the opposite of the recorded verdict`);
  }
  const resources = fixtures.filter((f) => inputs.get(f)![0]?.path !== f);
  assert.ok(resources.length >= 15, `expected at least 15 PrometheusRule fixtures, found ${resources.length}`);
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
    // 1. The oracle, live.
    const p = (await oracle()).get(file)!;
    const want = expected[file];
    assert.equal(p.valid, want.valid, `promtool now says ${file} is ${p.valid ? 'valid' : 'invalid'}: ${p.message}`);
    assert.equal(p.message, want.promtool, `promtool's message for ${file} changed`);

    // 2. Our verdict.
    const { problems, lines } = ourProblems(file);
    const errors = problems.filter((pr) => pr.severity === 'error');
    const ourValid = errors.length === 0;
    const details =
      `promtool: ${p.valid ? 'valid' : 'invalid'}: ${p.message}\n` +
      `o11y: ${ourValid ? 'valid' : 'invalid'}:\n${describeProblems(problems, lines)}`;
    const difference = knownDifferences[file];
    if (difference === undefined) {
      assert.equal(ourValid, p.valid, `${file}: o11y and promtool disagree\n${details}`);
    } else {
      assert.notEqual(ourValid, p.valid, `${file}: listed in knownDifferences (${difference}) but o11y now agrees with promtool\n${details}`);
    }

    // 3. promtool's words, where we use them.
    const shared = [...new Set(errors.map((e) => e.message).filter((m) => p.message.includes(m)))].sort();
    assert.deepEqual(shared, [...(want.sameWording ?? [])].sort(), `${file}: the messages we share with promtool changed\n${details}`);
  });
}
