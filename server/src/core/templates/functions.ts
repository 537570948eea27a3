/**
 * The function tables of the two template dialects: Go's text/template builtins (text/template/funcs.go), plus
 * Prometheus's alert and console template functions (template/template.go) or Alertmanager's notification
 * template functions (template/template.go `DefaultFuncs`). One table feeds checking (names, arity, argument
 * kinds), evaluation (argument conversion), hover and completion.
 */
import { ALERTMANAGER_FUNCTIONS } from './functionsAlertmanager';
import { PROMETHEUS_FUNCTIONS } from './functionsPrometheus';

export type Dialect = 'prometheusAlert' | 'alertmanager';

export interface FunctionParam {
  name: string;
  /** The Go type: `string`, `any`, `float64`, `[]string`, `time.Time`, `queryResult`, `*sample` … */
  type: string;
}

export interface FunctionInfo {
  name: string;
  params: FunctionParam[];
  /** The trailing `...T` parameter, if any. */
  variadic?: FunctionParam;
  /** The Go result type. */
  result: string;
  /** Whether the function can fail (returns an error too); a failure stops the template. */
  canFail?: boolean;
  /** What it does, for hover and completion. */
  doc: string;
  /** The first release that has it (Prometheus `2.33`, Alertmanager `0.28`); absent: always there. */
  since?: string;
  /** The first release whose behaviour matches `doc`, when it changed. */
  changed?: string;
}

const ANY = (name: string): FunctionParam => ({ name, type: 'any' });
const STR = (name: string): FunctionParam => ({ name, type: 'string' });

/** Go's builtins, present in every template. Comparison and logic take any value (reflect.Value in Go). */
export const GO_BUILTINS: readonly FunctionInfo[] = [
  {
    name: 'and',
    params: [ANY('arg')],
    variadic: ANY('args'),
    result: 'any',
    doc: 'Returns the first empty argument, or the last one if none is empty. Stops evaluating at the first empty argument, so `and .A .A.B` is safe.',
  },
  {
    name: 'or',
    params: [ANY('arg')],
    variadic: ANY('args'),
    result: 'any',
    doc: 'Returns the first non-empty argument, or the last one if all are empty. Stops evaluating at the first non-empty argument: handy for defaults (`or $labels.team "unknown"`).',
  },
  { name: 'not', params: [ANY('arg')], result: 'bool', doc: 'True when its argument is empty (false, 0, nil, or an empty string, map or list).' },
  {
    name: 'len',
    params: [ANY('item')],
    result: 'int',
    canFail: true,
    doc: 'The length of a string (in bytes), map or list.',
  },
  {
    name: 'index',
    params: [ANY('item')],
    variadic: ANY('keys'),
    result: 'any',
    canFail: true,
    doc: 'Looks up map keys or list positions: `index $labels "job"` is the label `job`; a missing key gives the empty value. Use it for label names that are not identifiers (`index $labels "app.kubernetes.io/name"`).',
  },
  {
    name: 'slice',
    params: [ANY('item')],
    variadic: ANY('indexes'),
    result: 'any',
    canFail: true,
    doc: 'A part of a string or list: `slice x 1 3` is `x[1:3]` (string positions count bytes).',
  },
  { name: 'print', params: [], variadic: ANY('args'), result: 'string', doc: "Go's fmt.Sprint: the arguments' text, with spaces between two that are not strings." },
  {
    name: 'printf',
    params: [STR('format')],
    variadic: ANY('args'),
    result: 'string',
    doc: "Go's fmt.Sprintf: formats the arguments by the verbs in the format, such as `%s`, `%d`, `%.2f`, `%v`, `%q`, `%x`. A float such as `$value` needs a float verb (`%.2f`, `%g`); `%d` prints `%!d(float64=…)`.",
  },
  { name: 'println', params: [], variadic: ANY('args'), result: 'string', doc: "Go's fmt.Sprintln: the arguments' text separated by spaces, then a newline." },
  { name: 'html', params: [], variadic: ANY('args'), result: 'string', doc: 'The text of its arguments with `<`, `>`, `&`, `\'` and `"` escaped for HTML.' },
  { name: 'js', params: [], variadic: ANY('args'), result: 'string', doc: 'The text of its arguments escaped for use inside a JavaScript string.' },
  { name: 'urlquery', params: [], variadic: ANY('args'), result: 'string', doc: 'The text of its arguments escaped for a URL query parameter (space becomes `+`).' },
  {
    name: 'eq',
    params: [ANY('arg1')],
    variadic: ANY('arg2'),
    result: 'bool',
    canFail: true,
    doc: 'True when the first argument equals any of the others. Both sides must be of the same basic kind: `eq $value 1` fails because `$value` is a float and `1` an integer; write `eq $value 1.0`.',
  },
  { name: 'ne', params: [ANY('arg1'), ANY('arg2')], result: 'bool', canFail: true, doc: 'True when the arguments differ (same kinds required, as for `eq`).' },
  { name: 'lt', params: [ANY('arg1'), ANY('arg2')], result: 'bool', canFail: true, doc: 'True when arg1 < arg2. Both must be numbers of the same kind, or strings: compare `$value` with a float such as `0.5` or `1.0`.' },
  { name: 'le', params: [ANY('arg1'), ANY('arg2')], result: 'bool', canFail: true, doc: 'True when arg1 <= arg2 (same kinds required, as for `lt`).' },
  { name: 'gt', params: [ANY('arg1'), ANY('arg2')], result: 'bool', canFail: true, doc: 'True when arg1 > arg2 (same kinds required: `gt $value 0.9`, not `gt $value 1`).' },
  { name: 'ge', params: [ANY('arg1'), ANY('arg2')], result: 'bool', canFail: true, doc: 'True when arg1 >= arg2 (same kinds required, as for `lt`).' },
  {
    name: 'call',
    params: [ANY('fn')],
    variadic: ANY('args'),
    result: 'any',
    canFail: true,
    doc: 'Calls a function value held in the data with the other arguments. Neither Prometheus nor Alertmanager data holds functions.',
  },
];

const TABLES: Record<Dialect, readonly FunctionInfo[]> = {
  prometheusAlert: PROMETHEUS_FUNCTIONS,
  alertmanager: ALERTMANAGER_FUNCTIONS,
};

const cache = new Map<Dialect, ReadonlyMap<string, FunctionInfo>>();

/** Every function of a dialect by name: the builtins, overridden by the dialect's own (as Go's lookup does). */
export function functionsFor(dialect: Dialect): ReadonlyMap<string, FunctionInfo> {
  let m = cache.get(dialect);
  if (!m) {
    m = new Map([...GO_BUILTINS, ...TABLES[dialect]].map((f) => [f.name, f]));
    cache.set(dialect, m);
  }
  return m;
}

export function isBuiltin(name: string): boolean {
  return GO_BUILTINS.some((f) => f.name === name);
}

/** Compares dotted versions (`2.42` < `2.42.1` < `3.0`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split('.').map(Number);
  const pb = b.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
}

/** Whether a function exists in the given release (any release when none is given). */
export function availableIn(f: FunctionInfo, version?: string): boolean {
  return !version || !f.since || compareVersions(version, f.since) >= 0;
}

/** `printf(format string, args ...any) string` */
export function signature(f: FunctionInfo): string {
  const params = f.params.map((p) => `${p.name} ${p.type}`);
  if (f.variadic) {
    params.push(`${f.variadic.name} ...${f.variadic.type}`);
  }
  const result = f.canFail ? `(${f.result}, error)` : f.result;
  return `${f.name}(${params.join(', ')}) ${result}`;
}

/** The accepted argument count in words: `1`, `at least 1`. */
export function arityText(f: FunctionInfo): string {
  return f.variadic ? `at least ${f.params.length}` : String(f.params.length);
}

/**
 * Whether the Go that builds a release accepts `{{else with}}` (Go 1.23: Prometheus 3.0, Alertmanager 0.28).
 * Without a target release, it is accepted.
 */
export function acceptsElseWith(dialect: Dialect, version?: string): boolean {
  if (!version) {
    return true;
  }
  return compareVersions(version, dialect === 'prometheusAlert' ? '3.0' : '0.28') >= 0;
}
