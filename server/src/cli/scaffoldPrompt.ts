import { createInterface } from 'node:readline/promises';
import {
  CHANNELS,
  CHANNEL_LABELS,
  COMPONENTS,
  COMPONENT_LABELS,
  validateOptions,
  type AppTarget,
  type ScaffoldOptions,
} from '../core/scaffold/index';
import { parseTarget } from '../core/scaffold/userInput';

export { parseTarget };

/** Asks one question and resolves with the answer (trimmed by the caller). */
export type Ask = (question: string) => Promise<string>;

/** Questions on the terminal (node:readline); close() when done so the process can exit. */
export function terminalAsk(): { ask: Ask; close(): void } {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return { ask: (q) => rl.question(q), close: () => rl.close() };
}

/** Which options the command line already set: those are not asked again. */
export interface Given {
  components?: boolean;
  targets?: boolean;
  channels?: boolean;
  retention?: boolean;
  flavour?: boolean;
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** Asks until the answer passes `check` (which returns a message for a bad answer). */
async function askValid(ask: Ask, out: (s: string) => void, question: string, check: (answer: string) => string | undefined): Promise<string> {
  for (;;) {
    const answer = (await ask(question)).trim();
    const problem = check(answer);
    if (!problem) {
      return answer;
    }
    out(`  ${problem}\n`);
  }
}

const fieldProblem = (candidate: ScaffoldOptions, field: string) => validateOptions(candidate).find((p) => p.field.startsWith(field))?.message;

/** The lists asked for as comma-separated names: the heading over the choices, the question, and the choices. */
const CHOICES = {
  components: { heading: 'Components', question: 'Components', names: COMPONENTS, labels: COMPONENT_LABELS as Record<string, string> },
  channels: { heading: 'Notification channels', question: 'Channels', names: CHANNELS, labels: CHANNEL_LABELS as Record<string, string> },
};

/** Lists the choices with what each is, then asks for some of them; an empty answer keeps the current ones. */
async function askChoice(ask: Ask, out: (s: string) => void, o: ScaffoldOptions, field: keyof typeof CHOICES): Promise<ScaffoldOptions> {
  const { heading, question, names, labels } = CHOICES[field];
  const width = Math.max(...names.map((n) => n.length)) + 1;
  out(`${heading}:\n` + names.map((n) => `  ${n.padEnd(width)} ${labels[n]}`).join('\n') + '\n');
  const chosen = (answer: string): ScaffoldOptions => ({ ...o, [field]: list(answer) });
  const answer = await askValid(ask, out, `${question}, comma-separated [${o[field].join(',')}]: `, (a) => (a ? fieldProblem(chosen(a), field) : undefined));
  return answer ? chosen(answer) : o;
}

/** Fills in the options the flags left open by asking in the terminal; every answer is validated at once. */
export async function promptOptions(o: ScaffoldOptions, given: Given, ask: Ask, out: (s: string) => void): Promise<ScaffoldOptions> {
  if (!given.components) {
    o = await askChoice(ask, out, o, 'components');
  }
  if (!given.targets) {
    const targets: AppTarget[] = [...o.targets];
    for (;;) {
      const answer = await askValid(ask, out, 'Application to scrape, as name=host:port/path (empty when done): ', (a) => {
        if (!a) {
          return undefined;
        }
        const t = parseTarget(a);
        return typeof t === 'string' ? t : fieldProblem({ ...o, targets: [...targets, t] }, `targets[${targets.length}]`);
      });
      if (!answer) {
        break;
      }
      targets.push(parseTarget(answer) as AppTarget);
    }
    o = { ...o, targets };
  }
  if (!given.channels && o.components.includes('alertmanager')) {
    o = await askChoice(ask, out, o, 'channels');
  }
  if (!given.retention) {
    const answer = await askValid(ask, out, `Retention [${o.retention}]: `, (a) => (a ? fieldProblem({ ...o, retention: a }, 'retention') : undefined));
    o = answer ? { ...o, retention: answer } : o;
  }
  if (!given.flavour) {
    const answer = await askValid(ask, out, `Output for compose or kubernetes [${o.flavour}]: `, (a) =>
      !a || a === 'compose' || a === 'kubernetes' ? undefined : 'answer compose or kubernetes',
    );
    o = answer ? { ...o, flavour: answer as ScaffoldOptions['flavour'] } : o;
  }
  return o;
}
