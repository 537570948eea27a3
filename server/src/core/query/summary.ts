// The one-line result of a run shown next to the expression: `→ 3 series · max 0.42 · 12 ms`.
import type { QuerySeries } from './types';

/** A sample value short enough for a line of code: 3 to 4 significant digits, exponents for very large or small. */
export function shortNumber(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) {
    return v.toExponential(2);
  }
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

function largest(series: QuerySeries[]): number | undefined {
  let max: number | undefined;
  for (const s of series) {
    for (const [, text] of s.values ?? (s.value ? [s.value] : [])) {
      const v = Number(text);
      if (!Number.isNaN(v) && (max === undefined || v > max)) {
        max = v;
      }
    }
  }
  return max;
}

export function successSummary(r: { resultType: string; series: QuerySeries[]; seriesCount: number; ms: number; warnings: string[] }): string {
  const parts: string[] = [];
  if (r.resultType === 'scalar' || r.resultType === 'string') {
    const value = r.series[0]?.value?.[1] ?? '';
    parts.push(r.resultType === 'scalar' ? `scalar ${shortNumber(Number(value))}` : `"${value}"`);
  } else if (r.seriesCount === 0) {
    parts.push('no data');
  } else {
    const cut = r.seriesCount > r.series.length ? ` (first ${r.series.length} kept)` : '';
    parts.push(`${r.seriesCount} series${cut}`);
    const max = largest(r.series);
    if (max !== undefined) {
      parts.push(`max ${shortNumber(max)}`);
    }
  }
  parts.push(`${Math.round(r.ms)} ms`);
  if (r.warnings.length) {
    parts.push(`${r.warnings.length} warning${r.warnings.length > 1 ? 's' : ''}`);
  }
  return `→ ${parts.join(' · ')}`;
}

export function failureSummary(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return `✗ ${line.length > 120 ? `${line.slice(0, 119)}…` : line}`;
}
