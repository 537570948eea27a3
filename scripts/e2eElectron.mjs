// The same mocha suite (test/e2e/suite) in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code (CI cannot: it uses scripts/e2e.mjs with code-server). The extension runs from this folder's
// dist/ (built first); the workspace is a fresh copy of test/e2e/workspace.
//   node scripts/e2eElectron.mjs [--grep TEXT]      (VSCODE_VERSION=1.100.3 to pin the editor; default: stable)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './e2e/suite.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const grep = argv.includes('--grep') ? argv[argv.indexOf('--grep') + 1] : undefined;

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) {
  process.exit(1);
}
const testsPath = await buildSuite(join(ROOT, 'test-results/e2e/suite'));
const runDir = mkdtempSync(join(tmpdir(), 'o11y-e2e-electron-'));
const workspace = join(runDir, 'workspace');
cpSync(join(ROOT, 'test/e2e/workspace'), workspace, { recursive: true });
const resultsFile = join(runDir, 'results.json');

let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: testsPath,
    extensionTestsEnv: { O11Y_E2E_RESULTS: resultsFile, ...(grep ? { O11Y_E2E_GREP: grep } : {}) },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', join(runDir, 'user-data')],
  });
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(`e2e (electron): ${results.passed.length} passed, ${results.failed.length} failed`);
} catch (e) {
  console.error(`e2e (electron) failed: ${e?.message ?? e}`);
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
process.exit(code === 0 ? 0 : 1);
