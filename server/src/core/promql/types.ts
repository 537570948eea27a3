/**
 * The shared vocabulary of the PromQL modules. `functions.ts` holds the single table of functions,
 * aggregations and operators typed with these, and feeds check, completion, hover and signature help.
 */

/** Value types as Prometheus names them (promql/parser/value.go). */
export type ValueType = 'vector' | 'matrix' | 'scalar' | 'string' | 'none';

export const VALUE_TYPE_WORDS: Record<ValueType, string> = {
  vector: 'instant vector',
  matrix: 'range vector',
  scalar: 'scalar',
  string: 'string',
  none: 'none',
};

export interface FunctionInfo {
  name: string;
  /** Argument types, in order. */
  args: ValueType[];
  /**
   * As Prometheus's `Variadic` (promql/parser/parse.go checkAST): 0 = exactly `args`; n > 0 = the last argument
   * is optional and may be given up to n times (so between `args.length - 1` and `args.length - 1 + n` arguments);
   * -1 = the last argument may repeat any number of times (including zero).
   */
  variadic: number;
  returns: ValueType;
  /** Argument names for signatures and snippets, e.g. ["v", "scalar"]. */
  argNames: string[];
  /** Markdown documentation in our own words. */
  doc: string;
  example?: string;
  /** Prometheus version that added it (absent for functions older than 2.30). */
  since?: string;
  /** Needs `--enable-feature=promql-experimental-functions`. */
  experimental?: boolean;
  /** Version from which an experimental function no longer needs the feature flag. */
  stableSince?: string;
  /** Version that removed the function (e.g. `holt_winters` in 3.0). */
  removed?: string;
  /** The function that replaces a removed one. */
  replacedBy?: string;
}

export interface AggregationInfo {
  name: string;
  /** Type of the parameter before the vector (`topk(3, …)`), if the aggregation takes one. */
  param?: ValueType;
  paramName?: string;
  doc: string;
  example?: string;
  since?: string;
  experimental?: boolean;
}

export interface OperatorInfo {
  name: string;
  kind: 'arithmetic' | 'comparison' | 'set' | 'trim';
  /** Binding strength, higher binds tighter (`^` 6 … `or` 1), as in promql/parser/generated_parser.y. */
  precedence?: number;
  doc: string;
  since?: string;
  experimental?: boolean;
}

/** A half-open range of offsets into the PromQL text. */
export interface Span {
  from: number;
  to: number;
}

/** A problem inside a PromQL expression, by offsets into the expression text. */
export interface PromQLProblem extends Span {
  severity: 'error' | 'warning' | 'info';
  /** `promql/...`, e.g. `promql/syntax`, `promql/type`, `promql/rate-on-gauge`. */
  code: string;
  message: string;
  fix?: { title: string; from: number; to: number; replacement: string };
}

/**
 * Where completion gets metric names, label names and values: the workspace, a live Prometheus, or both merged.
 * `matchers` are the other complete matchers already written in the same braces (`job="api"`), which a live
 * source uses to narrow its answer; a source may ignore them.
 */
export interface MetricSource {
  metricNames(prefix: string): Promise<MetricInfo[]> | MetricInfo[];
  labelNames(metric: string | undefined, matchers?: string[]): Promise<string[]> | string[];
  labelValues(label: string, metric: string | undefined, matchers?: string[]): Promise<string[]> | string[];
  /** Everything known about one metric, for hover (a live source adds its unit and current series count). */
  describe?(metric: string): Promise<MetricInfo | undefined>;
}

export interface MetricInfo {
  name: string;
  type?: 'counter' | 'gauge' | 'histogram' | 'summary' | 'unknown' | string;
  help?: string;
  /** Where the metric comes from: "recording rule in rules/api.yml", "rule-test series", "Prometheus"… */
  source?: string;
  /** The UNIT of its metadata (`seconds`, `bytes`), when the exporter sets one. */
  unit?: string;
  /** How many series of it a live Prometheus has now. */
  seriesCount?: number;
  /** Why something is missing (a server without TYPE and HELP metadata, say), shown with the docs. */
  note?: string;
}
