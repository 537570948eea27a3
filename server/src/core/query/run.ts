// Runs a prepared query against one Prometheus and describes the outcome for an editor or the CLI: the series
// (cut at MAX_SERIES), the round-trip time, warnings, and on failure Prometheus's own message with the position
// it names mapped back into the document.
import type { Range } from 'vscode-languageserver-types';
import type { PrometheusApi } from '../prometheus/client';
import { PrometheusError, promqlErrorPosition } from '../prometheus/errors';
import type { NativeHistogram, QueryResult, SamplePair } from '../prometheus/types';
import type { PreparedQuery } from './prepare';
import { failureSummary, successSummary } from './summary';
import { MAX_SERIES, type QueryFailure, type QueryResponse, type QuerySeries, type TimeWindow } from './types';

export interface RunTarget {
  /** Connection name, for messages. */
  name: string;
  url: string;
  api: PrometheusApi;
  /** The built-in default URL that nobody configured: "nothing answers" means "nothing is set up". */
  quiet?: boolean;
}

export interface RunOptions {
  /** A range query over this window; else an instant query at `time` (unix seconds). */
  range?: TimeWindow;
  time: number;
  signal?: AbortSignal;
  /** Milliseconds for timing (performance.now by default; tests pass a fake clock). */
  clock?: () => number;
}

/** A native histogram has no single value: shown as its count and sum. */
function histogramPair([t, h]: [number, NativeHistogram]): SamplePair {
  return [t, `count:${h.count} sum:${h.sum}`];
}

function toSeries(result: QueryResult): QuerySeries[] {
  switch (result.resultType) {
    case 'vector':
      return result.result.map((s) => ({ labels: s.metric, value: s.value ?? (s.histogram && histogramPair(s.histogram)) }));
    case 'matrix':
      return result.result.map((s) => ({
        labels: s.metric,
        values: [...(s.values ?? []), ...(s.histograms ?? []).map(histogramPair)].sort((a, b) => a[0] - b[0]),
      }));
    default:
      return [{ labels: {}, value: result.result }];
  }
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Offset in `text` of Prometheus's `line:column` (1-based; columns count UTF-8 bytes, promql/parser/parse.go ParseErr). */
export function offsetOfPosition(text: string, line: number, column: number): number {
  let i = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) {
      return text.length;
    }
    i = nl + 1;
  }
  for (let bytes = column - 1; bytes > 0 && i < text.length; ) {
    const cp = text.codePointAt(i)!;
    bytes -= utf8Length(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return Math.min(i, text.length);
}

/** The token starting at `offset` (a name or number, else one character); the last character at the end of the text. */
function tokenAt(text: string, offset: number): { from: number; to: number } {
  if (offset >= text.length) {
    return { from: Math.max(0, text.length - 1), to: text.length };
  }
  const word = /[\w:.]+/y;
  word.lastIndex = offset;
  return { from: offset, to: offset + (word.exec(text)?.[0].length ?? 1) };
}

function failure(kind: QueryFailure['kind'], message: string, target: RunTarget, prepared: PreparedQuery, extra: Partial<QueryFailure> = {}): QueryFailure {
  return { ok: false, kind, message, connection: target.name, url: target.url, query: prepared.query, at: prepared.at, ...extra, summary: failureSummary(extra.errorType ? `${extra.errorType}: ${message}` : message) };
}

function describeError(e: PrometheusError, target: RunTarget, prepared: PreparedQuery): QueryFailure {
  if (e.kind === 'api' && e.apiError !== undefined) {
    const pos = promqlErrorPosition(e.apiError);
    if (!pos) {
      return failure('api', e.apiError, target, prepared, { errorType: e.errorType });
    }
    const offset = offsetOfPosition(prepared.query, pos.line, pos.column);
    const token = tokenAt(prepared.query, offset);
    const at: Range | undefined = prepared.locate?.(token.from, token.to) ?? prepared.at;
    return failure('api', e.apiError, target, prepared, { errorType: e.errorType, at, queryOffset: offset });
  }
  if (e.kind === 'unreachable' && target.quiet) {
    return failure('noConnection', `no Prometheus is configured, and none answers at the default ${target.url} (${e.message})`, target, prepared);
  }
  if (e.kind === 'unreachable' || e.kind === 'auth' || e.kind === 'config') {
    return failure(e.kind, `Prometheus "${target.name}": ${e.message}`, target, prepared);
  }
  return failure(e.kind, e.message, target, prepared);
}

/** Runs the query; never throws (a failure is a QueryFailure), except that cancellation comes back as kind `cancelled`. */
export async function runQuery(target: RunTarget, prepared: PreparedQuery, options: RunOptions): Promise<QueryResponse> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  let result: QueryResult;
  try {
    const { signal, range } = options;
    result = range
      ? await target.api.queryRange(prepared.query, { start: range.start * 1000, end: range.end * 1000, stepSeconds: range.step, signal })
      : await target.api.query(prepared.query, { time: options.time * 1000, signal });
  } catch (e) {
    if (e instanceof PrometheusError) {
      return describeError(e, target, prepared);
    }
    throw e;
  }
  const ms = clock() - started;
  const all = toSeries(result);
  const series = all.slice(0, MAX_SERIES);
  const outcome = {
    ok: true as const,
    connection: target.name,
    url: target.url,
    query: prepared.query,
    resultType: result.resultType,
    series,
    seriesCount: all.length,
    ms,
    warnings: result.warnings,
    infos: result.infos,
    substituted: prepared.substituted,
    ...(options.range ? { range: options.range } : { time: options.time }),
  };
  return { ...outcome, summary: successSummary(outcome) };
}
