import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function ms(n: number): string {
  return `${n.toFixed(1)} ms`;
}

/** Peak resident memory of a process (VmHWM), in MiB. */
export function peakRssMiB(pid: number | undefined): number {
  if (!pid) {
    return NaN;
  }
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** A command to time: executable, arguments. */
export interface Command {
  cmd: string;
  args: string[];
}

/**
 * Median wall times of commands run in turn, round after round, so that the load of a shared machine falls on
 * all alike, and each one's last exit status. One round comes first, uncounted: o11y's first run writes its V8
 * code cache.
 */
export function timeInTurn(commands: Command[], runs: number, cwd?: string): { median: number; status: number | null }[] {
  const times = commands.map(() => [] as number[]);
  const status: (number | null)[] = commands.map(() => null);
  for (let round = -1; round < runs; round++) {
    commands.forEach(({ cmd, args }, i) => {
      const t = performance.now();
      status[i] = spawnSync(cmd, args, { cwd, stdio: 'ignore' }).status;
      if (round >= 0) {
        times[i].push(performance.now() - t);
      }
    });
  }
  return times.map((t, i) => ({ median: percentile(t, 50), status: status[i] }));
}

/** `node -e 0`, timed in turn with the CLI comparisons: the part of every `o11y` run that is Node's own start. */
export const NODE_START: Command = { cmd: process.execPath, args: ['-e', '0'] };

export function nodeStartLine(median: number): string {
  return `     for scale: Node's own start (node -e 0)        ${ms(median).padStart(11)}`;
}

/** A budget line: the figure, the budget, and whether it is met. */
export function verdict(label: string, value: number, budget: number, unit = 'ms'): string {
  const ok = value <= budget;
  return `${ok ? 'ok  ' : 'OVER'} ${label.padEnd(44)} ${value.toFixed(1).padStart(8)} ${unit}   (budget ≤ ${budget} ${unit})`;
}
