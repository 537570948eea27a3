import { Worker } from 'node:worker_threads';
import type { FileResult } from '../core/ruletest/results';
import type { TestSelection } from '../core/ruletest/testTree';

/** One run of one test file, as the worker (ruleTestWorker.ts) receives it. */
export interface RuleTestJob {
  id: number;
  /** Absolute path of the test file. */
  file: string;
  /** Texts of open documents by absolute path: read before the disk. */
  open: [string, string][];
  version: string;
  selection: TestSelection;
  /** Keep what each case saw (CaseResult.observed), for the editor's debug output. */
  observe?: boolean;
  /** One Int32 set to 1 to cancel: the runner checks it at every evaluation step. */
  cancel: SharedArrayBuffer;
}

export type RuleTestAnswer = { id: number; result: FileResult } | { id: number; cancelled: true } | { id: number; error: string };

export type RuleTestOutcome = { kind: 'done'; result: FileResult } | { kind: 'cancelled' } | { kind: 'error'; message: string };

interface Pending {
  job: RuleTestJob;
  settle: (outcome: RuleTestOutcome) => void;
  settled: boolean;
}

/** A worker that has not stopped this long after a cancel is terminated (a step may be long, never endless). */
const KILL_AFTER_CANCEL_MS = 2_000;
/** An idle worker is stopped after this long, to give its memory back. */
const IDLE_MS = 60_000;
/** A test that needs more memory than this fails alone instead of taking the language server down. */
const MAX_HEAP_MB = 2_048;

/**
 * Runs rule tests in a worker thread, one file at a time: the server stays responsive meanwhile, and a cancelled
 * run answers at once while the worker stops at its next evaluation step. An idle worker never keeps the
 * process alive.
 */
export class RuleTestWorkerClient {
  private worker?: Worker;
  private current?: Pending;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private killTimer?: NodeJS.Timeout;
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly script: string) {}

  run(input: Omit<RuleTestJob, 'id' | 'cancel'>, signal?: AbortSignal): Promise<RuleTestOutcome> {
    return new Promise((resolve) => {
      const pending: Pending = {
        job: { ...input, id: this.nextId++, cancel: new SharedArrayBuffer(4) },
        settled: false,
        settle: (outcome) => {
          if (!pending.settled) {
            pending.settled = true;
            resolve(outcome);
          }
        },
      };
      if (signal?.aborted) {
        pending.settle({ kind: 'cancelled' });
        return;
      }
      signal?.addEventListener('abort', () => this.cancel(pending), { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  private cancel(pending: Pending): void {
    pending.settle({ kind: 'cancelled' });
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
    } else if (this.current === pending) {
      Atomics.store(new Int32Array(pending.job.cancel), 0, 1);
      this.killTimer = setTimeout(() => this.workerGone(`did not stop within ${KILL_AFTER_CANCEL_MS} ms`), KILL_AFTER_CANCEL_MS);
    }
  }

  private pump(): void {
    if (this.current || !this.queue.length) {
      return;
    }
    clearTimeout(this.idleTimer);
    this.current = this.queue.shift()!;
    try {
      const worker = this.ensureWorker();
      worker.ref();
      worker.postMessage(this.current.job);
    } catch (e) {
      this.workerGone((e as Error).message);
    }
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB } });
      worker.on('message', (answer: RuleTestAnswer) => this.answered(answer));
      worker.on('error', (e) => this.worker === worker && this.workerGone(e.message));
      worker.on('exit', (code) => this.worker === worker && this.workerGone(`exited with code ${code}`));
      this.worker = worker;
    }
    return this.worker;
  }

  private answered(answer: RuleTestAnswer): void {
    const pending = this.current;
    if (!pending || pending.job.id !== answer.id) {
      return;
    }
    clearTimeout(this.killTimer);
    this.current = undefined;
    if ('result' in answer) {
      pending.settle({ kind: 'done', result: answer.result });
    } else if ('error' in answer) {
      pending.settle({ kind: 'error', message: answer.error });
    } else {
      pending.settle({ kind: 'cancelled' });
    }
    this.idle();
    this.pump();
  }

  /** The worker failed or hung: the current run ends with the reason, the next run gets a new worker. */
  private workerGone(reason: string): void {
    clearTimeout(this.killTimer);
    this.stopWorker();
    const pending = this.current;
    this.current = undefined;
    pending?.settle({ kind: 'error', message: `the rule-test worker stopped: ${reason}` });
    this.pump();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private idle(): void {
    this.worker?.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => !this.current && this.stopWorker(), IDLE_MS);
    this.idleTimer.unref();
  }
}
