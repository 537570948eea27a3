/** The parts of a JSON Schema (draft-07 plus our `x-` keywords, see schemas/README.md) that our services read. */
export interface JsonSchema {
  $id?: string;
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  'x-mixins'?: string[];
  'x-format'?: string;
  'x-mutuallyExclusive'?: string[][];
  'x-since'?: string;
  'x-deprecated'?: string;
  'x-replacedBy'?: string;
  'x-featureFlag'?: string;
  'x-enumSince'?: Record<string, string>;
  'x-enumRemoved'?: Record<string, string>;
  'x-patternMessage'?: string;
  defaultSnippets?: { label: string; description?: string; body: unknown }[];
}
