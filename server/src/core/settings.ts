import type { FileAssociations } from './fileKind';
import type { Severity } from './problem';
import { LATEST_PROMETHEUS } from './version';

export type LintLevel = Severity | 'off';

export interface IgnoreEntry {
  /** Glob on the workspace-relative path. */
  path: string;
  /** Codes (or `area/*`) to ignore there; all codes when absent. */
  codes?: string[];
}

/** A Prometheus to connect to, by name; never holds secrets (those come from the editor's secret storage). */
export interface NamedConnection {
  name: string;
  url: string;
  default?: boolean;
  /** How long one request may take, as a Prometheus duration (`10s`). */
  timeout?: string;
  /** Extra headers on every request, e.g. `X-Scope-OrgID` for Mimir. */
  headers?: Record<string, string>;
  tls_config?: { ca_file?: string; insecure_skip_verify?: boolean };
  /** The user name of basic auth; its password is a secret. */
  basic_auth?: { username: string };
}

/** Settings shared by the server and the CLI: `.o11y.yaml` at the workspace root, overlaid by editor settings. */
export interface ProjectSettings {
  fileAssociations: FileAssociations;
  /** Code (or `area/*`) → severity override or `off`. */
  lints: Record<string, LintLevel>;
  versions: { prometheus: string; alertmanager?: string; grafana?: string };
  ignore: IgnoreEntry[];
  /** `url`: the single endpoint of the editor's `o11y.prometheus.url`; `defaultConnection`: the one in use. */
  connections: { prometheus: NamedConnection[]; url?: string; defaultConnection?: string };
  /** Prometheus `--enable-feature` flags that change what PromQL accepts. */
  promqlFeatures: PromQLFeatures;
  /** How far back an alert backtest looks (`o11y.backtest.range`, a Prometheus duration); default 24h. */
  backtestRange?: string;
}

export interface PromQLFeatures {
  experimentalFunctions?: boolean;
  durationExpressions?: boolean;
  extendedRangeSelectors?: boolean;
  binopFillModifiers?: boolean;
}

/** Prometheus's feature flag names (as in `--enable-feature=`) → our switches. */
export const PROMQL_FEATURE_FLAGS: Record<string, keyof PromQLFeatures> = {
  'promql-experimental-functions': 'experimentalFunctions',
  'promql-duration-expr': 'durationExpressions',
  'promql-extended-range-selectors': 'extendedRangeSelectors',
  'promql-binop-fill-modifiers': 'binopFillModifiers',
};

export function defaultSettings(): ProjectSettings {
  return {
    fileAssociations: {},
    lints: {},
    versions: { prometheus: LATEST_PROMETHEUS },
    ignore: [],
    connections: { prometheus: [] },
    promqlFeatures: {},
  };
}

/** Lint level for a code: exact code first, then its area wildcard (`prometheus/*`). */
export function lintLevel(settings: ProjectSettings, code: string): LintLevel | undefined {
  return settings.lints[code] ?? settings.lints[code.split('/')[0] + '/*'];
}
