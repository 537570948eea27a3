import type { Problem } from '../../problem';
import { checkPromQL, type CheckOptions } from '../../promql/check';
import { formatValue, substituteVariables, type VariableSelection, type VariableUse } from '../../promql/grafanaVariables';
import type { Span } from '../../promql/types';
import type { Variable } from './model';
import type { PromTarget } from './queries';

/** One way a variable can be set, as the dashboard allows it. */
interface Selection {
  describe: string;
  value: VariableSelection;
  /** The text Grafana inserts for this selection, by format (`''` for none): the same for every query. */
  inserted: Map<string, string>;
}

/**
 * The query checked with each selection its variables allow, one variable at a time: one value, two values
 * (multi-value) and "All" (every option, or the custom all value). The placeholder check (promql/embed) only sees
 * one value; this catches queries that break when Grafana inserts `(a|b)`, `a|b` or `a,b` (by its formats).
 */
export function expansionProblems(t: PromTarget, byName: Map<string, Variable>, options: CheckOptions, place: (s: Span) => Span): Problem[] {
  const out: Problem[] = [];
  const names = [...new Set(t.sub.variables.filter((u) => !u.builtin).map((u) => u.name))];
  for (const name of names) {
    const v = byName.get(name);
    if (!v || !(v.multi || v.includeAll)) {
      continue;
    }
    const uses = t.sub.variables.filter((u) => u.name === name);
    const failure = firstFailure(String(t.expr.value), v, uses, options);
    if (failure) {
      const use = t.sub.variables.find((u) => u.name === name)!;
      const r = place(failure.use ?? use);
      out.push({
        offset: r.from,
        length: r.to - r.from,
        severity: 'warning',
        code: 'grafana/variable-expansion',
        message: `With ${failure.describe} selected in "${name}", Grafana inserts "${failure.inserted}" and the query fails: ${failure.message}`,
      });
    }
  }
  return out;
}

function firstFailure(expr: string, v: Variable, uses: VariableUse[], options: CheckOptions): { describe: string; inserted: string; message: string; use?: VariableUse } | undefined {
  for (const sel of selections(v)) {
    if (uses.every((u) => harmless(u, inserted(sel, u.format, v.name)))) {
      continue;
    }
    const sub = substituteVariables(expr, { [v.name]: sel.value });
    const error = checkPromQL(sub.text, options).problems.find((p) => p.severity === 'error');
    if (error) {
      const use = sub.variables.find((u) => u.name === v.name && u.outFrom < error.to && error.from < u.outTo) ?? sub.variables.find((u) => u.name === v.name);
      const inserted = use ? sub.text.slice(use.outFrom, use.outTo) : '';
      return { describe: sel.describe, inserted: inserted.length > 60 ? inserted.slice(0, 57) + '…' : inserted, message: error.message, use };
    }
  }
  return undefined;
}

/** Plain words, optionally joined by `|` in one group: what Grafana makes of ordinary values, valid in any regex. */
const PLAIN = /^(?:[\w.:@/-]*|\([\w.:@/-]*(?:\|[\w.:@/-]*)*\))$/;

/**
 * Whether inserting `text` where the placeholder check put a plain value cannot break the query: inside a quoted
 * string (a matcher value, a function's string argument), words and a `(a|b)` group keep the string and its regex
 * valid. Anywhere else (a range, a label list, a metric name) the expansion is checked.
 */
function harmless(use: VariableUse, text: string): boolean {
  return (use.context === 'labelValue' || use.context === 'regexValue' || use.context === 'string') && PLAIN.test(text);
}

function inserted(sel: Selection, format: string | undefined, name: string): string {
  let text = sel.inserted.get(format ?? '');
  if (text === undefined) {
    text = formatValue(sel.value, format, name);
    sel.inserted.set(format ?? '', text);
  }
  return text;
}

/** Selections by variable, for one validation: the variables are read anew from each parse. */
const selectionsOf = new WeakMap<Variable, Selection[]>();

function selections(v: Variable): Selection[] {
  const known = selectionsOf.get(v);
  if (known) {
    return known;
  }
  const values = sampleValues(v);
  const selection = (describe: string, value: VariableSelection): Selection => ({ describe, value, inserted: new Map() });
  const out: Selection[] = [selection('one value', { values: values.slice(0, 1), multi: v.multi, includeAll: v.includeAll })];
  if (v.multi) {
    out.push(selection('two values', { values: values.slice(0, 2), multi: true, includeAll: v.includeAll }));
  }
  if (v.includeAll) {
    out.push(selection('"All"', { values, multi: v.multi, includeAll: true, all: true, allValue: v.allValue }));
  }
  selectionsOf.set(v, out);
  return out;
}

/** The variable's known values, completed to two with made-up ones of the same shape. */
function sampleValues(v: Variable): string[] {
  const known = v.values.filter((x) => x !== '$__all' && x !== '$__auto_interval_' + v.name);
  const made = v.type === 'interval' ? ['1m', '5m'] : [`${v.name}_a`, `${v.name}_b`];
  return [...known, ...made].slice(0, Math.max(2, known.length));
}
