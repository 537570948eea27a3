// Runs every test/e2e/ui/*.ui.mjs in one workbench page, in name order. Each check is a default-exported async
// function of `{ page, screenshot, log, folder }` (folder: the workspace on disk); a check fails by throwing, and a
// screenshot of the page is kept then. `only` keeps the checks whose file name contains it.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { workbenchUrl } from './browser.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const CHECKS = join(ROOT, 'test/e2e/ui');
const DOCS_IMAGES = join(ROOT, 'docs/images');

export async function runUiChecks(browser, server, { folder, outDir, docsImages, only, log }) {
  const page = await browser.newPage();
  const passed = [];
  const failed = [];
  try {
    await page.goto(workbenchUrl(server, folder));
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    for (const file of readdirSync(CHECKS).filter((f) => f.endsWith('.ui.mjs') && (!only || f.includes(only))).sort()) {
      const name = file.replace(/\.ui\.mjs$/, '');
      const screenshot = async (shot, opts = {}) => {
        const path = join(outDir, `${shot}.png`);
        await page.screenshot({ path });
        if (opts.docs && docsImages) {
          mkdirSync(DOCS_IMAGES, { recursive: true });
          copyFileSync(path, join(DOCS_IMAGES, `${shot}.png`));
        }
      };
      const t0 = Date.now();
      try {
        const { default: check } = await import(pathToFileURL(join(CHECKS, file)).href);
        await check({ page, screenshot, log, folder });
        passed.push(`ui: ${name}`);
        log(`ui ✓ ${name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed.push({ title: `ui: ${name}`, error: String(e.stack ?? e) });
        log(`ui ✗ ${name}: ${e.message}`);
        await screenshot(`failed-${name}`).catch(() => undefined);
      }
      // Leave no hover or widget behind for the next check.
      await page.mouse.move(1, 1).catch(() => undefined);
      await page.keyboard.press('Escape').catch(() => undefined);
    }
  } finally {
    await page.close().catch(() => undefined);
  }
  return { passed, failed };
}
