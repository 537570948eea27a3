/**
 * Go text/template for Prometheus alert templates and Alertmanager notification templates: parse, check,
 * evaluate. Pure core code (no editor APIs).
 */
export type * from './ast';
export { nodeString } from './ast';
export { tokenString, type Token, type TokenType } from './lexer';
export { parseTemplate, goParseMessage, isEmptyTree, DEFAULT_MAX_DEPTH } from './parser';
export type { ParseError, ParseErrorCode, ParseOptions, ParseResult } from './parser';
export { functionsFor, GO_BUILTINS, availableIn, compareVersions, signature, arityText, isBuiltin } from './functions';
export type { Dialect, FunctionInfo, FunctionParam } from './functions';
export { PROMETHEUS_FUNCTIONS } from './functionsPrometheus';
export { ALERTMANAGER_FUNCTIONS } from './functionsAlertmanager';
export { checkTemplate, defaultScope, type CheckOptions } from './check';
export { labelReferences, type LabelReference } from './labelRefs';
export { prometheusAlertScope, alertmanagerScope, deref, type StaticType, type TemplateScope } from './scope';
export {
  evaluateTemplate,
  expandAlertTemplate,
  expandNotificationTemplate,
  alertTemplateData,
  callablesFor,
  ALERT_TEMPLATE_PREFIX,
  ALERT_VARIABLES,
  DEFAULT_PROMETHEUS_VERSION,
  DEFAULT_ALERTMANAGER_VERSION,
} from './evaluate';
export type { TemplateResult, EvaluateOptions, AlertTemplateData, AlertExpandOptions, NotificationOptions } from './evaluate';
export { executeTemplate, ExecError, type ExecuteOptions, type Limits, type MissingKey } from './exec';
export { alertmanagerData, type NotificationInput, type AlertInput } from './alertmanagerData';
export type { QuerySample, PrometheusEnv } from './prometheusFuncs';
export type { AlertmanagerEnv } from './alertmanagerFuncs';
export { formatValue, sprint, sprintf, sprintln } from './fmt';
export { formatFloat } from './goFloat';
export * from './values';
