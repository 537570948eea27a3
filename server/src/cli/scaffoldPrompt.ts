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

/** Fills in the options the flags left open by asking in the terminal; every answer is validated at once. */
export async function promptOptions(o: ScaffoldOptions, given: Given, ask: Ask, out: (s: string) => void): Promise<ScaffoldOptions> {
  const fieldProblem = (candidate: ScaffoldOptions, field: string) => validateOptions(candidate).find((p) => p.field.startsWith(field))?.message;
  if (!given.components) {
    out('Components:\n' + COMPONENTS.map((c) => `  ${c.padEnd(18)} ${COMPONENT_LABELS[c]}`).join('\n') + '\n');
    const answer = await askValid(ask, out, `Components, comma-separated [${o.components.join(',')}]: `, (a) =>
      a ? fieldProblem({ ...o, components: list(a) as ScaffoldOptions['components'] }, 'components') : undefined,
    );
    if (answer) {
      o = { ...o, components: list(answer) as ScaffoldOptions['components'] };
    }
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
    out('Notification channels:\n' + CHANNELS.map((c) => `  ${c.padEnd(10)} ${CHANNEL_LABELS[c]}`).join('\n') + '\n');
    const answer = await askValid(ask, out, `Channels, comma-separated [${o.channels.join(',')}]: `, (a) =>
      a ? fieldProblem({ ...o, channels: list(a) as ScaffoldOptions['channels'] }, 'channels') : undefined,
    );
    if (answer) {
      o = { ...o, channels: list(answer) as ScaffoldOptions['channels'] };
    }
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
