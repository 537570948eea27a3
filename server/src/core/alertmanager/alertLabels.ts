/**
 * What the workspace tells about the labels the alerts of an alerting rule carry when they reach Alertmanager.
 * Prometheus builds them (rules/alerting.go Eval, notifier/notifier.go) from the series of the expression, over
 * which the rule's labels are set (templates expanded; an empty value deletes the label), then `alertname`; the
 * notifier adds the external labels the alert lacks.
 *
 * Each label is known (a literal rule label, `alertname`, an external label), of unknown value (a templated rule
 * label, or one the expression may keep), or absent. What an expression keeps: for an aggregation `by (…)` and the
 * like, exactly those labels (promql/lintLabels.ts); for an expression that passes its series' labels through, the
 * labels the workspace knows such series to have: `job` and `instance`, the selector's own matchers, labels the
 * Prometheus configurations attach to targets (`static_configs` labels, relabeling `target_label`s), labels seen
 * on the metric in rule tests, and the labels of the recording rules that produce it.
 */
import { walk, type Expr } from '../promql/ast';
import { LabelAnalysis, removedBy, type LabelSet } from '../promql/lintLabels';
import { parsePromQL } from '../promql/parse';
import { memoByText } from '../memo';
import { matches, type Matcher } from './matchers';

/** Label name → value; `undefined` for a label whose value is unknown (it may also be missing). */
export type AlertLabels = Map<string, string | undefined>;

/** Labels every scraped series has. */
const TARGET_LABELS = ['job', 'instance'];

/** The workspace's facts that alerts draw labels from, beyond their own rule. */
export interface LabelContext {
  /** External labels of the workspace's Prometheus configurations (`undefined`: they disagree on the value). */
  external: Map<string, string | undefined>;
  /** Labels those configurations attach to targets. */
  targetLabels: Set<string>;
  /** Labels known for a metric's series (rule-test series, recording rules producing it). */
  seriesLabels(metric: string): Iterable<string>;
}

export interface AlertRuleLike {
  name: string;
  /** The rule's labels over its group's (as written: values may be templates). */
  labels: Record<string, string>;
  expr: string;
}

/** What one expression's result can carry, before the workspace's facts are added (memoised by text). */
interface ExprLabels {
  set?: LabelSet;
  /** Metric names and matcher label names of its selectors. */
  metrics: string[];
  matched: string[];
}

const exprLabels: (text: string) => ExprLabels = memoByText((text) => {
  const { expr } = parsePromQL(text);
  if (!expr) {
    return { metrics: [], matched: [] };
  }
  const metrics = new Set<string>();
  const matched = new Set<string>();
  walk(expr, (n) => {
    if (n.kind === 'vectorSelector') {
      if (n.name) {
        metrics.add(n.name);
      }
      for (const m of n.matchers) {
        if (m.name === '__name__') {
          if (m.op === '=') {
            metrics.add(m.value);
          }
        } else if (m.op === '=' || m.op === '=~') {
          matched.add(m.name);
        }
      }
    }
  });
  return { set: new LabelAnalysis().of(expr as Expr), metrics: [...metrics], matched: [...matched] };
}, 20_000);

/** The label names an expression's result may carry, given the workspace's facts. */
export function expressionLabels(expr: string, lc: LabelContext): Set<string> {
  const facts = exprLabels(expr);
  const set = facts.set;
  if (set?.closed) {
    return set.labels;
  }
  const out = new Set<string>();
  const add = (l: string): void => {
    if (l !== '__name__' && !(set && removedBy(set, l))) {
      out.add(l);
    }
  };
  TARGET_LABELS.forEach(add);
  lc.targetLabels.forEach(add);
  facts.matched.forEach(add);
  set?.labels.forEach(add);
  for (const metric of facts.metrics) {
    for (const l of lc.seriesLabels(metric)) {
      add(l);
    }
  }
  return out;
}

/** The labels of the alerts of one alerting rule, as far as the workspace tells. */
export function alertLabels(rule: AlertRuleLike, lc: LabelContext): AlertLabels {
  const out: AlertLabels = new Map();
  for (const l of expressionLabels(rule.expr, lc)) {
    out.set(l, undefined);
  }
  for (const [k, v] of Object.entries(rule.labels)) {
    if (v === '') {
      out.delete(k);
    } else {
      out.set(k, v.includes('{{') ? undefined : v);
    }
  }
  out.set('alertname', rule.name);
  for (const [k, v] of lc.external) {
    if (!out.has(k)) {
      out.set(k, v);
    }
  }
  return out;
}

/** The labels of an alert known for sure, for routing it: unknown values are left out. */
export function knownLabels(labels: AlertLabels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of labels) {
    if (v !== undefined) {
      out[k] = v;
    }
  }
  return out;
}

export type Verdict = 'yes' | 'no' | 'maybe';

/** Whether an alert satisfies a matcher: surely, surely not, or depending on a label of unknown value. */
export function matcherVerdict(m: Matcher, labels: AlertLabels): Verdict {
  if (!labels.has(m.name)) {
    return matches(m, '') ? 'yes' : 'no';
  }
  const v = labels.get(m.name);
  if (v === undefined) {
    return 'maybe';
  }
  return matches(m, v) ? 'yes' : 'no';
}

/** Whether an alert satisfies every matcher of a list. */
export function matchersVerdict(list: Matcher[], labels: AlertLabels): Verdict {
  let out: Verdict = 'yes';
  for (const m of list) {
    const v = matcherVerdict(m, labels);
    if (v === 'no') {
      return 'no';
    }
    if (v === 'maybe') {
      out = 'maybe';
    }
  }
  return out;
}
