// Runs every *.test.ts under test/ with node's test runner (TypeScript through tsx). Extra arguments are
// folders or files to run instead of the whole suite.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'e2e') find(p, out);
    } else if (name.endsWith('.test.ts')) {
      out.push(p);
    }
  }
  return out;
}

const targets = process.argv.slice(2);
const files = (targets.length ? targets : ['test']).flatMap((t) => (statSync(t).isDirectory() ? find(t, []) : [t]));
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(res.status ?? 1);
