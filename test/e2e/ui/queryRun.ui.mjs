// An inline run as a person does it, against a real Prometheus (started here with test/helpers/prometheus.ts, the
// helper the extension host suite uses): point the workspace at it, click `▶ Run` above an expr, read the summary
// after the line and the results panel beside the editor (table, then a range query's graph). With --docs-images
// this is the README's picture of an inline run.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { quickOpen, runCommand, settled, until } from './helpers.mjs';

const FILE = 'scrape-health.yml';
const EXPR = 'max by (job) (scrape_duration_seconds)';
const SUMMARY = /^→ (\d+) series · max \S+ · \d+ ms$/;

/**
 * The helper kills its servers and re-raises SIGINT/SIGTERM from handlers of its own, which would end this process
 * before scripts/e2e.mjs has stopped code-server: those handlers are dropped. Its exit hook stays, and e2e.mjs's own
 * signal handling ends in process.exit, so Prometheus still goes down with the run.
 */
async function prometheusHelper() {
  const signals = ['SIGINT', 'SIGTERM'];
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const helper = await tsImport('../../helpers/prometheus.ts', import.meta.url);
  for (const s of signals) {
    process.listeners(s).filter((l) => !before.get(s).includes(l)).forEach((l) => process.off(s, l));
  }
  return helper;
}

/** Adds `settings` to the workspace's .vscode/settings.json (VS Code notices the change); returns the undo. */
function workspaceSettings(folder, settings) {
  const file = join(folder, '.vscode/settings.json');
  const original = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...JSON.parse(original || '{}'), ...settings }, null, 2));
  return () => (original === undefined ? rmSync(file) : writeFileSync(file, original));
}

/** The texts the editor shows after line ends (decorations' `after` content, drawn by CSS). */
function inlineTexts(page) {
  return page
    .locator('.part.editor .monaco-editor .view-lines')
    .first()
    .evaluate((lines) =>
      [...lines.querySelectorAll('span')]
        .map((s) => getComputedStyle(s, '::after').content)
        .filter((c) => c.startsWith('"'))
        .map((c) => c.slice(1, -1)),
    );
}

/** Waits for the inline summary after the expr line to read `wanted` (a string, or a pattern). */
async function inlineSummary(page, wanted) {
  return until(`the inline summary ${wanted}`, async () => {
    const found = (await inlineTexts(page)).find((t) => t.startsWith('→') || t.startsWith('✗'));
    return found && (typeof wanted === 'string' ? found === wanted : wanted.test(found)) && found;
  });
}

export default async function queryRun({ page, screenshot, log, folder }) {
  const { startPrometheus } = await prometheusHelper();
  const startedAt = Date.now();
  const prom = await startPrometheus();
  // No minimap or activity bar: the editor half of the picture needs the width for the summary.
  const restoreSettings = workspaceSettings(folder, {
    'o11y.prometheus.url': prom.url,
    'editor.minimap.enabled': false,
    'workbench.activityBar.location': 'hidden',
  });
  let sideBarClosed = false;
  try {
    await runCommand(page, 'View: Close All Editors');
    if (await page.locator('.part.panel').isVisible()) {
      await runCommand(page, 'View: Hide Panel');
    }
    if (await page.locator('.part.sidebar').isVisible()) {
      await runCommand(page, 'View: Close Primary Side Bar');
      sideBarClosed = true;
    }
    await quickOpen(page, FILE);
    // The status bar names the server's version once the language server has the new connection.
    await page.locator('.part.statusbar .statusbar-item', { hasText: /Prometheus \d/ }).first().waitFor({ state: 'visible', timeout: 30_000 });

    const lens = page.locator('.part.editor .codelens-decoration a', { hasText: '▶ Run' }).first();
    await lens.waitFor({ state: 'visible', timeout: 20_000 });
    await lens.click();
    const instant = await inlineSummary(page, SUMMARY);
    assert.equal(Number(SUMMARY.exec(instant)[1]), prom.jobs.length, `one series per scrape job (${prom.jobs.join(', ')}): ${instant}`);

    const results = page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
    await results.locator('.summary', { hasText: instant }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await results.locator('pre.query').innerText(), EXPR);
    const rows = await results.locator('.table tbody tr').allInnerTexts();
    assert.deepEqual(
      rows.map((r) => r.split('\t')[0].trim()).sort(),
      [...prom.jobs].sort(),
      `table rows: ${rows.join(' | ')}`,
    );

    // The same expression over the minutes Prometheus has been up, as a graph.
    const up = Math.ceil((Date.now() - startedAt) / 1000);
    await results.locator('select#mode').selectOption('range');
    // Choosing Range runs the query again and redraws the panel: wait for that redraw before touching its controls.
    await results.locator('.table th', { hasText: 'points' }).waitFor({ state: 'visible', timeout: 20_000 });
    await results.locator('select#last').selectOption('custom');
    await results.locator('input#from').fill(`now-${up}s`);
    await results.locator('input#to').fill('now');
    await results.locator('input#step').fill('1s');
    await results.locator('button', { hasText: /^Run$/ }).click();
    await results.locator('.table th', { hasText: 'points' }).waitFor({ state: 'visible', timeout: 20_000 });
    await results.locator('.uplot canvas').first().waitFor({ state: 'visible' });
    const range = (await results.locator('.summary').innerText()).trim();
    assert.match(range, SUMMARY);
    assert.equal(await inlineSummary(page, range), range);
    log(`inline run: ${instant}; over ${up} s: ${range}`);

    // Widen the editor so the summary fits beside the expression, and let notifications fade out.
    const sash = page.locator('.part.editor .monaco-sash.vertical:not(.disabled)').first();
    const box = await sash.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.mouse.move(1, 1);
    await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden', timeout: 20_000 });
    await settled(page.locator('.part.editor'));
    await screenshot('inline-run', { docs: true });
  } finally {
    restoreSettings();
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    if (sideBarClosed) {
      await runCommand(page, 'View: Toggle Primary Side Bar Visibility').catch(() => undefined);
    }
    await prom.stop();
  }
}
