import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../test/helpers/lspClient';
import { generateRuleFile } from './generate';
import { percentile, verdict } from './stats';

const GROUPS = 200;
const PER_GROUP = 25;
const ROUNDS = 60;

/** Issue 4's completion budget: PromQL completion inside a 5,000-rule file, through the real server over stdio. */
export async function benchPromQLCompletion(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-bench-rules-'));
  const file = join(dir, 'rules.yml');
  const text = generateRuleFile(GROUPS, PER_GROUP);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n');
  const exprLines = lines.map((l, i) => (l.includes('expr: sum by (job, instance) (rate(') ? i : -1)).filter((i) => i >= 0);
  const server = new LspProcess();
  const out: string[] = [`rules.yml with ${GROUPS * PER_GROUP} rules (${lines.length} lines)`];
  try {
    await server.initialize(pathToFileURL(dir).href, { textDocument: { diagnostic: { dynamicRegistration: false } } });
    await server.open(uri, text);
    await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const line = exprLines[Math.floor((i / ROUNDS) * exprLines.length)];
      const character = lines[line].indexOf('rate(') + 2;
      const t = performance.now();
      const res = (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as { items: unknown[] };
      times.push(performance.now() - t);
      if (!res?.items?.length) {
        throw new Error('PromQL completion returned no items');
      }
    }
    out.push(verdict('PromQL completion p50', percentile(times, 50), 20), verdict('PromQL completion p95', percentile(times, 95), 20));
  } finally {
    await server.stop();
  }
  return out;
}
