// The entry the extension host loads (`extensionTestsPath`): runs every *.test.js bundled next to it with mocha,
// prints mocha's spec report, and writes a JSON summary to $O11Y_E2E_RESULTS when set.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, slow: 5_000 });
  if (process.env.O11Y_E2E_GREP) {
    mocha.grep(process.env.O11Y_E2E_GREP);
  }
  readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .forEach((f) => mocha.addFile(join(__dirname, f)));
  const passed: string[] = [];
  const failed: { title: string; error: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (process.env.O11Y_E2E_RESULTS) {
        writeFileSync(process.env.O11Y_E2E_RESULTS, JSON.stringify({ passed, failed }, null, 2));
      }
      if (failures > 0) {
        reject(new Error(`${failures} end-to-end test(s) failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', (t) => passed.push(t.fullTitle()));
    runner.on('fail', (t, err: Error) => failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
  });
}
