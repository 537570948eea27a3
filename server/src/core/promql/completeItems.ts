/**
 * Step 2 of completion: contexts (completeContext.ts) → items. Static items come from the single table
 * (functions.ts) and completeDocs.ts; metric names, label names and values come from a pluggable MetricSource,
 * whose failures never reach the caller (they yield no items).
 */
import { aggregationMarkdown, aggregationSignature, functionMarkdown, KEYWORD_DOCS, keywordMarkdown, operatorMarkdown, secondsText } from './completeDocs';
import type { CompletionContext, CompletionOptions, PromQLCompletionItem } from './completeTypes';
import { goQuote } from './goText';
import { AGGREGATIONS, argumentRange, BINARY_OPERATORS, FUNCTIONS, signature } from './functions';
import type { FunctionInfo, MetricInfo, MetricSource, ValueType } from './types';

type Ctx<K extends CompletionContext['kind']> = Extract<CompletionContext, { kind: K }>;

const TYPE_WORDS: Record<ValueType, string> = { vector: 'instant-vector', matrix: 'range-vector', scalar: 'scalar', string: 'string', none: 'none' };
const COMMON_DURATIONS = ['1m', '5m', '10m', '15m', '30m', '1h', '2h', '6h', '12h', '1d', '7d'];
const DURATION_UNITS: [string, number][] = [['s', 1], ['m', 60], ['h', 3600], ['d', 86400], ['w', 604800], ['y', 31536000], ['ms', 0.001]];
const GRAFANA_DURATIONS: [string, string][] = [
  ['$__rate_interval', 'Grafana: a range safe for rate(), at least four scrape intervals'],
  ['$__interval', 'Grafana: the time covered by one point of the panel'],
  ['$__range', 'Grafana: the time range of the dashboard'],
];

/** Turns contexts into items; asks `source` only for the kinds that need it. */
export async function buildItems(contexts: CompletionContext[], source: MetricSource | undefined, options: CompletionOptions = {}): Promise<PromQLCompletionItem[]> {
  const lists = await Promise.all(contexts.map((c) => itemsFor(c, source, options)));
  const seen = new Set<string>();
  return lists.flat().filter((i) => {
    const key = `${i.kind}\0${i.label}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function itemsFor(c: CompletionContext, source: MetricSource | undefined, o: CompletionOptions): PromQLCompletionItem[] | Promise<PromQLCompletionItem[]> {
  switch (c.kind) {
    case 'MetricName':
      return metricItems(c, source, o);
    case 'FunctionName':
      return functionItems(c, o);
    case 'Aggregation':
      return aggregationItems(c, o);
    case 'Keyword':
      return keywordItems(c, o);
    case 'BinaryOperator':
      return operatorItems(c);
    case 'MatchOperator':
      return matchOperatorItems(c);
    case 'LabelName':
      return labelNameItems(c, source, o);
    case 'GroupingLabel':
      return groupingLabelItems(c, source, o);
    case 'LabelValue':
      return labelValueItems(c, source, o);
    case 'Duration':
      return durationItems(c, o);
  }
}

/**
 * Calls the source; a failure or a throw gives an empty list (the status of the source is reported elsewhere),
 * and entries of the wrong shape are dropped.
 */
async function ask<T>(call: () => Promise<T[]> | T[], valid: (x: unknown) => boolean = isString): Promise<T[]> {
  try {
    const list = await call();
    return Array.isArray(list) ? list.filter(valid) : [];
  } catch {
    return [];
  }
}

const isString = (x: unknown): boolean => typeof x === 'string';
const isMetric = (x: unknown): boolean => typeof (x as MetricInfo | undefined)?.name === 'string';

function item(c: CompletionContext, fields: Omit<PromQLCompletionItem, 'replace' | 'snippet'> & { snippet?: boolean }): PromQLCompletionItem {
  return { snippet: false, replace: c.replace, ...fields };
}

async function metricItems(c: Ctx<'MetricName'>, source: MetricSource | undefined, o: CompletionOptions): Promise<PromQLCompletionItem[]> {
  if (!source) {
    return [];
  }
  const metrics = (await ask(() => source.metricNames(c.prefix), isMetric)).slice(0, o.maxDynamicItems ?? 500);
  const range = c.needsRange && o.snippets !== false;
  return metrics.map((m) =>
    item(c, {
      label: m.name,
      kind: 'metric',
      detail: [m.type, m.source].filter(Boolean).join(' · ') || 'metric',
      documentation: metricMarkdown(m),
      insertText: range ? `${escapeSnippet(m.name)}[\${1:5m}]` : m.name,
      snippet: range,
      sortText: `2${m.name}`,
    }),
  );
}

export function metricMarkdown(m: MetricInfo): string {
  const head = `**${m.name}**${m.type ? ` (${m.type})` : ''}`;
  const facts = [m.unit ? `Unit: ${m.unit}` : undefined, m.seriesCount !== undefined ? `Series now: ${m.seriesCount}` : undefined];
  const note = m.note ? `_${m.note}_` : undefined;
  return [head, m.help, facts.filter(Boolean).join(' · '), note, m.source ? `Source: ${m.source}` : undefined].filter(Boolean).join('\n\n');
}

function wanted(o: CompletionOptions, x: { experimental?: boolean; removed?: string }): boolean {
  return !(x.experimental && o.experimental === false) && !(x.removed && o.removed === false);
}

function functionItems(c: Ctx<'FunctionName'>, o: CompletionOptions): PromQLCompletionItem[] {
  return FUNCTIONS.filter((f) => wanted(o, f)).map((f) => {
    const snippet = o.snippets !== false && !c.hasParen;
    const fits = c.expectedType === undefined || c.expectedType === f.returns;
    return item(c, {
      label: f.name,
      kind: 'function',
      detail: `${signature(f)}${f.experimental ? ' (experimental)' : ''}`,
      documentation: functionMarkdown(f, false),
      insertText: c.hasParen ? f.name : snippet ? functionSnippet(f) : `${f.name}()`,
      snippet,
      sortText: `${f.removed ? 9 : fits ? 1 : 3}${f.name}`,
      deprecated: f.removed ? true : undefined,
    });
  });
}

/** `rate(${1:v range-vector})`: the required arguments as placeholders. */
export function functionSnippet(f: FunctionInfo): string {
  const { min } = argumentRange(f);
  const args = f.args.slice(0, min).map((t, i) => `\${${i + 1}:${escapeSnippet(`${f.argNames[i] ?? `arg${i + 1}`} ${TYPE_WORDS[t]}`)}}`);
  return `${f.name}(${args.join(', ')})`;
}

function aggregationItems(c: Ctx<'Aggregation'>, o: CompletionOptions): PromQLCompletionItem[] {
  return AGGREGATIONS.filter((a) => wanted(o, a)).map((a) => {
    const snippet = o.snippets !== false && !c.hasParen;
    const args = a.param ? [`\${1:${escapeSnippet(`${a.paramName ?? 'parameter'} ${TYPE_WORDS[a.param]}`)}}`, '${2:v instant-vector}'] : ['${1:v instant-vector}'];
    return item(c, {
      label: a.name,
      kind: 'aggregation',
      detail: `${aggregationSignature(a)}${a.experimental ? ' (experimental)' : ''}`,
      documentation: aggregationMarkdown(a, false),
      insertText: c.hasParen ? a.name : snippet ? `${a.name}(${args.join(', ')})` : `${a.name}()`,
      snippet,
      sortText: `1${a.name}`,
    });
  });
}

function keywordItems(c: Ctx<'Keyword'>, o: CompletionOptions): PromQLCompletionItem[] {
  return c.keywords.map((k, i) => {
    const doc = KEYWORD_DOCS[k];
    const snippet = o.snippets !== false && doc.snippet.includes('$');
    return item(c, {
      label: k === '@' ? '@ end()' : k,
      kind: 'keyword',
      detail: doc.detail,
      documentation: keywordMarkdown(k),
      insertText: snippet ? doc.snippet : doc.snippet.replace(/\$\{\d+:?([^}]*)\}/g, '$1').trimEnd(),
      snippet,
      sortText: `0${i}`,
      filterText: k === '@' ? '@' : undefined,
    });
  });
}

function operatorItems(c: Ctx<'BinaryOperator'>): PromQLCompletionItem[] {
  return BINARY_OPERATORS.filter((op) => op.kind !== 'trim').map((op, i) => {
    const word = /^[a-z]/.test(op.name);
    return item(c, {
      label: op.name,
      kind: word ? 'keyword' : 'operator',
      detail: `${op.kind} operator`,
      documentation: operatorMarkdown(op),
      insertText: op.name,
      sortText: `5${String(i).padStart(2, '0')}`,
    });
  });
}

function matchOperatorItems(c: Ctx<'MatchOperator'>): PromQLCompletionItem[] {
  const ops: [string, string][] = [['=', 'equal to'], ['!=', 'not equal to'], ['=~', 'matches the regular expression (fully anchored)'], ['!~', 'does not match the regular expression']];
  return ops.map(([op, what], i) => item(c, { label: op, kind: 'operator', detail: `label value ${what}`, insertText: op, sortText: `0${i}` }));
}

async function labelNameItems(c: Ctx<'LabelName'>, source: MetricSource | undefined, o: CompletionOptions): Promise<PromQLCompletionItem[]> {
  const names = source ? await ask(() => source.labelNames(c.metric, c.matchers)) : [];
  return labelItems(c, names, c.exclude, c.metric, o);
}

async function groupingLabelItems(c: Ctx<'GroupingLabel'>, source: MetricSource | undefined, o: CompletionOptions): Promise<PromQLCompletionItem[]> {
  if (!source) {
    return [];
  }
  const lists = c.metrics.length ? await Promise.all(c.metrics.map((m) => ask(() => source.labelNames(m)))) : [await ask(() => source.labelNames(undefined))];
  const names = [...new Set(lists.flat())].sort();
  return labelItems(c, names, c.exclude, c.metrics.join(', ') || undefined, o);
}

function labelItems(c: CompletionContext, names: string[], exclude: string[], metric: string | undefined, o: CompletionOptions): PromQLCompletionItem[] {
  const skip = new Set(exclude);
  return names
    .filter((n) => !skip.has(n) && n !== '__name__')
    .slice(0, o.maxDynamicItems ?? 500)
    .map((n) => item(c, { label: n, kind: 'label', detail: metric ? `label of ${metric}` : 'label', insertText: n, sortText: `1${n}` }));
}

async function labelValueItems(c: Ctx<'LabelValue'>, source: MetricSource | undefined, o: CompletionOptions): Promise<PromQLCompletionItem[]> {
  if (!source) {
    return [];
  }
  const values = (await ask(() => source.labelValues(c.label, c.metric, c.matchers))).slice(0, o.maxDynamicItems ?? 500);
  return values.map((v) =>
    item(c, {
      label: v,
      kind: 'labelValue',
      detail: `value of ${c.label}${c.metric ? ` on ${c.metric}` : ''}`,
      insertText: c.quote ? escapeInString(v, c.quote) : goQuote(v),
      filterText: c.quote ? undefined : goQuote(v),
      sortText: `1${v}`,
    }),
  );
}

/** A value inside an existing string: escape what would end or break it (backquoted strings take no escapes). */
function escapeInString(v: string, quote: string): string {
  if (quote === '`') {
    return v.replace(/`/g, '');
  }
  return v.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n');
}

function durationItems(c: Ctx<'Duration'>, o: CompletionOptions): PromQLCompletionItem[] {
  const typed = /^\d+$/.exec(c.prefix)?.[0];
  const list: [string, number][] = typed ? DURATION_UNITS.map(([u, s]) => [`${typed}${u}`, Number(typed) * s]) : COMMON_DURATIONS.map((d) => [d, durationSeconds(d)]);
  const items = list.map(([d, seconds], i) => item(c, { label: d, kind: 'duration', detail: `${d} = ${secondsText(seconds)}`, insertText: d, sortText: `0${String(i).padStart(2, '0')}` }));
  if (o.grafanaVariables && !typed) {
    items.push(...GRAFANA_DURATIONS.map(([v, what], i) => item(c, { label: v, kind: 'duration', detail: what, insertText: v, sortText: `1${i}` })));
  }
  return items;
}

function durationSeconds(d: string): number {
  const unit = DURATION_UNITS.find(([u]) => d.endsWith(u) && /^\d+$/.test(d.slice(0, -u.length)));
  return unit ? Number(d.slice(0, -unit[0].length)) * unit[1] : 0;
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}
