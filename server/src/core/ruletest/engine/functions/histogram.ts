/**
 * histogram_quantile() over classic histograms (funcHistogramQuantile in Prometheus 2.x): the buckets of each
 * series group (labels without `le`) give one quantile; the result drops the metric name and `le`. Native
 * histograms are not supported, so the functions that only read native histograms (histogram_count,
 * histogram_sum, histogram_fraction, histogram_avg, histogram_stddev, histogram_stdvar) return nothing.
 */
import { getLabel, labelsKey, withoutLabels, type Labels } from '../../labels';
import type { Value } from '../types';
import { scalarArg, vectorArg, type InstantFunction } from './instant';
import { bucketQuantile, type Bucket } from './quantile';

/** strconv.ParseFloat for bucket bounds: decimal and scientific numbers, Inf/Infinity and NaN with an optional sign. */
export function parseGoFloat(text: string): number | undefined {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    return special[2].toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  }
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

const histogramQuantile: InstantFunction = (args: Value[]) => {
  const q = scalarArg(args[0]);
  const groups = new Map<string, { labels: Labels; buckets: Bucket[] }>();
  for (const s of vectorArg(args[1])) {
    const upperBound = parseGoFloat(getLabel(s.labels, 'le'));
    if (upperBound === undefined) {
      continue;
    }
    const key = labelsKey(withoutLabels(s.labels, ['le']));
    let group = groups.get(key);
    if (!group) {
      group = { labels: withoutLabels(s.labels, ['__name__', 'le']), buckets: [] };
      groups.set(key, group);
    }
    group.buckets.push({ upperBound, count: s.v });
  }
  return { type: 'vector', samples: [...groups.values()].map((g) => ({ labels: g.labels, v: bucketQuantile(q, g.buckets) })) };
};

const nativeOnly: InstantFunction = () => ({ type: 'vector', samples: [] });

export const HISTOGRAM_FUNCTIONS: Record<string, InstantFunction> = {
  histogram_quantile: histogramQuantile,
  histogram_count: nativeOnly,
  histogram_sum: nativeOnly,
  histogram_fraction: nativeOnly,
  histogram_avg: nativeOnly,
  histogram_stddev: nativeOnly,
  histogram_stdvar: nativeOnly,
};
