// Variables in the plain text of a dashboard (panel titles, descriptions, text panels, legends): Grafana shows a
// multi-value selection there in its `text` format (`a + b`, `All`) unless the reference names a format, and
// leaves unknown variables as written.
import { formatValue, variableReferences, type VariableValue } from '../promql/grafanaVariables';
import type { Labels } from '../prometheus/types';

export function interpolateText(text: string, values: Record<string, VariableValue>): string {
  if (!text.includes('$') && !text.includes('[[')) {
    return text;
  }
  let out = '';
  let last = 0;
  for (const ref of variableReferences(text)) {
    const value = Object.prototype.hasOwnProperty.call(values, ref.name) ? values[ref.name] : undefined;
    if (value === undefined) {
      continue;
    }
    out += text.slice(last, ref.from) + formatValue(value, ref.format ?? 'text', ref.name);
    last = ref.to;
  }
  return out + text.slice(last);
}

/** A series' legend: `{{label}}` replaced by the label's value (Grafana's legendFormat; unknown labels give ''). */
export function legendName(format: string, labels: Labels): string {
  return format.replace(/\{\{\s*(.+?)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
}
