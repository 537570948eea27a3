import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTree } from 'jsonc-parser';
import { validatorFor } from '../server/src/core/schema/validator';
import { LspProcess } from '../test/helpers/lspClient';
import { generateDashboard } from './generateDashboard';
import { ms, peakRssMiB, percentile, verdict } from './stats';

const PANELS = 300;
const ROUNDS = 30;

interface Pulled {
  items: { severity?: number; message: string }[];
}

/** Issue 8's budgets for a 300-panel dashboard, through the real server over stdio, beside plain JSON + schema validation. */
export async function benchGrafanaDashboard(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-bench-dashboard-'));
  const file = join(dir, 'services.json');
  const text = generateDashboard(PANELS);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const server = new LspProcess();
  const out: string[] = [`services.json with ${PANELS} panels (${(text.length / 1024 / 1024).toFixed(2)} MiB, ${text.split('\n').length} lines)`];
  try {
    await server.initialize(pathToFileURL(dir).href, { textDocument: { diagnostic: { dynamicRegistration: false } } });
    const pull = async (): Promise<Pulled['items']> =>
      ((await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as Pulled).items;
    let t = performance.now();
    let cpu = cpuMs(server.pid);
    await server.open(uri, text);
    const first = await pull();
    const firstMs = performance.now() - t;
    const firstCpu = cpuMs(server.pid) - cpu;
    const serious = first.filter((d) => (d.severity ?? 1) <= 2);
    if (serious.length) {
      throw new Error(`the generated dashboard should have no errors or warnings, got: ${serious[0].message}`);
    }
    const edits: number[] = [];
    cpu = cpuMs(server.pid);
    for (let v = 2; v < 2 + ROUNDS; v++) {
      // An edit inside one panel's query, a different panel each time, as when typing in one target.
      const panel = (v * 37) % PANELS;
      const edited = text.replace(`handler="/api/v${panel}"}[$__rate_interval]))`, `handler="/api/v${panel}-${v}"}[$__rate_interval]))`);
      t = performance.now();
      await server.change(uri, v, edited);
      const items = await pull();
      edits.push(performance.now() - t);
      if (items.some((d) => (d.severity ?? 1) <= 2)) {
        throw new Error(`edit ${v} should keep the dashboard clean`);
      }
    }
    const editCpu = (cpuMs(server.pid) - cpu) / ROUNDS;
    const rss = peakRssMiB(server.pid);
    out.push(
      verdict('didOpen → first diagnostics', firstMs, 500),
      verdict('edit → diagnostics p50', percentile(edits, 50), 200),
      verdict('edit → diagnostics p95', percentile(edits, 95), 200),
      // On a shared machine the wall times above include waiting for a core; the server's own CPU time does not.
      `     server CPU for the first diagnostics         ${ms(firstCpu).padStart(11)}`,
      `     server CPU per edit (mean)                   ${ms(editCpu).padStart(11)}`,
      `     server peak RSS                              ${rss.toFixed(0).padStart(8)} MiB`,
    );
  } finally {
    await server.stop();
  }
  out.push(...plainValidation(text));
  return out;
}

/** CPU time (user + system) a process has used so far, from /proc (10 ms ticks). */
function cpuMs(pid: number | undefined): number {
  if (!pid) {
    return NaN;
  }
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * For scale, what a schema-only validator does with the same text (no positions, no semantic or PromQL checks):
 * JSON.parse + the same generated ajv validator, and the offset-keeping parse of the JSON language service (jsonc-parser).
 */
function plainValidation(text: string): string[] {
  const validate = validatorFor('grafana-dashboard.schema.json');
  const times = { ajv: [] as number[], jsonc: [] as number[] };
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    validate(JSON.parse(text));
    times.ajv.push(performance.now() - t);
    t = performance.now();
    parseTree(text);
    times.jsonc.push(performance.now() - t);
  }
  return [
    `     for scale: JSON.parse + ajv schema only      ${ms(percentile(times.ajv, 50)).padStart(11)}   (no positions, no semantic/PromQL checks)`,
    `     for scale: jsonc-parser parseTree            ${ms(percentile(times.jsonc, 50)).padStart(11)}   (the JSON language service's parse)`,
  ];
}
