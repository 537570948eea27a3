// End-to-end tests in a real VS Code workbench and extension host (code-server + headless Chromium; see
// test/e2e/README.md): packages the .vsix, installs it like a user, runs the mocha suite inside the extension host,
// then the UI checks (test/e2e/ui/*.ui.mjs) in the browser, and cleans up. Exits 1 when anything failed.
//   node scripts/e2e.mjs [--grep TEXT] [--no-ui] [--ui NAME] [--keep] [--docs-images]
// --ui NAME runs only the UI checks whose file name contains NAME, and not the extension host suite.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser, runExtensionTests } from './e2e/browser.mjs';
import { ensureCodeServer, installVsix, startCodeServer } from './e2e/codeServer.mjs';
import { buildSuite } from './e2e/suite.mjs';
import { runUiChecks } from './e2e/ui.mjs';
import { packageVsix } from './package.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'test-results/e2e');
const DEADLINE_MS = Number(process.env.O11Y_E2E_DEADLINE_MS ?? 300_000);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const grep = option('--grep');
const uiOnly = option('--ui');

// The workbench's own start-up messages, which would bury mocha's report.
const WORKBENCH_CHATTER = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore)/;
const started = Date.now();
const log = (msg) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    await cleanups.pop()().catch((e) => log(`cleanup: ${e.message}`));
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => void cleanup().then(() => process.exit(130)));
}
const watchdog = setTimeout(() => {
  log(`FAILED: the run took longer than ${DEADLINE_MS / 1000} s`);
  void cleanup().then(() => process.exit(1));
}, DEADLINE_MS);

async function main() {
  mkdirSync(OUT, { recursive: true });
  readdirSync(OUT).filter((f) => f.endsWith('.png')).forEach((f) => rmSync(join(OUT, f)));
  const { path: vsix, size } = packageVsix(join(OUT, 'o11y-authoring.vsix'));
  log(`packaged ${vsix} (${(size / 1024).toFixed(0)} KiB)`);
  const testsPath = await buildSuite(join(OUT, 'suite'));
  const entry = ensureCodeServer(log);

  const runDir = mkdtempSync(join(tmpdir(), 'o11y-e2e-'));
  if (!flag('--keep')) {
    cleanups.push(async () => rmSync(runDir, { recursive: true, force: true }));
  }
  const workspace = join(runDir, 'workspace');
  cpSync(join(ROOT, 'test/e2e/workspace'), workspace, { recursive: true });
  const extensionPath = installVsix(entry, runDir, vsix);
  log(`installed into ${extensionPath}`);

  const resultsFile = join(runDir, 'results.json');
  const server = await startCodeServer(entry, runDir, workspace, {
    O11Y_E2E_RESULTS: resultsFile,
    ...(grep ? { O11Y_E2E_GREP: grep } : {}),
  });
  cleanups.push(server.stop);
  log(`code-server on ${server.url}`);
  const browser = await launchBrowser(join(runDir, 'profile'));
  cleanups.push(() => browser.close());

  const code = uiOnly ? 0 : await runExtensionTests(browser, server, {
    folder: workspace,
    extensionPath,
    testsPath,
    log: (level, msg) => ((level === 'info' && !WORKBENCH_CHATTER.test(msg)) || level === 'error' ? console.log(msg) : undefined),
    timeoutMs: 120_000,
  });
  const results = readResults(resultsFile);
  log(`extension host suite: exit ${code}, ${results.passed.length} passed, ${results.failed.length} failed`);
  results.failed.forEach((f) => console.log(`  ✗ ${f.title}\n${f.error.replace(/^/gm, '      ')}`));
  if (code !== 0 && !results.failed.length) {
    results.failed.push({ title: 'extension host suite', error: `exit ${code}` });
  }

  if (!flag('--no-ui') && !grep) {
    const ui = await runUiChecks(browser, server, { folder: workspace, outDir: OUT, docsImages: flag('--docs-images'), only: uiOnly, log });
    results.passed.push(...ui.passed);
    results.failed.push(...ui.failed);
  }
  return results;
}

function readResults(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { passed: [], failed: [] };
  }
}

let failed = 1;
try {
  const results = await main();
  failed = results.failed.length;
  log(`done: ${results.passed.length} passed, ${failed} failed`);
  console.log(`e2e: ${results.passed.length} passed, ${failed} failed`);
} catch (e) {
  log(`FAILED: ${e.stack ?? e}`);
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
process.exit(failed ? 1 : 0);
