import { parsePromQL } from '../../../server/src/core/promql/parse';
import { evaluateInstant } from '../../../server/src/core/ruletest/engine/evaluate';
import type { EngineOptions } from '../../../server/src/core/ruletest/engine/types';
import { labelsString } from '../../../server/src/core/ruletest/labels';
import { parseSeriesSelector, parseSeriesValues } from '../../../server/src/core/ruletest/seriesNotation';
import { Storage } from '../../../server/src/core/ruletest/storage';

/** A storage loaded from `series values` lines, one sample a minute from time 0. */
export function load(text: string): Storage {
  const st = new Storage();
  for (const line of text.trim().split('\n')) {
    const m = /^\s*(\S+)\s+(.*)$/.exec(line)!;
    st.load(parseSeriesSelector(m[1]).labels!, parseSeriesValues(m[2]).values, 60_000);
  }
  return st;
}

/** The result at `seconds` as sorted `labels value` lines (a scalar as `scalar value`). */
export function query(st: Storage, expr: string, seconds: number, options?: EngineOptions): string[] {
  const parsed = parsePromQL(expr);
  if (!parsed.expr) {
    throw new Error(parsed.problems[0].message);
  }
  const v = evaluateInstant(parsed.expr, seconds * 1000, st, options);
  switch (v.type) {
    case 'scalar':
    case 'string':
      return [`${v.type} ${v.v}`];
    case 'vector':
      return v.samples.map((s) => `${labelsString(s.labels)} ${s.v}`).sort();
    case 'matrix':
      return v.series.map((s) => `${labelsString(s.labels)} ${s.points.map((p) => `${p.v}@${p.t / 1000}`).join(' ')}`).sort();
  }
}
