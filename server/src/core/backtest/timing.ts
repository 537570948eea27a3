// When a backtest evaluates: the rule group's interval (its own `interval:`, else what the connected Prometheus
// says for the loaded group, else the workspace's `evaluation_interval`, else Prometheus's default of 1m), and,
// when the server evaluates this very group, its phase, so the steps fall on the times it really evaluated and the
// result can be compared with its own ALERTS series.
import type { PrometheusApi } from '../prometheus/client';
import { PrometheusError } from '../prometheus/errors';
import type { RuleGroup } from '../prometheus/types';
import { durationText } from '../query/window';
import type { RuleToBacktest } from './ruleAt';

/** Prometheus's `global.evaluation_interval` when a configuration sets none (config/config.go DefaultGlobalConfig). */
const DEFAULT_EVALUATION_MS = 60_000;

export interface EvaluationTiming {
  stepMs: number;
  /** Milliseconds past a multiple of `stepMs` at which evaluations happen. */
  phaseMs: number;
  /** Where the interval came from, for the user. */
  source: string;
  aligned: boolean;
  notes: string[];
}

function loadedGroup(groups: RuleGroup[], found: RuleToBacktest): RuleGroup | undefined {
  return groups.find((g) => g.name === found.groupName && g.rules.some((r) => r.type === 'alerting' && r.name === found.rule.name));
}

/** Unix milliseconds of an RFC 3339 time with any fraction (Go's zero time and unparsable text: undefined). */
function evaluationMs(text: string | undefined): number | undefined {
  const m = text && /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(.*)$/.exec(text);
  if (!m) {
    return undefined;
  }
  const whole = Date.parse(`${m[1]}${m[3]}`);
  const ms = whole + Number((m[2] ?? '').padEnd(3, '0').slice(0, 3));
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

async function serverGroups(api: PrometheusApi, signal: AbortSignal | undefined, connection: string): Promise<{ groups: RuleGroup[]; note?: string }> {
  try {
    return { groups: await api.rules({ type: 'alert', signal }) };
  } catch (e) {
    if (!(e instanceof PrometheusError) || e.kind === 'cancelled') {
      throw e;
    }
    const why = e.kind === 'http' && e.status === 404 ? `${connection} has no /api/v1/rules endpoint` : `the rules of ${connection} could not be read (${e.message})`;
    return { groups: [], note: `${why}: evaluation times are not matched to the server's own` };
  }
}

export async function evaluationTiming(
  found: RuleToBacktest,
  api: PrometheusApi,
  options: { connection: string; workspaceIntervalSeconds?: number; signal?: AbortSignal },
): Promise<EvaluationTiming> {
  const { groups, note } = await serverGroups(api, options.signal, options.connection);
  const notes = note ? [note] : [];
  const loaded = loadedGroup(groups, found);
  const loadedMs = loaded && loaded.interval > 0 ? Math.round(loaded.interval * 1000) : undefined;
  let stepMs: number;
  let source: string;
  if (found.groupIntervalMs) {
    stepMs = found.groupIntervalMs;
    source = `the group's interval (${durationText(stepMs / 1000)})`;
  } else if (loadedMs) {
    stepMs = loadedMs;
    source = `${options.connection}'s interval for group ${found.groupName} (${durationText(stepMs / 1000)})`;
  } else if (options.workspaceIntervalSeconds) {
    stepMs = Math.round(options.workspaceIntervalSeconds * 1000);
    source = `the workspace's evaluation_interval (${durationText(stepMs / 1000)})`;
  } else {
    stepMs = DEFAULT_EVALUATION_MS;
    source = "Prometheus's default evaluation_interval (1m)";
  }
  const last = loadedMs === stepMs ? evaluationMs(loaded?.lastEvaluation) : undefined;
  if (loaded && loadedMs !== stepMs) {
    notes.push(`${options.connection} evaluates group ${found.groupName} every ${durationText((loadedMs ?? 0) / 1000)}, the file every ${durationText(stepMs / 1000)}: the file's interval is used`);
  }
  return { stepMs, phaseMs: last === undefined ? 0 : last % stepMs, source, aligned: last !== undefined, notes };
}
