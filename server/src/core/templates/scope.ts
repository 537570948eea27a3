/**
 * Static types of template data, for checking and completion: what `.`, `$labels`, `.Alerts` … hold in
 * Prometheus alert templates (rules/alerting.go, template.AlertTemplateData) and Alertmanager notification
 * templates (alertmanager template/template.go `Data`). Field docs are ours.
 */
import { compareVersions } from './functions';

export type StaticKind = 'string' | 'float' | 'int' | 'bool' | 'map' | 'slice' | 'struct' | 'ptr' | 'any';

export interface StaticMethod {
  params: string[];
  variadic?: string;
  result: StaticType;
  doc?: string;
  since?: string;
}

export interface StaticType {
  /** The Go type name, as messages print it. */
  name: string;
  kind: StaticKind;
  /** Map values, slice elements, pointer targets. */
  elem?: StaticType;
  fields?: Record<string, StaticType>;
  methods?: Record<string, StaticMethod>;
  doc?: string;
}

/** What `.`, `$` and the predeclared variables hold where a template starts. */
export interface TemplateScope {
  dot: StaticType;
  variables: Record<string, StaticType>;
}

export const ANY: StaticType = { name: 'interface {}', kind: 'any' };
export const STRING: StaticType = { name: 'string', kind: 'string' };
export const FLOAT: StaticType = { name: 'float64', kind: 'float' };
export const INT: StaticType = { name: 'int', kind: 'int' };
export const BOOL: StaticType = { name: 'bool', kind: 'bool' };
export const LABELS: StaticType = { name: 'map[string]string', kind: 'map', elem: STRING };

const withDoc = (t: StaticType, doc: string): StaticType => ({ ...t, doc });

const DURATION: StaticType = {
  name: 'time.Duration',
  kind: 'int',
  methods: {
    Seconds: { params: [], result: FLOAT, doc: 'The duration in seconds.' },
    Minutes: { params: [], result: FLOAT, doc: 'The duration in minutes.' },
    Hours: { params: [], result: FLOAT, doc: 'The duration in hours.' },
    String: { params: [], result: STRING, doc: 'The duration as text, such as `1h2m3s`.' },
  },
};

export const TIME: StaticType = {
  name: 'time.Time',
  kind: 'struct',
  fields: {},
  methods: {
    Format: { params: ['string'], result: STRING, doc: 'Formats the time with a Go layout (`"2006-01-02 15:04:05"`).' },
    Unix: { params: [], result: INT, doc: 'Seconds since the Unix epoch.' },
    UnixMilli: { params: [], result: INT, doc: 'Milliseconds since the Unix epoch.' },
    UTC: { params: [], result: { name: 'time.Time', kind: 'struct' }, doc: 'The same time in UTC.' },
    IsZero: { params: [], result: BOOL, doc: 'True for the zero time (an unset end time).' },
    Sub: { params: ['time.Time'], result: DURATION, doc: 'The duration between two times.' },
    String: { params: [], result: STRING, doc: 'The time as `2006-01-02 15:04:05.999999999 -0700 MST`.' },
  },
};

/** The data of Prometheus alert label/annotation templates (`.Value` is `interface {}` from 2.52). */
export function prometheusAlertScope(version = '2.42'): TemplateScope {
  const value = compareVersions(version, '2.52') >= 0 ? ANY : FLOAT;
  const labels = withDoc(LABELS, 'The labels of the alert: the series labels plus the rule\'s own.');
  const externalLabels = withDoc(LABELS, 'The external labels of the Prometheus server (`global.external_labels`).');
  const externalURL = withDoc(STRING, 'The external URL of the Prometheus server (`--web.external-url`).');
  const v = withDoc(value, 'The value of the alert\'s sample (the expression\'s result), a float.');
  const dot: StaticType = {
    name: `struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value ${value.name} }`,
    kind: 'struct',
    fields: { Labels: labels, ExternalLabels: externalLabels, ExternalURL: externalURL, Value: v },
  };
  return { dot, variables: { $labels: labels, $externalLabels: externalLabels, $externalURL: externalURL, $value: v } };
}

function alertmanagerTypes(version: string) {
  const newer = (v: string) => compareVersions(version, v) >= 0;
  const strings: StaticType = newer('0.26') ? { name: 'template.Strings', kind: 'slice', elem: STRING } : { name: '[]string', kind: 'slice', elem: STRING };
  if (newer('0.34')) {
    strings.methods = { Join: { params: ['string'], result: STRING, doc: 'Joins the strings with a separator.' } };
  }
  const pair: StaticType = { name: 'template.Pair', kind: 'struct', fields: { Name: STRING, Value: STRING } };
  const pairs: StaticType = {
    name: 'template.Pairs',
    kind: 'slice',
    elem: pair,
    methods: {
      Names: { params: [], result: strings, doc: 'The names of the pairs.' },
      Values: { params: [], result: strings, doc: 'The values of the pairs.' },
    },
  };
  const kv: StaticType = { name: 'template.KV', kind: 'map', elem: STRING };
  kv.methods = {
    SortedPairs: { params: [], result: pairs, doc: 'The labels as name/value pairs sorted by name (`alertname` first).' },
    Remove: { params: ['[]string'], result: kv, doc: 'A copy without the given label names.' },
    Names: { params: [], result: strings, doc: 'The label names, sorted.' },
    Values: { params: [], result: strings, doc: 'The label values, in the order of the sorted names.' },
  };
  return { kv, strings };
}

/** The data of Alertmanager notification templates: `*template.Data`. */
export function alertmanagerScope(version = '0.25'): TemplateScope {
  const { kv } = alertmanagerTypes(version);
  const alert: StaticType = {
    name: 'template.Alert',
    kind: 'struct',
    fields: {
      Status: withDoc(STRING, '`firing` or `resolved`.'),
      Labels: withDoc(kv, 'The labels of the alert.'),
      Annotations: withDoc(kv, 'The annotations of the alert.'),
      StartsAt: withDoc(TIME, 'When the alert started firing.'),
      EndsAt: withDoc(TIME, 'When the alert ended (the zero time while it fires without an end).'),
      GeneratorURL: withDoc(STRING, 'A link to the source of the alert (the Prometheus expression browser).'),
      Fingerprint: withDoc(STRING, 'The identity of the alert\'s label set.'),
    },
  };
  const alertList: StaticType = { name: '[]template.Alert', kind: 'slice', elem: alert };
  const alerts: StaticType = {
    name: 'template.Alerts',
    kind: 'slice',
    elem: alert,
    methods: {
      Firing: { params: [], result: alertList, doc: 'The alerts that are firing.' },
      Resolved: { params: [], result: alertList, doc: 'The alerts that are resolved.' },
    },
  };
  const data: StaticType = {
    name: 'template.Data',
    kind: 'struct',
    fields: {
      Receiver: withDoc(STRING, 'The name of the receiver the notification goes to.'),
      Status: withDoc(STRING, '`firing` while at least one alert fires, else `resolved`.'),
      Alerts: withDoc(alerts, 'The alerts of the notification (`.Alerts.Firing`, `.Alerts.Resolved`).'),
      GroupLabels: withDoc(kv, 'The labels the alerts are grouped by (`group_by`).'),
      CommonLabels: withDoc(kv, 'The labels all alerts of the notification share.'),
      CommonAnnotations: withDoc(kv, 'The annotations all alerts of the notification share.'),
      ExternalURL: withDoc(STRING, 'The URL of the Alertmanager that sends the notification.'),
    },
  };
  const dot: StaticType = { name: '*template.Data', kind: 'ptr', elem: data };
  return { dot, variables: {} };
}

/** The static type of a function result or parameter written as a Go type name. */
export function typeFromName(name: string): StaticType {
  switch (name) {
    case 'string':
    case 'template.HTML':
    case 'template.URL':
      return { ...STRING, name };
    case 'float64':
      return FLOAT;
    case 'int':
      return INT;
    case 'bool':
      return BOOL;
    case 'time.Time':
      return TIME;
    case '*time.Time':
      return { name, kind: 'ptr', elem: TIME };
    case 'time.Duration':
      return DURATION;
    case '*time.Duration':
      return { name, kind: 'ptr', elem: DURATION };
    case '[]string':
      return { name, kind: 'slice', elem: STRING };
    case 'map[string]interface {}':
      return { name, kind: 'map', elem: ANY };
  }
  const sample: StaticType = { name: 'template.sample', kind: 'struct', fields: { Labels: LABELS, Value: FLOAT } };
  if (name === '*template.sample') {
    return { name, kind: 'ptr', elem: sample };
  }
  if (name === 'template.queryResult') {
    return { name, kind: 'slice', elem: { name: '*template.sample', kind: 'ptr', elem: sample } };
  }
  return ANY;
}

/** Follows pointers, as field access does. */
export function deref(t: StaticType): StaticType {
  return t.kind === 'ptr' && t.elem ? deref(t.elem) : t;
}
