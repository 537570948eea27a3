// The data of the Prometheus HTTP API (docs/querying/api.md upstream), as this client returns it.

export type Labels = Record<string, string>;

/** `[unix seconds, value]`; Prometheus sends the value as a string so NaN and ±Inf survive JSON. */
export type SamplePair = [number, string];

/** A native histogram sample's value (api.md "Native histograms"). */
export interface NativeHistogram {
  count: string;
  sum: string;
  /** `[boundary rule, lower, upper, count]`. */
  buckets?: [number, string, string, string][];
}

export interface VectorSample {
  metric: Labels;
  value?: SamplePair;
  histogram?: [number, NativeHistogram];
}

export interface MatrixSeries {
  metric: Labels;
  values?: SamplePair[];
  histograms?: [number, NativeHistogram][];
}

export type QueryData =
  | { resultType: 'vector'; result: VectorSample[] }
  | { resultType: 'matrix'; result: MatrixSeries[] }
  | { resultType: 'scalar'; result: SamplePair }
  | { resultType: 'string'; result: SamplePair };

/** A query's data with the warnings (and, from Prometheus 3, info annotations) sent along with it. */
export type QueryResult = QueryData & { warnings: string[]; infos: string[] };

export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

export interface BuildInfo {
  version: string;
  revision?: string;
  branch?: string;
  buildUser?: string;
  buildDate?: string;
  goVersion?: string;
}

export interface Alert {
  labels: Labels;
  annotations: Labels;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  keepFiringSince?: string;
  value: string;
}

interface RuleCommon {
  name: string;
  query: string;
  labels?: Labels;
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
  evaluationTime?: number;
  lastEvaluation?: string;
}

export interface AlertingRule extends RuleCommon {
  type: 'alerting';
  /** `for`, in seconds. */
  duration: number;
  /** `keep_firing_for`, in seconds (Prometheus ≥ 2.42). */
  keepFiringFor?: number;
  annotations: Labels;
  alerts: Alert[];
  state: 'pending' | 'firing' | 'inactive';
}

export interface RecordingRule extends RuleCommon {
  type: 'recording';
}

export interface RuleGroup {
  name: string;
  file: string;
  /** Evaluation interval, in seconds. */
  interval: number;
  limit?: number;
  rules: (AlertingRule | RecordingRule)[];
  evaluationTime?: number;
  lastEvaluation?: string;
}

export interface ActiveTarget {
  discoveredLabels: Labels;
  labels: Labels;
  scrapePool: string;
  scrapeUrl: string;
  globalUrl: string;
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
  health: 'up' | 'down' | 'unknown';
  scrapeInterval?: string;
  scrapeTimeout?: string;
}

export interface TargetsData {
  activeTargets: ActiveTarget[];
  droppedTargets: { discoveredLabels: Labels }[];
}
