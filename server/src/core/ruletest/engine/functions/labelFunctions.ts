/** label_replace() and label_join() as funcLabelReplace and funcLabelJoin (Prometheus 2.x) do them; both keep the metric name. */
import type { Call, Expr } from '../../../promql/ast';
import { getLabel, isValidLabelName, withLabel } from '../../labels';
import { compileAnchored, expandTemplate } from '../regex';
import { EvalError, type Value } from '../types';
import { vectorArg, type InstantFunction } from './instant';

function stringArg(e: Expr): string {
  while (e.kind === 'paren') {
    e = e.expr;
  }
  return e.kind === 'string' ? e.value : '';
}

const labelReplace: InstantFunction = (args: Value[], call: Call) => {
  const [dst, replacement, src, regex] = call.args.slice(1).map(stringArg);
  const re = compileAnchored(regex);
  if (typeof re === 'string') {
    throw new EvalError(`invalid regular expression in label_replace(): ${regex}`, call.args[4]);
  }
  if (!isValidLabelName(dst)) {
    throw new EvalError(`invalid destination label name in label_replace(): ${dst}`, call.args[1]);
  }
  const samples = vectorArg(args[0]).map((s) => {
    const match = re.exec(getLabel(s.labels, src));
    return match ? { labels: withLabel(s.labels, dst, expandTemplate(replacement, match)), v: s.v } : { labels: s.labels, v: s.v };
  });
  return { type: 'vector', samples };
};

const labelJoin: InstantFunction = (args: Value[], call: Call) => {
  const [dst, separator, ...sources] = call.args.slice(1).map(stringArg);
  for (const [i, src] of sources.entries()) {
    if (!isValidLabelName(src)) {
      throw new EvalError(`invalid source label name in label_join(): ${src}`, call.args[3 + i]);
    }
  }
  if (!isValidLabelName(dst)) {
    throw new EvalError(`invalid destination label name in label_join(): ${dst}`, call.args[1]);
  }
  const samples = vectorArg(args[0]).map((s) => ({ labels: withLabel(s.labels, dst, sources.map((src) => getLabel(s.labels, src)).join(separator)), v: s.v }));
  return { type: 'vector', samples };
};

export const LABEL_FUNCTIONS: Record<string, InstantFunction> = { label_replace: labelReplace, label_join: labelJoin };
