// An alert backtest: the rule's expression evaluated over a past window at the group's evaluation times on a live
// Prometheus, run through the alert state machine, and summed up: how often it would have fired, for how long,
// and when, per alert. Never throws for a Prometheus failure (a BacktestFailure says what happened).
import type { PrometheusApi } from '../prometheus/client';
import { PrometheusError } from '../prometheus/errors';
import type { Sample } from '../ruletest/engine/types';
import { durationText } from '../query/window';
import { fetchHistory, stepTimes } from './history';
import type { RuleToBacktest } from './ruleAt';
import { simulate } from './simulate';
import { evaluationTiming } from './timing';
import { MAX_BACKTEST_SERIES, MAX_BACKTEST_STEPS, type BacktestFailure, type BacktestResponse, type BacktestSuccess } from './types';

export interface BacktestTarget {
  /** Connection name, for messages. */
  name: string;
  url: string;
  api: PrometheusApi;
  /** The built-in default URL that nobody configured. */
  quiet?: boolean;
}

export interface BacktestOptions {
  /** The window, unix seconds. */
  start: number;
  end: number;
  signal?: AbortSignal;
  /** The Prometheus release whose template functions label templates get. */
  version?: string;
  /** The workspace's `global.evaluation_interval`, seconds, when it has a prometheus.yml. */
  workspaceIntervalSeconds?: number;
  clock?: () => number;
}

export function backtestFailure(kind: BacktestFailure['kind'], message: string, extra: Partial<BacktestFailure> = {}): BacktestFailure {
  const line = message.replace(/\s+/g, ' ').trim();
  return { ok: false, kind, message, ...extra, summary: `✗ ${line.length > 120 ? `${line.slice(0, 119)}…` : line}` };
}

function describeFailure(e: PrometheusError, target: BacktestTarget, found: RuleToBacktest): BacktestFailure {
  if (e.kind === 'unreachable' && target.quiet) {
    return backtestFailure('noConnection', `no Prometheus is configured, and none answers at the default ${target.url} (${e.message})`, { at: found.at });
  }
  const text = e.kind === 'api' && e.apiError !== undefined ? `${e.errorType ?? 'error'}: ${e.apiError}` : e.message;
  return backtestFailure('prometheus', `backtest of ${found.rule.name} on ${target.name}: ${text}`, { at: found.at, connection: target.name });
}

/** `3h 20m`, `45s`: a firing time for people, in its two largest units. */
export function humanDuration(seconds: number): string {
  const s = Math.round(seconds);
  const units: [number, string][] = [[Math.floor(s / 86400), 'd'], [Math.floor((s % 86400) / 3600), 'h'], [Math.floor((s % 3600) / 60), 'm'], [s % 60, 's']];
  const first = units.findIndex(([n]) => n > 0);
  if (first < 0) {
    return '0s';
  }
  return units.slice(first, first + 2).filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`).join(' ');
}

export function backtestSummary(r: Pick<BacktestSuccess, 'firings' | 'firingSeconds' | 'seriesCount' | 'window' | 'ms'>): string {
  const span = humanDuration(r.window.end - r.window.start);
  const time = `${Math.round(r.ms)} ms`;
  if (r.firings === 0) {
    return `🔕 never fired in ${span} · ${time}`;
  }
  const times = `${r.firings} time${r.firings === 1 ? '' : 's'}`;
  const alerts = `${r.seriesCount} alert${r.seriesCount === 1 ? '' : 's'}`;
  return `🔔 fired ${times} · ${alerts} · ${humanDuration(r.firingSeconds)} firing in ${span} · ${time}`;
}

export async function runBacktest(found: RuleToBacktest, target: BacktestTarget, options: BacktestOptions): Promise<BacktestResponse> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  if (!(options.end > options.start)) {
    return backtestFailure('badRange', 'the backtest window must end after it starts', { at: found.at });
  }
  try {
    const timing = await evaluationTiming(found, target.api, { connection: target.name, workspaceIntervalSeconds: options.workspaceIntervalSeconds, signal: options.signal });
    const count = Math.floor(((options.end - options.start) * 1000) / timing.stepMs);
    if (count > MAX_BACKTEST_STEPS) {
      const at = durationText(timing.stepMs / 1000);
      return backtestFailure('badRange', `${count} evaluations (every ${at}) is too many; backtest a shorter range (at most ${MAX_BACKTEST_STEPS})`, { at: found.at });
    }
    const steps = stepTimes(options.start * 1000, options.end * 1000, timing.stepMs, timing.phaseMs);
    if (!steps.length) {
      return backtestFailure('badRange', `the window holds no evaluation of ${found.rule.name} (every ${durationText(timing.stepMs / 1000)}): backtest a longer range`, { at: found.at });
    }
    const history = await fetchHistory(target.api, found.exprText, steps, options.signal);
    const none: Sample[] = [];
    const sim = simulate({ rule: found.rule, steps, resultAt: (i) => history.byStep.get(steps[i]) ?? none, version: options.version });
    const notes = [...timing.notes, ...history.warnings];
    if (sim.error) {
      const when = new Date(sim.error.atMs).toISOString();
      return backtestFailure('evaluation', `evaluating ${found.rule.name} at ${when} failed: ${sim.error.message}`, { at: found.at, connection: target.name });
    }
    const sorted = [...sim.series].sort((a, b) => b.firingSeconds - a.firingSeconds);
    if (sorted.length > MAX_BACKTEST_SERIES) {
      notes.push(`${sorted.length} alerts fired; the ${MAX_BACKTEST_SERIES} that fired longest are listed`);
    }
    const result: Omit<BacktestSuccess, 'summary'> = {
      ok: true,
      connection: target.name,
      url: target.url,
      alertname: found.rule.name,
      query: found.exprText,
      window: { start: options.start, end: options.end, step: timing.stepMs / 1000 },
      forSeconds: found.rule.forMs / 1000,
      keepFiringForSeconds: found.rule.keepFiringForMs / 1000,
      intervalSource: timing.source,
      aligned: timing.aligned,
      firings: sim.series.reduce((n, s) => n + s.intervals.length, 0),
      firingSeconds: sim.series.reduce((n, s) => n + s.firingSeconds, 0),
      series: sorted.slice(0, MAX_BACKTEST_SERIES),
      seriesCount: sorted.length,
      evaluations: history.byStep.size,
      ms: clock() - started,
      notes,
      at: found.at,
    };
    return { ...result, summary: backtestSummary(result) };
  } catch (e) {
    if (e instanceof PrometheusError) {
      return describeFailure(e, target, found);
    }
    throw e;
  }
}
