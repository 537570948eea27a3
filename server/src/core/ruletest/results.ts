/** The structured results of running rule unit tests: per file, per test group, per case. */
import type { ItemDiff } from './diff';
import type { CaseObservation } from './observe';
import type { SourceSpan } from './yamlDecode';

export type { SourceSpan };

/** One expected or got entry: an alert (labels and annotations) or a sample (labels and value), as printed. */
export interface ResultItem {
  labels: string;
  annotations?: string;
  /** strconv.FormatFloat(v, 'E', -1, 64), as promtool prints it. */
  value?: string;
}

export interface Failure {
  /** promtool's text for this failure, indentation included. */
  message: string;
  /** Where in the test file the failure belongs (the case, the test group or the file). */
  span?: SourceSpan;
  expected?: ResultItem[];
  got?: ResultItem[];
  /** What differs between expected and got, item by item (diff.ts). */
  diff?: ItemDiff[];
}

export type Status = 'passed' | 'failed' | 'notRun';

export interface CaseResult {
  kind: 'alert' | 'expr';
  /** Index within the group's `alert_rule_test` or `promql_expr_test`. */
  index: number;
  /** `alertname: X, time: 5m` or `expr: "up", time: 5m`. */
  title: string;
  evalTimeMs: number;
  span: SourceSpan;
  /** `notRun` when the group stopped before this case (a rule failed to evaluate, the input did not load). */
  status: Status;
  failure?: Failure;
  /** What the engine saw, when the run was asked to observe (RunOptions.observe). */
  observed?: CaseObservation;
}

export interface GroupResult {
  index: number;
  /** The group's `name`, or `unnamed#INDEX` as newer promtool versions call it. */
  name: string;
  span: SourceSpan;
  status: 'passed' | 'failed';
  cases: CaseResult[];
  /** Every failure in promtool's order, including those of no single case (rule evaluation, loading). */
  failures: Failure[];
  durationMs: number;
}

export interface FileResult {
  file: string;
  status: 'passed' | 'failed';
  /** Failures of the file as a whole (unreadable, not valid YAML, repeated group in group_eval_order). */
  failures: Failure[];
  /** promtool's warnings (a rule_files pattern that matches nothing). */
  warnings: string[];
  groups: GroupResult[];
  durationMs: number;
}
