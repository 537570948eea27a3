import type { FileKind } from '../fileKind';
import type { Problem } from '../problem';
import { getProperty, type AstNode, type ParsedDocument } from '../syntax/ast';
import type { DocumentContext } from './context';
import type { PromQLSpec } from '../embedded/promql';
import { validateRules } from './rules/validate';
import { ruleDocuments } from './rules/documents';
import { validateRuleTests } from './ruleTests/validate';
import { scrapeJobContext, validatePrometheusConfig, validateScrapeJob } from './prometheusConfig/validate';

/**
 * A list at the top of a document whose items are validated one by one and cached by their text (scrape jobs):
 * an edit then re-checks only the item it touched.
 */
export interface ChunkSpec {
  /** The top-level key holding the list. */
  key: string;
  /** Schema id of one item, with a fragment (`…#/definitions/scrape_config`). */
  itemSchema: string;
  /** Checks of one item beyond its schema. */
  validate?(item: AstNode, ctx: DocumentContext, root: AstNode): Problem[];
  /** What else in the document those checks read (part of the cache key). */
  dependsOn?(root: AstNode): string;
}

/** What a file kind contributes: the schema of its documents and the checks beyond that schema. */
export interface KindService {
  /** `$id` of the root schema. */
  schemaId?: string;
  /** Product name used in version messages. */
  product: string;
  validate?(root: AstNode | undefined, ctx: DocumentContext): Problem[];
  /** The documents of a multi-document file that are of this kind (default: all). */
  documents?(docs: ParsedDocument[]): ParsedDocument[];
  chunks?: ChunkSpec[];
  /** Where PromQL appears in this kind's documents. */
  promql?: PromQLSpec;
}

/** An `expr` belongs to an alerting rule when its rule has an `alert` key. */
function ruleUse(expr: AstNode): 'alert' | 'record' {
  return getProperty(expr.parent?.parent, 'alert') ? 'alert' : 'record';
}

const RULE_EXPRS = [
  ['groups', '*', 'rules', '*', 'expr'],
  ['spec', 'groups', '*', 'rules', '*', 'expr'],
];

const SERVICES: Partial<Record<FileKind, KindService>> = {
  prometheusConfig: {
    schemaId: 'prometheus-config.schema.json',
    product: 'Prometheus',
    validate: validatePrometheusConfig,
    chunks: [
      {
        key: 'scrape_configs',
        itemSchema: 'prometheus-config.schema.json#/definitions/scrape_config',
        validate: validateScrapeJob,
        dependsOn: scrapeJobContext,
      },
    ],
  },
  o11yConfig: { schemaId: 'o11y-config.schema.json', product: 'o11y' },
  rules: { schemaId: 'prometheus-rules.schema.json', product: 'Prometheus', validate: validateRules, documents: ruleDocuments, promql: { paths: RULE_EXPRS, use: ruleUse } },
  ruleTests: { schemaId: 'prometheus-rule-tests.schema.json', product: 'Prometheus', validate: validateRuleTests, promql: { paths: [['tests', '*', 'promql_expr_test', '*', 'expr']], use: 'test' } },
  grafanaDashboard: { product: 'Grafana', promql: { paths: [['**', 'targets', '*', 'expr']], grafanaVariables: true, use: 'query' } },
};

export function kindService(kind: FileKind): KindService | undefined {
  return SERVICES[kind];
}
