// Bundles the mocha suite that runs inside the extension host: test/e2e/suite/index.ts and every *.test.ts next
// to it, one file each (helpers are bundled into each); `vscode` comes from the host, mocha from node_modules.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SUITE = resolve(import.meta.dirname, '../../test/e2e/suite');

/** Returns the path of the bundled entry (what `extensionTestsPath` points at). */
export async function buildSuite(outDir) {
  const entryPoints = readdirSync(SUITE)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(SUITE, f));
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(outDir, 'index.js');
}
