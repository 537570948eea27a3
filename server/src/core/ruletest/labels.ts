/**
 * Label sets as Prometheus's model/labels package keeps them: pairs sorted by name, no empty values, compared
 * name by name then value by value (labels.Compare), printed as `{a="b", c="d"}` (labels.String).
 */
import { compareStrings, goQuote } from '../goStrconv';

export { compareStrings };

export interface Label {
  readonly name: string;
  readonly value: string;
}

/** Sorted by name; never holds an empty value. */
export type Labels = readonly Label[];

const METRIC_NAME = '__name__';
export const EMPTY_LABELS: Labels = Object.freeze([]);

const keys = new WeakMap<Labels, string>();

/** Builds a label set from pairs in any order; empty values are dropped, a later duplicate name wins. */
export function labelsFrom(pairs: Iterable<[string, string]> | Record<string, string>): Labels {
  const map =
    pairs instanceof Map ? (pairs as Map<string, string>) : new Map<string, string>(Symbol.iterator in pairs ? (pairs as Iterable<[string, string]>) : Object.entries(pairs));
  const out: Label[] = [];
  for (const [name, value] of map) {
    if (value !== '') {
      out.push({ name, value });
    }
  }
  return Object.freeze(out.sort((a, b) => compareStrings(a.name, b.name)));
}

/** A string identifying the label set, for maps keyed by series. */
export function labelsKey(labels: Labels): string {
  let key = keys.get(labels);
  if (key === undefined) {
    key = '';
    for (let i = 0; i < labels.length; i++) {
      key += (i ? '\xfe' : '') + labels[i].name + '\xff' + labels[i].value;
    }
    keys.set(labels, key);
  }
  return key;
}

export function getLabel(labels: Labels, name: string): string {
  for (const l of labels) {
    if (l.name === name) {
      return l.value;
    }
  }
  return '';
}

/** A copy with `name` set to `value` (removed when `value` is empty). */
export function withLabel(labels: Labels, name: string, value: string): Labels {
  const rest = labels.filter((l) => l.name !== name);
  return value === '' ? Object.freeze(rest) : labelsFrom([...rest.map((l): [string, string] => [l.name, l.value]), [name, value]]);
}

// The name lists of these are short (a `by`/`on` clause): an array search beats building a Set at every call.
export function withoutLabels(labels: Labels, names: readonly string[]): Labels {
  return labels.some((l) => names.includes(l.name)) ? Object.freeze(labels.filter((l) => !names.includes(l.name))) : labels;
}

export function keepLabels(labels: Labels, names: readonly string[]): Labels {
  return Object.freeze(labels.filter((l) => names.includes(l.name)));
}

export function dropMetricName(labels: Labels): Labels {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i].name === METRIC_NAME) {
      return Object.freeze([...labels.slice(0, i), ...labels.slice(i + 1)]);
    }
  }
  return labels;
}


/** labels.Compare. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const byName = compareStrings(a[i].name, b[i].name);
    if (byName !== 0) {
      return byName;
    }
    const byValue = compareStrings(a[i].value, b[i].value);
    if (byValue !== 0) {
      return byValue;
    }
  }
  return a.length - b.length;
}

/** labels.String: `{__name__="up", job="api"}`. */
export function labelsString(labels: Labels): string {
  return `{${labels.map((l) => `${l.name}=${goQuote(l.value)}`).join(', ')}}`;
}

/** model.LabelName.IsValid as Prometheus 2.x applies it: `[a-zA-Z_][a-zA-Z0-9_]*`. */
export function isValidLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}
