// `o11y check --live`: the ordinary check, plus the lints that ask a running Prometheus (unknown metrics, label
// values no series carries, rate() on a gauge). Loaded only with --live: its HTTP client (undici) would cost every
// plain check's start-up.
import { CachedPrometheusClient } from '../core/prometheus/cachedClient';
import { PrometheusClient } from '../core/prometheus/client';
import { resolveConnection } from '../core/prometheus/connection';
import { PrometheusError } from '../core/prometheus/errors';
import { withLiveProblems } from '../core/prometheus/liveLints';
import { LiveMetrics } from '../core/prometheus/liveMetrics';
import { checkConnection } from '../core/prometheus/status';
import { parseDurationSeconds } from '../core/query/window';
import type { ParsedArgs } from './args';
import { UsageError } from './args';
import { docOf, finishCheck, startCheck, type CheckJob } from './check';
import { chooseConnection } from './query';

/** The reachability check gives up sooner than the lookups: a server that does not answer it is not waited for. */
const STATUS_TIMEOUT_MS = 10_000;

/** `--timeout D` as the connection's timeout setting, checked here so a bad value is a usage error. */
function timeoutFlag(args: ParsedArgs): string | undefined {
  const text = args.flags.timeout;
  if (text === undefined) {
    return undefined;
  }
  const seconds = text === true ? undefined : parseDurationSeconds(text);
  if (seconds === undefined || seconds <= 0) {
    throw new UsageError(`--timeout: ${text === true ? 'needs a value' : `"${text}" is not a positive duration (10s, 1m …)`}`);
  }
  return `${Math.max(1, Math.round(seconds * 1000))}ms`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function runLiveCheck(args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const timeout = timeoutFlag(args);
  const job = startCheck(args, err);
  const planned = chooseConnection(args, job.settings, process.env);
  const config = { ...planned.config, timeout: timeout ?? planned.config.timeout };
  let client: PrometheusClient;
  let statusTimeoutMs: number;
  try {
    client = new PrometheusClient(config);
    statusTimeoutMs = Math.min(resolveConnection(config).timeoutMs, STATUS_TIMEOUT_MS);
  } catch (e) {
    err(`o11y: --live: ${message(e)}\n`);
    return 1;
  }
  try {
    const status = await checkConnection(client, { timeoutMs: statusTimeoutMs });
    if (status.state !== 'connected') {
      err(`o11y: --live: ${status.state === 'authFailed' ? 'authentication failed: ' : ''}${status.message}\n`);
      return 1;
    }
    const failures: PrometheusError[] = [];
    const cached = new CachedPrometheusClient(client);
    const live = new LiveMetrics(planned.name, cached, { onChange: () => undefined, onFailure: (e) => failures.push(e) });
    // Asked here first to hear why they fail; LiveMetrics then reads the same answers from the cache.
    const [names] = await Promise.allSettled([cached.labelValues('__name__'), cached.metadata()]);
    if (names.status === 'rejected') {
      err(`o11y: --live: cannot read the metric names: ${message(names.reason)}\n`);
      return 1;
    }
    await live.warm();
    if (live.metadataUnavailable && !args.flags.quiet) {
      err(`note: ${live.metadataUnavailable}; rate() on a gauge is not checked\n`);
    }
    await lookUpAll(job, live);
    if (failures.length) {
      err(`warning: --live: ${failures.length} lookup(s) failed, their checks are left out (${failures[0].message})\n`);
    }
    return finishCheck(job, out, err);
  } finally {
    await client.close();
  }
}

/**
 * The live lints read what LiveMetrics has cached and never wait: a first pass over every file starts the label
 * lookups they need, and the report is made once all have answered.
 */
async function lookUpAll(job: CheckJob, live: LiveMetrics): Promise<void> {
  const { service } = job;
  service.live = live;
  for (const file of job.files) {
    const text = job.texts.get(file);
    const doc = typeof text === 'string' ? docOf(file, text) : undefined;
    if (doc && service.fileKind(doc) !== 'unknown') {
      withLiveProblems(service.context(doc), [], live, service.rules);
    }
  }
  await live.settled();
}
