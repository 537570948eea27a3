// Bundles the extension client, the language server and the CLI with esbuild.
import { build } from 'esbuild';

import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Minified always: V8 compiles a smaller bundle faster, which is most of the CLI's start-up time.
  sourcemap: !production,
  minify: true,
  keepNames: true,
  // Prefer ES modules: jsonc-parser's CommonJS entry is a UMD build whose inner requires esbuild cannot follow.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  define: { O11Y_VERSION: JSON.stringify(version) },
};

// The ajv validators are generated code (see scripts/generateValidators.ts); the bundles include them.
const gen = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generateValidators.ts'], { stdio: 'inherit' });
if (gen.status !== 0) {
  process.exit(gen.status ?? 1);
}

await Promise.all([
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { server: 'server/src/lsp/main.ts', ruleTestWorker: 'server/src/node/ruleTestWorker.ts' }, outdir: 'dist' }),
  // Without keepNames: its thousand-odd name definitions run at every start of the CLI, which has no use for them.
  build({ ...common, keepNames: false, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist' }),
  // The query results webview: browser code with uPlot and the CSS bundled in (media/dist; no remote code).
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', keepNames: false, entryPoints: { queryResults: 'media/queryResults/main.ts' }, outdir: 'media/dist' }),
  // The dashboard preview page, for the webview and for the pages `o11y render` writes.
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', keepNames: false, entryPoints: { dashboardPreview: 'media/dashboardPreview/main.ts' }, outdir: 'media/dist' }),
]);

// esbuild escapes non-ASCII characters in strings but not in regular expression literals or comments. Escaped
// there too (unless after a backslash), the CLI's bundle is ASCII: bin/o11y.js then reads it as Latin-1, without
// UTF-8 decoding, into a string half the size.
const cli = readFileSync('dist/cli.js', 'utf8');
writeFileSync('dist/cli.js', cli.replace(/(?<!\\)((?:\\\\)*)([^\x00-\x7f])/g, (_, slashes, c) => `${slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
