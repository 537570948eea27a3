// The alert state machine run over a recorded history: at each evaluation time, the expression's result goes through
// the rule-test engine's AlertingRuleState (rules/alerting.go semantics: `for`, `keep_firing_for`, label
// templates), and the `ALERTS{alertstate="firing"}` samples it writes become firing intervals per label set, as a
// Prometheus evaluating the rule at those times would have written them.
import { EvalError, type Sample } from '../ruletest/engine/types';
import { AlertingRuleState, type Expand } from '../ruletest/alerting';
import { labelsKey, type Labels } from '../ruletest/labels';
import type { LoadedRule } from '../ruletest/ruleFiles';
import { expandAlertTemplate } from '../templates/evaluate';
import { GoFuncError } from '../templates/values';
import type { BacktestSeries, FiringInterval } from './types';

export interface SimulationInput {
  rule: LoadedRule;
  /** Evaluation times, milliseconds, ascending and evenly spaced. */
  steps: number[];
  /** The expression's result at `steps[i]`. */
  resultAt(i: number): Sample[];
  /** Prometheus release whose template functions label templates get. */
  version?: string;
  externalLabels?: Record<string, string>;
}

export interface Simulation {
  /** Alerts that fired at least once, in the order they first fired. */
  series: BacktestSeries[];
  /** An evaluation error that stopped the run (such as two results with the same labels after the rule's labels). */
  error?: { message: string; atMs: number };
}

/** Label templates are expanded per sample; most rules have none, and plain text is its own expansion. */
function expander(rule: LoadedRule, version: string | undefined, externalLabels: Record<string, string>): Expand {
  return (text, sample) => {
    if (!text.includes('{{')) {
      return text;
    }
    const labels = Object.fromEntries(sample.labels.map((l) => [l.name, l.value]));
    const query = (): never => {
      throw new GoFuncError('query is not available in a backtest');
    };
    return expandAlertTemplate(text, { labels, externalLabels, value: sample.v }, { alertName: rule.name, timeMs: sample.t, version, query }).output;
  };
}

function toRecord(labels: Labels): Record<string, string> {
  return Object.fromEntries(labels.filter((l) => l.name !== '__name__' && l.name !== 'alertstate').map((l) => [l.name, l.value]));
}

/** Runs the rule over every step; an alert's interval ends at the first step where it no longer fires. */
export function simulate(input: SimulationInput): Simulation {
  const state = new AlertingRuleState(input.rule);
  const expand = expander(input.rule, input.version, input.externalLabels ?? {});
  const open = new Map<string, FiringInterval>();
  const byKey = new Map<string, BacktestSeries>();
  const close = (key: string, endMs: number, stillOpen: boolean): void => {
    const interval = open.get(key)!;
    interval.end = endMs / 1000;
    interval.open = stillOpen;
    open.delete(key);
    const series = byKey.get(key)!;
    series.firingSeconds += interval.end - interval.start;
  };
  for (let i = 0; i < input.steps.length; i++) {
    const ts = input.steps[i];
    let written: Sample[];
    try {
      written = state.eval(ts, input.resultAt(i).map((s) => ({ ...s, t: ts })), expand, 0);
    } catch (e) {
      if (e instanceof EvalError) {
        return { series: [...byKey.values()], error: { message: e.message, atMs: ts } };
      }
      throw e;
    }
    const firing = new Set<string>();
    for (const s of written) {
      if (s.labels.some((l) => l.name === 'alertstate' && l.value === 'firing')) {
        const labels = toRecord(s.labels);
        const key = labelsKey(s.labels.filter((l) => l.name !== 'alertstate'));
        firing.add(key);
        if (!open.has(key)) {
          const interval: FiringInterval = { start: ts / 1000, end: ts / 1000, open: true };
          open.set(key, interval);
          const series = byKey.get(key) ?? { labels, intervals: [], firingSeconds: 0 };
          series.intervals.push(interval);
          byKey.set(key, series);
        }
      }
    }
    for (const key of [...open.keys()]) {
      if (!firing.has(key)) {
        close(key, ts, false);
      }
    }
  }
  const last = input.steps.at(-1);
  for (const key of [...open.keys()]) {
    close(key, last ?? 0, true);
  }
  return { series: [...byKey.values()] };
}
