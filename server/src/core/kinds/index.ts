import type { FileKind } from '../fileKind';
import type { Problem } from '../problem';
import type { AstNode } from '../syntax/ast';
import type { DocumentContext } from './context';
import { validatePrometheusConfig } from './prometheusConfig/validate';

/** What a file kind contributes: the schema of its documents and the checks beyond that schema. */
export interface KindService {
  /** `$id` of the root schema. */
  schemaId?: string;
  /** Product name used in version messages. */
  product: string;
  validate?(root: AstNode | undefined, ctx: DocumentContext): Problem[];
}

const SERVICES: Partial<Record<FileKind, KindService>> = {
  prometheusConfig: { schemaId: 'prometheus-config.schema.json', product: 'Prometheus', validate: validatePrometheusConfig },
  o11yConfig: { schemaId: 'o11y-config.schema.json', product: 'o11y' },
};

export function kindService(kind: FileKind): KindService | undefined {
  return SERVICES[kind];
}
