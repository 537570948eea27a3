const compared = new Map<string, number>();

/** Compares dotted versions such as "2.42" and "3.0.1"; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  // Checks of big files ask the same few questions once per item: the answers are kept.
  const key = `${a}\0${b}`;
  let d = compared.get(key);
  if (d === undefined) {
    d = compareUncached(a, b);
    if (compared.size < 10_000) {
      compared.set(key, d);
    }
  }
  return d;
}

function compareUncached(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.replace(/^v/, '').split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
}

/** True when `target` is older than `since`, i.e. a feature added in `since` is not available. */
export function isOlder(target: string | undefined, since: string | undefined): boolean {
  return !!target && !!since && compareVersions(target, since) < 0;
}

/** The newest Prometheus version this release of o11y knows; the default target. */
export const LATEST_PROMETHEUS = '3.14';

/** The newest Alertmanager version this release of o11y knows; the default target of Alertmanager files. */
export const LATEST_ALERTMANAGER = '0.34';
