import { promqlProblems } from '../../embedded/promql';
import type { Problem } from '../../problem';
import { embeddedText, type EmbeddedText } from '../../promql/embed';
import { schemaRegistry } from '../../schema/catalog';
import { schemaProblems } from '../../schema/errors';
import { goValue } from '../../schema/goValue';
import { ResolvedSchema } from '../../schema/resolved';
import { validatorFor } from '../../schema/validator';
import { VersionChecks } from '../../schema/versionCheck';
import { getValue, makeNode, type AstNode, type ParsedDocument } from '../../syntax/ast';
import { parseJson } from '../../syntax/jsonParse';
import type { DocumentContext } from '../context';
import { DASHBOARD_PROMQL } from './promqlSpec';

/** The schema of the dashboard model alone: `spec.json` holds no API payload or resource around it. */
const DASHBOARD_SCHEMA = 'grafana-dashboard.schema.json#/definitions/dashboard';
let resolved: ResolvedSchema | undefined;

/**
 * The dashboard JSON of a grafana-operator `GrafanaDashboard` resource (`spec.json`, a string), parsed and moved onto
 * document offsets, so JSON syntax errors, the dashboard's schema, the dashboard checks and PromQL problems land where
 * the user wrote them. Only block scalars (`json: |`) keep JSON strings verbatim on their lines; for other styles
 * the offsets inside strings cannot be mapped back, and an info says the JSON is not analysed.
 */
export function operatorDashboard(root: AstNode | undefined, ctx: DocumentContext): { doc: ParsedDocument; problems: Problem[] } | undefined {
  const json = getValue(getValue(root, 'spec'), 'json');
  if (json?.type !== 'string') {
    return undefined;
  }
  const embedded = json.style === 'literal' || json.style === 'folded' ? embeddedText(json, ctx.text) : undefined;
  if (!embedded) {
    const message = 'The dashboard JSON is checked only when written as a block scalar (`json: |` followed by the JSON on its own lines).';
    const info: Problem = { offset: json.offset, length: json.length, severity: 'info', code: 'grafana/operator-json-style', message };
    return { doc: { root: undefined, errors: [], offset: json.offset, length: json.length }, problems: [info] };
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
  if (doc.root) {
    problems.push(...dashboardSchemaProblems(doc.root, ctx));
  }
  problems.push(...promqlProblems({ ...ctx, docs: [doc] }, DASHBOARD_PROMQL));
  return { doc, problems };
}

/** The dashboard schema over the moved nodes: their offsets are the YAML document's, so are the problems'. */
function dashboardSchemaProblems(dash: AstNode, ctx: DocumentContext): Problem[] {
  resolved ??= ResolvedSchema.at(schemaRegistry(), DASHBOARD_SCHEMA);
  const validate = validatorFor(DASHBOARD_SCHEMA);
  const versions = new VersionChecks('Grafana', ctx.settings.versions.prometheus);
  validate(goValue(resolved, dash, ctx.text, versions));
  return [...schemaProblems(validate.errors ?? [], dash, { prometheusVersion: ctx.settings.versions.prometheus }), ...versions.problems];
}

function moved(n: AstNode, parent: AstNode | undefined, e: EmbeddedText): AstNode {
  const from = e.toDoc(n.offset);
  const node = makeNode(n.type, from, Math.max(0, e.toDocEnd(n.offset + n.length) - from), parent, n.value, n.style);
  if (n.children) {
    node.children = n.children.map((c) => moved(c, node, e));
  }
  return node;
}
