// Generates the ajv validators as standalone code at build time, so neither the CLI nor the server pays
// ajv's schema compilation (hundreds of milliseconds) at start.
import Ajv, { type KeywordCxt } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { _ } from 'ajv/dist/compile/codegen';
import { mkdirSync, writeFileSync } from 'node:fs';
import { schemaRegistry } from '../server/src/core/schema/catalog';
import { ajvSchemas } from '../server/src/core/schema/ajvSchemas';
import { formats } from '../server/src/core/schema/ajvFormats';
import { ROOT_SCHEMAS } from '../server/src/core/schema/rootSchemas';

const ajv = new Ajv({
  allErrors: true,
  verbose: true,
  strict: false,
  allowUnionTypes: true,
  code: { source: true, formats: _`require("../ajvFormats").formats` },
});
for (const [name, def] of Object.entries(formats)) {
  ajv.addFormat(name, def);
}
// Each group lists fields of which at most one may be set: one error per pair set together, with the pair as
// params `{first, second}` (read by schema/errors.ts). Plain property tests: a valid object allocates nothing.
ajv.addKeyword({
  keyword: 'x-mutuallyExclusive',
  type: 'object',
  schemaType: 'array',
  error: {
    message: 'must not set both fields',
    params: ({ params }) => _`{first: ${params.first}, second: ${params.second}}`,
  },
  code(cxt: KeywordCxt) {
    for (const group of cxt.schema as string[][]) {
      group.forEach((first, i) => {
        for (const second of group.slice(i + 1)) {
          cxt.setParams({ first, second });
          cxt.fail(_`${cxt.data}[${first}] !== undefined && ${cxt.data}[${second}] !== undefined`);
        }
      });
    }
  },
});
for (const s of ajvSchemas(schemaRegistry())) {
  ajv.addSchema(s as object);
}
const exportsMap = Object.fromEntries(ROOT_SCHEMAS.map((id) => [id, id]));
const out = new URL('../server/src/core/schema/generated/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('validators.js', out), standaloneCode(ajv, exportsMap));
writeFileSync(
  new URL('validators.d.ts', out),
  `import type { ValidateFunction } from 'ajv';\ndeclare const validators: Record<string, ValidateFunction>;\nexport = validators;\n`,
);
