// Differential test: our validation of alertmanager.yml against the real `amtool check-config` (Debian's 0.25).
//
// For every fixture in test/integration/fixtures/alertmanager/NN-*.yml:
//   1. run `amtool check-config <fixture>` live and check that it still says what expected.json recorded;
//   2. check that our CLI, run once over all fixtures with the fixtures' .o11y.yaml (target Alertmanager 0.25),
//      reaches the same verdict (invalid = at least one problem of severity "error"), and, where we use
//      Alertmanager's wording, that amtool's message is among ours.
//
// Run: node --import tsx --test test/integration/amtoolConfig.test.ts (needs `node scripts/build.mjs` and amtool).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../server/src/cli/report';
import { run } from '../helpers/run';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtureDir = fileURLToPath(new URL('fixtures/alertmanager/', import.meta.url));
const cliPath = fileURLToPath(new URL('../../bin/o11y.js', import.meta.url));
const AMTOOL = process.env.AMTOOL ?? 'amtool';

/**
 * Fixtures where our message is our own (schema messages, richer wording) rather than amtool's: the verdict is
 * still compared. Every entry says why.
 */
const ownWording: Record<string, string> = {
  '26-invalid-no-route.yml': 'the schema reports the missing "route" key',
  '35-invalid-receiver-no-name.yml': 'the schema reports the missing "name" key',
  '36-invalid-unknown-key.yml': 'schema: unknown key, with a suggestion',
  '37-invalid-unknown-top-key.yml': 'schema: unknown key, with a suggestion',
  '38-invalid-bad-duration.yml': 'schema: duration format explained',
  '52-invalid-time-interval-no-name.yml': 'the schema reports the missing "name" key',
  '62-invalid-slack-both-urls.yml': 'schema: x-mutuallyExclusive',
  '73-invalid-opsgenie-responder-type.yml': 'amtool prints the responder struct; we name its type',
  '79-invalid-telegram-parse-mode.yml': 'schema: enum values listed',
  '83-invalid-msteams-too-new.yml': 'version check: names the release that added the field',
  '84-invalid-global-both-key-and-file.yml': 'schema: x-mutuallyExclusive',
  '87-invalid-wrong-type.yml': 'schema: wrong type',
  '88-invalid-continue-type.yml': 'schema: wrong type',
  '90-invalid-http-config-two-auth.yml': 'schema: x-mutuallyExclusive',
  '91-invalid-yaml-syntax.yml': 'YAML parser messages',
};

interface Expected {
  valid: boolean;
  amtool: string;
}

const fixtures = readdirSync(fixtureDir)
  .filter((f) => /^\d\d-.+\.ya?ml$/.test(f))
  .sort();
const expected = JSON.parse(readFileSync(new URL('fixtures/alertmanager/expected.json', import.meta.url), 'utf8')) as Record<string, Expected>;

let cliRun: Promise<Map<string, Finding[]>> | undefined;
function ourFindings(): Promise<Map<string, Finding[]>> {
  cliRun ??= (async () => {
    const args = [cliPath, 'check', '--format', 'json', '--config', 'test/integration/fixtures/alertmanager/.o11y.yaml'];
    args.push(...fixtures.map((f) => `test/integration/fixtures/alertmanager/${f}`));
    const r = await run(process.execPath, args, repoRoot);
    assert.equal(r.spawnError, undefined);
    const findings = JSON.parse(r.stdout) as Finding[];
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) {
      const name = basename(f.file);
      byFile.set(name, [...(byFile.get(name) ?? []), f]);
    }
    return byFile;
  })();
  return cliRun;
}

test('fixture set matches expected.json', () => {
  assert.ok(fixtures.length >= 60, `expected at least 60 fixtures, found ${fixtures.length}`);
  assert.deepEqual(fixtures, Object.keys(expected).sort());
  assert.ok(fixtures.filter((f) => expected[f].valid).length >= 20, 'at least 20 valid fixtures');
  for (const f of Object.keys(ownWording)) {
    assert.ok(fixtures.includes(f), `ownWording names a fixture that does not exist: ${f}`);
  }
});

for (const file of fixtures) {
  test(file, async () => {
    const a = await run(AMTOOL, ['check-config', file], fixtureDir);
    assert.equal(a.spawnError, undefined, `cannot run ${AMTOOL}: ${a.spawnError?.message}`);
    const amtoolValid = a.code === 0;
    const message = /FAILED: (.*)/.exec(a.stdout)?.[1] ?? '';
    const want = expected[file];
    assert.equal(amtoolValid, want.valid, `amtool now says ${file} is ${amtoolValid ? 'valid' : 'invalid'}: ${message}`);
    assert.equal(message, want.amtool, `amtool's message for ${file} changed`);

    const ours = (await ourFindings()).get(file) ?? [];
    const errors = ours.filter((p) => p.severity === 'error');
    const details = `amtool: ${amtoolValid ? 'valid' : message}\no11y:\n${ours.map((p) => `  ${p.line}:${p.column} ${p.severity} ${p.code}: ${p.message}`).join('\n')}`;
    assert.equal(errors.length === 0, amtoolValid, `${file}: o11y and amtool disagree\n${details}`);
    if (!amtoolValid && !(file in ownWording)) {
      assert.ok(
        errors.some((p) => p.message === message || p.message.startsWith(`${message}; did you mean`)),
        `${file}: no error of ours has amtool's wording\n${details}`,
      );
    }
  });
}
