/**
 * Alerts as Alertmanager holds them: a label set's fingerprint (prometheus/common model LabelsToSignature,
 * FNV-1a over sorted names and values with a 0xff separator, printed as 16 hex digits), its printed form, and the
 * labels a group of alerts shares.
 */
import { compareStrings, goQuote, utf8Bytes } from '../../goStrconv';

export type Labels = Record<string, string>;

export interface PreviewAlert {
  labels: Labels;
  annotations: Labels;
  /** RFC 3339; default: the preview's time. */
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

const FNV_OFFSET = 14695981039346656037n;
const FNV_PRIME = 1099511628211n;
const MASK = (1n << 64n) - 1n;

/** The alert identity Alertmanager prints as `.Fingerprint`. */
export function fingerprint(labels: Labels): string {
  let h = FNV_OFFSET;
  const add = (bytes: Iterable<number>): void => {
    for (const b of bytes) {
      h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK;
    }
  };
  for (const name of Object.keys(labels).sort(compareStrings)) {
    add(utf8Bytes(name));
    add([0xff]);
    add(utf8Bytes(labels[name]));
    add([0xff]);
  }
  return h.toString(16).padStart(16, '0');
}

/** model.LabelSet's String(): `{a="b", c="d"}`, sorted by name. */
export function labelSetString(labels: Labels): string {
  const names = Object.keys(labels).sort(compareStrings);
  return `{${names.map((n) => `${n}=${goQuote(labels[n])}`).join(', ')}}`;
}

/** The labels (or annotations) with the same value in every set. */
export function common(sets: Labels[]): Labels {
  if (sets.length === 0) {
    return {};
  }
  const out: Labels = { ...sets[0] };
  for (const s of sets.slice(1)) {
    for (const k of Object.keys(out)) {
      if (s[k] !== out[k]) {
        delete out[k];
      }
    }
  }
  return out;
}

/** The group labels of an alert under a route's `group_by` (`...`: all its labels). */
export function groupLabels(labels: Labels, groupBy: string[] | '...'): Labels {
  if (groupBy === '...') {
    return { ...labels };
  }
  const out: Labels = {};
  for (const name of groupBy) {
    if (Object.hasOwn(labels, name)) {
      out[name] = labels[name];
    }
  }
  return out;
}

/** Go's regexp.QuoteMeta, which Alertmanager applies to the receiver name in template data. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
