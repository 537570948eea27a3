import type { Problem } from '../../problem';
import { getValue, items, type AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';
import { providerPathProblems } from './providers';
import { secretProblems } from './secrets';

/** The checks of a provisioning file beyond its schema: default data sources, provider paths, plain-text secrets. */
export function validateGrafanaProvisioning(root: AstNode | undefined, ctx: DocumentContext): Problem[] {
  const datasources = items(getValue(root, 'datasources'));
  return [...defaultProblems(datasources, ctx), ...duplicateNames(datasources), ...providerPathProblems(root, ctx), ...secretProblems(root)];
}

function orgOf(ds: AstNode): number {
  const org = getValue(ds, 'orgId');
  return org?.type === 'number' ? Number(org.value) : 1;
}

function keyOf(ds: AstNode, key: string): AstNode | undefined {
  return ds.children?.find((p) => p.children?.[0].value === key)?.children?.[0];
}

/** Grafana refuses a provisioning where two data sources of one organisation are the default. */
function defaultProblems(datasources: AstNode[], ctx: DocumentContext): Problem[] {
  const out: Problem[] = [];
  const firstByOrg = new Map<number, string>();
  const elsewhere = ctx.grafana?.datasources(ctx.path ?? ctx.uri).filter((d) => d.isDefault) ?? [];
  for (const ds of datasources) {
    if (getValue(ds, 'isDefault')?.value !== true) {
      continue;
    }
    const org = orgOf(ds);
    const name = String(getValue(ds, 'name')?.value ?? '');
    const other = firstByOrg.get(org) ?? elsewhere.filter((d) => d.orgId === org).map((d) => `"${d.name}" in ${d.relPath}`)[0];
    const key = keyOf(ds, 'isDefault')!;
    if (other) {
      out.push({
        offset: key.offset,
        length: key.length,
        severity: 'error',
        code: 'grafana/multiple-default-datasources',
        message: `"${name}" is marked as the default data source, and so is ${other}; Grafana allows one default per organisation and refuses this provisioning.`,
      });
    }
    if (!firstByOrg.has(org)) {
      firstByOrg.set(org, `"${name}"`);
    }
  }
  return out;
}

/** A name provisioned twice in one organisation: the later entry overwrites the earlier. */
function duplicateNames(datasources: AstNode[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const ds of datasources) {
    const name = getValue(ds, 'name');
    if (name?.type !== 'string') {
      continue;
    }
    const key = `${orgOf(ds)}\0${name.value}`;
    if (seen.has(key)) {
      out.push({ offset: name.offset, length: name.length, severity: 'warning', code: 'grafana/duplicate-datasource', message: `A data source named "${name.value}" is already provisioned above; this entry overwrites it.` });
    }
    seen.add(key);
  }
  return out;
}
