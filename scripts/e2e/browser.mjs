// Headless Debian Chromium as the workbench page: the extension host only starts when a page connects.
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.O11Y_E2E_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** A fresh profile in `profileDir` (Playwright refuses --user-data-dir in args). */
export function launchBrowser(profileDir) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 760 },
    deviceScaleFactor: 1,
  });
}

export function workbenchUrl(server, folder, payload) {
  const q = new URLSearchParams({ folder });
  if (payload) {
    q.set('payload', JSON.stringify(payload));
  }
  return `${server.url}/?${q}`;
}

/**
 * Runs the mocha suite inside the extension host: the workbench reads `extensionTestsPath` from the URL's payload,
 * runs it, reports its log lines through `codeAutomationLog` and its exit code through `codeAutomationExit`.
 */
export async function runExtensionTests(context, server, { folder, extensionPath, testsPath, log, timeoutMs }) {
  const page = await context.newPage();
  let done;
  const exited = new Promise((r) => (done = r));
  await page.exposeFunction('codeAutomationLog', (level, args) => log(level, Array.isArray(args) ? format(...args) : String(args)));
  await page.exposeFunction('codeAutomationExit', (code) => done(code));
  page.on('pageerror', (e) => log('pageerror', e.message));
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
  ];
  await page.goto(workbenchUrl(server, folder, payload));
  let timer;
  const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const code = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  await page.close().catch(() => undefined);
  return code;
}
