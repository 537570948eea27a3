/**
 * Expanding templates exactly as Prometheus and Alertmanager do: the alert template expansion of
 * rules/alerting.go (the `$labels`… prefix, the `__alert_NAME` template name, missingkey=zero, the
 * `<error expanding template: …>` text on failure), Alertmanager's ExecuteTextString, and a general entry point.
 */
import { alertmanagerData, type NotificationInput } from './alertmanagerData';
import { alertmanagerImpls, type AlertmanagerEnv } from './alertmanagerFuncs';
import type { Definition } from './ast';
import { BUILTIN_IMPLS } from './builtins';
import { executeTemplate, ExecError, type Limits, type MissingKey } from './exec';
import type { Callable } from './execCall';
import { acceptsElseWith, availableIn, compareVersions, functionsFor, GO_BUILTINS, type Dialect, type FunctionInfo } from './functions';
import { goParseMessage, parseTemplate } from './parser';
import { prometheusImpls, type Impl, type PrometheusEnv } from './prometheusFuncs';
import { GoObject, GoStruct, stringMap, type GoType, type GoValue } from './values';

/** What Prometheus puts before every alert label and annotation template (rules/alerting.go). */
export const ALERT_TEMPLATE_PREFIX =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';
export const ALERT_VARIABLES: readonly string[] = ['$labels', '$externalLabels', '$externalURL', '$value'];

export const DEFAULT_PROMETHEUS_VERSION = '2.42';
export const DEFAULT_ALERTMANAGER_VERSION = '0.25';

export interface TemplateResult {
  ok: boolean;
  /** The expansion (what was written before a failure, when `ok` is false). */
  output: string;
  /** Go's error text. */
  error?: string;
  phase?: 'parse' | 'execute';
}

export interface EvaluateOptions {
  /** The template name Go prints in messages. */
  name?: string;
  missingKey?: MissingKey;
  /** Definitions from other files (Alertmanager `templates:`), available to `{{template}}`. */
  definitions?: readonly Definition[];
  /** Variables declared before the text. */
  predeclared?: readonly string[];
  /** The release whose functions exist (names from later releases are "not defined"). */
  version?: string;
  prometheus?: PrometheusEnv;
  alertmanager?: AlertmanagerEnv;
  limits?: Partial<Limits>;
}

function toCallable(info: FunctionInfo, impl: Impl): Callable {
  return { params: info.params.map((p) => p.type), variadic: info.variadic?.type, invoke: impl };
}

/** The functions of a dialect, bound to one evaluation's environment. */
export function callablesFor(dialect: Dialect, options: EvaluateOptions = {}): Map<string, Callable> {
  const impls: Record<string, Impl> =
    dialect === 'prometheusAlert'
      ? prometheusImpls(options.prometheus ?? { timeMs: 0, version: options.version })
      : alertmanagerImpls(options.alertmanager);
  const out = new Map<string, Callable>();
  for (const info of functionsFor(dialect).values()) {
    const impl = impls[info.name] ?? BUILTIN_IMPLS[info.name];
    if (impl && availableIn(info, options.version)) {
      out.set(info.name, toCallable(info, impl));
    }
  }
  return out;
}

const BUILTIN_NAMES: ReadonlySet<string> = new Set(GO_BUILTINS.map((f) => f.name));

/** Parses and executes a template of a dialect on data. */
export function evaluateTemplate(text: string, dialect: Dialect, data: GoValue, options: EvaluateOptions = {}): TemplateResult {
  const name = options.name ?? '';
  const functions = callablesFor(dialect, options);
  const parsed = parseTemplate(text, {
    name,
    isFunction: (n) => functions.has(n),
    predeclared: options.predeclared,
    elseWith: acceptsElseWith(dialect, options.version),
  });
  if (parsed.errors.length > 0 || !parsed.root) {
    return { ok: false, output: '', phase: 'parse', error: goParseMessage(parsed.errors[0], name) };
  }
  const definitions = [...(options.definitions ?? []), ...parsed.definitions];
  try {
    const output = executeTemplate(text, parsed.root, data, {
      name,
      missingKey: options.missingKey,
      functions,
      builtins: BUILTIN_NAMES,
      definitions,
      limits: options.limits,
    });
    return { ok: true, output };
  } catch (e) {
    if (e instanceof ExecError) {
      return { ok: false, output: '', phase: 'execute', error: e.message };
    }
    throw e;
  }
}

export interface AlertTemplateData {
  labels: Record<string, string>;
  externalLabels?: Record<string, string>;
  /** The external URL as configured (`$externalURL`, `externalURL`, `pathPrefix`). */
  externalURL?: string;
  /** The alert's sample value. */
  value: number;
}

export interface AlertExpandOptions {
  /** The alerting rule's name: the template is called `__alert_NAME`. */
  alertName: string;
  /** The evaluation time in milliseconds (for `query` and `now`). */
  timeMs?: number;
  query?: PrometheusEnv['query'];
  /** The Prometheus release to follow (default 2.42, as Debian's promtool). */
  version?: string;
  limits?: Partial<Limits>;
}

/** The data of alert templates: a struct whose Go type name appears in error messages. */
export function alertTemplateData(data: AlertTemplateData, version = DEFAULT_PROMETHEUS_VERSION): GoStruct {
  const anyValue = compareVersions(version, '2.52') >= 0;
  const type: GoType = {
    name: `struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value ${anyValue ? 'interface {}' : 'float64'} }`,
    kind: 'struct',
  };
  const fields = new Map<string, GoValue>([
    ['Labels', stringMap(data.labels)],
    ['ExternalLabels', stringMap(data.externalLabels ?? {})],
    ['ExternalURL', data.externalURL ?? ''],
    ['Value', data.value],
  ]);
  return new GoStruct(type, fields);
}

/**
 * Expands an alert label or annotation template as Prometheus does. On failure `output` is what Prometheus
 * puts in the label or annotation: `<error expanding template: …>`.
 */
export function expandAlertTemplate(text: string, data: AlertTemplateData, options: AlertExpandOptions): TemplateResult {
  const name = `__alert_${options.alertName}`;
  const version = options.version ?? DEFAULT_PROMETHEUS_VERSION;
  const r = evaluateTemplate(ALERT_TEMPLATE_PREFIX + text, 'prometheusAlert', alertTemplateData(data, version), {
    name,
    missingKey: 'zero',
    version,
    prometheus: { timeMs: options.timeMs ?? 0, query: options.query, externalURL: data.externalURL, version },
    limits: options.limits,
  });
  if (r.ok) {
    return r;
  }
  const error = `error ${r.phase === 'parse' ? 'parsing' : 'executing'} template ${name}: ${r.error}`;
  return { ok: false, output: `<error expanding template: ${error}>`, error, phase: r.phase };
}

export interface NotificationOptions {
  /** Definitions from the configured template files (and Alertmanager's defaults, if loaded). */
  definitions?: readonly Definition[];
  /** The Alertmanager release to follow (default 0.25, as Debian's). */
  version?: string;
  env?: AlertmanagerEnv;
  limits?: Partial<Limits>;
}

/** Alertmanager's ExecuteTextString: one notification field template on the notification's data. */
export function expandNotificationTemplate(text: string, data: NotificationInput | GoValue, options: NotificationOptions = {}): TemplateResult {
  if (text === '') {
    return { ok: true, output: '' };
  }
  const version = options.version ?? DEFAULT_ALERTMANAGER_VERSION;
  const goData = isGoValue(data) ? data : alertmanagerData(data, version);
  return evaluateTemplate(text, 'alertmanager', goData, {
    name: '',
    missingKey: 'zero',
    definitions: options.definitions,
    version,
    alertmanager: options.env,
    limits: options.limits,
  });
}

function isGoValue(v: unknown): v is GoValue {
  return typeof v !== 'object' || v === null || v instanceof GoObject;
}
