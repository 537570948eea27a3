// `o11y render <dashboard.json> --out page.html`: the dashboard preview as one static HTML file with its data
// inlined, for CI artifacts and reviews. The page is the editor's preview page (media/dist), so it looks the same;
// rows can still be expanded in it (every panel's data is in the file), variables and time are fixed.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pageHtml } from '../core/dashboardPreview/page';
import { readDashboard } from '../core/dashboardPreview/source';
import { PreviewSession } from '../core/dashboardPreview/session';
import { parseDurationSeconds } from '../core/query/window';
import { UsageError, type ParsedArgs } from './args';
import { connectFromFlags } from './query';
import { unmetSelections, variableSelections } from './renderVariables';

export const RENDER_HELP = `Usage: o11y render <dashboard.json> --out <page.html> [options]

Renders a Grafana dashboard with data from Prometheus into one self-contained HTML page (no network access
needed to view it): the preview the editor shows, as a snapshot.

Options:
  --out FILE             where to write the page (required)
  --url URL              the Prometheus (default: O11Y_PROMETHEUS_URL, else the connection of .o11y.yaml, else http://localhost:9090)
  --connection NAME      a named connection of .o11y.yaml
  --from T --to T        the time range (default: the dashboard's); now-1h, now/d, ISO dates or epoch ms
  --var NAME=VALUE       a template variable's value (repeatable; NAME=a,b for several, NAME=$__all for All);
                         default: the value saved in the dashboard
  --width PX             page width the panels' resolution follows (default 1200)
  --scrape-interval D    the data source's scrape interval for $__rate_interval (default 15s, as Grafana's)

Exit status: 0 when every panel rendered, 1 when the dashboard, some panel or a --var value failed, 2 on bad
usage (including a --var naming no variable of the dashboard).
`;

function value(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (v === true) {
    throw new UsageError(`--${name} needs a value`);
  }
  return v;
}

/** media/dist beside the bundle (dist/cli.js) or the sources (server/src/cli). */
function assets(): { js: string; css: string } {
  for (const dir of [join(__dirname, '..', 'media', 'dist'), join(__dirname, '..', '..', '..', 'media', 'dist')]) {
    if (existsSync(join(dir, 'dashboardPreview.js'))) {
      return { js: readFileSync(join(dir, 'dashboardPreview.js'), 'utf8'), css: readFileSync(join(dir, 'dashboardPreview.css'), 'utf8') };
    }
  }
  throw new Error('the preview page (media/dist/dashboardPreview.js) is missing: run node scripts/build.mjs');
}

export async function runRender(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [file, ...extra] = args.positionals;
  const target = value(args, 'out');
  if (!file || extra.length) {
    throw new UsageError(file ? 'give one dashboard file' : 'give the dashboard JSON file to render');
  }
  if (!target) {
    throw new UsageError('give the page to write with --out page.html');
  }
  const width = value(args, 'width') === undefined ? undefined : Number(value(args, 'width'));
  if (width !== undefined && !(width >= 100 && width <= 10000)) {
    throw new UsageError('--width must be a number of pixels between 100 and 10000');
  }
  const scrapeText = value(args, 'scrape-interval');
  const scrapeSeconds = scrapeText === undefined ? undefined : parseDurationSeconds(scrapeText);
  if (scrapeText !== undefined && !(scrapeSeconds && scrapeSeconds > 0)) {
    throw new UsageError(`--scrape-interval: "${scrapeText}" is not a positive duration (15s, 1m …)`);
  }
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (e) {
    err(`o11y: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  if (args.flags.var === true) {
    throw new UsageError('--var needs name=value');
  }
  const read = readDashboard(text);
  const specs = args.lists?.var ?? [];
  // A dashboard that does not parse fails the render anyway; its variables cannot be checked.
  const variables = specs.length && !('error' in read) ? variableSelections(specs, read.variables) : undefined;
  const connected = connectFromFlags(args, err);
  if (!connected) {
    return 1;
  }
  const { client, connection } = connected;
  try {
    const session = new PreviewSession();
    const model = await session.render(text, { from: value(args, 'from'), to: value(args, 'to'), width, variables, allPanels: true }, { api: client, source: `${connection.name} (${client.url})`, scrapeSeconds });
    const page = pageHtml({ ...assets(), nonce: randomBytes(16).toString('base64'), title: model.title, model });
    writeFileSync(target, page);
    model.problems.forEach((p) => err(`${file}: ${p}\n`));
    const unmet = variables ? unmetSelections(variables, model.variables) : [];
    unmet.forEach((u) => err(`${file}: ${u}\n`));
    const failed = model.panels.filter((p) => p.error);
    failed.forEach((p) => err(`${file}: panel "${p.title || p.key}": ${p.error}\n`));
    const drawn = model.panels.filter((p) => p.type !== 'row').length;
    out(`wrote ${target}: ${drawn} panels${failed.length ? `, ${failed.length} with errors` : ''}\n`);
    return failed.length || unmet.length || (model.problems.length && !model.panels.length) ? 1 : 0;
  } finally {
    await client.close();
  }
}
