import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../test/helpers/lspClient';
import { startPrometheus } from '../test/helpers/prometheus';
import { ms, percentile, verdict } from './stats';

const ROUNDS = 60;
const WARM_UP = 20;
const RUNS = 20;
const QUERY = 'sum by (job) (rate(prometheus_http_requests_total[1m]))';

interface Item {
  label: string;
}

/**
 * Issue 7's budgets against a real Prometheus (scraping itself and node-exporter), through the real server over
 * stdio: PromQL completion with the live source from a warm cache, and from a cold one (each ask has matchers
 * never asked before, so the label values come from the server), against one bare round trip; and an inline run
 * (`o11y/query`) against a bare `curl` of the same /api/v1/query.
 */
export async function benchLive(): Promise<string[]> {
  const prom = await startPrometheus();
  const dir = mkdtempSync(join(tmpdir(), 'o11y-bench-live-'));
  const server = new LspProcess();
  const out: string[] = [`Prometheus at ${prom.url} (jobs: ${prom.jobs.join(', ')})`];
  try {
    await server.initialize(pathToFileURL(dir).href, {}, { prometheus: { url: prom.url } });
    const status = await server.connection.sendRequest<{ connections: { state: string }[] }>('o11y/connectionStatus');
    if (status.connections[0]?.state !== 'connected') {
      throw new Error(`the server did not connect to ${prom.url}: ${JSON.stringify(status)}`);
    }
    const uri = pathToFileURL(join(dir, 'live.rules.yml')).href;
    let version = 0;
    const completeAt = async (expr: string): Promise<{ items: Item[]; ms: number }> => {
      const text = `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${expr.replace('<|>', '')}\n`;
      const character = '        expr: '.length + expr.indexOf('<|>');
      await server.change(uri, ++version, text);
      const t = performance.now();
      const r = await server.connection.sendRequest<{ items: Item[] } | Item[] | null>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character } });
      return { items: Array.isArray(r) ? r : (r?.items ?? []), ms: performance.now() - t };
    };
    await server.open(uri, 'groups: []\n', 'yaml', ++version);
    await fill(completeAt);
    const warm: number[] = [];
    // The first rounds are the server's JIT warming up, not the cache: they are run but not counted.
    for (let i = -WARM_UP; i < ROUNDS; i++) {
      const r = await completeAt(i % 2 ? 'node_<|>' : 'up{job="<|>"}');
      if (i >= 0) {
        warm.push(r.ms);
      }
      if (!r.items.length) {
        throw new Error('warm completion returned nothing');
      }
    }
    const cold: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // A matcher never typed before: the label values for it are not in any cache.
      const r = await completeAt(`up{instance!="cold-${i}", job="<|>"}`);
      cold.push(r.ms);
      if (!prom.jobs.every((j) => r.items.some((x) => x.label === j))) {
        throw new Error(`cold completion missed the live job names (got ${r.items.map((x) => x.label).join(', ')}); over the completion budget?`);
      }
    }
    const trip = await roundTrips(`${prom.url}/api/v1/label/__name__/values`);
    const run = await runOverhead(server, prom.url);
    const coldBudget = percentile(trip, 95) + 20;
    out.push(
      verdict('completion p95, live source, warm cache', percentile(warm, 95), 20),
      verdict('completion p95, live source, cold cache', percentile(cold, 95), Math.round(coldBudget)),
      `     bare GET /api/v1/label/__name__/values p50 / p95 ${ms(percentile(trip, 50)).padStart(9)} / ${ms(percentile(trip, 95))}   (cold budget: p95 + 20 ms)`,
      verdict(`inline run / bare curl, medians of ${RUNS}`, run.ours / run.curl, 1.2, '×'),
      `     o11y/query ${ms(run.ours)} · curl process ${ms(run.curl)} · curl's own request time ${ms(run.curlOwn)} (${(run.ours / run.curlOwn).toFixed(1)}× of it: stdio JSON-RPC + result shaping)`,
    );
  } finally {
    await server.stop();
    await prom.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** Completion asked until the live names and job values are in the cache (the first asks answer without them). */
async function fill(completeAt: (expr: string) => Promise<{ items: Item[] }>): Promise<void> {
  const end = Date.now() + 15_000;
  for (const [expr, want] of [['node_<|>', 'node_load1'], ['up{job="<|>"}', 'prometheus']]) {
    while (!(await completeAt(expr)).items.some((i) => i.label === want)) {
      if (Date.now() > end) {
        throw new Error(`completion never offered ${want}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function roundTrips(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  return times;
}

/** Medians of the inline run over stdio and of a `curl` process posting the same query at the same time. */
async function runOverhead(server: LspProcess, url: string): Promise<{ ours: number; curl: number; curlOwn: number }> {
  const ours: number[] = [];
  const curl: number[] = [];
  const curlOwn: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const time = Math.floor(Date.now() / 1000) - 5;
    let t = performance.now();
    const r = await server.connection.sendRequest<{ ok: boolean; message?: string }>('o11y/query', { expr: QUERY, time });
    ours.push(performance.now() - t);
    if (!r.ok) {
      throw new Error(`o11y/query failed: ${r.message}`);
    }
    t = performance.now();
    const c = spawnSync('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', '--data-urlencode', `query=${QUERY}`, '--data-urlencode', `time=${time}`, `${url}/api/v1/query`], { encoding: 'utf8' });
    curl.push(performance.now() - t);
    const [code, total] = c.stdout.split(' ');
    if (code !== '200') {
      throw new Error(`curl failed: ${c.stdout} ${c.stderr}`);
    }
    curlOwn.push(Number(total) * 1000);
  }
  return { ours: percentile(ours, 50), curl: percentile(curl, 50), curlOwn: percentile(curlOwn, 50) };
}
