/**
 * THE table of PromQL functions, aggregations and binary operators (as of Prometheus 3.14, plus `holt_winters`,
 * removed in 3.0). Check, completion, hover and signature help all read it. Rows live in functionsOverTime.ts,
 * functionsInstant.ts and operators.ts; this module assembles them and offers the lookups.
 */
import { INSTANT_FUNCTIONS } from './functionsInstant';
import { OVER_TIME_FUNCTIONS } from './functionsOverTime';
import { AGGREGATIONS, BINARY_OPERATORS } from './operators';
import type { AggregationInfo, FunctionInfo, OperatorInfo } from './types';

export { AGGREGATIONS, BINARY_OPERATORS };

/** Every function, sorted by name. */
// Names are ASCII identifiers: code-unit order, which spares every start-up the ICU collator of localeCompare.
export const FUNCTIONS: readonly FunctionInfo[] = [...OVER_TIME_FUNCTIONS, ...INSTANT_FUNCTIONS].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const functionsByName = new Map(FUNCTIONS.map((f) => [f.name, f]));
const aggregationsByName = new Map(AGGREGATIONS.map((a) => [a.name, a]));
const operatorsByName = new Map(BINARY_OPERATORS.map((o) => [o.name, o]));

/** A function by its exact name (PromQL function names are case-sensitive). */
export function getFunction(name: string): FunctionInfo | undefined {
  return functionsByName.get(name);
}

/** An aggregation by name; aggregation keywords are case-insensitive. */
export function getAggregation(name: string): AggregationInfo | undefined {
  return aggregationsByName.get(name.toLowerCase());
}

/** A binary operator by its spelling (`+`, `==`, `and`, `atan2` …); word operators are case-insensitive. */
export function getBinaryOperator(name: string): OperatorInfo | undefined {
  return operatorsByName.get(name.toLowerCase());
}

/** The smallest and largest number of arguments a call accepts (Infinity when the last one repeats). */
export function argumentRange(f: FunctionInfo): { min: number; max: number } {
  if (f.variadic === 0) {
    return { min: f.args.length, max: f.args.length };
  }
  const min = f.args.length - 1;
  return { min, max: f.variadic < 0 ? Infinity : min + f.variadic };
}

/** The type expected for argument `index`, following Go's rule that extra arguments take the last argument's type. */
export function argumentType(f: FunctionInfo, index: number): FunctionInfo['args'][number] | undefined {
  if (index < f.args.length) {
    return f.args[index];
  }
  return f.variadic === 0 ? undefined : f.args[f.args.length - 1];
}

/** A signature for hover and signature help, e.g. `rate(v range-vector) → instant-vector`. */
export function signature(f: FunctionInfo): string {
  const words: Record<string, string> = { vector: 'instant-vector', matrix: 'range-vector', scalar: 'scalar', string: 'string', none: 'none' };
  const { min } = argumentRange(f);
  const params = f.args.map((t, i) => {
    const optional = f.variadic !== 0 && i >= min;
    return `${f.argNames[i] ?? `arg${i + 1}`}${optional ? '?' : ''} ${words[t]}${i === f.args.length - 1 && f.variadic !== 0 && f.variadic !== 1 ? ', …' : ''}`;
  });
  return `${f.name}(${params.join(', ')}) → ${words[f.returns]}`;
}
