import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess, REPO } from '../test/helpers/lspClient';
import { generateRuleFile } from './generate';
import { ms, peakRssMiB, percentile, timeCommand, verdict } from './stats';

const GROUPS = 200;
const PER_GROUP = 25;
const ROUNDS = 40;

interface Pulled {
  items: { severity?: number; message: string }[];
}

/** Issue 5's budgets for a 200-group × 25-rule file, through the real server over stdio, and `o11y check` vs promtool. */
export async function benchRules(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-bench-rules-'));
  const file = join(dir, 'rules.yml');
  const text = generateRuleFile(GROUPS, PER_GROUP);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n');
  const server = new LspProcess();
  const out: string[] = [`rules.yml with ${GROUPS} groups × ${PER_GROUP} rules (${lines.length} lines, ${(text.length / 1024).toFixed(0)} KiB)`];
  try {
    await server.initialize(pathToFileURL(dir).href, { textDocument: { diagnostic: { dynamicRegistration: false } } });
    const pull = async (): Promise<Pulled['items']> =>
      ((await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as Pulled).items;
    let t = performance.now();
    await server.open(uri, text);
    const first = await pull();
    const firstMs = performance.now() - t;
    const serious = first.filter((d) => (d.severity ?? 1) <= 2);
    if (serious.length) {
      throw new Error(`the generated file should have no errors or warnings, got: ${serious[0].message}`);
    }
    const edits: number[] = [];
    for (let v = 2; v < 2 + ROUNDS; v++) {
      const group = (v * 37) % GROUPS;
      const edited = text.replace(`service="svc-${group}", code`, `service="svc-${group}-${v}", code`);
      t = performance.now();
      await server.change(uri, v, edited);
      await pull();
      edits.push(performance.now() - t);
    }
    const completion = await completionTimes(server, uri, lines);
    const rss = peakRssMiB(server.pid);
    out.push(
      verdict('didOpen → first diagnostics', firstMs, 400),
      verdict('edit → diagnostics p50', percentile(edits, 50), 150),
      verdict('edit → diagnostics p95', percentile(edits, 95), 150),
      verdict('completion p50 (keys, PromQL, templates)', percentile(completion, 50), 30),
      verdict('completion p95 (keys, PromQL, templates)', percentile(completion, 95), 30),
      `     server peak RSS                              ${rss.toFixed(0).padStart(8)} MiB`,
    );
  } finally {
    await server.stop();
  }
  const o11y = timeCommand(process.execPath, [join(REPO, 'bin/o11y.js'), 'check', file]);
  const promtool = timeCommand('promtool', ['check', 'rules', file]);
  out.push(
    verdict('o11y check (median of 5)', o11y.median, promtool.median),
    `     promtool check rules                           ${ms(promtool.median).padStart(11)}   (exit ${promtool.status}; o11y exit ${o11y.status})`,
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
