/**
 * Binary operators, as promql/engine.go (Prometheus 2.x) applies them: scalar/scalar, vector/scalar and
 * vector/vector with one-to-one or group_left/group_right matching on signatures built from the `on` labels (or all
 * labels but the `ignoring` ones and the metric name), the set operators, comparisons as filters or with `bool`,
 * and the same errors for ambiguous matches. Arithmetic drops the metric name; comparisons keep it unless `bool`.
 */
import type { Binary, BinaryOp, VectorMatching } from '../../promql/ast';
import { dropMetricName, getLabel, keepLabels, labelsKey, labelsString, withLabel, withoutLabels, type Labels } from '../labels';
import { goPow } from './goMath';
import { EvalError, type Sample } from './types';

const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/', '%', '^']);
const COMPARISON = new Set<BinaryOp>(['==', '!=', '>', '<', '>=', '<=']);

/** vectorElemBinop: the value and whether a comparison keeps the sample. */
export function elemBinop(op: BinaryOp, l: number, r: number): [value: number, keep: boolean] {
  switch (op) {
    case '+':
      return [l + r, true];
    case '-':
      return [l - r, true];
    case '*':
      return [l * r, true];
    case '/':
      return [l / r, true];
    case '%':
      return [l % r, true];
    case '^':
      return [goPow(l, r), true];
    case 'atan2':
      return [Math.atan2(l, r), true];
    case '==':
      return [l, l === r];
    case '!=':
      return [l, l !== r];
    case '>':
      return [l, l > r];
    case '<':
      return [l, l < r];
    case '>=':
      return [l, l >= r];
    case '<=':
      return [l, l <= r];
    default:
      throw new EvalError(`operator "${op}" not allowed for operations between scalars or vectors`);
  }
}

export function scalarBinop(op: BinaryOp, l: number, r: number): number {
  const [value, keep] = elemBinop(op, l, r);
  return COMPARISON.has(op) ? (keep ? 1 : 0) : value;
}

export function vectorScalarBinop(b: Binary, vec: Sample[], scalar: number, swap: boolean): Sample[] {
  const out: Sample[] = [];
  const returnBool = !!b.bool;
  for (const s of vec) {
    const [l, r] = swap ? [scalar, s.v] : [s.v, scalar];
    let [value, keep] = elemBinop(b.op, l, r);
    // A comparison filters the vector side and keeps its value, whichever side it is on.
    if (COMPARISON.has(b.op) && swap) {
      value = r;
    }
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (keep) {
      out.push({ labels: ARITHMETIC.has(b.op) || returnBool ? dropMetricName(s.labels) : s.labels, v: value });
    }
  }
  return out;
}

function signature(matching: VectorMatching | undefined): (l: Labels) => string {
  const names = (matching?.labels ?? []).map((l) => l.name);
  if (matching?.on) {
    return (l) => labelsKey(keepLabels(l, names));
  }
  return (l) => labelsKey(withoutLabels(l, [...names, '__name__']));
}

export function setBinop(b: Binary, lhs: Sample[], rhs: Sample[]): Sample[] {
  const sig = signature(b.matching);
  switch (b.op) {
    case 'and': {
      if (!lhs.length || !rhs.length) {
        return [];
      }
      const right = new Set(rhs.map((s) => sig(s.labels)));
      return lhs.filter((s) => right.has(sig(s.labels)));
    }
    case 'or': {
      if (!lhs.length || !rhs.length) {
        return [...lhs, ...rhs];
      }
      const left = new Set(lhs.map((s) => sig(s.labels)));
      return [...lhs, ...rhs.filter((s) => !left.has(sig(s.labels)))];
    }
    default: {
      if (!lhs.length || !rhs.length) {
        return lhs;
      }
      const right = new Set(rhs.map((s) => sig(s.labels)));
      return lhs.filter((s) => !right.has(sig(s.labels)));
    }
  }
}

/** VectorBinop: one-to-one or many-to-one/one-to-many matching of two vectors. */
export function vectorBinop(b: Binary, lhsIn: Sample[], rhsIn: Sample[]): Sample[] {
  if (!lhsIn.length || !rhsIn.length) {
    return [];
  }
  const matching = b.matching;
  const card = matching?.card ?? 'one-to-one';
  const sig = signature(matching);
  const [lhs, rhs] = card === 'one-to-many' ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  const rightSigs = new Map<string, Sample>();
  for (const rs of rhs) {
    const key = sig(rs.labels);
    const dupl = rightSigs.get(key);
    if (dupl) {
      const side = card === 'one-to-many' ? 'left' : 'right';
      const names = (matching?.labels ?? []).map((l) => l.name);
      const matched = matching?.on ? keepLabels(rs.labels, names) : withoutLabels(rs.labels, [...names, '__name__']);
      throw new EvalError(
        `found duplicate series for the match group ${labelsString(matched)} on the ${side} hand-side of the operation: [${labelsString(rs.labels)}, ${labelsString(dupl.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`,
        b,
      );
    }
    rightSigs.set(key, rs);
  }
  const matched = new Map<string, Set<string> | null>();
  const out: Sample[] = [];
  for (const ls of lhs) {
    const key = sig(ls.labels);
    const rs = rightSigs.get(key);
    if (!rs) {
      continue;
    }
    const [vl, vr] = card === 'one-to-many' ? [rs.v, ls.v] : [ls.v, rs.v];
    let [value, keep] = elemBinop(b.op, vl, vr);
    if (b.bool) {
      value = keep ? 1 : 0;
    } else if (!keep) {
      continue;
    }
    let metric = resultMetric(ls.labels, rs.labels, b.op, matching);
    if (b.bool) {
      metric = dropMetricName(metric);
    }
    if (card === 'one-to-one') {
      if (matched.has(key)) {
        throw new EvalError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)', b);
      }
      matched.set(key, null);
    } else {
      let inserted = matched.get(key);
      if (!inserted) {
        inserted = new Set();
        matched.set(key, inserted);
      }
      const insertKey = labelsKey(metric);
      if (inserted.has(insertKey)) {
        throw new EvalError('multiple matches for labels: grouping labels must ensure unique matches', b);
      }
      inserted.add(insertKey);
    }
    out.push({ labels: metric, v: value });
  }
  return out;
}

function resultMetric(lhs: Labels, rhs: Labels, op: BinaryOp, matching: VectorMatching | undefined): Labels {
  let out = ARITHMETIC.has(op) ? dropMetricName(lhs) : lhs;
  const names = (matching?.labels ?? []).map((l) => l.name);
  if ((matching?.card ?? 'one-to-one') === 'one-to-one') {
    out = matching?.on ? keepLabels(out, names) : withoutLabels(out, names);
  }
  for (const { name } of matching?.include ?? []) {
    out = withLabel(out, name, getLabel(rhs, name));
  }
  return out;
}
