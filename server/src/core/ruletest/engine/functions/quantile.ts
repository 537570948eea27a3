/**
 * Quantiles as promql/quantile.go computes them: `quantile` over plain values (the quantile aggregation and
 * quantile_over_time) and `bucketQuantile` over classic histogram buckets (histogram_quantile).
 */

/** φ-quantile of the values by linear interpolation between the closest ranks; NaN values sort first. */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(q)) {
    return NaN;
  }
  if (q < 0) {
    return -Infinity;
  }
  if (q > 1) {
    return Infinity;
  }
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b));
  const n = sorted.length;
  const rank = q * (n - 1);
  const lowerIndex = Math.max(0, Math.floor(rank));
  const upperIndex = Math.min(n - 1, lowerIndex + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lowerIndex] * (1 - weight) + sorted[upperIndex] * weight;
}

export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * The φ-quantile of a classic histogram from its cumulative buckets: buckets sorted by bound, equal bounds merged,
 * counts made monotonic; NaN without a +Inf bucket or observations; linear interpolation inside the bucket
 * (from 0 for the first bucket when its bound is positive).
 */
export function bucketQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) {
    return NaN;
  }
  if (q < 0) {
    return -Infinity;
  }
  if (q > 1) {
    return Infinity;
  }
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted[sorted.length - 1].upperBound !== Infinity) {
    return NaN;
  }
  const buckets = coalesce(sorted);
  let max = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i].count > max) {
      max = buckets[i].count;
    } else if (buckets[i].count < max) {
      buckets[i].count = max;
    }
  }
  if (buckets.length < 2) {
    return NaN;
  }
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) {
    return NaN;
  }
  let rank = q * observations;
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if (buckets[i].count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) {
    return buckets[buckets.length - 2].upperBound;
  }
  if (b === 0 && buckets[0].upperBound <= 0) {
    return buckets[0].upperBound;
  }
  let bucketStart = 0;
  const bucketEnd = buckets[b].upperBound;
  let count = buckets[b].count;
  if (b > 0) {
    bucketStart = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

function coalesce(buckets: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  let last = { ...buckets[0] };
  for (const b of buckets.slice(1)) {
    if (b.upperBound === last.upperBound) {
      last.count += b.count;
    } else {
      out.push(last);
      last = { ...b };
    }
  }
  out.push(last);
  return out;
}
