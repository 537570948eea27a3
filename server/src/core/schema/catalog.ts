import prometheusConfig from '../../../../schemas/prometheus-config.schema.json';
import prometheusSd from '../../../../schemas/prometheus-sd.schema.json';
import o11yConfig from '../../../../schemas/o11y-config.schema.json';
import prometheusRules from '../../../../schemas/prometheus-rules.schema.json';
import prometheusRuleTests from '../../../../schemas/prometheus-rule-tests.schema.json';
import grafanaDashboard from '../../../../schemas/grafana-dashboard.schema.json';
import grafanaProvisioning from '../../../../schemas/grafana-provisioning.schema.json';
import alertmanagerConfig from '../../../../schemas/alertmanager-config.schema.json';
import { SchemaRegistry } from './registry';
import type { JsonSchema } from './types';

/** Every schema we ship, in one registry so that cross-file `$ref`s resolve (it owns the imported objects). */
let registry: SchemaRegistry | undefined;

export function schemaRegistry(): SchemaRegistry {
  registry ??= new SchemaRegistry([prometheusConfig as JsonSchema, prometheusSd as JsonSchema, o11yConfig as JsonSchema, prometheusRules as JsonSchema, prometheusRuleTests as JsonSchema, alertmanagerConfig as JsonSchema, grafanaDashboard as JsonSchema, grafanaProvisioning as JsonSchema]);
  return registry;
}
