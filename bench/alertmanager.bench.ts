import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../test/helpers/lspClient';
import { generateAlertmanagerConfig, generateRoutedRules } from './generateAlertmanager';
import { diagnosticsVerdicts, peakRssLine, timeEdits, withOpenedFile } from './serverSession';
import { ms, NODE_START, nodeStartLine, timeInTurn, verdict } from './stats';

const ROUTES = 5000;
const RECEIVERS = 1000;
const ROUNDS = 40;
/** Runs of `o11y routes` and `amtool config routes test`, in turn. */
const COMMAND_RUNS = 9;
/** The alert routed by `o11y routes` and `amtool config routes test`. */
const LABELS = { team: 'team-7', service: 'svc-7-13', severity: 'critical' };

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
  const out: string[] = [`alertmanager.yml with ${ROUTES} routes, ${RECEIVERS} receivers (${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB), 200 alerting rules`];
  await withOpenedFile(dir, file, text, 'no errors or warnings', async (f) => {
    const edits = await timeEdits(f, ROUNDS, text, (v) => {
      const team = (v * 7) % 50;
      return text.replace(`'service="svc-${team}-${v}"'`, `'service="svc-${team}-${v}-x"'`);
    });
    const tree = await timed(() => f.server.connection.sendRequest('o11y/routingTree', { uri: f.uri }));
    const routed = await timed(() => f.server.connection.sendRequest('o11y/testRoute', { uri: f.uri, labels: LABELS }));
    out.push(
      ...diagnosticsVerdicts(f, edits, { open: 300, edit: 100 }),
      `     o11y/routingTree (tree view)                 ${ms(tree).padStart(11)}`,
      `     o11y/testRoute                               ${ms(routed).padStart(11)}`,
      peakRssLine(f),
    );
  });
  const pairs = Object.entries(LABELS).map(([k, v]) => `${k}=${v}`);
  const [o11y, amtool, node] = timeInTurn(
    [
      { cmd: process.execPath, args: [join(REPO, 'bin/o11y.js'), 'routes', file, '--labels', pairs.join(',')] },
      { cmd: 'amtool', args: ['config', 'routes', 'test', `--config.file=${file}`, ...pairs] },
      NODE_START,
    ],
    COMMAND_RUNS,
  );
  out.push(
    verdict(`o11y routes --labels (median of ${COMMAND_RUNS})`, o11y.median, Math.round(amtool.median)),
    `     amtool config routes test                      ${ms(amtool.median).padStart(11)}   (exit ${amtool.status}; o11y exit ${o11y.status})`,
    nodeStartLine(node.median),
  );
  return out;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}
