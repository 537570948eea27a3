import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../test/helpers/lspClient';
import { generatePrometheusConfig } from './generate';
import { diagnosticsVerdicts, peakRssLine, timeEdits, withOpenedFile } from './serverSession';
import { ms, NODE_START, nodeStartLine, percentile, timeInTurn, verdict } from './stats';

const JOBS = 2000;
const ROUNDS = 40;
/** Runs of `o11y check` and `promtool check config` each, for their medians. */
const CLI_RUNS = 15;
const SMALL_JOBS = 10;

/** Issue 2's budgets for a 2,000-job prometheus.yml, through the real server over stdio. */
export async function benchPrometheusConfig(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-bench-'));
  const file = join(dir, 'prometheus.yml');
  const text = generatePrometheusConfig(JOBS);
  writeFileSync(file, text);
  const lines = text.split('\n');
  const out: string[] = [`prometheus.yml with ${JOBS} jobs (${lines.length} lines, ${(text.length / 1024).toFixed(0)} KiB)`];
  await withOpenedFile(dir, file, text, 'clean', async (f) => {
    // One job's scrape interval retyped per edit, a different job each time.
    const edits = await timeEdits(f, ROUNDS, text, (v, current) =>
      current.replace(`job_name: job-${v * 37}\n    scrape_interval: 30s`, `job_name: job-${v * 37}\n    scrape_interval: ${v}s`),
    );
    const completion: number[] = [];
    const hover: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const job = Math.floor((i / ROUNDS) * JOBS);
      const line = 6 + job * 20 + 2;
      let t = performance.now();
      const res = (await f.server.connection.sendRequest('textDocument/completion', { textDocument: { uri: f.uri }, position: { line, character: 4 } })) as { items: unknown[] };
      completion.push(performance.now() - t);
      if (!res?.items?.length) {
        throw new Error('completion returned no items');
      }
      t = performance.now();
      await f.server.connection.sendRequest('textDocument/hover', { textDocument: { uri: f.uri }, position: { line, character: 8 } });
      hover.push(performance.now() - t);
    }
    out.push(
      ...diagnosticsVerdicts(f, edits, { open: 300, edit: 100 }),
      verdict('completion p50', percentile(completion, 50), 30),
      verdict('completion p95', percentile(completion, 95), 30),
      verdict('hover p50', percentile(hover, 50), 30),
      verdict('hover p95', percentile(hover, 95), 30),
      peakRssLine(f),
    );
  });
  out.push(...compareWithPromtool(file, 'o11y check', true));
  // A typical prometheus.yml, for information (no budget): here start-up is nearly all of the time.
  const small = join(dir, 'small', 'prometheus.yml');
  mkdirSync(join(dir, 'small'));
  writeFileSync(small, generatePrometheusConfig(SMALL_JOBS));
  out.push(...compareWithPromtool(small, `o11y check, ${SMALL_JOBS} jobs`, false));
  return out;
}

function compareWithPromtool(file: string, what: string, budgeted: boolean): string[] {
  const [o11y, promtool, node] = timeInTurn(
    [
      { cmd: process.execPath, args: [join(REPO, 'bin/o11y.js'), 'check', file] },
      { cmd: 'promtool', args: ['check', 'config', '--syntax-only', file] },
      NODE_START,
    ],
    CLI_RUNS,
  );
  const label = `${what} (median of ${CLI_RUNS})`;
  return [
    budgeted ? verdict(label, o11y.median, Number(promtool.median.toFixed(1))) : `     ${label.padEnd(44)} ${ms(o11y.median).padStart(11)}`,
    `     promtool check config --syntax-only            ${ms(promtool.median).padStart(11)}   (exit ${promtool.status}; o11y exit ${o11y.status})`,
    nodeStartLine(node.median),
  ];
}
