import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runWizard, withComponents, type Answer, type FolderChoice, type InputStep, type PickStep, type WizardUi } from '../../client/src/scaffold/wizard';
import { defaultOptions } from '../../server/src/core/scaffold/options';

// The wizard's questions driven by a script instead of quick picks: each entry sees the step VS Code would show
// and answers it (a value, Back or cancel), so the order, the step numbers, Back and the live checks are tested.

type Seen = { kind: 'pick'; step: PickStep<unknown> } | { kind: 'input'; step: InputStep };
type Reply = (seen: Seen) => Answer<unknown>;

function scripted(replies: Reply[]): { ui: WizardUi; seen: Seen[] } {
  const seen: Seen[] = [];
  const next = (s: Seen) => {
    seen.push(s);
    const reply = replies.shift();
    assert.ok(reply, `no answer scripted for step "${s.step.title}"`);
    return reply(s);
  };
  return {
    seen,
    ui: {
      pick: async <T>(step: PickStep<T>) => next({ kind: 'pick', step: step as PickStep<unknown> }) as Answer<T[]>,
      input: async (step: InputStep) => next({ kind: 'input', step }) as Answer<string>,
    },
  };
}

const value = <T>(v: T): Answer<T> => ({ kind: 'value', value: v });
/** Accepts what the step proposes: the pre-picked items, or the box's value. */
const accept: Reply = (s) => (s.kind === 'pick' ? value(s.step.items.filter((i) => i.picked).map((i) => i.value)) : value(s.step.value));
const back: Reply = () => ({ kind: 'back' });
const typed = (text: string): Reply => (s) => {
  assert.equal(s.kind, 'input');
  return value(text);
};
const picks = (...values: unknown[]): Reply => (s) => {
  assert.equal(s.kind, 'pick');
  return value(values);
};

const ONE: FolderChoice[] = [{ name: 'shop', uri: 'file:///ws/shop', empty: false }];

test('accepting every default gives the defaults of o11y scaffold --yes in a "monitoring" subfolder', async () => {
  const { ui, seen } = scripted(Array(7).fill(accept));
  const answers = await runWizard(ui, ONE);
  assert.deepEqual(answers, { workspaceFolder: 'file:///ws/shop', folder: 'monitoring', options: defaultOptions() });
  assert.deepEqual(
    seen.map((s) => [s.step.title.replace('Scaffold monitoring stack: ', ''), `${s.step.step}/${s.step.totalSteps}`, s.step.canGoBack]),
    [
      ['Folder', '1/7', false],
      ['Components', '2/7', true],
      ['Applications to scrape', '3/7', true],
      ['Notification channels', '4/7', true],
      ['Retention', '5/7', true],
      ['Output', '6/7', true],
      ['Ports', '7/7', true],
    ],
  );
});

test('an empty workspace folder takes the stack itself; several folders add a first step to choose one', async () => {
  const folders: FolderChoice[] = [...ONE, { name: 'empty', uri: 'file:///ws/empty', empty: true }];
  const { ui, seen } = scripted([(s) => value([(s.step as PickStep<FolderChoice>).items[1].value]), accept, ...Array(6).fill(accept)]);
  const answers = await runWizard(ui, folders);
  assert.equal(answers?.workspaceFolder, 'file:///ws/empty');
  assert.equal(answers?.folder, '');
  assert.equal(seen[1].step.title, 'Scaffold monitoring stack: Folder');
  assert.equal(seen[1].step.totalSteps, 8);
});

test('answers: components, two targets, channels, probes, retention, Kubernetes (no ports step)', async () => {
  const { ui, seen } = scripted([
    typed('ops/stack/'),
    picks('prometheus', 'alertmanager', 'blackbox-exporter'),
    typed('api=api:8000/metrics'),
    typed('worker=worker:9100/internal/metrics'),
    typed(''),
    picks('pagerduty', 'email'),
    typed('https://shop.example.com, https://api.example.com/health'),
    typed('30d'),
    picks('kubernetes'),
  ]);
  const answers = await runWizard(ui, ONE);
  assert.deepEqual(answers, {
    workspaceFolder: 'file:///ws/shop',
    folder: 'ops/stack',
    options: {
      ...defaultOptions(),
      components: ['prometheus', 'alertmanager', 'blackbox-exporter'],
      targets: [
        { name: 'api', address: 'api:8000', metricsPath: '/metrics' },
        { name: 'worker', address: 'worker:9100', metricsPath: '/internal/metrics' },
      ],
      channels: ['pagerduty', 'email'],
      probes: ['https://shop.example.com', 'https://api.example.com/health'],
      retention: '30d',
      flavour: 'kubernetes',
    },
  });
  // The second target box lists the first and offers Back to remove it.
  assert.match((seen[3].step as InputStep).prompt, /^Added: api=api:8000\/metrics\./);
  assert.equal(seen[3].step.canGoBack, true);
  // Probes appear with the blackbox exporter (8 steps while Compose is chosen); Kubernetes then needs no ports.
  assert.deepEqual([seen[8].step.step, seen[8].step.totalSteps], [7, 8]);
  assert.equal(seen.length, 9);
});

test('the live checks give the generator\'s messages for bad folders, targets, retention, ports and components', async () => {
  const checks: Record<string, (v: string) => string | undefined> = {};
  const { ui } = scripted([
    (s) => ((checks.folder = (s.step as InputStep).check), accept(s)),
    (s) => {
      const step = s.step as PickStep<string>;
      assert.match(step.check!(['grafana']) ?? '', /prometheus is required/);
      assert.match(step.check!(['prometheus', 'promtail']) ?? '', /promtail ships logs to Loki/);
      assert.equal(step.check!(['prometheus']), undefined);
      return accept(s);
    },
    (s) => ((checks.target = (s.step as InputStep).check), accept(s)),
    accept,
    (s) => ((checks.retention = (s.step as InputStep).check), accept(s)),
    accept,
    (s) => ((checks.ports = (s.step as InputStep).check), accept(s)),
  ]);
  await runWizard(ui, ONE);
  assert.match(checks.folder('../elsewhere') ?? '', /climbs out of the stack folder/);
  assert.match(checks.folder('/etc') ?? '', /is absolute/);
  assert.match(checks.folder('a b') ?? '', /unusual segment "a b"/);
  assert.equal(checks.folder('monitoring/prod'), undefined);
  assert.equal(checks.folder(''), undefined);
  assert.match(checks.target('api') ?? '', /must be name=host:port\/path/);
  assert.match(checks.target('../x=api:8000') ?? '', /looks like a path/);
  assert.match(checks.target('api=api:99999') ?? '', /outside 1-65535/);
  assert.match(checks.target('api=api:8000/../m') ?? '', /must not contain "\." or "\.\." segments/);
  assert.match(checks.target('grafana=g:1') ?? '', /already the name of a component/);
  assert.equal(checks.target('api=api:8000'), undefined);
  assert.equal(checks.target(''), undefined);
  assert.match(checks.retention('15x') ?? '', /is not a duration/);
  assert.match(checks.ports('grafana=9090') ?? '', /port 9090 is already used by prometheus/);
  assert.match(checks.ports('loki=3100') ?? '', /"loki" has no published port/);
  assert.match(checks.ports('grafana') ?? '', /must be name=port/);
});

test('Back: returns to the previous step keeping its answer; in the targets step it first removes the last target', async () => {
  const { ui, seen } = scripted([
    typed('stack'),
    picks('prometheus', 'grafana'),
    typed('api=api:8000'),
    back, // removes api
    back, // to components
    (s) => {
      assert.deepEqual((s.step as PickStep<string>).items.filter((i) => i.picked).map((i) => i.value), ['prometheus', 'grafana']);
      return value(['prometheus', 'alertmanager']);
    },
    typed(''),
    accept, // channels: alertmanager came back, so Slack is proposed again
    accept,
    accept,
    accept,
  ]);
  const answers = await runWizard(ui, ONE);
  assert.deepEqual(answers?.options.targets, []);
  assert.deepEqual(answers?.options.components, ['prometheus', 'alertmanager']);
  assert.deepEqual(answers?.options.channels, ['slack']);
  assert.equal(seen[4].step.canGoBack, true);
});

test('cancelling any step cancels the wizard', async () => {
  const { ui } = scripted([accept, accept, () => ({ kind: 'cancel' })]);
  assert.equal(await runWizard(ui, ONE), undefined);
  assert.equal(await runWizard(scripted([]).ui, []), undefined);
});

test('withComponents drops channels without Alertmanager and probes without the blackbox exporter', () => {
  const o = { ...defaultOptions(), components: [...defaultOptions().components, 'blackbox-exporter' as const], probes: ['https://a.example'] };
  const fewer = withComponents(o, ['prometheus', 'grafana']);
  assert.deepEqual([fewer.channels, fewer.probes], [[], []]);
  const again = withComponents(fewer, ['prometheus', 'alertmanager', 'blackbox-exporter']);
  assert.deepEqual([again.channels, again.probes], [['slack'], ['https://example.com']]);
});
