import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { checkFormat, type FormatContext, type FormatName } from './formats';
import type { SchemaRegistry } from './registry';

export type FormatContextRef = { current: FormatContext };

/**
 * Compiles a root schema of a registry with ajv, with our `x-format` and `x-mutuallyExclusive` keywords.
 * Formats read the target versions from `ctx.current`, set before each validation.
 */
export function compileValidator(reg: SchemaRegistry, rootId: string, ctx: FormatContextRef): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true, validateFormats: false });
  ajv.addKeyword({
    keyword: 'x-format',
    schemaType: 'string',
    type: 'string',
    errors: true,
    validate: function xFormat(format: string, data: string): boolean {
      const message = checkFormat(format as FormatName, data, ctx.current);
      (xFormat as { errors?: Partial<ErrorObject>[] }).errors = message
        ? [{ keyword: 'x-format', message, params: { format } }]
        : [];
      return !message;
    },
  });
  ajv.addKeyword({
    keyword: 'x-mutuallyExclusive',
    schemaType: 'array',
    type: 'object',
    errors: true,
    validate: function exclusive(groups: string[][], data: Record<string, unknown>): boolean {
      const errors: Partial<ErrorObject>[] = [];
      for (const group of groups) {
        const present = group.filter((k) => data[k] !== undefined && data[k] !== null);
        if (present.length > 1) {
          errors.push({ keyword: 'x-mutuallyExclusive', message: 'mutually exclusive', params: { keys: present } });
        }
      }
      (exclusive as { errors?: Partial<ErrorObject>[] }).errors = errors;
      return errors.length === 0;
    },
  });
  for (const s of reg.schemas) {
    ajv.addSchema(s as object);
  }
  const validate = ajv.getSchema(rootId);
  if (!validate) {
    throw new Error(`schema ${rootId} is not registered`);
  }
  return validate;
}
