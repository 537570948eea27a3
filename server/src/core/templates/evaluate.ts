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
import { acceptsElseWith, availableIn, compareVersions, functionsFor, GO_BUILTINS, type Dialect } from './functions';
import { goParseMessage, parseTemplate, type ParseResult } from './parser';
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

interface Signature {
  name: string;
  params: string[];
  variadic?: string;
}

const signatures = new Map<string, Signature[]>();

/** The functions of a dialect that exist in a release, with their parameter types; the same for every evaluation. */
function signaturesFor(dialect: Dialect, version?: string): Signature[] {
  const key = `${dialect} ${version ?? ''}`;
  let list = signatures.get(key);
  if (!list) {
    list = [...functionsFor(dialect).values()]
      .filter((info) => availableIn(info, version))
      .map((info) => ({ name: info.name, params: info.params.map((p) => p.type), variadic: info.variadic?.type }));
    signatures.set(key, list);
  }
  return list;
}

/** The functions of a dialect, bound to one evaluation's environment. */
export function callablesFor(dialect: Dialect, options: EvaluateOptions = {}): Map<string, Callable> {
  const impls: Record<string, Impl> =
    dialect === 'prometheusAlert'
      ? prometheusImpls(options.prometheus ?? { timeMs: 0, version: options.version })
      : alertmanagerImpls(options.alertmanager);
  const out = new Map<string, Callable>();
  for (const f of signaturesFor(dialect, options.version)) {
    const impl = impls[f.name] ?? BUILTIN_IMPLS[f.name];
    if (impl) {
      out.set(f.name, { params: f.params, variadic: f.variadic, invoke: impl });
    }
  }
  return out;
}

const BUILTIN_NAMES: ReadonlySet<string> = new Set(GO_BUILTINS.map((f) => f.name));

const PARSE_CACHE_SIZE = 512;
const parses = new Map<string, ParseResult>();

/**
 * A template's parse, kept for the next evaluation of the same text: alert templates are expanded for every
 * alert at every evaluation (rule tests: thousands of times), and the tree depends only on the text, the name,
 * the predeclared variables and the dialect's function names in the release (execution never changes it).
 */
function parseCached(text: string, dialect: Dialect, functions: Map<string, Callable>, options: EvaluateOptions): ParseResult {
  const name = options.name ?? '';
  const key = `${dialect}\0${options.version ?? ''}\0${name}\0${options.predeclared?.join(',') ?? ''}\0${text}`;
  let parsed = parses.get(key);
  if (!parsed) {
    parsed = parseTemplate(text, { name, isFunction: (n) => functions.has(n), predeclared: options.predeclared, elseWith: acceptsElseWith(dialect, options.version) });
    if (parses.size >= PARSE_CACHE_SIZE) {
      parses.delete(parses.keys().next().value!);
    }
    parses.set(key, parsed);
  }
  return parsed;
}

/** Parses and executes a template of a dialect on data. */
export function evaluateTemplate(text: string, dialect: Dialect, data: GoValue, options: EvaluateOptions = {}): TemplateResult {
  return evaluateWith(text, dialect, data, callablesFor(dialect, options), options);
}

function evaluateWith(text: string, dialect: Dialect, data: GoValue, functions: Map<string, Callable>, options: EvaluateOptions): TemplateResult {
  const name = options.name ?? '';
  const parsed = parseCached(text, dialect, functions, options);
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

const ALERT_DATA_FLOAT_VALUE: GoType = {
  name: 'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }',
  kind: 'struct',
};
// From Prometheus 2.52 on, Value is an interface {}.
const ALERT_DATA_ANY_VALUE: GoType = { ...ALERT_DATA_FLOAT_VALUE, name: ALERT_DATA_FLOAT_VALUE.name.replace('float64', 'interface {}') };
const alertDataTypes = new Map<string, GoType>();

/** The data of alert templates: a struct whose Go type name appears in error messages. */
export function alertTemplateData(data: AlertTemplateData, version = DEFAULT_PROMETHEUS_VERSION): GoStruct {
  let type = alertDataTypes.get(version);
  if (!type) {
    type = compareVersions(version, '2.52') >= 0 ? ALERT_DATA_ANY_VALUE : ALERT_DATA_FLOAT_VALUE;
    alertDataTypes.set(version, type);
  }
  const fields = new Map<string, GoValue>([
    ['Labels', stringMap(data.labels)],
    ['ExternalLabels', stringMap(data.externalLabels ?? {})],
    ['ExternalURL', data.externalURL ?? ''],
    ['Value', data.value],
  ]);
  return new GoStruct(type, fields);
}

/**
 * Expands alert label and annotation templates as Prometheus does, over and over (rule evaluation expands them
 * for every alert at every evaluation): the template functions are bound once, to an environment whose
 * evaluation time moves with each expansion. On failure `output` is what Prometheus puts in the label or
 * annotation: `<error expanding template: …>`.
 */
export class AlertTemplateExpander {
  private readonly version: string;
  private readonly env: PrometheusEnv;
  private readonly functions: Map<string, Callable>;

  constructor(private readonly options: Omit<AlertExpandOptions, 'alertName' | 'timeMs'> = {}) {
    this.version = options.version ?? DEFAULT_PROMETHEUS_VERSION;
    this.env = { timeMs: 0, query: options.query, version: this.version };
    this.functions = callablesFor('prometheusAlert', { version: this.version, prometheus: this.env });
  }

  expand(text: string, data: AlertTemplateData, alertName: string, timeMs = 0): TemplateResult {
    if (!text.includes('{{') && !this.options.limits) {
      // No action: Go writes the text as it is (the prefix's assignments cannot fail). Most labels are such.
      return { ok: true, output: text };
    }
    const name = `__alert_${alertName}`;
    this.env.timeMs = timeMs;
    this.env.externalURL = data.externalURL;
    const r = evaluateWith(ALERT_TEMPLATE_PREFIX + text, 'prometheusAlert', alertTemplateData(data, this.version), this.functions, {
      name,
      missingKey: 'zero',
      version: this.version,
      limits: this.options.limits,
    });
    if (r.ok) {
      return r;
    }
    const error = `error ${r.phase === 'parse' ? 'parsing' : 'executing'} template ${name}: ${r.error}`;
    return { ok: false, output: `<error expanding template: ${error}>`, error, phase: r.phase };
  }
}

/** Expands one alert label or annotation template as Prometheus does (see AlertTemplateExpander). */
export function expandAlertTemplate(text: string, data: AlertTemplateData, options: AlertExpandOptions): TemplateResult {
  return new AlertTemplateExpander(options).expand(text, data, options.alertName, options.timeMs);
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
