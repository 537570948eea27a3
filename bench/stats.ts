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

/** Median wall time of a command over `runs` runs, and its last exit status. */
export function timeCommand(cmd: string, args: string[], runs = 5, cwd?: string): { median: number; status: number | null } {
  const times: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd, stdio: 'ignore' });
    times.push(performance.now() - t);
    status = r.status;
  }
  return { median: percentile(times, 50), status };
}

/**
 * Two commands timed in turn, run after run (a busy machine's load then weighs on both alike); medians and the
 * exit status of each.
 */
export function timeCommandsInTurn(
  a: { cmd: string; args: string[] },
  b: { cmd: string; args: string[] },
  runs: number,
  cwd?: string,
): [{ median: number; status: number | null }, { median: number; status: number | null }] {
  const times: [number[], number[]] = [[], []];
  const status: [number | null, number | null] = [null, null];
  for (let i = 0; i < runs; i++) {
    [a, b].forEach((c, k) => {
      const t = performance.now();
      status[k] = spawnSync(c.cmd, c.args, { cwd, stdio: 'ignore' }).status;
      times[k].push(performance.now() - t);
    });
  }
  return [0, 1].map((k) => ({ median: percentile(times[k], 50), status: status[k] })) as [{ median: number; status: number | null }, { median: number; status: number | null }];
}

/** A budget line: the figure, the budget, and whether it is met. */
export function verdict(label: string, value: number, budget: number, unit = 'ms'): string {
  const ok = value <= budget;
  return `${ok ? 'ok  ' : 'OVER'} ${label.padEnd(44)} ${value.toFixed(1).padStart(8)} ${unit}   (budget ≤ ${budget} ${unit})`;
}
