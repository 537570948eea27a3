/**
 * An alerting rule's state over evaluations, as rules/alerting.go (Prometheus 2.42) keeps it: new result
 * elements become pending alerts, pending alerts fire once active for `for`, vanished alerts resolve (a firing
 * one only after `keep_firing_for`), and every evaluation writes the `ALERTS` and `ALERTS_FOR_STATE` samples of
 * the active alerts. Labels are the expression's labels without the metric name, then the rule's labels
 * expanded as templates (an empty expansion removes the label), then `alertname`.
 */
import { EvalError, type Sample } from './engine/types';
import { labelsFrom, labelsKey, type Label, type Labels } from './labels';
import type { LoadedRule } from './ruleFiles';

export type AlertState = 'pending' | 'firing' | 'inactive';

export interface Alert {
  labels: Labels;
  /** In the rule's order; empty values kept, as Prometheus keeps them. */
  annotations: Labels;
  state: AlertState;
  value: number;
  activeAtMs: number;
  firedAtMs?: number;
  resolvedAtMs?: number;
  keepFiringSinceMs?: number;
}

/** Expands one label or annotation template for a result sample. */
export type Expand = (template: string, sample: Sample) => string;

/** How long a resolved alert is kept (and reported as resolved) before it is forgotten. */
const RESOLVED_RETENTION_MS = 15 * 60_000;

export class AlertingRuleState {
  private readonly active = new Map<string, Alert>();

  constructor(readonly rule: LoadedRule) {}

  /** Updates the alerts from the expression's result at `ts`; returns the ALERTS / ALERTS_FOR_STATE samples. */
  eval(ts: number, result: Sample[], expand: Expand, limit: number): Sample[] {
    const current = new Map<string, Alert>();
    for (const s of result) {
      const pairs = new Map<string, string>(s.labels.filter((l) => l.name !== '__name__').map((l): [string, string] => [l.name, l.value]));
      for (const l of this.rule.labels) {
        pairs.set(l.name, expand(l.value, s));
      }
      pairs.set('alertname', this.rule.name);
      const labels = labelsFrom(pairs);
      const annotations: Labels = Object.freeze(this.rule.annotations.map((a): Label => ({ name: a.name, value: expand(a.value, s) })));
      const key = labelsKey(labels);
      if (current.has(key)) {
        throw new EvalError('vector contains metrics with the same labelset after applying alert labels');
      }
      current.set(key, { labels, annotations, activeAtMs: ts, state: 'pending', value: s.v });
    }
    for (const [key, a] of current) {
      const known = this.active.get(key);
      if (known && known.state !== 'inactive') {
        known.value = a.value;
        known.annotations = a.annotations;
      } else {
        this.active.set(key, a);
      }
    }
    const out: Sample[] = [];
    let activeCount = 0;
    for (const [key, a] of this.active) {
      if (!current.has(key)) {
        if (!this.stillActive(key, a, ts)) {
          continue;
        }
      } else {
        a.keepFiringSinceMs = undefined;
      }
      activeCount++;
      if (a.state === 'pending' && ts - a.activeAtMs >= this.rule.forMs) {
        a.state = 'firing';
        a.firedAtMs = ts;
      }
      out.push(this.sample(a, ts, 'ALERTS', 1), this.sample(a, ts, 'ALERTS_FOR_STATE', Math.floor(a.activeAtMs / 1000)));
    }
    if (limit > 0 && activeCount > limit) {
      this.active.clear();
      throw new EvalError(`exceeded limit of ${limit} with ${activeCount} alerts`);
    }
    return out;
  }

  /** An alert missing from the result: resolves it unless `keep_firing_for` holds it; true while it stays active. */
  private stillActive(key: string, a: Alert, ts: number): boolean {
    let keepFiring = false;
    if (a.state === 'firing' && this.rule.keepFiringForMs > 0) {
      a.keepFiringSinceMs ??= ts;
      keepFiring = ts - a.keepFiringSinceMs < this.rule.keepFiringForMs;
    }
    if (a.state === 'pending' || (a.resolvedAtMs !== undefined && ts - a.resolvedAtMs > RESOLVED_RETENTION_MS)) {
      this.active.delete(key);
    }
    if (a.state !== 'inactive' && !keepFiring) {
      a.state = 'inactive';
      a.resolvedAtMs = ts;
    }
    return keepFiring;
  }

  private sample(a: Alert, ts: number, metric: string, v: number): Sample {
    const pairs = new Map<string, string>(this.rule.labels.map((l): [string, string] => [l.name, l.value]));
    for (const l of a.labels) {
      pairs.set(l.name, l.value);
    }
    pairs.set('__name__', metric);
    pairs.set('alertname', this.rule.name);
    if (metric === 'ALERTS') {
      pairs.set('alertstate', a.state);
    }
    return { labels: labelsFrom(pairs), v, t: ts };
  }

  /** Alerts that are pending or firing (ActiveAlerts: not resolved). */
  activeAlerts(): Alert[] {
    return [...this.active.values()].filter((a) => a.resolvedAtMs === undefined);
  }
}
