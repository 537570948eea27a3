/**
 * Markdown for functions, aggregations, operators and keywords, shared by completion, hover and signature help.
 * Functions, aggregations and operators come from the single table (functions.ts); the modifier keywords,
 * which the table does not hold, are described here.
 */
import { argumentRange, signature } from './functions';
import type { AggregationInfo, FunctionInfo, OperatorInfo } from './types';

export interface KeywordDoc {
  /** One line for completion details and hover headings. */
  detail: string;
  doc: string;
  example: string;
  /** Snippet inserted by completion (plain text after removing placeholders). */
  snippet: string;
}

export const KEYWORD_DOCS: Record<string, KeywordDoc> = {
  by: { detail: 'aggregation grouping: keep only these labels', doc: 'Groups the aggregation by the listed labels; the result has only these labels.', example: 'sum by (job) (rate(http_requests_total[5m]))', snippet: 'by (${1})' },
  without: { detail: 'aggregation grouping: drop these labels', doc: 'Groups the aggregation by all labels except the listed ones, which are removed from the result.', example: 'sum without (instance) (up)', snippet: 'without (${1})' },
  on: { detail: 'vector matching: match only on these labels', doc: 'Pairs series of both sides by the listed labels only.', example: 'a / on (job, instance) b', snippet: 'on (${1})' },
  ignoring: { detail: 'vector matching: match ignoring these labels', doc: 'Pairs series of both sides by all labels except the listed ones.', example: 'a / ignoring (code) b', snippet: 'ignoring (${1})' },
  group_left: { detail: 'many-to-one matching', doc: 'Allows many series on the left to match one series on the right; labels listed in the parentheses are copied from the right side.', example: 'a * on (instance) group_left (version) build_info', snippet: 'group_left (${1})' },
  group_right: { detail: 'one-to-many matching', doc: 'Allows one series on the left to match many series on the right; labels listed in the parentheses are copied from the left side.', example: 'build_info * on (instance) group_right (version) a', snippet: 'group_right (${1})' },
  bool: { detail: 'comparison returns 0 or 1', doc: 'Makes a comparison return 0 (false) or 1 (true) for every series instead of filtering; required between two scalars.', example: 'up == bool 0', snippet: 'bool' },
  offset: { detail: 'shift the selector back in time', doc: 'Evaluates the selector or subquery as if the evaluation time were this long ago (a negative offset looks forward).', example: 'rate(http_requests_total[5m] offset 1w)', snippet: 'offset ${1:5m}' },
  '@': { detail: 'evaluate at a fixed time', doc: 'Pins the selector or subquery to a Unix timestamp, or to the start or end of the query range with `start()`/`end()`.', example: 'http_requests_total @ end()', snippet: '@ ${1:end()}' },
  'start()': { detail: 'start of the query range', doc: 'With `@`: the start of the range query (the evaluation time of an instant query).', example: 'up @ start()', snippet: 'start()' },
  'end()': { detail: 'end of the query range', doc: 'With `@`: the end of the range query (the evaluation time of an instant query).', example: 'up @ end()', snippet: 'end()' },
};

function notes(x: { since?: string; experimental?: boolean; stableSince?: string; removed?: string; replacedBy?: string }): string[] {
  const out: string[] = [];
  if (x.removed) {
    out.push(`Removed in Prometheus ${x.removed}${x.replacedBy ? `; use \`${x.replacedBy}\`` : ''}.`);
  }
  if (x.experimental) {
    const flag = x.stableSince ? ` (until Prometheus ${x.stableSince})` : '';
    out.push(`Experimental: needs \`--enable-feature=promql-experimental-functions\`${flag}.`);
  }
  if (x.since) {
    out.push(`Since Prometheus ${x.since}.`);
  }
  return out;
}

function example(e: string | undefined): string[] {
  return e ? ['Example:', codeBlock(e)] : [];
}

export function functionMarkdown(f: FunctionInfo, withSignature = true): string {
  const head = withSignature ? [codeBlock(signature(f))] : [];
  return [...head, f.doc, ...example(f.example), ...notes(f)].join('\n\n');
}

/** `topk([by|without (…)] (k scalar, v instant-vector)) → instant-vector` shortened to a readable call shape. */
export function aggregationSignature(a: AggregationInfo): string {
  const words: Record<string, string> = { scalar: 'scalar', string: 'string' };
  const param = a.param ? `${a.paramName ?? 'parameter'} ${words[a.param] ?? a.param}, ` : '';
  return `${a.name}(${param}v instant-vector) → instant-vector`;
}

export function aggregationMarkdown(a: AggregationInfo, withSignature = true): string {
  const head = withSignature ? [codeBlock(`${aggregationSignature(a)}\n${a.name} by|without (labels) (…)`)] : [];
  return [...head, a.doc, ...example(a.example), ...notes(a)].join('\n\n');
}

export function operatorMarkdown(o: OperatorInfo): string {
  const kinds: Record<OperatorInfo['kind'], string> = { arithmetic: 'arithmetic operator', comparison: 'comparison operator', set: 'set operator', trim: 'native histogram trim operator' };
  return [`**\`${o.name}\`** — ${kinds[o.kind]}`, o.doc, ...notes(o)].join('\n\n');
}

/** Whether a word is one of the keywords described here (not an Object.prototype member). */
export function isKeyword(name: string): boolean {
  return Object.hasOwn(KEYWORD_DOCS, name);
}

export function keywordMarkdown(name: string): string | undefined {
  const k = isKeyword(name) ? KEYWORD_DOCS[name] : undefined;
  return k ? [`**\`${name}\`** — ${k.detail}`, k.doc, ...example(k.example)].join('\n\n') : undefined;
}

export function codeBlock(code: string): string {
  return ['```promql', code, '```'].join('\n');
}

/** The parameters of a function as signature help shows them: `v range-vector`, `to_nearest? scalar`. */
export function functionParameters(f: FunctionInfo): { label: string; documentation: string }[] {
  const words: Record<string, string> = { vector: 'instant-vector', matrix: 'range-vector', scalar: 'scalar', string: 'string', none: 'none' };
  const { min } = argumentRange(f);
  return f.args.map((t, i) => {
    const optional = f.variadic !== 0 && i >= min;
    const name = f.argNames[i] ?? `arg${i + 1}`;
    const repeat = i === f.args.length - 1 && (f.variadic < 0 || f.variadic > 1);
    return {
      label: `${name}${optional ? '?' : ''} ${words[t]}`,
      documentation: `${optional ? 'Optional' : 'Required'} ${words[t]}${repeat ? '; may be repeated' : ''}.`,
    };
  });
}

/** Seconds as Prometheus writes durations (`1h30m`), from model.Duration's String in prometheus/common. */
export function secondsToDuration(seconds: number): string {
  let ms = Math.round(Math.abs(seconds) * 1000);
  if (ms === 0) {
    return '0s';
  }
  let out = seconds < 0 ? '-' : '';
  const units: [string, number, boolean][] = [['y', 31536000000, true], ['w', 604800000, true], ['d', 86400000, false], ['h', 3600000, false], ['m', 60000, false], ['s', 1000, false], ['ms', 1, false]];
  for (const [unit, size, exact] of units) {
    if (exact && ms % size !== 0) {
      continue;
    }
    const n = Math.floor(ms / size);
    if (n > 0) {
      out += `${n}${unit}`;
      ms -= n * size;
    }
  }
  return out;
}

/** `300 s`, `5,400 s`, `0.5 s`: a length in seconds for hover and completion details. */
export function secondsText(seconds: number): string {
  return `${seconds.toLocaleString('en-US', { maximumFractionDigits: 3 })} s`;
}
