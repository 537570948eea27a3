/** The schemas documents are validated against: one per file kind, plus the items of chunked lists. */
export const ROOT_SCHEMAS = [
  'prometheus-config.schema.json',
  'prometheus-config.schema.json#/definitions/scrape_config',
  'o11y-config.schema.json',
  'prometheus-rules.schema.json',
  'prometheus-rules.schema.json#/definitions/group',
  'prometheus-rule-tests.schema.json',
  'grafana-dashboard.schema.json',
  'grafana-dashboard.schema.json#/definitions/panel',
  'grafana-dashboard.schema.json#/definitions/dashboard',
  'grafana-provisioning.schema.json',
  'alertmanager-config.schema.json',
];
