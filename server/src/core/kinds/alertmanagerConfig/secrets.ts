import type { Problem } from '../../problem';
import { schemaRegistry } from '../../schema/catalog';
import { ResolvedSchema } from '../../schema/resolved';
import { properties, propertyKey, type AstNode } from '../../syntax/ast';
import { isOlder } from '../../version';
import { keyOf, problem } from './nodes';

// URLs count where services put their tokens into them (Slack, Discord, Teams webhooks); a webhook's plain `url`
// is usually an internal endpoint.
const SECRET = /(password|secret|token|token_id|key|credentials|_url)$/;
const NOT_SECRET = new Set(['username', 'chat_id', 'routing_key_file']);

let rootSchema: ResolvedSchema | undefined;

/**
 * Secrets written into the file where the target release can read them from a file instead (`api_key` next to
 * `api_key_file`): the file variant keeps them out of version control and out of this file's readers' sight.
 */
export function plaintextSecretProblems(root: AstNode, version: string): Problem[] {
  rootSchema ??= ResolvedSchema.at(schemaRegistry(), 'alertmanager-config.schema.json');
  const out: Problem[] = [];
  const walk = (node: AstNode | undefined, rs: ResolvedSchema, depth: number): void => {
    if (!node || depth > 12 || !rs.known) {
      return;
    }
    if (node.type === 'array') {
      (node.children ?? []).forEach((item, i) => walk(item, rs.item(i), depth + 1));
      return;
    }
    for (const prop of properties(node)) {
      const key = propertyKey(prop);
      const value = prop.children![1];
      const file = rs.prop(`${key}_file`);
      if (SECRET.test(key) && !NOT_SECRET.has(key) && value?.type === 'string' && value.value !== '' && value.value !== '<secret>' && file.known && !isOlder(version, file.info.since)) {
        out.push(problem(keyOf(prop), 'alertmanager/plaintext-secret', `"${key}" holds a secret in plain text; put it in a file and use "${key}_file".`, 'info'));
      }
      walk(value, rs.prop(key), depth + 1);
    }
  };
  for (const prop of properties(root)) {
    if (['global', 'receivers'].includes(propertyKey(prop))) {
      walk(prop.children![1], rootSchema.prop(propertyKey(prop)), 0);
    }
  }
  return out;
}
