import type { ParsedDocument } from './ast';
import { parseYamlFast } from './yamlFast';

/**
 * Parses a YAML stream into our node model. Two parsers give the same result: the `yaml` package
 * (`parseYamlReference`) handles all of YAML and reports syntax errors, but takes most of a second on a
 * 40,000-line prometheus.yml; `parseYamlFast` covers the subset real configuration files use, some twenty times
 * faster, and declines (returns undefined) everything else, which then goes to the reference.
 */
export function parseYaml(text: string): ParsedDocument[] {
  // The reference (and the `yaml` package) is loaded the first time a text needs it: most commands never do.
  return parseYamlFast(text) ?? (require('./yamlParse') as typeof import('./yamlParse')).parseYamlReference(text);
}
