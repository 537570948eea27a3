import type { SchemaRegistry } from './registry';
import type { JsonSchema } from './types';

// Keywords that only feed completion and hover: ajv never needs them, and they triple the generated code.
const ANNOTATIONS = new Set([
  'description',
  'markdownDescription',
  'defaultSnippets',
  'examples',
  'enumDescriptions',
  'title',
  'x-since',
  'x-deprecated',
  'x-replacedBy',
  'x-featureFlag',
  'x-enumSince',
]);

/**
 * The registry's schemas as ajv compiles them: annotations dropped and `x-format` turned into a standard `format`
 * (validated by `ajvFormats`), so that the validators can be generated as standalone code at build time.
 * `x-mutuallyExclusive` stays: scripts/generateValidators.ts defines it as a keyword.
 */
export function ajvSchemas(reg: SchemaRegistry): JsonSchema[] {
  return reg.schemas.map((s) => transform(s) as JsonSchema);
}

function transform(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(transform);
  }
  if (!value || typeof value !== 'object') {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (ANNOTATIONS.has(k)) {
      continue;
    }
    if (k === 'x-format') {
      out.format = v;
    } else if (k === 'properties' || k === 'definitions' || k === 'patternProperties') {
      // Keys here are names, not keywords: keep them all, transform their schemas.
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, sub]) => [name, transform(sub)]));
    } else {
      out[k] = transform(v);
    }
  }
  return out;
}
