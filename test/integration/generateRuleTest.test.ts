// "Generate test for this alert" on every alert of the example rule files: each generated group makes its alert
// fire, and the files built up one group at a time pass under our runner and under Debian's `promtool test rules`.
//
// Run: node --import tsx --test test/integration/generateRuleTest.test.ts (needs promtool on PATH or $PROMTOOL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRuleTest } from '../../server/src/core/ruletest/generateTest';
import { runTestFile } from '../../server/src/core/ruletest/runner';
import { nodeRuleTestHost } from '../../server/src/node/ruleTestHost';
import { PROMTOOL } from '../helpers/promtoolRules';
import { run } from '../helpers/run';

const rulesDir = fileURLToPath(new URL('../../examples/prometheus/rules', import.meta.url));

test('a generated test fires every example alert and passes under both engines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-generated-tests-'));
  mkdirSync(join(dir, 'rules'));
  const written: string[] = [];
  let groups = 0;
  for (const name of readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).sort()) {
    const ruleFile = join(dir, 'rules', name);
    copyFileSync(join(rulesDir, name), ruleFile);
    const testFile = join(dir, 'tests', name.replace('.yml', '-test.yml'));
    mkdirSync(join(dir, 'tests'), { recursive: true });
    let text: string | undefined;
    for (const [, alertname] of readFileSync(ruleFile, 'utf8').matchAll(/^\s*- alert: (\S+)$/gm)) {
      const g = generateRuleTest({ ruleFile, alertname, testFile, testText: text, host: nodeRuleTestHost(), version: '2.42' });
      assert.ok(!('error' in g), `${alertname}: ${'error' in g ? g.error : ''}`);
      assert.equal(g.fires, true, `${alertname} does not fire with the generated input:\n${g.group}`);
      assert.equal(g.created, text === undefined);
      text = (text ?? '').slice(0, g.edit.offset) + g.edit.text + (text ?? '').slice(g.edit.offset + g.edit.length);
      groups++;
    }
    writeFileSync(testFile, text!);
    written.push(testFile);
    const ours = runTestFile(testFile, nodeRuleTestHost());
    assert.equal(ours.status, 'passed', `${testFile}:\n${text}\n${JSON.stringify(ours.groups.flatMap((g) => g.failures.map((f) => f.message)))}`);
  }
  assert.ok(groups >= 30, `only ${groups} alerts`);
  const promtool = await run(PROMTOOL, ['test', 'rules', ...written], dir);
  assert.equal(promtool.spawnError, undefined, `cannot run ${PROMTOOL}`);
  assert.equal(promtool.code, 0, `${promtool.stdout}\n${promtool.stderr}`);
  assert.equal((promtool.stdout.match(/SUCCESS/g) ?? []).length, written.length);
});
