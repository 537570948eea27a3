// code-server (VS Code 1.100.3's workbench and extension host, served to a browser): installed once into a cache
// folder from test/e2e/codeServer's lockfile, then one server per test run in its own process group.
// The install quirks and their fixes are in ../shared/E2E.md.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SPEC_DIR = join(ROOT, 'test/e2e/codeServer');
// @vscode/ripgrep (inside code-server) looks here before downloading its binary from GitHub, which is unreachable.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function lockHash() {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) {
    h.update(readFileSync(join(SPEC_DIR, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/** Installs code-server into the cache (`O11Y_E2E_CACHE`, default ~/.cache/o11y-authoring) when missing; returns its entry script. */
export function ensureCodeServer(log) {
  const cacheRoot = process.env.O11Y_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'o11y-authoring');
  const dir = join(cacheRoot, `code-server-${lockHash()}`);
  const entry = join(dir, 'node_modules/code-server/out/node/entry.js');
  if (existsSync(join(dir, 'installed')) && existsSync(entry)) {
    return entry;
  }
  log(`installing code-server into ${dir} (once; about a minute)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) {
    copyFileSync(join(SPEC_DIR, f), join(dir, f));
  }
  const tmp = join(dir, 'tmp');
  mkdirSync(join(tmp, RIPGREP_CACHE, '..'), { recursive: true });
  const rg = spawnSync('which', ['rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) {
    throw new Error("ripgrep is missing: apt-get install ripgrep (code-server's search needs it)");
  }
  const tar = spawnSync('tar', ['czf', join(tmp, RIPGREP_CACHE), '-C', join(rg, '..'), 'rg']);
  if (tar.status !== 0) {
    throw new Error(`could not pack ${rg}: ${tar.stderr}`);
  }
  const env = { ...process.env, TMPDIR: tmp, npm_config_yes: 'true' };
  // --unsafe-perm: as root, code-server's postinstall (which installs VS Code's own modules) needs it.
  const args = ['ci', '--unsafe-perm', '--no-audit', '--no-fund', '--loglevel=error'];
  const res = spawnSync('npm', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (res.status !== 0 || !existsSync(entry)) {
    throw new Error(`npm ci of code-server failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(join(dir, 'installed'), new Date().toISOString());
  return entry;
}

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** A quiet, predictable workbench: no welcome page, tips, update checks or walkthroughs opening by themselves. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
};

/** The folders one server uses, all under `runDir`, and the arguments that point code-server at them. */
function layout(runDir, port) {
  const dirs = { userData: join(runDir, 'user-data'), extensions: join(runDir, 'extensions'), tmp: join(runDir, 'tmp') };
  Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const config = join(runDir, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = ['--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  // Sockets and temp files stay in the run folder (extension hosts otherwise leave /tmp/vscode-ipc-*.sock behind).
  const env = { ...process.env, TMPDIR: dirs.tmp };
  delete env.XDG_RUNTIME_DIR;
  return { dirs, args, env };
}

/** Installs a .vsix the way a user does (`--install-extension`) and returns the folder it was unpacked into. */
export function installVsix(entry, runDir, vsix) {
  const { dirs, args, env } = layout(runDir, 0);
  const res = spawnSync(process.execPath, [entry, ...args, '--install-extension', vsix], { env, encoding: 'utf8' });
  const installed = readdirSync(dirs.extensions).find((d) => d.startsWith('o11y-authoring.o11y-authoring-'));
  if (res.status !== 0 || !installed) {
    throw new Error(`installing ${vsix} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
  return join(dirs.extensions, installed);
}

/** Starts code-server in its own process group; resolves once /healthz answers. `stop()` kills the whole group. */
export async function startCodeServer(entry, runDir, workspace, extraEnv = {}) {
  const port = await freePort();
  const { args, env } = layout(runDir, port);
  const flags = ['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened'];
  const child = spawn(process.execPath, [entry, ...args, ...flags, workspace], {
    env: { ...env, ...extraEnv },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => killGroup(child);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    }
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) {
      return { url, port, stop, output: () => output };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`code-server did not answer on ${url} within 30 s:\n${output}`);
}

async function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL'); // children that outlived code-server itself
}
