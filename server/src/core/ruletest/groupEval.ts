/**
 * One rule group evaluated at a time, as rules.Group.Eval (rules/manager.go, Prometheus 2.42) does it: each rule in
 * order queries the storage at `ts`, writes its result (recording rules: the renamed series; alerting rules:
 * `ALERTS` and `ALERTS_FOR_STATE`) so later rules see it, and writes a staleness marker for every series it wrote
 * at its previous evaluation but not at this one. A failing rule keeps its error (promtool stops the test on it)
 * and the group goes on with the next rule.
 */
import { evaluateInstant } from './engine/evaluate';
import { EvalError, type Sample } from './engine/types';
import { AlertTemplateExpander } from '../templates/evaluate';
import type { QuerySample } from '../templates/prometheusFuncs';
import { GoFuncError } from '../templates/values';
import { checkPromQL } from '../promql/check';
import { promqlErrorText } from './promqlErrors';
import { AlertingRuleState } from './alerting';
import { labelsKey, labelsFrom, type Labels } from './labels';
import type { LoadedGroup, LoadedRule } from './ruleFiles';
import type { TestStorage } from './testStorage';

export interface GroupEnv {
  storage: TestStorage;
  /** Step of subqueries without one: promtool uses the evaluation interval. */
  subqueryStepMs: number;
  externalLabels: Record<string, string>;
  externalURL: string;
  /** Prometheus release whose template functions to offer. */
  version: string;
  checkpoint?: () => void;
}

export interface RuleRun {
  rule: LoadedRule;
  /** The error of the last evaluation, as Prometheus's rule.LastError(). */
  lastError?: string;
  alerting?: AlertingRuleState;
  /** Series written at the previous evaluation, for staleness markers. */
  previous: Map<string, Labels>;
}

/** An instant query as rules.EngineQueryFunc runs it: a vector, or a scalar as one sample without labels. */
export function queryVector(rule: LoadedRule['expr'], ts: number, env: GroupEnv): Sample[] {
  const v = evaluateInstant(rule, ts, env.storage.storage, { subqueryStepMs: env.subqueryStepMs, checkpoint: env.checkpoint });
  if (v.type === 'vector') {
    return v.samples;
  }
  if (v.type === 'scalar') {
    return [{ labels: [], v: v.v }];
  }
  throw new EvalError('rule result is not a vector or scalar');
}

/** Template functions whose result depends on the evaluation time or the stored series. */
const TIME_DEPENDENT = /\b(?:query|now)\b/;
const MAX_KEPT_EXPANSIONS = 10_000;

export class GroupRun {
  readonly rules: RuleRun[];
  private readonly templates: AlertTemplateExpander;
  /**
   * Expansions of templates that name neither `query` nor `now`, by alert, text, labels and value: every other
   * input is the same for the whole run, so an alert that stays active expands to the same text at each evaluation.
   */
  private readonly expansions = new Map<string, string>();

  constructor(
    readonly group: LoadedGroup,
    private readonly env: GroupEnv,
  ) {
    this.rules = group.rules.map((rule) => ({ rule, previous: new Map(), alerting: rule.kind === 'alert' ? new AlertingRuleState(rule) : undefined }));
    this.templates = new AlertTemplateExpander({ version: env.version, query: (expr, timeMs) => this.templateQuery(expr, timeMs) });
  }

  eval(ts: number): void {
    for (const run of this.rules) {
      let output: Sample[];
      try {
        output = this.evalRule(run, ts);
      } catch (e) {
        if (!(e instanceof EvalError)) {
          throw e;
        }
        run.lastError = e.message;
        continue;
      }
      run.lastError = undefined;
      this.write(run, output, ts);
    }
  }

  private evalRule(run: RuleRun, ts: number): Sample[] {
    const result = queryVector(run.rule.expr, ts, this.env);
    if (run.alerting) {
      return run.alerting.eval(ts, result, (text, sample) => this.expand(run.rule.name, text, sample, ts), this.group.limit);
    }
    const out = result.map((s) => {
      const pairs = new Map(s.labels.map((l): [string, string] => [l.name, l.value]));
      pairs.set('__name__', run.rule.name);
      for (const l of run.rule.labels) {
        pairs.set(l.name, l.value);
      }
      return { labels: labelsFrom(pairs), v: s.v, t: ts };
    });
    if (new Set(out.map((s) => labelsKey(s.labels))).size !== out.length) {
      throw new EvalError('vector contains metrics with the same labelset after applying rule labels');
    }
    if (this.group.limit > 0 && out.length > this.group.limit) {
      throw new EvalError(`exceeded limit of ${this.group.limit} with ${out.length} series`);
    }
    return out;
  }

  /** Appends a rule's samples; refused samples set the rule's error; vanished series get staleness markers. */
  private write(run: RuleRun, output: Sample[], ts: number): void {
    const written = new Map<string, Labels>();
    for (const s of output) {
      const refused = this.env.storage.append(s.labels, ts, s.v);
      if (refused) {
        run.lastError = refused;
      } else {
        written.set(labelsKey(s.labels), s.labels);
      }
    }
    for (const [key, labels] of run.previous) {
      if (!written.has(key)) {
        this.env.storage.append(labels, ts, NaN, true);
      }
    }
    run.previous = written;
  }

  private expand(alertName: string, text: string, sample: Sample, ts: number): string {
    if (TIME_DEPENDENT.test(text)) {
      return this.expandNow(alertName, text, sample, ts);
    }
    const key = `${alertName}\0${text}\0${labelsKey(sample.labels)}\0${Object.is(sample.v, -0) ? '-0' : sample.v}`;
    let output = this.expansions.get(key);
    if (output === undefined) {
      output = this.expandNow(alertName, text, sample, ts);
      if (this.expansions.size >= MAX_KEPT_EXPANSIONS) {
        this.expansions.clear();
      }
      this.expansions.set(key, output);
    }
    return output;
  }

  private expandNow(alertName: string, text: string, sample: Sample, ts: number): string {
    const labels = Object.fromEntries(sample.labels.map((l) => [l.name, l.value]));
    return this.templates.expand(text, { labels, externalLabels: this.env.externalLabels, externalURL: this.env.externalURL, value: sample.v }, alertName, ts).output;
  }

  /** The `query` template function: an instant query at the evaluation time. */
  private templateQuery(expr: string, timeMs: number): QuerySample[] {
    const checked = checkPromQL(expr, { prometheusVersion: this.env.version });
    const problem = checked.problems.find((p) => p.severity === 'error') ?? (checked.expr ? undefined : checked.problems[0]);
    if (!checked.expr || problem) {
      throw new GoFuncError(problem ? promqlErrorText(expr, problem) : 'empty query');
    }
    try {
      return queryVector(checked.expr, timeMs, this.env).map((s) => ({ labels: Object.fromEntries(s.labels.map((l) => [l.name, l.value])), value: s.v }));
    } catch (e) {
      throw e instanceof EvalError ? new GoFuncError(e.message) : e;
    }
  }
}
