import { re2Error } from '../re2';
import { compareVersions } from '../version';

/** What a format check needs to know about the target system. */
export interface FormatContext {
  prometheusVersion: string;
}

export type FormatName =
  | 'duration'
  | 'durationOrZero'
  | 'size'
  | 'labelName'
  | 'metricName'
  | 'labelValue'
  | 'regex'
  | 'url'
  | 'hostPort'
  | 'path'
  | 'glob'
  | 'relabelTargetLabel';

// Prometheus durations (github.com/prometheus/common model/time.go ParseDuration): units in descending
// order, each at most once, integers only; "0" alone is allowed.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
/** Milliseconds of each unit of DURATION, in its order. */
const UNIT_MS = [365 * 86400e3, 7 * 86400e3, 86400e3, 3600e3, 60e3, 1e3, 1];
const SIZE = /^\d+(?:\.\d+)?(?:B|KB|MB|GB|TB|PB|EB|KiB|MiB|GiB|TiB|PiB|EiB)?$/;
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LEGACY_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export function isDuration(s: string): boolean {
  return s === '0' || (s !== '' && DURATION.test(s));
}

/** Milliseconds of a Prometheus duration string, or undefined when it is not one. */
export function durationMs(s: string): number | undefined {
  if (s === '0') {
    return 0;
  }
  const m = s ? DURATION.exec(s) : null;
  if (!m) {
    return undefined;
  }
  let sum = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    if (m[i + 1]) {
      sum += Number(m[i + 1]) * UNIT_MS[i];
    }
  }
  return sum;
}

// The last answer of `utf8Names`: format checks ask it for every name of a document, about one target version.
let utf8For = { version: '', utf8: false };

/** Prometheus 3 validates names as UTF-8 by default; older versions use the legacy character set. */
export function utf8Names(ctx: FormatContext): boolean {
  if (utf8For.version !== ctx.prometheusVersion) {
    utf8For = { version: ctx.prometheusVersion, utf8: compareVersions(ctx.prometheusVersion, '3.0') >= 0 };
  }
  return utf8For.utf8;
}

export function isLabelName(s: string, ctx: FormatContext): boolean {
  return utf8Names(ctx) ? s.length > 0 : LEGACY_LABEL.test(s);
}

/** A problem with a value in the given format, in plain language, or undefined when it is fine. */
export function checkFormat(format: FormatName, value: string, ctx: FormatContext): string | undefined {
  switch (format) {
    case 'duration':
    case 'durationOrZero':
      return isDuration(value)
        ? undefined
        : `"${value}" is not a valid duration: write whole numbers with units in order y, w, d, h, m, s, ms (e.g. 30s, 1m30s, 2h).`;
    case 'size':
      return SIZE.test(value) ? undefined : `"${value}" is not a valid size: write a number with a unit such as 512MB or 1GiB.`;
    case 'labelName':
      return isLabelName(value, ctx)
        ? undefined
        : `"${value}" is not a valid label name: use letters, digits and underscores, not starting with a digit.`;
    case 'metricName':
      return utf8Names(ctx) ? (value ? undefined : 'A metric name cannot be empty.') : LEGACY_METRIC.test(value) ? undefined : `"${value}" is not a valid metric name.`;
    case 'regex': {
      const err = re2Error(value);
      return err ? `Invalid regular expression "${value}": ${err}.` : undefined;
    }
    case 'url':
      return checkUrl(value);
    case 'hostPort':
      // Relabelling may turn any string into an address (blackbox probes list URLs), so only blanks are wrong
      // here; kinds/prometheusConfig checks schemes and paths where no relabelling rewrites __address__.
      return /\s/.test(value) || value === '' ? `"${value}" is not a host:port address.` : undefined;
    case 'glob':
      return globError(value);
    default:
      return undefined;
  }
}

function checkUrl(value: string): string | undefined {
  try {
    new URL(value);
    return undefined;
  } catch {
    return `"${value}" is not a valid URL.`;
  }
}

/** Go's filepath.Match pattern syntax: an unterminated character class is the usual mistake. */
function globError(value: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      inClass = true;
    } else if (c === ']') {
      inClass = false;
    }
  }
  return inClass ? `"${value}" is not a valid glob pattern: "[" is not closed.` : undefined;
}
