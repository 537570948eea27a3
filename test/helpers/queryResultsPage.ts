// The results panel's page (media/dist/queryResults.js, as bundled for the webview) in headless Chromium under the
// extension's strict CSP, with a stand-in `acquireVsCodeApi` that records what the page sends to the host.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostMessage } from '../../client/src/queryResults/messages';
import { REPO } from './lspClient';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.O11Y_E2E_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}

/** The panel's page with its bundle inlined under a nonce; `sent` reads what it posted, `errors` what it threw. */
export async function openResultsPage(browser: Browser, width: number): Promise<{ page: Page; sent: () => Promise<unknown[]>; errors: string[] }> {
  const dist = join(REPO, 'media/dist');
  const html = `<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-n'; script-src 'nonce-n'">
<style nonce="n">${readFileSync(join(dist, 'queryResults.css'), 'utf8')}</style></head>
<body><main id="app"></main>
<script nonce="n">window.sent = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.sent.push(m), getState: () => undefined, setState: () => undefined });</script>
<script nonce="n">${readFileSync(join(dist, 'queryResults.js'), 'utf8')}</script></body></html>`;
  const page = await browser.newPage({ viewport: { width, height: 700 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setContent(html);
  return { page, sent: () => page.evaluate(() => (globalThis as unknown as { sent: unknown[] }).sent), errors };
}

/** A message from the host, as VS Code delivers it to the webview. */
export function postToPage(page: Page, message: HostMessage): Promise<void> {
  return page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, to: string): void }).postMessage(m, '*'), message);
}
