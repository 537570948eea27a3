import type { ParsedDocument } from './ast';
import { parseYamlReference } from './yamlParse';

export function parseYaml(text: string): ParsedDocument[] {
  return parseYamlReference(text);
}
