/**
 * A compact expected-versus-got diff for a failed alert or expression test: promtool prints both lists whole and
 * leaves the reader to spot the difference; this pairs each expected item with the got item it most resembles and
 * names what differs (a label, an annotation, the value), listing unpaired items as missing or unexpected.
 * Items that match exactly are left out.
 */
import { goQuote } from '../goStrconv';
import { compareLabels, labelsString, type Labels } from './labels';
import { sameValue, sampleValueString, type AlertItem, type SampleItem } from './compare';

/** One label or annotation that differs; `undefined` means absent on that side. */
export interface FieldChange {
  name: string;
  expected?: string;
  got?: string;
}

export type ItemDiff =
  | { kind: 'missing'; labels: string; annotations?: string; value?: string }
  | { kind: 'unexpected'; labels: string; annotations?: string; value?: string }
  | { kind: 'changed'; labels: string; labelChanges: FieldChange[]; annotationChanges: FieldChange[]; value?: { expected: string; got: string } };

interface Item {
  labels: Labels;
  annotations?: Labels;
  value?: number;
}

const NAME_LABELS = new Set(['alertname', '__name__']);

function fieldChanges(exp: Labels, got: Labels): FieldChange[] {
  const names = [...new Set([...exp.map((l) => l.name), ...got.map((l) => l.name)])].sort();
  const out: FieldChange[] = [];
  for (const name of names) {
    const e = exp.find((l) => l.name === name)?.value;
    const g = got.find((l) => l.name === name)?.value;
    if (e !== g) {
      out.push({ name, expected: e, got: g });
    }
  }
  return out;
}

/** How alike two label sets are: shared pairs (not counting the name) minus differing ones. */
function likeness(a: Labels, b: Labels): number {
  const changes = fieldChanges(a, b).length;
  const shared = a.filter((l) => !NAME_LABELS.has(l.name) && b.some((m) => m.name === l.name && m.value === l.value)).length;
  return shared - changes;
}

function same(a: Item, b: Item, fuzzy: boolean): boolean {
  const labels = compareLabels(a.labels, b.labels) === 0;
  const annotations = compareLabels(a.annotations ?? [], b.annotations ?? []) === 0;
  const value = a.value === undefined || b.value === undefined || sameValue(a.value, b.value, fuzzy);
  return labels && annotations && value;
}

function describe(kind: 'missing' | 'unexpected', item: Item): ItemDiff {
  return {
    kind,
    labels: labelsString(item.labels),
    ...(item.annotations ? { annotations: labelsString(item.annotations) } : {}),
    ...(item.value !== undefined ? { value: sampleValueString(item.value) } : {}),
  };
}

function changed(exp: Item, got: Item, fuzzy: boolean): ItemDiff {
  const value =
    exp.value !== undefined && got.value !== undefined && !sameValue(exp.value, got.value, fuzzy)
      ? { expected: sampleValueString(exp.value), got: sampleValueString(got.value) }
      : undefined;
  return {
    kind: 'changed',
    labels: labelsString(exp.labels),
    labelChanges: fieldChanges(exp.labels, got.labels),
    annotationChanges: fieldChanges(exp.annotations ?? [], got.annotations ?? []),
    ...(value ? { value } : {}),
  };
}

function diffItems(expected: Item[], got: Item[], fuzzy: boolean): ItemDiff[] {
  const exp = [...expected];
  const rest = [...got];
  // Exact matches first, so that a near miss is not paired with an item that has its own exact match.
  for (let i = exp.length - 1; i >= 0; i--) {
    const j = rest.findIndex((g) => same(exp[i], g, fuzzy));
    if (j >= 0) {
      exp.splice(i, 1);
      rest.splice(j, 1);
    }
  }
  const out: ItemDiff[] = [];
  const lone = exp.length === 1 && rest.length === 1;
  for (const e of exp) {
    let best = -1;
    let bestScore = -Infinity;
    rest.forEach((g, j) => {
      const score = likeness(e.labels, g.labels);
      if (score > bestScore) {
        [best, bestScore] = [j, score];
      }
    });
    // Paired when they share more labels than they differ in, or when each side has only this one item left.
    if (best >= 0 && (bestScore >= 0 || lone)) {
      out.push(changed(e, rest[best], fuzzy));
      rest.splice(best, 1);
    } else {
      out.push(describe('missing', e));
    }
  }
  return [...out, ...rest.map((g) => describe('unexpected', g))];
}

export function diffAlerts(expected: AlertItem[], got: AlertItem[]): ItemDiff[] {
  return diffItems(expected, got, false);
}

export function diffSamples(expected: SampleItem[], got: SampleItem[], fuzzy: boolean): ItemDiff[] {
  return diffItems(expected, got, fuzzy);
}

const shown = (v: string | undefined): string => (v === undefined ? '(none)' : goQuote(v));

function changeLines(kind: string, changes: FieldChange[]): string[] {
  return changes.map((c) => `${kind} ${c.name}: expected ${shown(c.expected)}, got ${shown(c.got)}`);
}

/**
 * The diff as text, one line per item (and per difference of a changed item), each prefixed with `indent`:
 *   - {alertname="Down", job="api"}               expected, not got
 *   + {alertname="Down", job="db"}                got, not expected
 *   ~ {alertname="Down", job="web"}               label severity: expected "page", got "warn"
 */
export function formatDiff(diff: ItemDiff[], indent: string): string {
  const lines: string[] = [];
  for (const d of diff) {
    if (d.kind === 'changed') {
      const details = [
        ...changeLines('label', d.labelChanges),
        ...changeLines('annotation', d.annotationChanges),
        ...(d.value ? [`value: expected ${d.value.expected}, got ${d.value.got}`] : []),
      ];
      lines.push(`${indent}~ ${d.labels}`, ...details.map((x) => `${indent}    ${x}`));
    } else {
      const extra = d.value !== undefined ? ` ${d.value}` : '';
      lines.push(`${indent}${d.kind === 'missing' ? '-' : '+'} ${d.labels}${extra}   ${d.kind === 'missing' ? 'expected, not got' : 'got, not expected'}`);
      if (d.annotations && d.annotations !== '{}') {
        lines.push(`${indent}    annotations ${d.annotations}`);
      }
    }
  }
  return lines.join('\n');
}
