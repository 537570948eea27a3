#!/usr/bin/env node
'use strict';
// Loads the bundled CLI through V8's code cache (kept in the temp folder, keyed by Node version, bundle and
// command), so that after the first run `o11y check` does not spend its start compiling the bundle again.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const os = require('node:os');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'cli.js');
const bytes = fs.readFileSync(file);
// The build keeps the bundle ASCII: then Latin-1 is its exact decoding, and the quickest.
const source = require('node:buffer').isAscii(bytes) ? bytes.latin1Slice() : bytes.toString('utf8');
const stat = fs.statSync(file);
// Per command: each loads only its own modules, and a cache holds what the run that wrote it compiled.
const command = /^[a-z-]{1,20}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
const bundleKey = `o11y-cli-${process.version}-${stat.size}-${Math.floor(stat.mtimeMs)}-`;
const cacheFile = path.join(os.tmpdir(), `${bundleKey}${command}.v8cache`);
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const cli = new Module(file, module);
cli.filename = file;
cli.paths = Module._nodeModulePaths(path.dirname(file));
process.once('exit', () => {
  if (cachedData && !script.cachedDataRejected) {
    return;
  }
  try {
    const tmp = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cacheFile);
    // The caches of other builds (an upgrade, a rebuild) or Node versions are of no more use: they go.
    for (const name of fs.readdirSync(os.tmpdir())) {
      if (/^o11y-cli-.*\.v8cache$/.test(name) && !name.startsWith(bundleKey)) {
        fs.rmSync(path.join(os.tmpdir(), name), { force: true });
      }
    }
  } catch {
    // A cache that cannot be written only costs the next run its start-up time.
  }
});
script.runInThisContext()(cli.exports, (id) => cli.require(id), cli, file, path.dirname(file));
