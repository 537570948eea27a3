/**
 * Aggregations of one instant vector, as evaluator.aggregation in promql/engine.go (Prometheus 2.x) computes them,
 * in the same arithmetic order: groups in order of first appearance; `by` keeps the listed labels, `without` drops
 * them and the metric name; sum without compensation, avg as an incremental mean, stddev/stdvar by Welford's
 * method; topk/bottomk through Go's heap; limitk and limit_ratio as Prometheus 3 selects.
 */
import type { Aggregate } from '../../promql/ast';
import { isValidLabelName, keepLabels, labelsKey, withLabel, withoutLabels, EMPTY_LABELS, type Labels } from '../labels';
import { formatFloatF, formatFloatG } from './goMath';
import { quantile } from './functions/quantile';
import { GoHeap } from './heap';
import { labelsHash } from './xxhash';
import { EvalError, type Sample } from './types';

interface Group {
  labels: Labels;
  value: number;
  mean: number;
  count: number;
  samples: Sample[];
  heap?: GoHeap<Sample>;
}

/** vectorByValueHeap.Less: NaN counts as smallest. */
const byValue = (a: Sample, b: Sample): boolean => Number.isNaN(a.v) || a.v < b.v;
/** vectorByReverseValueHeap.Less. */
const byReverseValue = (a: Sample, b: Sample): boolean => Number.isNaN(a.v) || a.v > b.v;

function groupLabels(labels: Labels, grouping: string[], without: boolean): Labels {
  if (without) {
    return withoutLabels(labels, [...grouping, '__name__']);
  }
  return grouping.length ? keepLabels(labels, grouping) : EMPTY_LABELS;
}

/** Go's conversion of the k parameter to int64 (convertibleToInt64). */
function kParam(f: number): number {
  if (!(f <= 9223372036854775807 && f >= -9223372036854775808)) {
    throw new EvalError(`Scalar value ${formatFloatG(f)} overflows int64`);
  }
  return Math.trunc(f);
}

export function aggregate(e: Aggregate, input: Sample[], param: number | string | undefined): Sample[] {
  const op = e.op;
  let grouping = (e.grouping?.labels ?? []).map((l) => l.name);
  const without = e.grouping?.without ?? false;
  const k = op === 'topk' || op === 'bottomk' || op === 'limitk' ? kParam(param as number) : 0;
  if ((op === 'topk' || op === 'bottomk' || op === 'limitk') && k < 1) {
    return [];
  }
  if (op === 'limit_ratio' && Number.isNaN(param)) {
    throw new EvalError('Ratio value is NaN');
  }
  let vec = input;
  if (op === 'count_values') {
    const valueLabel = String(param);
    if (!isValidLabelName(valueLabel)) {
      throw new EvalError(`invalid label name "${valueLabel}"`);
    }
    vec = input.map((s) => ({ labels: withLabel(s.labels, valueLabel, formatFloatF(s.v)), v: s.v }));
    grouping = without ? grouping : [...grouping, valueLabel];
  }
  const groups = new Map<string, Group>();
  for (const s of vec) {
    const labels = groupLabels(s.labels, grouping, without);
    const key = labelsKey(labels);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, newGroup(op, s, labels));
    } else {
      accumulate(op, group, s, k);
    }
  }
  const out: Sample[] = [];
  for (const g of groups.values()) {
    out.push(...finish(op, g, op === 'limitk' ? k : param));
  }
  return out;
}

function newGroup(op: string, s: Sample, labels: Labels): Group {
  const g: Group = { labels, value: s.v, mean: s.v, count: 1, samples: [s] };
  if (op === 'stddev' || op === 'stdvar') {
    g.value = 0;
  } else if (op === 'group') {
    g.value = 1;
  } else if (op === 'topk' || op === 'bottomk') {
    g.heap = new GoHeap([{ labels: s.labels, v: s.v }], op === 'topk' ? byValue : byReverseValue);
  }
  return g;
}

function accumulate(op: string, g: Group, s: Sample, k: number): void {
  switch (op) {
    case 'sum':
      g.value += s.v;
      break;
    case 'avg':
      g.count++;
      if (!Number.isFinite(g.mean) && !Number.isNaN(g.mean)) {
        if ((!Number.isFinite(s.v) && !Number.isNaN(s.v) && g.mean > 0 === s.v > 0) || Number.isFinite(s.v)) {
          break;
        }
      }
      g.mean += s.v / g.count - g.mean / g.count;
      break;
    case 'max':
      if (g.value < s.v || Number.isNaN(g.value)) {
        g.value = s.v;
      }
      break;
    case 'min':
      if (g.value > s.v || Number.isNaN(g.value)) {
        g.value = s.v;
      }
      break;
    case 'count':
    case 'count_values':
      g.count++;
      break;
    case 'stddev':
    case 'stdvar': {
      g.count++;
      const delta = s.v - g.mean;
      g.mean += delta / g.count;
      g.value += delta * (s.v - g.mean);
      break;
    }
    case 'topk':
    case 'bottomk':
      keepExtreme(op, g.heap!, s, k);
      break;
    case 'quantile':
    case 'limitk':
    case 'limit_ratio':
      g.samples.push(s);
      break;
  }
}

function keepExtreme(op: string, heap: GoHeap<Sample>, s: Sample, k: number): void {
  const root = heap.items[0];
  const better = op === 'topk' ? root.v < s.v : root.v > s.v;
  if (heap.length < k || better || Number.isNaN(root.v)) {
    if (heap.length === k) {
      if (k === 1) {
        heap.items[0] = { labels: s.labels, v: s.v };
        return;
      }
      heap.pop();
    }
    heap.push({ labels: s.labels, v: s.v });
  }
}

function finish(op: string, g: Group, param: number | string | undefined): Sample[] {
  switch (op) {
    case 'avg':
      return [{ labels: g.labels, v: g.mean }];
    case 'count':
    case 'count_values':
      return [{ labels: g.labels, v: g.count }];
    case 'stdvar':
      return [{ labels: g.labels, v: g.value / g.count }];
    case 'stddev':
      return [{ labels: g.labels, v: Math.sqrt(g.value / g.count) }];
    case 'topk':
    case 'bottomk': {
      const descending = op === 'topk';
      return [...g.heap!.items].sort((a, b) => (Number.isNaN(a.v) ? 1 : Number.isNaN(b.v) ? -1 : descending ? b.v - a.v : a.v - b.v));
    }
    case 'limitk':
      return g.samples.slice(0, param as number).map((s) => ({ labels: s.labels, v: s.v }));
    case 'limit_ratio':
      return g.samples.filter((s) => ratioSampled(s, param as number)).map((s) => ({ labels: s.labels, v: s.v }));
    case 'quantile':
      return [{ labels: g.labels, v: quantile(param as number, g.samples.map((s) => s.v)) }];
    default:
      return [{ labels: g.labels, v: g.value }];
  }
}

/** HashRatioSampler: a series is in the sample when its label hash, as a fraction of 2^64−1, is below the ratio (or, for a negative ratio, at or above 1 + ratio). */
function ratioSampled(s: Sample, ratio: number): boolean {
  const r = Math.max(-1, Math.min(1, ratio));
  const offset = Number(labelsHash(s.labels)) / 18446744073709551615;
  return (r >= 0 && offset < r) || (r < 0 && offset >= 1 + r);
}
