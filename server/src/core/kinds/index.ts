import type { FileKind } from '../fileKind';
import type { Problem } from '../problem';
import { getProperty, type AstNode, type ParsedDocument } from '../syntax/ast';
import type { DocumentContext } from './context';
import type { PromQLSpec } from '../embedded/promql';
import { validateRules } from './rules/validate';
import { ruleDocuments } from './rules/documents';
import { validateRuleTests } from './ruleTests/validate';
import { scrapeJobContext, validatePrometheusConfig, validateScrapeJob } from './prometheusConfig/validate';
import { validateAlertmanagerConfig } from './alertmanagerConfig/validate';
import { alertmanagerVersion } from './alertmanagerConfig/nodes';
import type { ProjectSettings } from '../settings';
import { validateGrafanaDashboard } from './grafanaDashboard/validate';
import { DASHBOARD_PROMQL } from './grafanaDashboard/promqlSpec';
import { validateGrafanaProvisioning } from './grafanaProvisioning/validate';
import { validateNotificationTemplates } from './notificationTemplates/validate';

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
  /** The product version the schema's `x-since` facts are compared with (default: the Prometheus target). */
  targetVersion?(settings: ProjectSettings): string;
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
  alertmanagerConfig: {
    schemaId: 'alertmanager-config.schema.json',
    product: 'Alertmanager',
    targetVersion: alertmanagerVersion,
    validate: validateAlertmanagerConfig,
    // An empty file has no document, but Alertmanager rejects it (no route): check it as one empty document.
    documents: (docs) => (docs.length > 0 ? docs : [{ root: undefined, errors: [], offset: 0, length: 0 }]),
  },
  o11yConfig: { schemaId: 'o11y-config.schema.json', product: 'o11y' },
  rules: {
    schemaId: 'prometheus-rules.schema.json',
    product: 'Prometheus',
    validate: validateRules,
    documents: ruleDocuments,
    promql: { paths: RULE_EXPRS, use: ruleUse },
    // Groups are validated one by one, so an edit re-validates the group it touched (a file can hold hundreds).
    chunks: [{ key: 'groups', itemSchema: 'prometheus-rules.schema.json#/definitions/group' }],
  },
  ruleTests: { schemaId: 'prometheus-rule-tests.schema.json', product: 'Prometheus', validate: validateRuleTests, promql: { paths: [['tests', '*', 'promql_expr_test', '*', 'expr']], use: 'test' } },
  grafanaDashboard: {
    schemaId: 'grafana-dashboard.schema.json',
    product: 'Grafana',
    validate: validateGrafanaDashboard,
    promql: DASHBOARD_PROMQL,
    // Panels are validated one by one, so an edit re-validates the panel it touched (a dashboard can hold hundreds).
    chunks: [{ key: 'panels', itemSchema: 'grafana-dashboard.schema.json#/definitions/panel' }],
  },
  grafanaProvisioning: { schemaId: 'grafana-provisioning.schema.json', product: 'Grafana', validate: validateGrafanaProvisioning },
  // A template file is not YAML: it is checked as a whole, from its text.
  notificationTemplates: { product: 'Alertmanager', validate: validateNotificationTemplates, documents: () => [{ root: undefined, errors: [], offset: 0, length: 0 }] },
};

export function kindService(kind: FileKind): KindService | undefined {
  return SERVICES[kind];
}
