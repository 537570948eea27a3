import { promqlProblems } from '../../embedded/promql';
import type { Problem } from '../../problem';
import { embeddedText, type EmbeddedText } from '../../promql/embed';
import { getValue, makeNode, type AstNode, type ParsedDocument } from '../../syntax/ast';
import { parseJson } from '../../syntax/jsonParse';
import type { DocumentContext } from '../context';
import { DASHBOARD_PROMQL } from './promqlSpec';

/**
 * The dashboard JSON of a grafana-operator `GrafanaDashboard` resource (`spec.json`, a string), parsed and moved onto
 * document offsets, so the dashboard checks and PromQL problems land where the user wrote them. Only block scalars
 * (`json: |`) keep JSON strings verbatim on their lines; other styles are not analysed.
 */
export function operatorDashboard(root: AstNode | undefined, ctx: DocumentContext): { doc: ParsedDocument; problems: Problem[] } | undefined {
  const json = getValue(getValue(root, 'spec'), 'json');
  if (json?.type !== 'string' || (json.style !== 'literal' && json.style !== 'folded')) {
    return undefined;
  }
  const embedded = embeddedText(json, ctx.text);
  if (!embedded) {
    return undefined;
  }
  const [parsed] = parseJson(embedded.text);
  const doc: ParsedDocument = {
    root: parsed.root && moved(parsed.root, undefined, embedded),
    errors: [],
    offset: json.offset,
    length: json.length,
  };
  const problems: Problem[] = parsed.errors.map((e) => {
    const from = embedded.toDoc(e.offset);
    return { offset: from, length: Math.max(0, embedded.toDocEnd(e.offset + e.length) - from), severity: 'error', code: e.code, message: e.message };
  });
  problems.push(...promqlProblems({ ...ctx, docs: [doc] }, DASHBOARD_PROMQL));
  return { doc, problems };
}

function moved(n: AstNode, parent: AstNode | undefined, e: EmbeddedText): AstNode {
  const from = e.toDoc(n.offset);
  const node = makeNode(n.type, from, Math.max(0, e.toDocEnd(n.offset + n.length) - from), parent, n.value, n.style);
  if (n.children) {
    node.children = n.children.map((c) => moved(c, node, e));
  }
  return node;
}
