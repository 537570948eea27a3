/**
 * PromQL completion, in two steps (STYLE.md): `analyzeContext(text, offset)` says what may be written at the
 * caret (completeContext.ts), `buildItems(contexts, source, options)` turns that into items (completeItems.ts).
 * Offsets are into the PromQL text; callers map them into documents (promql/embed). Metric names, labels and
 * values come from a pluggable MetricSource: `staticMetricSource` serves what the workspace knows (recording
 * rules' outputs, rule-test series); a live Prometheus source plugs in the same way.
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import { analyzeContext } from './completeContext';
import { buildItems } from './completeItems';
import type { CompletionOptions, PromQLCompletionItem, PromQLItemKind } from './completeTypes';
import type { MetricInfo, MetricSource } from './types';

export { analyzeContext } from './completeContext';
export { buildItems, functionSnippet } from './completeItems';
export type { CompletionContext, CompletionContextKind, CompletionOptions, KeywordName, PromQLCompletionItem, PromQLItemKind } from './completeTypes';

/** The LSP kind of each item kind, for the adapters that turn items into LSP CompletionItems. */
export const LSP_ITEM_KIND: Record<PromQLItemKind, CompletionItemKind> = {
  metric: CompletionItemKind.Variable,
  function: CompletionItemKind.Function,
  aggregation: CompletionItemKind.Function,
  keyword: CompletionItemKind.Keyword,
  operator: CompletionItemKind.Operator,
  label: CompletionItemKind.Field,
  labelValue: CompletionItemKind.Value,
  duration: CompletionItemKind.Unit,
};

/** Both steps at once. */
export function completePromQL(text: string, offset: number, source: MetricSource | undefined, options: CompletionOptions = {}): Promise<PromQLCompletionItem[]> {
  return buildItems(analyzeContext(text, offset), source, options);
}

/**
 * An in-memory MetricSource. `labels` maps metric name → label name → known values; metrics that appear only
 * there are offered too. Metric names are matched to the typed prefix loosely (its characters in order), as
 * editors filter fuzzily on their side.
 */
export function staticMetricSource(metrics: MetricInfo[], labels: Record<string, Record<string, string[]>> = {}): MetricSource {
  // Maps, not the records themselves: names typed by the user must never reach Object.prototype.
  const labelMaps = new Map(Object.entries(labels).map(([metric, byLabel]) => [metric, new Map(Object.entries(byLabel))]));
  const byName = new Map<string, MetricInfo>();
  for (const m of metrics) {
    byName.set(m.name, { ...byName.get(m.name), ...m });
  }
  for (const name of labelMaps.keys()) {
    if (!byName.has(name)) {
      byName.set(name, { name });
    }
  }
  const all = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  const scope = (metric: string | undefined): Map<string, string[]>[] => (metric !== undefined ? [labelMaps.get(metric) ?? new Map()] : [...labelMaps.values()]);
  return {
    metricNames: (prefix) => all.filter((m) => subsequence(prefix.toLowerCase(), m.name.toLowerCase())),
    labelNames: (metric) => sortedUnion(scope(metric).map((l) => [...l.keys()])),
    labelValues: (label, metric) => sortedUnion(scope(metric).map((l) => l.get(label) ?? [])),
  };
}

/** The characters of `needle` appear in `hay` in order. */
export function subsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let k = 0; k < hay.length && i < needle.length; k++) {
    if (hay[k] === needle[i]) {
      i++;
    }
  }
  return i === needle.length;
}

function sortedUnion(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}
