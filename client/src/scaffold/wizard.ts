/**
 * The questions of "O11y: Scaffold monitoring stack", one step each, with Back: where the stack goes, its components,
 * the applications to scrape, notification channels, probes, retention, flavour and ports. Every answer is checked
 * with the generator's own validation while it is typed. No VS Code here: the steps talk to a `WizardUi`
 * (quick picks and input boxes in the editor, a script in tests).
 */
import {
  CHANNELS,
  CHANNEL_LABELS,
  COMPONENTS,
  COMPONENT_LABELS,
  defaultOptions,
  type Channel,
  type Component,
  type Flavour,
  type ScaffoldOptions,
} from '../../../server/src/core/scaffold/options';
import { validateOptions } from '../../../server/src/core/scaffold/validate';
import { formatPorts, formatTarget, parsePorts, parseStackFolder, parseTarget } from '../../../server/src/core/scaffold/userInput';

export type Answer<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

export interface StepFrame {
  title: string;
  step: number;
  totalSteps: number;
  canGoBack: boolean;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  value: T;
  picked?: boolean;
}

export interface PickStep<T> extends StepFrame {
  placeholder: string;
  items: PickItem<T>[];
  many: boolean;
  /** Why these values cannot be accepted, or undefined. */
  check?: (values: T[]) => string | undefined;
}

export interface InputStep extends StepFrame {
  prompt: string;
  value: string;
  placeholder?: string;
  check: (value: string) => string | undefined;
}

export interface WizardUi {
  pick<T>(step: PickStep<T>): Promise<Answer<T[]>>;
  input(step: InputStep): Promise<Answer<string>>;
}

export interface FolderChoice {
  name: string;
  uri: string;
  /** An empty folder takes the stack itself; another gets a `monitoring` subfolder by default. */
  empty: boolean;
}

export interface WizardAnswers {
  workspaceFolder: string;
  folder: string;
  options: ScaffoldOptions;
}

interface State {
  workspace: FolderChoice;
  folder?: string;
  options: ScaffoldOptions;
}

type Outcome = 'next' | 'back' | 'cancel';

interface Step {
  title: string;
  applies(s: State, folders: FolderChoice[]): boolean;
  run(ui: WizardUi, s: State, frame: StepFrame, folders: FolderChoice[]): Promise<Outcome>;
}

/** The first problem validateOptions finds in the fields starting with `field`. */
function problemOf(o: ScaffoldOptions, field: string): string | undefined {
  return validateOptions(o).find((p) => p.field.startsWith(field))?.message;
}

const DEFAULT_PROBE = 'https://example.com';

/** The options after choosing components: channels need Alertmanager, probes the blackbox exporter. */
export function withComponents(o: ScaffoldOptions, components: Component[]): ScaffoldOptions {
  const alertmanager = components.includes('alertmanager');
  const blackbox = components.includes('blackbox-exporter');
  return {
    ...o,
    components,
    channels: alertmanager ? (o.components.includes('alertmanager') ? o.channels : defaultOptions().channels) : [],
    probes: blackbox ? (o.probes.length ? o.probes : [DEFAULT_PROBE]) : [],
  };
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function settle<T>(answer: Answer<T>, apply: (value: T) => void): Outcome {
  if (answer.kind === 'value') {
    apply(answer.value);
    return 'next';
  }
  return answer.kind;
}

const STEPS: Step[] = [
  {
    title: 'Workspace folder',
    applies: (_s, folders) => folders.length > 1,
    run: async (ui, s, frame, folders) =>
      settle(
        await ui.pick({
          ...frame,
          many: false,
          placeholder: 'The workspace folder the stack goes into',
          items: folders.map((f) => ({ label: f.name, description: f.uri, value: f, picked: f.uri === s.workspace.uri })),
        }),
        ([f]) => (s.workspace = f),
      ),
  },
  {
    title: 'Folder',
    applies: () => true,
    run: async (ui, s, frame) =>
      settle(
        await ui.input({
          ...frame,
          prompt: `The stack's folder inside ${s.workspace.name}; empty for ${s.workspace.name} itself. Nothing is written outside it.`,
          value: s.folder ?? (s.workspace.empty ? '' : 'monitoring'),
          placeholder: 'monitoring',
          check: (v) => {
            const parsed = parseStackFolder(v);
            return 'problem' in parsed ? parsed.problem : undefined;
          },
        }),
        (v) => (s.folder = (parseStackFolder(v) as { folder: string }).folder),
      ),
  },
  {
    title: 'Components',
    applies: () => true,
    run: async (ui, s, frame) =>
      settle(
        await ui.pick<Component>({
          ...frame,
          many: true,
          placeholder: 'The parts of the stack (Prometheus is required)',
          items: COMPONENTS.map((c) => ({ label: c, description: COMPONENT_LABELS[c], value: c, picked: s.options.components.includes(c) })),
          check: (cs) => problemOf(withComponents(s.options, cs), 'components'),
        }),
        (cs) => (s.options = withComponents(s.options, cs)),
      ),
  },
  { title: 'Applications to scrape', applies: () => true, run: (ui, s, frame) => askTargets(ui, s, frame) },
  {
    title: 'Notification channels',
    applies: (s) => s.options.components.includes('alertmanager'),
    run: async (ui, s, frame) =>
      settle(
        await ui.pick<Channel>({
          ...frame,
          many: true,
          placeholder: 'Where Alertmanager sends alerts (the secrets go in .env, never in the files)',
          items: CHANNELS.map((c) => ({ label: c, description: CHANNEL_LABELS[c], value: c, picked: s.options.channels.includes(c) })),
        }),
        (channels) => (s.options = { ...s.options, channels }),
      ),
  },
  {
    title: 'Probes',
    applies: (s) => s.options.components.includes('blackbox-exporter'),
    run: async (ui, s, frame) =>
      settle(
        await ui.input({
          ...frame,
          prompt: 'URLs the blackbox exporter probes for availability and certificate expiry, comma-separated',
          value: s.options.probes.join(', '),
          check: (v) => problemOf({ ...s.options, probes: list(v) }, 'probes'),
        }),
        (v) => (s.options = { ...s.options, probes: list(v) }),
      ),
  },
  {
    title: 'Retention',
    applies: () => true,
    run: async (ui, s, frame) =>
      settle(
        await ui.input({
          ...frame,
          prompt: 'How long Prometheus (and Loki) keep data, e.g. 15d, 12h or 1y',
          value: s.options.retention,
          check: (v) => problemOf({ ...s.options, retention: v.trim() }, 'retention'),
        }),
        (v) => (s.options = { ...s.options, retention: v.trim() }),
      ),
  },
  {
    title: 'Output',
    applies: () => true,
    run: async (ui, s, frame) =>
      settle(
        await ui.pick<Flavour>({
          ...frame,
          many: false,
          placeholder: 'How the stack is run',
          items: (
            [
              { label: 'Compose', description: 'docker-compose.yml with healthchecks, named volumes, one network', value: 'compose' },
              { label: 'Kubernetes', description: 'ConfigMaps and PrometheusRule resources', value: 'kubernetes' },
            ] as const
          ).map((i) => ({ ...i, picked: s.options.flavour === i.value })),
        }),
        ([flavour]) => (s.options = { ...s.options, flavour }),
      ),
  },
  {
    title: 'Ports',
    applies: (s) => s.options.flavour === 'compose',
    run: async (ui, s, frame) => {
      const portsOf = (v: string) => {
        const given = parsePorts(v);
        return typeof given === 'string' ? given : { ...s.options.ports, ...given };
      };
      return settle(
        await ui.input({
          ...frame,
          prompt: 'Host ports of the web UIs (bound to 127.0.0.1), as name=port, comma-separated',
          value: formatPorts(s.options.ports, s.options.components),
          check: (v) => {
            const ports = portsOf(v);
            return typeof ports === 'string' ? ports : problemOf({ ...s.options, ports }, 'ports');
          },
        }),
        (v) => (s.options = { ...s.options, ports: portsOf(v) as ScaffoldOptions['ports'] }),
      );
    },
  },
];

/**
 * Applications, one `name=host:port/path` per box; an empty box goes on. Back removes the last application added,
 * and with none left goes to the previous step.
 */
async function askTargets(ui: WizardUi, s: State, frame: StepFrame): Promise<Outcome> {
  for (;;) {
    const added = s.options.targets.map(formatTarget);
    const answer = await ui.input({
      ...frame,
      canGoBack: frame.canGoBack || added.length > 0,
      prompt: added.length
        ? `Added: ${added.join(', ')}. Another as name=host:port/path, or Enter on an empty box to go on (Back removes the last).`
        : 'An application to scrape as name=host:port/path (e.g. api=api:8000/metrics), or Enter on an empty box for none',
      value: '',
      placeholder: 'api=api:8000/metrics',
      check: (v) => {
        if (!v.trim()) {
          return undefined;
        }
        const t = parseTarget(v.trim());
        const i = s.options.targets.length;
        return typeof t === 'string' ? t : problemOf({ ...s.options, targets: [...s.options.targets, t] }, `targets[${i}]`);
      },
    });
    if (answer.kind === 'cancel') {
      return 'cancel';
    }
    if (answer.kind === 'back') {
      if (!s.options.targets.length) {
        return 'back';
      }
      s.options = { ...s.options, targets: s.options.targets.slice(0, -1) };
      continue;
    }
    if (!answer.value.trim()) {
      return 'next';
    }
    s.options = { ...s.options, targets: [...s.options.targets, parseTarget(answer.value.trim()) as ScaffoldOptions['targets'][number]] };
  }
}

/** Asks every question that applies, in order; undefined when cancelled. */
export async function runWizard(ui: WizardUi, folders: FolderChoice[]): Promise<WizardAnswers | undefined> {
  if (!folders.length) {
    return undefined;
  }
  const s: State = { workspace: folders[0], options: defaultOptions() };
  const visited: number[] = [];
  let i = 0;
  while (i < STEPS.length) {
    const step = STEPS[i];
    if (!step.applies(s, folders)) {
      i++;
      continue;
    }
    const active = STEPS.filter((x) => x.applies(s, folders));
    const frame: StepFrame = {
      title: `Scaffold monitoring stack: ${step.title}`,
      step: active.indexOf(step) + 1,
      totalSteps: active.length,
      canGoBack: visited.length > 0,
    };
    const outcome = await step.run(ui, s, frame, folders);
    if (outcome === 'cancel') {
      return undefined;
    }
    if (outcome === 'back') {
      i = visited.pop() ?? i;
    } else {
      visited.push(i);
      i++;
    }
  }
  return { workspaceFolder: s.workspace.uri, folder: s.folder ?? '', options: s.options };
}
