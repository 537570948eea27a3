import type { FunctionInfo, ValueType } from './types';

export const V: ValueType = 'vector';
export const M: ValueType = 'matrix';
export const S: ValueType = 'scalar';
export const STR: ValueType = 'string';

type Extra = Partial<Pick<FunctionInfo, 'variadic' | 'since' | 'experimental' | 'stableSince' | 'removed' | 'replacedBy'>>;

/** One row of the functions table: name, argument types and names, return type, doc, example, extras. */
export function fn(name: string, args: ValueType[], argNames: string[], returns: ValueType, doc: string, example: string, extra: Extra = {}): FunctionInfo {
  return { name, args, argNames, returns, doc, example, variadic: 0, ...extra };
}

const TRIG: [string, string][] = [
  ['sin', 'sine'],
  ['cos', 'cosine'],
  ['tan', 'tangent'],
  ['asin', 'arcsine'],
  ['acos', 'arccosine'],
  ['atan', 'arctangent'],
  ['sinh', 'hyperbolic sine'],
  ['cosh', 'hyperbolic cosine'],
  ['tanh', 'hyperbolic tangent'],
  ['asinh', 'inverse hyperbolic sine'],
  ['acosh', 'inverse hyperbolic cosine'],
  ['atanh', 'inverse hyperbolic tangent'],
];

/** The trigonometric functions (Prometheus 2.31), all alike. */
export function trigFunctions(): FunctionInfo[] {
  return TRIG.map(([name, what]) =>
    fn(name, [V], ['v'], V, `The ${what} of each sample value${['sin', 'cos', 'tan'].includes(name) ? ' (in radians)' : ''}. Outside the function's domain the result is NaN.`, `${name}(rad(angle_degrees))`, {
      since: '2.31',
    }),
  );
}

const CLOCK: [string, string, string][] = [
  ['year', 'the year', '2024'],
  ['month', 'the month of the year', '1 to 12'],
  ['day_of_month', 'the day of the month', '1 to 31'],
  ['day_of_week', 'the day of the week', '0 for Sunday to 6 for Saturday'],
  ['day_of_year', 'the day of the year', '1 to 365, or 366 in leap years'],
  ['days_in_month', 'the number of days in the month', '28 to 31'],
  ['hour', 'the hour of the day', '0 to 23'],
  ['minute', 'the minute of the hour', '0 to 59'],
];

/** The calendar functions: the optional argument holds Unix timestamps; without it, the evaluation time is used. */
export function clockFunctions(): FunctionInfo[] {
  return CLOCK.map(([name, what, range]) =>
    fn(name, [V], ['v'], V, `Reads each sample value as a Unix timestamp and returns ${what} in UTC (${range}). Without an argument it uses the evaluation time.`, name === 'day_of_week' ? 'day_of_week() == 0' : `${name}(process_start_time_seconds)`, {
      variadic: 1,
      ...(name === 'day_of_year' ? { since: '2.36' } : {}),
    }),
  );
}
