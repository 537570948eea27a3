import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { doc, workspace } from '../helpers/service';
import { memoizable } from '../../server/src/core/kinds/alertmanagerConfig/routeMemo';

// The route checks of alertmanager.yml keep their findings by the text of runs of routes (routeMemo.ts): after any
// edit, what they report must be what a check of the same text without the memo reports.

const RULES = `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        labels: { severity: critical, team: t1 }
      - alert: Slow
        expr: up > 1
        labels: { severity: warning, team: t2 }
`;

/** Three levels, 40 routes under each team (more than one run), with findings of every kind here and there. */
function config(teamInterval: string, child: (t: number, s: number) => string[]): string {
  const out = ['route:', '  receiver: r0', '  group_by: [alertname, team]', '  routes:'];
  for (let t = 0; t < 3; t++) {
    out.push(`    - matchers: ['team="t${t}"']`, `      receiver: r${t}`, `      group_interval: ${teamInterval}`, '      routes:');
    for (let s = 0; s < 40; s++) {
      out.push(...child(t, s));
    }
  }
  out.push('time_intervals:', '  - name: nights', '    time_intervals:', "      - times: [{ start_time: '22:00', end_time: '24:00' }]", 'receivers:');
  for (let r = 0; r < 4; r++) {
    out.push(`  - name: r${r}`);
  }
  return out.join('\n') + '\n';
}

function child(t: number, s: number): string[] {
  const lines = [`        - matchers: ['severity="critical"', 'svc="s${s}"']`, `          receiver: r${(t + s) % 4}`];
  if (s % 7 === 1) lines.push('          receiver: nobody');
  if (s % 9 === 2) lines.push('          repeat_interval: 1h'); // shorter than group_interval only under a 2h team
  if (s % 23 === 7) lines.push('          repeat_interval: 1m');
  if (s % 11 === 3) lines.push("          match_re: { svc: 'a(' }");
  if (s % 13 === 4) lines.push('          mute_time_intervals: [nights, days]');
  if (s % 17 === 5) lines.push("          matchers: ['svc=~\"x\"', 'bad matcher']");
  if (s % 19 === 6) lines.push('          group_by: [cluster]');
  return lines;
}

/** Problems as comparable strings; the file's text gets an anchor-like comment to check it without the memo. */
function check(text: string, version: number, memo: boolean, rules = RULES): string[] {
  const { root, service } = workspace({ 'rules.yml': rules });
  service.indexFile(join(root, 'rules.yml'), rules);
  service.rules.markComplete();
  const file = join(root, 'alertmanager.yml');
  const checked = memo ? text : `${text}# &not-memoized\n`;
  assert.equal(memoizable(checked), memo);
  return service.check(doc(file, checked, version)).problems.map((p) => `${p.offset}+${p.length} ${p.severity} ${p.code} ${p.message} ${JSON.stringify(p.fix ?? null)}`);
}

test('alertmanager.yml: route findings kept by text equal a fresh check after each edit', () => {
  const versions = [
    config('5m', child),
    // A route's own text changes (one run of each team misses).
    config('5m', (t, s) => (t === 1 && s === 20 ? ['        - matchers: [\'severity="warning"\']', '          receiver: nobody-else'] : child(t, s))),
    // What a team passes down changes (its children's findings depend on it): repeat_interval vs group_interval.
    config('2h', child),
    // Routes move: the same runs of text at other offsets.
    config('5m', (t, s) => (s === 0 ? ['        - receiver: r1', ...child(t, s)] : child(t, s))),
    config('5m', child),
  ];
  let found = 0;
  versions.forEach((text, i) => {
    const memoized = check(text, i + 1, true);
    assert.deepEqual(memoized, check(text, i + 1, false));
    found += memoized.length;
  });
  assert.ok(found > 100, `the configurations should have findings of every kind (got ${found})`);
});

test('alertmanager.yml: route findings about the alerts are found again when the rules change', () => {
  const text = config('5m', child);
  const before = check(text, 1, true);
  const rules = RULES.replace('svc: x', '').replace('team: t2', 'team: t2, svc: s3, cluster: c');
  const after = check(text, 2, true, rules);
  assert.notDeepEqual(after, before);
  assert.deepEqual(after, check(text, 2, false, rules));
});

test('alertmanager.yml: only a document without anchors keeps route findings by text', () => {
  assert.equal(memoizable('route:\n  receiver: a\n  url: http://x/?a=1&b=2\n'), true);
  assert.equal(memoizable('base: &base\n  receiver: a\nroute:\n  <<: *base\n'), false);
  assert.equal(memoizable('routes: [&r { receiver: a }]\n'), false);
  assert.equal(memoizable('&top\nroute: {}\n'), false);
});
