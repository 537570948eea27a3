// Grafana's reducers (`reduceOptions.calcs`, legend `calcs`): one number out of a series' values.

type Values = (number | null)[];

function numbers(values: Values): number[] {
  return values.filter((v): v is number => v !== null && !Number.isNaN(v));
}

const REDUCERS: Record<string, { label: string; fn: (values: Values) => number | null }> = {
  lastNotNull: { label: 'Last *', fn: (v) => numbers(v).at(-1) ?? null },
  last: { label: 'Last', fn: (v) => v.at(-1) ?? null },
  firstNotNull: { label: 'First *', fn: (v) => numbers(v)[0] ?? null },
  first: { label: 'First', fn: (v) => v[0] ?? null },
  mean: { label: 'Mean', fn: (v) => (numbers(v).length ? numbers(v).reduce((a, b) => a + b, 0) / numbers(v).length : null) },
  sum: { label: 'Total', fn: (v) => (numbers(v).length ? numbers(v).reduce((a, b) => a + b, 0) : null) },
  max: { label: 'Max', fn: (v) => (numbers(v).length ? Math.max(...numbers(v)) : null) },
  min: { label: 'Min', fn: (v) => (numbers(v).length ? Math.min(...numbers(v)) : null) },
  count: { label: 'Count', fn: (v) => v.length },
  range: { label: 'Range', fn: (v) => (numbers(v).length ? Math.max(...numbers(v)) - Math.min(...numbers(v)) : null) },
  delta: { label: 'Delta', fn: (v) => delta(numbers(v)) },
  diff: { label: 'Difference', fn: (v) => (numbers(v).length ? numbers(v).at(-1)! - numbers(v)[0] : null) },
  median: { label: 'Median', fn: (v) => median(numbers(v)) },
};

/** Grafana's delta: the sum of increases, a drop counting as a reset. */
function delta(v: number[]): number | null {
  if (!v.length) {
    return null;
  }
  let total = 0;
  for (let i = 1; i < v.length; i++) {
    total += v[i] >= v[i - 1] ? v[i] - v[i - 1] : v[i];
  }
  return total;
}

function median(v: number[]): number | null {
  if (!v.length) {
    return null;
  }
  const s = [...v].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Reducers by their Grafana id; an unknown id is Grafana's default, the last non-null value. */
export function reduce(values: Values, calc: string | undefined): number | null {
  return (REDUCERS[calc ?? ''] ?? REDUCERS.lastNotNull).fn(values);
}

export function reducerLabel(calc: string): string {
  return REDUCERS[calc]?.label ?? calc;
}
