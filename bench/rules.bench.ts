import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspProcess, REPO } from '../test/helpers/lspClient';
import { generateRuleFile } from './generate';
import { diagnosticsVerdicts, peakRssLine, timeEdits, withOpenedFile } from './serverSession';
import { ms, NODE_START, nodeStartLine, percentile, timeInTurn, verdict } from './stats';

const GROUPS = 200;
const PER_GROUP = 25;
const ROUNDS = 40;
/** Runs of `o11y check` and `promtool check rules` each, taken in turn, for their medians. */
const CLI_RUNS = 11;

/** Issue 5's budgets for a 200-group × 25-rule file, through the real server over stdio, and `o11y check` vs promtool. */
export async function benchRules(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-bench-rules-'));
  const file = join(dir, 'rules.yml');
  const text = generateRuleFile(GROUPS, PER_GROUP);
  writeFileSync(file, text);
  const lines = text.split('\n');
  const out: string[] = [`rules.yml with ${GROUPS} groups × ${PER_GROUP} rules (${lines.length} lines, ${(text.length / 1024).toFixed(0)} KiB)`];
  await withOpenedFile(dir, file, text, 'no errors or warnings', async (f) => {
    // One rule's expression retyped per edit, a different group each time.
    const edits = await timeEdits(f, ROUNDS, text, (v, current) => {
      const group = (v * 37) % GROUPS;
      return current.replace(`service="svc-${group}", code`, `service="svc-${group}-${v}", code`);
    });
    const completion = await completionTimes(f.server, f.uri, lines);
    out.push(
      ...diagnosticsVerdicts(f, edits, { open: 400, edit: 150 }),
      verdict('completion p50 (keys, PromQL, templates)', percentile(completion, 50), 30),
      verdict('completion p95 (keys, PromQL, templates)', percentile(completion, 95), 30),
      peakRssLine(f),
    );
  });
  const [o11y, promtool, node] = timeInTurn(
    [
      { cmd: process.execPath, args: [join(REPO, 'bin/o11y.js'), 'check', file] },
      { cmd: 'promtool', args: ['check', 'rules', file] },
      NODE_START,
    ],
    CLI_RUNS,
  );
  out.push(
    verdict(`o11y check (median of ${CLI_RUNS})`, o11y.median, Number(promtool.median.toFixed(1))),
    `     promtool check rules                           ${ms(promtool.median).padStart(11)}   (exit ${promtool.status}; o11y exit ${o11y.status})`,
    nodeStartLine(node.median),
  );
  return out;
}

/** Completion at three kinds of places, spread over the file: a rule's keys, PromQL in `expr`, and an annotation template. */
async function completionTimes(server: LspProcess, uri: string, lines: string[]): Promise<number[]> {
  const where = (needle: string, column: (line: string) => number): { line: number; character: number }[] =>
    lines.flatMap((l, line) => (l.includes(needle) ? [{ line, character: column(l) }] : []));
  const spots = [
    ...where('        for: 10m', () => 8),
    ...where('expr: sum by (job, instance) (rate(', (l) => l.indexOf('rate(') + 2),
    ...where('summary: "p95 latency of {{ $labels.', (l) => l.indexOf('$labels.') + 8),
  ];
  const times: number[] = [];
  for (let i = 0; i < ROUNDS * 3; i++) {
    const position = spots[Math.floor((i * 7919) % spots.length)];
    const t = performance.now();
    const res = (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as { items: unknown[] } | null;
    times.push(performance.now() - t);
    if (!res?.items?.length && !lines[position.line].includes('$labels.')) {
      throw new Error(`completion returned no items at ${position.line + 1}:${position.character + 1}`);
    }
  }
  return times;
}
