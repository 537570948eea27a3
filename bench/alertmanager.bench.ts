import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess, REPO } from '../test/helpers/lspClient';
import { generateAlertmanagerConfig, generateRoutedRules } from './generateAlertmanager';
import { ms, peakRssMiB, percentile, timeCommand, verdict } from './stats';

const ROUTES = 5000;
const RECEIVERS = 1000;
const ROUNDS = 40;
/** The alert routed by `o11y routes` and `amtool config routes test`. */
const LABELS = { team: 'team-7', service: 'svc-7-13', severity: 'critical' };

interface Pulled {
  items: { severity?: number; message: string }[];
}

/**
 * Issue 9's budgets for a 5,000-route / 1,000-receiver alertmanager.yml beside 200 alerting rules (so the
 * cross-file routing checks run), through the real server over stdio; and `o11y routes` vs `amtool config routes test`.
 */
export async function benchAlertmanager(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'o11y-bench-am-'));
  const file = join(dir, 'alertmanager.yml');
  const text = generateAlertmanagerConfig(ROUTES, RECEIVERS);
  writeFileSync(file, text);
  writeFileSync(join(dir, 'rules.yml'), generateRoutedRules(10, 20));
  const uri = pathToFileURL(file).href;
  const server = new LspProcess();
  const out: string[] = [`alertmanager.yml with ${ROUTES} routes, ${RECEIVERS} receivers (${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB), 200 alerting rules`];
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
      const team = (v * 7) % 50;
      const edited = text.replace(`'service="svc-${team}-${v}"'`, `'service="svc-${team}-${v}-x"'`);
      t = performance.now();
      await server.change(uri, v, edited);
      await pull();
      edits.push(performance.now() - t);
    }
    const tree = await timed(() => server.connection.sendRequest('o11y/routingTree', { uri }));
    const routed = await timed(() => server.connection.sendRequest('o11y/testRoute', { uri, labels: LABELS }));
    const rss = peakRssMiB(server.pid);
    out.push(
      verdict('didOpen → first diagnostics', firstMs, 300),
      verdict('edit → diagnostics p50', percentile(edits, 50), 100),
      verdict('edit → diagnostics p95', percentile(edits, 95), 100),
      `     o11y/routingTree (tree view)                 ${ms(tree).padStart(11)}`,
      `     o11y/testRoute                               ${ms(routed).padStart(11)}`,
      `     server peak RSS                              ${rss.toFixed(0).padStart(8)} MiB`,
    );
  } finally {
    await server.stop();
  }
  const pairs = Object.entries(LABELS).map(([k, v]) => `${k}=${v}`);
  const o11y = timeCommand(process.execPath, [join(REPO, 'bin/o11y.js'), 'routes', file, '--labels', pairs.join(',')]);
  const amtool = timeCommand('amtool', ['config', 'routes', 'test', `--config.file=${file}`, ...pairs]);
  out.push(
    verdict('o11y routes --labels (median of 5)', o11y.median, amtool.median),
    `     amtool config routes test                      ${ms(amtool.median).padStart(11)}   (exit ${amtool.status}; o11y exit ${o11y.status})`,
  );
  return out;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}
