/** The `$id`s of the schemas that whole documents are validated against (one per file kind with a schema). */
export const ROOT_SCHEMAS = ['prometheus-config.schema.json', 'o11y-config.schema.json'];
