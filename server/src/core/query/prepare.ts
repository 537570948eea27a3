// Turns "run this" into the PromQL to send and a way back to the document: the expression decoded from its YAML or
// JSON string (or a selection inside one), Grafana variables replaced by the dashboard's values, and a map from
// offsets of the text sent to document ranges, so Prometheus's error positions land where the user wrote them.
import type { Position, Range } from 'vscode-languageserver-types';
import { queryNodes } from '../embedded/queries';
import { kindService } from '../kinds/index';
import type { DocumentContext } from '../kinds/context';
import { embeddedText } from '../promql/embed';
import { substituteVariables } from '../promql/grafanaVariables';
import { builtinVariables, dashboardTitle, dashboardVariables } from './dashboardVariables';
import type { SubstitutedVariable, TimeWindow } from './types';

export interface PreparedQuery {
  /** The PromQL to send. */
  query: string;
  substituted: SubstitutedVariable[];
  /** The document range of the whole expression, when it comes from a document. */
  at?: Range;
  /** The document range of the span `[from, to)` of `query`. */
  locate?(from: number, to: number): Range;
}

export interface QuerySource {
  /** The document, when the server has it. */
  ctx?: DocumentContext;
  expr?: string;
  at?: Range;
}

/** A piece of text and where each of its offsets came from in the document. */
interface Located {
  text: string;
  locate?: (from: number, to: number) => Range;
}

/** Position of `text[offset]` when `text` starts at `start` in a document and is written there as is. */
function positionIn(text: string, start: Position, offset: number): Position {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  if (lastBreak < 0) {
    return { line: start.line, character: start.character + offset };
  }
  return { line: start.line + before.split('\n').length - 1, character: offset - lastBreak - 1 };
}

/** The decoded text of the PromQL string at (or around a selection inside) `at`, when there is one. */
function fromDocument(ctx: DocumentContext, at: Range): Located | undefined {
  const spec = kindService(ctx.kind)?.promql;
  if (!spec) {
    return undefined;
  }
  const from = ctx.lines.offsetAt(at.start);
  const to = ctx.lines.offsetAt(at.end);
  const node = queryNodes(ctx.docs, spec.paths).find((n) => n.offset <= from && to <= n.offset + n.length);
  const embedded = node && embeddedText(node, ctx.text);
  if (!embedded) {
    return undefined;
  }
  // A cursor, or a range over the whole string (quotes, block header), is the whole expression; else the selected part.
  const whole = from === to;
  const a = whole ? 0 : (embedded.fromDoc(from) ?? 0);
  const b = whole ? embedded.text.length : (embedded.fromDoc(to) ?? embedded.text.length);
  const text = embedded.text.slice(a, Math.max(a, b));
  return {
    text,
    locate: (s, e) => {
      const docFrom = embedded.toDoc(a + s);
      const docTo = e > s ? Math.max(docFrom, embedded.toDocEnd(a + e)) : docFrom;
      return { start: ctx.lines.positionAt(docFrom), end: ctx.lines.positionAt(docTo) };
    },
  };
}

function locate(src: QuerySource): Located | undefined {
  const fromDoc = src.ctx && src.at ? fromDocument(src.ctx, src.at) : undefined;
  if (fromDoc) {
    return fromDoc;
  }
  if (src.expr === undefined) {
    return undefined;
  }
  const { expr, at } = src;
  return at ? { text: expr, locate: (s, e) => ({ start: positionIn(expr, at.start, s), end: positionIn(expr, at.start, e) }) } : { text: expr };
}

/**
 * The query to run for a CodeLens (`ctx` + `at` of an expression), a selection (`expr` + `at`, decoded when inside
 * a PromQL string of the document) or a bare expression; `{ error }` when there is nothing to run. Grafana
 * variables get the values the dashboard selects and the time window implies.
 */
export function prepareQuery(src: QuerySource, window: TimeWindow): PreparedQuery | { error: string } {
  const found = locate(src);
  if (!found) {
    const where = src.at ? ` at line ${src.at.start.line + 1}` : '';
    return { error: `there is no PromQL expression${where} to run` };
  }
  if (!found.text.trim()) {
    return { error: 'the expression is empty' };
  }
  const at = found.locate?.(0, found.text.length);
  const ctx = src.ctx;
  if (!ctx || !kindService(ctx.kind)?.promql?.grafanaVariables) {
    return { query: found.text, substituted: [], at, locate: found.locate };
  }
  const values = {
    ...builtinVariables(window, ctx.workspace?.scrapeInterval(), dashboardTitle(ctx.docs)),
    ...dashboardVariables(ctx.docs, window),
  };
  const sub = substituteVariables(found.text, values);
  const back = found.locate;
  return {
    query: sub.text,
    substituted: sub.variables.map((v) => ({ name: v.name, value: sub.text.slice(v.outFrom, v.outTo), concrete: v.concrete })),
    at,
    locate: back && ((s, e) => {
      const span = sub.map.toOriginalSpan({ from: s, to: e });
      return back(span.from, span.to);
    }),
  };
}
