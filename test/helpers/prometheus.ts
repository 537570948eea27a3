// A real Prometheus for tests: Debian's `prometheus` binary on a free loopback port with a throw-away TSDB,
// scraping itself (and `prometheus-node-exporter` when installed) every second. One per test file:
//
//   const prom = await startPrometheus();
//   after(() => prom.stop());
//
// Both processes run in their own process group, killed by stop() and, as a last resort, when the test
// process exits.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const PROMETHEUS = process.env.PROMETHEUS ?? '/usr/bin/prometheus';
export const NODE_EXPORTER = process.env.NODE_EXPORTER ?? '/usr/bin/prometheus-node-exporter';

export interface PrometheusOptions {
  /** Text of a rule file to load (evaluated every `scrapeInterval`). */
  rules?: string;
  /** Default `1s`. */
  scrapeInterval?: string;
  /** Start node-exporter as a second target; default: when its binary exists. */
  nodeExporter?: boolean;
}

export interface RunningPrometheus {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The node-exporter's address as scraped (`127.0.0.1:<port>`), when one runs. */
  nodeExporter?: string;
  /** The scrape jobs, each with one target: `prometheus` and, when it runs, `node`. */
  jobs: string[];
  dir: string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the kernel's pick for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((child) => killGroup(child)));
// On a signal, kill the servers and die of the same signal (the handler is gone by then, so the default applies).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.forEach((child) => killGroup(child));
    process.kill(process.pid, signal);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

function launch(command: string, args: string[], log: string[]): ChildProcess {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => log.push(`${basename(command)}: ${d}`));
  child.on('error', (e) => log.push(`cannot start ${command}: ${e.message}`));
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child), 3000);
  await exited;
  clearTimeout(timer);
}

function config(port: number, scrapeInterval: string, nodeExporter: string | undefined, rules: boolean): string {
  const lines = [
    'global:',
    `  scrape_interval: ${scrapeInterval}`,
    `  evaluation_interval: ${scrapeInterval}`,
    ...(rules ? ['rule_files: [rules.yml]'] : []),
    'scrape_configs:',
    '  - job_name: prometheus',
    `    static_configs: [{ targets: ['127.0.0.1:${port}'] }]`,
  ];
  if (nodeExporter) {
    lines.push('  - job_name: node', `    static_configs: [{ targets: ['${nodeExporter}'] }]`);
  }
  return lines.join('\n') + '\n';
}

/** Polls `check` every 100 ms until it is true; throws `describe()` after `ms`, or at once when `alive()` is false. */
async function waitUntil(
  check: () => Promise<boolean>,
  ms: number,
  alive: () => boolean,
  describe: () => string,
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && alive()) {
    if (await check().catch(() => false)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(describe());
}

/** Starts Prometheus (and node-exporter) and resolves once every target has been scraped at least once. */
export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-prometheus-'));
  const log: string[] = [];
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    let nodeExporter: string | undefined;
    const wantExporter = options.nodeExporter ?? spawnSync(NODE_EXPORTER, ['--version']).status === 0;
    if (wantExporter) {
      nodeExporter = `127.0.0.1:${await freePort()}`;
      // A few cheap collectors are plenty of real metrics (counters, gauges, HELP, TYPE) and scrape fast.
      const collectors = ['cpu', 'loadavg', 'meminfo', 'netdev', 'time', 'uname'].map((c) => `--collector.${c}`);
      const args = [`--web.listen-address=${nodeExporter}`, '--log.level=warn', '--collector.disable-defaults'];
      args.push(...collectors);
      children.push(launch(NODE_EXPORTER, args, log));
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    if (options.rules !== undefined) {
      writeFileSync(join(dir, 'rules.yml'), options.rules);
    }
    writeFileSync(
      join(dir, 'prometheus.yml'),
      config(port, options.scrapeInterval ?? '1s', nodeExporter, options.rules !== undefined),
    );
    const args = [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      '--storage.tsdb.retention.time=1h',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ];
    const prometheus = launch(PROMETHEUS, args, log);
    children.push(prometheus);
    // Every process still running; a crashed one ends the wait at once, with its log in the error.
    const alive = () => children.every((c) => c.exitCode === null && c.signalCode === null);
    const jobs = nodeExporter ? ['node', 'prometheus'] : ['prometheus'];
    const failure = (what: string) => () => `${what} (${PROMETHEUS}, ${url}); its log:\n${log.join('').slice(-3000)}`;
    const ready = async () => (await fetch(`${url}/-/ready`)).ok;
    await waitUntil(ready, 20_000, alive, failure('Prometheus never became ready'));
    await waitUntil(
      async () => {
        const body = (await (await fetch(`${url}/api/v1/query?query=up`)).json()) as { data: { result: unknown[] } };
        return body.data.result.length === jobs.length;
      },
      20_000,
      alive,
      failure('Prometheus never scraped all its targets'),
    );
    return { url, nodeExporter, jobs, dir, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
