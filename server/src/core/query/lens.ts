// `▶ Run` above every PromQL expression of a document (rule `expr`, rule-test `expr`, dashboard target `expr`).
// Shown whether or not a Prometheus is connected: running then says plainly that none is.
import type { CodeLens } from 'vscode-languageserver-types';
import { queryNodes } from '../embedded/queries';
import { kindService } from '../kinds/index';
import type { DocumentContext } from '../kinds/context';

/** The command the lenses run; its arguments are the document URI and the expression's range. */
export const RUN_QUERY_COMMAND = 'o11y.runQuery';

export function queryLenses(ctx: DocumentContext): CodeLens[] {
  const spec = kindService(ctx.kind)?.promql;
  if (!spec) {
    return [];
  }
  return queryNodes(ctx.docs, spec.paths)
    .filter((node) => String(node.value ?? '').trim() !== '')
    .map((node) => {
      const range = ctx.lines.range(node.offset, node.length);
      return { range, command: { title: '▶ Run', command: RUN_QUERY_COMMAND, arguments: [ctx.uri, range] } };
    });
}
