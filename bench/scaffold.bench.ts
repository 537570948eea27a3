import { checkStack, fullOptions, generateStack } from '../server/src/core/scaffold/index';
import { percentile, verdict } from './stats';

const ROUNDS = 10;

/** Issue 10's budget: the full stack generated and put through its own checks (the language service) within 1 s. */
export async function benchScaffold(): Promise<string[]> {
  const times: number[] = [];
  let files = new Map<string, string>();
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    files = generateStack(fullOptions());
    const serious = checkStack(files).filter((f) => f.severity === 'error' || f.severity === 'warning');
    times.push(performance.now() - t);
    if (serious.length) {
      throw new Error(`the full stack should check clean, got: ${serious[0].path}:${serious[0].line} ${serious[0].message}`);
    }
  }
  const bytes = [...files.values()].reduce((n, t) => n + t.length, 0);
  return [
    `full stack: ${files.size} files, ${(bytes / 1024).toFixed(0)} KiB; generate + check, ${ROUNDS} rounds (the first one cold)`,
    verdict('first run (cold)', times[0], 1000),
    verdict('p50', percentile(times, 50), 1000),
    verdict('max', Math.max(...times), 1000),
  ];
}
