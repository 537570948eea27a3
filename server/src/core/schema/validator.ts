import type { ValidateFunction } from 'ajv';
import validators from './generated/validators';

/**
 * The validator of a root schema, generated as standalone ajv code at build time
 * (scripts/generateValidators.ts). Formats read the target versions from `ajvFormats.formatContext`.
 */
export function validatorFor(schemaId: string): ValidateFunction {
  const v = validators[schemaId];
  if (!v) {
    throw new Error(`no generated validator for ${schemaId}: run npm run build`);
  }
  return v;
}
