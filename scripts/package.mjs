// Builds the .vsix: production bundles in a staging copy of the sources (the working tree's dist/ is left alone,
// so packaging can run while other tests use it), then @vscode/vsce, then checks what went in and the size budget.
//   node scripts/package.mjs [--out o11y-authoring.vsix]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BUDGET_BYTES = 3 * 1024 * 1024;
/** What the .vsix may hold, besides vsce's own [Content_Types].xml and extension.vsixmanifest. */
const ALLOWED = [
  /^dist\/(client|server|ruleTestWorker)\.js$/,
  /^package\.json$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE(\.txt)?$/,
  /^media\/icon\.png$/,
  /^media\/walkthrough\/[\w-]+\.md$/,
  /^media\/dist\//,
  /^media\/[\w-]+\.css$/,
  /^syntaxes\/[\w.-]+\.json$/,
  /^docs\/images\/[\w-]+\.png$/,
];
const COPIED = ['client', 'server', 'schemas', 'scripts', 'media', 'syntaxes', 'docs/images', 'package.json', 'README.md',
  'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'tsconfig.json'];

function run(cmd, args, cwd) {
  const res = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${res.status ?? res.signal})\n${res.stdout}`);
  }
  return res.stdout;
}

export function packageVsix(out = join(ROOT, 'o11y-authoring.vsix')) {
  const stage = mkdtempSync(join(tmpdir(), 'o11y-package-'));
  try {
    for (const p of COPIED.filter((p) => existsSync(join(ROOT, p)))) {
      cpSync(join(ROOT, p), join(stage, p), { recursive: true, filter: (src) => !/\/generated(\/|$)/.test(src) && !src.includes('/media/dist') });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'));
    run(process.execPath, ['scripts/build.mjs', '--production'], stage);
    const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
    const files = run(process.execPath, [vsce, 'ls', '--no-dependencies'], stage).split('\n').filter(Boolean);
    const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    if (unexpected.length) {
      throw new Error(`the .vsix would hold files it must not: ${unexpected.join(', ')} (see .vscodeignore)`);
    }
    const opts = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];
    run(process.execPath, [vsce, 'package', ...opts, '-o', resolve(out)], stage);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const size = statSync(out).size;
  if (size > BUDGET_BYTES) {
    throw new Error(`${out} is ${(size / 1048576).toFixed(2)} MB, over the 3 MB budget`);
  }
  return { path: resolve(out), size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--out');
  const { path, size } = packageVsix(i > 0 ? process.argv[i + 1] : undefined);
  console.log(`${path}: ${(size / 1024).toFixed(0)} KiB (budget 3072 KiB)`);
}
