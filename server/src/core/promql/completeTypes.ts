/** The vocabulary of PromQL completion: what the analysis finds at the caret, and the items it becomes. */
import type { Span, ValueType } from './types';

interface ContextBase {
  /** What an accepted item replaces: the word or string content around the caret (empty at a gap). */
  replace: Span;
  /** The text from `replace.from` to the caret. */
  prefix: string;
}

export type KeywordName = 'by' | 'without' | 'on' | 'ignoring' | 'group_left' | 'group_right' | 'bool' | 'offset' | '@' | 'start()' | 'end()';

export type CompletionContext =
  | (ContextBase & {
      kind: 'MetricName';
      /** The type the surrounding call or operator wants here, when known. */
      expectedType?: ValueType;
      /** A selector typed here should get a `[range]` (the argument wants a range vector and none follows). */
      needsRange?: boolean;
    })
  | (ContextBase & { kind: 'FunctionName'; expectedType?: ValueType; /** A `(` already follows the word. */ hasParen: boolean })
  | (ContextBase & { kind: 'Aggregation'; hasParen: boolean })
  | (ContextBase & { kind: 'Keyword'; keywords: KeywordName[] })
  | (ContextBase & { kind: 'BinaryOperator'; /** The left side is complete and a comparison may take `bool`. */ afterOperand: true })
  | (ContextBase & { kind: 'MatchOperator' })
  | (ContextBase & {
      kind: 'LabelName';
      metric?: string;
      /** Labels already matched in these braces. */
      exclude: string[];
      /** The complete matchers of these braces, as written (`job="api"`), to narrow a live source. */
      matchers?: string[];
    })
  | (ContextBase & {
      kind: 'LabelValue';
      label: string;
      metric?: string;
      /** The other complete matchers of these braces, as written. */
      matchers?: string[];
      /** The caret is inside a string with this quote; without it, items bring their own double quotes. */
      quote?: '"' | "'" | '`';
    })
  | (ContextBase & { kind: 'Duration'; role: 'range' | 'step' | 'offset' })
  | (ContextBase & {
      kind: 'GroupingLabel';
      /** `by`, `without`, `on`, `ignoring`, `group_left`, `group_right`. */
      keyword: string;
      /** Metric names of the aggregated expression (or of both sides, for `on`/`ignoring`). */
      metrics: string[];
      exclude: string[];
    });

export type CompletionContextKind = CompletionContext['kind'];

export type PromQLItemKind = 'metric' | 'function' | 'aggregation' | 'keyword' | 'operator' | 'label' | 'labelValue' | 'duration';

export interface PromQLCompletionItem {
  label: string;
  kind: PromQLItemKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `insertText` is an LSP snippet (`${1:…}` placeholders). */
  snippet: boolean;
  /** Offsets into the PromQL text that the insertion replaces. */
  replace: Span;
  sortText: string;
  filterText?: string;
  deprecated?: boolean;
}

export interface CompletionOptions {
  /** Offer snippets with placeholders (default true); plain text otherwise. */
  snippets?: boolean;
  /** Offer experimental functions and aggregations (default true; they are marked as such). */
  experimental?: boolean;
  /** Offer functions removed in Prometheus 3 (default true; marked deprecated). */
  removed?: boolean;
  /** Offer Grafana's `$__rate_interval`, `$__interval`, `$__range` where a duration goes (dashboards). */
  grafanaVariables?: boolean;
  /** At most this many metric names, label names or values from the source (default 500). */
  maxDynamicItems?: number;
}
