import { spawnSync } from 'node:child_process';
import type { ParsedArgs } from './args';
import { UsageError } from './args';

/**
 * `o11y test --engine promtool`: the same files through a `promtool` binary (`--promtool PATH`, else the one on
 * PATH), its report and exit status passed through — for comparing engines, or when a test needs what the
 * built-in one lacks (native histograms). Only the text report exists there.
 */
export function runWithPromtool(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): number {
  for (const flag of ['run', 'junit', 'prometheus-version']) {
    if (args.flags[flag] !== undefined) {
      throw new UsageError(`--${flag} works with the built-in engine only`);
    }
  }
  if (args.flags.format !== undefined && args.flags.format !== 'text') {
    throw new UsageError('--engine promtool prints promtool\'s text report only');
  }
  const binary = typeof args.flags.promtool === 'string' ? args.flags.promtool : 'promtool';
  const r = spawnSync(binary, ['test', 'rules', ...args.positionals], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) {
    err(`o11y: cannot run ${binary}: ${r.error.message} (install Prometheus's promtool, or name it with --promtool PATH)\n`);
    return 2;
  }
  out(r.stdout);
  err(r.stderr);
  return r.status ?? 1;
}
