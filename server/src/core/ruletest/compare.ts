/**
 * Expected-versus-got as promtool's unit-test runner compares and prints it (cmd/promtool/unittest.go): alerts as
 * `labelsAndAnnotations` sorted by labels then annotations and printed as an indexed list, samples sorted by labels
 * and printed as `{labels} 1.5E+00`, floats compared with == (so NaN never matches), or within one step of the
 * next float either way when `fuzzy_compare` is on.
 */
import { formatFloat } from '../templates/goFloat';
import { compareLabels, labelsString, type Labels } from './labels';

export interface AlertItem {
  labels: Labels;
  annotations: Labels;
}

export interface SampleItem {
  labels: Labels;
  value: number;
}

function sortAlerts(items: AlertItem[]): AlertItem[] {
  return [...items].sort((a, b) => compareLabels(a.labels, b.labels) || compareLabels(a.annotations, b.annotations));
}

function sortSamples(items: SampleItem[]): SampleItem[] {
  return [...items].sort((a, b) => compareLabels(a.labels, b.labels));
}

function sameLabels(a: Labels, b: Labels): boolean {
  return a.length === b.length && a.every((l, i) => l.name === b[i].name && l.value === b[i].value);
}

export function sameAlerts(exp: AlertItem[], got: AlertItem[]): boolean {
  const e = sortAlerts(exp);
  const g = sortAlerts(got);
  return e.length === g.length && e.every((a, i) => sameLabels(a.labels, g[i].labels) && sameLabels(a.annotations, g[i].annotations));
}

/** The neighbouring float64 towards +Inf (up) or −Inf (math.Nextafter). */
function nextAfter(x: number, up: boolean): number {
  if (Number.isNaN(x) || x === (up ? Infinity : -Infinity)) {
    return x;
  }
  if (x === 0) {
    return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, (x > 0) === up ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

export function sameValue(exp: number, got: number, fuzzy: boolean): boolean {
  return exp === got || (fuzzy && (nextAfter(exp, false) === got || nextAfter(exp, true) === got));
}

export function sameSamples(exp: SampleItem[], got: SampleItem[], fuzzy: boolean): boolean {
  const e = sortSamples(exp);
  const g = sortSamples(got);
  return e.length === g.length && e.every((s, i) => sameLabels(s.labels, g[i].labels) && sameValue(s.value, g[i].value, fuzzy));
}

/** Prefixes every line but the first with `indent` (indentLines). */
export function indentLines(text: string, indent: string): string {
  return text.split('\n').join(`\n${indent}`);
}

export function alertString(a: AlertItem): string {
  return `Labels:${labelsString(a.labels)}\nAnnotations:${labelsString(a.annotations)}`;
}

/** labelsAndAnnotations.String() of the sorted list. */
export function alertsString(items: AlertItem[]): string {
  const sorted = sortAlerts(items);
  if (!sorted.length) {
    return '[]';
  }
  return `[\n${sorted.map((a, i) => `${i}:${indentLines(`\n${alertString(a)}`, '  ')}`).join(',\n')}\n]`;
}

/** strconv.FormatFloat(v, 'E', -1, 64): `1E+00`, `1.5E-03`, `+Inf`, `NaN`. */
export function sampleValueString(v: number): string {
  return formatFloat(v, 'E', -1);
}

export function sampleString(s: SampleItem): string {
  return `${labelsString(s.labels)} ${sampleValueString(s.value)}`;
}

/** parsedSamplesString of the sorted list (`nil` when empty). */
export function samplesString(items: SampleItem[]): string {
  const sorted = sortSamples(items);
  return sorted.length ? sorted.map(sampleString).join(', ') : 'nil';
}
