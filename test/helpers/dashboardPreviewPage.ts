// The dashboard preview page (media/dist/dashboardPreview.js, as bundled for the webview) in headless Chromium,
// with this harness in the VS Code host's place: the page's `acquireVsCodeApi().postMessage` reaches `PreviewHost`,
// which renders with the real preview code (server/src/core/dashboardPreview) against a real Prometheus and
// posts the model back, as client/src/dashboardPreview/panel.ts does through the language server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostMessage, WebviewMessage } from '../../client/src/dashboardPreview/messages';
import { pageHtml } from '../../server/src/core/dashboardPreview/page';
import { PreviewSession, type PreviewEnvironment } from '../../server/src/core/dashboardPreview/session';
import type { PreviewModel, PreviewRequest } from '../../server/src/core/dashboardPreview/types';
import { REPO } from './lspClient';

export const CHROMIUM = process.env.O11Y_E2E_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export function previewAssets(): { js: string; css: string } {
  const dist = join(REPO, 'media/dist');
  return { js: readFileSync(join(dist, 'dashboardPreview.js'), 'utf8'), css: readFileSync(join(dist, 'dashboardPreview.css'), 'utf8') };
}

/** Stands in for the extension host: answers the page's messages with renders of `text`. */
export class PreviewHost {
  readonly session = new PreviewSession();
  readonly received: WebviewMessage[] = [];
  request: PreviewRequest = {};
  renders = 0;
  last: PreviewModel | undefined;

  constructor(
    readonly page: Page,
    public text: string,
    readonly env: PreviewEnvironment,
  ) {}

  async receive(m: WebviewMessage): Promise<void> {
    this.received.push(m);
    switch (m.type) {
      case 'ready':
      case 'width':
        this.request.width = m.width;
        return this.render();
      case 'refresh':
        return this.render(true);
      case 'variables':
        this.request.variables = m.values;
        return this.render();
      case 'time':
        this.request = { ...this.request, from: m.from, to: m.to };
        return this.render();
      case 'rows':
        this.request.rows = m.rows;
        return this.render();
    }
  }

  /** Renders the current text and posts the model; resolves once the page has drawn it (`renders` counts these). */
  async render(refresh = false): Promise<void> {
    this.last = await this.session.render(this.text, { ...this.request, refresh }, this.env);
    const before = Number(await this.page.evaluate('document.body.dataset.renders ?? 0'));
    await post(this.page, { type: 'model', model: this.last, rows: this.request.rows ?? {} });
    await rendersAbove(this.page, before);
    this.renders++;
  }
}

/**
 * Waits (up to 30 s) until the page has drawn more than `count` models. Polled with plain evaluations: Chromium
 * refuses the compiled predicates of waitForFunction under the preview's CSP (no 'unsafe-eval').
 */
async function rendersAbove(page: Page, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Number(await page.evaluate('document.body.dataset.renders ?? 0')) <= count) {
    if (Date.now() > deadline) {
      throw new Error(`the page did not draw model ${count + 1} within 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function post(page: Page, message: HostMessage): Promise<void> {
  return page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, to: string): void }).postMessage(m, '*'), message);
}

/** A page with the preview under the webview's CSP, its host played by a PreviewHost; waits for the first render. */
export async function openPreview(browser: Browser, text: string, env: PreviewEnvironment, viewport = { width: 1400, height: 1000 }): Promise<{ page: Page; host: PreviewHost; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const host = new PreviewHost(page, text, env);
  let ready: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  await page.exposeBinding('o11yHost', (_source, m: WebviewMessage) => {
    if (m.type === 'ready') {
      host.request.width = m.width;
      ready();
      return;
    }
    void host.receive(m);
  });
  const stub = `window.acquireVsCodeApi = () => ({ postMessage: (m) => window.o11yHost(m), getState: () => undefined, setState: () => undefined });`;
  await page.setContent(pageHtml({ ...previewAssets(), nonce: 'n0nce', title: 'preview', before: stub }));
  await started;
  await host.render();
  return { page, host, errors };
}
