// The end-to-end suite in a real VS Code workbench and extension host (scripts/e2e.mjs: code-server + headless
// Chromium), run as one node:test case so `npm test` and CI count it. Needs Debian's chromium and ripgrep; outside CI
// it is skipped when they are missing, in CI (CI=true) it fails instead.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const missing = ['/usr/bin/chromium', '/usr/bin/rg'].filter((p) => !existsSync(p) && !process.env.O11Y_E2E_CHROMIUM);
const skip = missing.length > 0 && !process.env.CI ? `missing ${missing.join(', ')} (apt-get install chromium ripgrep)` : false;

test('VS Code: the e2e suite passes in the extension host and in the workbench UI', { skip, timeout: 600_000 }, async (t) => {
  const child = spawn(process.execPath, [resolve(ROOT, 'scripts/e2e.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const summary = /^e2e: .*$/m.exec(output)?.[0] ?? 'no summary';
  t.diagnostic(summary);
  for (const line of output.split('\n').filter((l) => /activate\(\) took|VS Code reports|packaged/.test(l))) {
    t.diagnostic(line.trim());
  }
  assert.equal(code, 0, `scripts/e2e.mjs exited ${code}:\n${output.slice(-6000)}`);
});
