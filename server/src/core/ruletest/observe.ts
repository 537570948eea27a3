/**
 * What the engine saw for one case at its eval_time, for an editor's "Debug output": every active alert of the
 * case's alertname (pending ones too, which promtool never shows) with its state, labels, annotations, value and
 * times, or the whole result of a case's `expr`. Taken only when a run asks for it (RunOptions.observe).
 */
import { checkPromQL } from '../promql/check';
import { evaluateInstant } from './engine/evaluate';
import { EvalError } from './engine/types';
import type { GroupRun } from './groupEval';
import type { Labels } from './labels';
import { promqlErrorText } from './promqlErrors';
import type { Storage } from './storage';

export interface ObservedAlert {
  state: 'pending' | 'firing';
  labels: Labels;
  annotations: Labels;
  value: number;
  /** Milliseconds since the epoch (the test's start is 0 unless `start_timestamp`). */
  activeAtMs: number;
  firedAtMs?: number;
  /** Set while `keep_firing_for` holds a firing alert whose condition no longer holds. */
  keepFiringSinceMs?: number;
}

export type CaseObservation =
  | { kind: 'alert'; /** The rule evaluation the case looks at: the last at or before eval_time. */ evaluatedAtMs: number; rules: number; alerts: ObservedAlert[] }
  | { kind: 'expr'; valueType: 'vector' | 'scalar'; samples: { labels: Labels; value: number }[] }
  | { kind: 'error'; message: string };

/** The active alerts of every alerting rule named `alertname`, after the evaluation at `evaluatedAtMs`. */
export function observeAlerts(alertname: string, runs: GroupRun[], evaluatedAtMs: number): CaseObservation {
  const alerts: ObservedAlert[] = [];
  let rules = 0;
  for (const run of runs) {
    for (const r of run.rules) {
      if (!r.alerting || r.rule.name !== alertname) {
        continue;
      }
      rules++;
      for (const a of r.alerting.activeAlerts()) {
        if (a.state === 'inactive') {
          continue;
        }
        alerts.push({
          state: a.state,
          labels: a.labels,
          annotations: a.annotations,
          value: a.value,
          activeAtMs: a.activeAtMs,
          ...(a.firedAtMs !== undefined ? { firedAtMs: a.firedAtMs } : {}),
          ...(a.keepFiringSinceMs !== undefined ? { keepFiringSinceMs: a.keepFiringSinceMs } : {}),
        });
      }
    }
  }
  return { kind: 'alert', evaluatedAtMs, rules, alerts };
}

/** The result of a case's `expr` at `ts`, as promtool's query() computes it, or the error. */
export function observeExpr(expr: string, ts: number, ctx: { version: string; evaluationIntervalMs: number; checkpoint?: () => void }, storage: Storage): CaseObservation {
  const checked = checkPromQL(expr, { prometheusVersion: ctx.version });
  const problem = checked.problems.find((p) => p.severity === 'error') ?? (checked.expr ? undefined : checked.problems[0]);
  if (!checked.expr || problem) {
    return { kind: 'error', message: problem ? promqlErrorText(expr, problem) : '1:1: parse error: no expression found in input' };
  }
  try {
    const v = evaluateInstant(checked.expr, ts, storage, { subqueryStepMs: ctx.evaluationIntervalMs, checkpoint: ctx.checkpoint });
    if (v.type === 'vector') {
      return { kind: 'expr', valueType: 'vector', samples: v.samples.map((s) => ({ labels: s.labels, value: s.v })) };
    }
    if (v.type === 'scalar') {
      return { kind: 'expr', valueType: 'scalar', samples: [{ labels: [], value: v.v }] };
    }
    return { kind: 'error', message: 'rule result is not a vector or scalar' };
  } catch (e) {
    if (e instanceof EvalError) {
      return { kind: 'error', message: e.message };
    }
    throw e;
  }
}
