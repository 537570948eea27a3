// Differential test: which receivers get an alert, by our routing (core/alertmanager/route.ts) and by the real
// `amtool config routes test` (Debian's 0.25), on label sets over several routing trees.
//
// Run: node --import tsx --test test/integration/amtoolRoutes.test.ts (needs amtool).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMatchers } from '../../server/src/core/alertmanager/matchers';
import { buildRouteTree, matchRoutes } from '../../server/src/core/alertmanager/route';
import { parseYaml } from '../../server/src/core/syntax/parseYaml';
import { getValue } from '../../server/src/core/syntax/ast';
import { run } from '../helpers/run';

const dir = fileURLToPath(new URL('fixtures/alertmanager/', import.meta.url));
const AMTOOL = process.env.AMTOOL ?? 'amtool';

/** Label sets per routing tree, written as amtool's arguments. */
const CASES: Record<string, string[][]> = {
  'routing/teams.yml': [
    [],
    ['severity=critical'],
    ['severity=warning'],
    ['team=db'],
    ['team=db', 'severity=critical'],
    ['team=db', 'severity=page'],
    ['team=db', 'service=mysql'],
    ['team=db', 'service=postgres', 'severity=critical'],
    ['team=db', 'service=oracle'],
    ['team=web'],
    ['team=api', 'env=prod'],
    ['team=api', 'env=dev'],
    ['team=web', 'service=checkout'],
    ['team=web', 'service=checkout', 'severity=info'],
    ['team=web', 'service=checkout', 'severity=critical'],
    ['team=web', 'severity=debug'],
    ['team=webapp'],
    ['env=dev'],
    ['env=dev', 'severity=critical'],
    ['alertname=Watchdog'],
    ['alertname=InfoInhibitor', 'team=db'],
    ['alertname=WatchdogX'],
  ],
  'routing/fanout.yml': [
    [],
    ['region=eu'],
    ['region=eu', 'severity=critical'],
    ['region=eu', 'severity=warning'],
    ['region=us-east', 'severity=critical'],
    ['region=us-', 'audit=true'],
    ['region=us'],
    ['severity=critical'],
    ['region=ap', 'severity=critical', 'audit=true'],
    ['audit=true'],
    ['audit=TRUE'],
  ],
  'routing/utf8.yml': [
    ['msg="a \\"quoted\\" value"'],
    ['msg=a quoted value'],
    ['city=Zürich'],
    ['city=Zurich'],
    ['name=alphabet'],
    ['name=ALPHA'],
    ['name=beta'],
    ['path=/api/v1/users'],
    ['path=/api/v3/users'],
    ['kind=a'],
    ['kind=a', 'tier=gold'],
    ['kind=a', 'tier=bronze'],
  ],
  '02-valid-realistic.yml': [['severity=critical', 'team=db'], ['severity=info'], ['team=db', 'env=dev'], ['team=db', 'env=prod']],
  '18-valid-null-receiver-and-nested.yml': [['team=a'], ['team=a', 'severity=critical'], ['team=b']],
};

test('enough label sets', () => {
  assert.ok(Object.values(CASES).flat().length >= 40);
});

for (const [file, sets] of Object.entries(CASES)) {
  const text = readFileSync(dir + file, 'utf8');
  const tree = buildRouteTree(getValue(parseYaml(text)[0].root, 'route')!, text, '0.25');
  for (const labels of sets) {
    test(`${file} ${labels.join(' ') || '(no labels)'}`, async () => {
      const r = await run(AMTOOL, ['config', 'routes', 'test', `--config.file=${file}`, ...labels], dir);
      assert.equal(r.spawnError, undefined, `cannot run ${AMTOOL}: ${r.spawnError?.message}`);
      assert.equal(r.code, 0, r.stderr);
      // Each argument is one classic matcher with `=`, as amtool reads it.
      const set = Object.fromEntries(labels.map((l) => parseMatchers(l, 'classic').matchers[0]).map((m) => [m.name, m.value]));
      assert.equal(matchRoutes(tree, set).map((route) => route.options.receiver).join(','), r.stdout.trim());
    });
  }
}
