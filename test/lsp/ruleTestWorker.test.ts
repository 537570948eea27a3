import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTestWorkerClient } from '../../server/src/node/ruleTestWorkerClient';

// The server's rule-test worker client with stand-in worker scripts that misbehave: one that never checks its
// cancel flag, one that crashes, and one that is missing. The server must answer and go on in every case.
const dir = mkdtempSync(join(tmpdir(), 'o11y-ruletest-worker-'));
const script = (name: string, onJob: string): string => {
  const file = join(dir, name);
  writeFileSync(file, `const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (job) => {\n${onJob}\n});\n`);
  return file;
};
const ANSWER = "parentPort.postMessage({ id: job.id, result: { file: job.file, status: 'passed', failures: [], warnings: [], groups: [], durationMs: 0 } });";
const job = (file: string) => ({ file, open: [], version: '2.42', selection: {} });

test('a worker that ignores its cancel flag: the run answers at once, the next run gets a new worker', async () => {
  const client = new RuleTestWorkerClient(script('hangs.js', `if (job.file === 'hang') { for (;;) {} }\n${ANSWER}`));
  const abort = new AbortController();
  const hanging = client.run(job('hang'), abort.signal);
  const next = client.run(job('ok'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = performance.now();
  abort.abort();
  assert.deepEqual(await hanging, { kind: 'cancelled' });
  assert.ok(performance.now() - started < 100);
  const outcome = await next;
  assert.equal(outcome.kind, 'done');
  assert.ok(performance.now() - started >= 1900, 'the hung worker was given its 2 s to stop');
});

test('a worker that crashes ends its run with the reason; a queued run that is cancelled never starts', async () => {
  const client = new RuleTestWorkerClient(script('crashes.js', "if (job.file === 'crash') { throw new Error('boom'); }\n" + ANSWER));
  const abort = new AbortController();
  const crashed = client.run(job('crash'));
  const dropped = client.run(job('ok'), abort.signal);
  abort.abort();
  const outcome = await crashed;
  assert.equal(outcome.kind, 'error');
  assert.match(outcome.kind === 'error' ? outcome.message : '', /^the rule-test worker stopped: boom/);
  assert.deepEqual(await dropped, { kind: 'cancelled' });
  assert.equal((await client.run(job('ok'))).kind, 'done');
});

test('a missing worker script is an error outcome, not a throw', async () => {
  const outcome = await new RuleTestWorkerClient(join(dir, 'absent.js')).run(job('ok'));
  assert.equal(outcome.kind, 'error');
  assert.match(outcome.kind === 'error' ? outcome.message : '', /^the rule-test worker stopped: Cannot find module/);
});
