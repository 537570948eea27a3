import type { Problem } from '../../problem';
import { getValue, items, propertyKey, propertyValue, type AstNode } from '../../syntax/ast';

/** Contact point settings that hold credentials. */
const SECRET_SETTING = /password|token|secret|apikey|api_key|integrationkey|routingkey|webhook_?url/i;

/**
 * Secrets written in plain text: the values of `secureJsonData`, the legacy `password` / `basicAuthPassword` fields,
 * and credentials in contact point settings. Grafana expands `$__env{VAR}`, `$__file{path}` and `$VAR` / `${VAR}`
 * in provisioning files, which keeps the secret out of the repository.
 */
export function secretProblems(root: AstNode | undefined): Problem[] {
  const out: Problem[] = [];
  for (const ds of items(getValue(root, 'datasources'))) {
    const owner = String(getValue(ds, 'name')?.value ?? 'datasource');
    for (const prop of [...(getValue(ds, 'secureJsonData')?.children ?? []), ...(ds.children ?? []).filter((p) => ['password', 'basicAuthPassword'].includes(propertyKey(p)))]) {
      out.push(...check(prop, owner));
    }
  }
  for (const cp of items(getValue(root, 'contactPoints'))) {
    const owner = String(getValue(cp, 'name')?.value ?? 'contact');
    for (const receiver of items(getValue(cp, 'receivers'))) {
      out.push(...(getValue(receiver, 'settings')?.children ?? []).filter((p) => SECRET_SETTING.test(propertyKey(p))).flatMap((p) => check(p, owner)));
    }
  }
  return out;
}

function check(prop: AstNode, owner: string): Problem[] {
  const value = propertyValue(prop);
  if (value?.type !== 'string' || !value.value || String(value.value).includes('$')) {
    return [];
  }
  const variable = `${owner}_${propertyKey(prop)}`.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/\W+/g, '_').toUpperCase();
  return [
    {
      offset: value.offset,
      length: value.length,
      severity: 'warning',
      code: 'grafana/plaintext-secret',
      message: `"${propertyKey(prop)}" is written in plain text; read it from the environment or a file instead: $__env{${variable}} or $__file{/run/secrets/${variable.toLowerCase()}}.`,
      fix: { title: `Read it from $__env{${variable}}`, replacement: `$__env{${variable}}` },
    },
  ];
}
