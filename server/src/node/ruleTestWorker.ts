/**
 * The rule-test worker thread (bundled as dist/ruleTestWorker.js): runs one test file per message with the
 * built-in engine, reading open documents' texts before the disk, and stops at the next evaluation step once the
 * job's cancel flag is set.
 */
import { parentPort } from 'node:worker_threads';
import { withOpenDocuments } from '../core/ruletest/openDocuments';
import { runTestFile } from '../core/ruletest/runner';
import { selectTests } from '../core/ruletest/testTree';
import { nodeRuleTestHost } from './ruleTestHost';
import type { RuleTestAnswer, RuleTestJob } from './ruleTestWorkerClient';

class Cancelled extends Error {}

function run(job: RuleTestJob): RuleTestAnswer {
  const flag = new Int32Array(job.cancel);
  const checkpoint = (): void => {
    if (Atomics.load(flag, 0) !== 0) {
      throw new Cancelled();
    }
  };
  try {
    const host = withOpenDocuments(nodeRuleTestHost(), new Map(job.open));
    return { id: job.id, result: runTestFile(job.file, host, { version: job.version, select: selectTests(job.selection), checkpoint, observe: job.observe }) };
  } catch (e) {
    return e instanceof Cancelled ? { id: job.id, cancelled: true } : { id: job.id, error: (e as Error)?.stack ?? String(e) };
  }
}

parentPort?.on('message', (job: RuleTestJob) => parentPort?.postMessage(run(job)));
