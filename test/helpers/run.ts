import { spawn } from 'node:child_process';

/** What a finished process printed, its exit code, and the error when it could not be started at all. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  spawnError?: Error;
}

/** Runs a command to its end without a shell; never rejects (a missing binary comes back as `spawnError`). */
export function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (spawnError) => resolve({ code: null, stdout, stderr, spawnError }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
