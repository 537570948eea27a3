import type { Problem } from '../../problem';
import { getValue, items, type AstNode } from '../../syntax/ast';
import type { DocumentContext } from '../context';

/**
 * A dashboard provider's `options.path` names a folder as the Grafana server sees it (often a container path such as
 * `/var/lib/grafana/dashboards`, mounted from the repository). It is found when it exists as written (relative
 * paths from this file's folder), or when a folder of the workspace that holds dashboards ends with its last segment.
 */
export function providerPathProblems(root: AstNode | undefined, ctx: DocumentContext): Problem[] {
  const out: Problem[] = [];
  for (const provider of items(getValue(root, 'providers'))) {
    const path = getValue(getValue(provider, 'options'), 'path');
    if (path?.type !== 'string' || !path.value || String(path.value).includes('$')) {
      continue;
    }
    const value = String(path.value).replace(/\/+$/, '');
    if (!found(value, ctx)) {
      const last = value.split('/').pop();
      out.push({
        offset: path.offset,
        length: path.length,
        severity: 'warning',
        code: 'grafana/provider-path-missing',
        message: `"${value}" does not exist here, and no folder of dashboards in the workspace ends in "${last}"; check the path, or the volume that mounts the dashboards there.`,
      });
    }
  }
  return out;
}

function found(value: string, ctx: DocumentContext): boolean {
  const fs = ctx.env.fs;
  const dir = ctx.path?.replace(/\\/g, '/').split('/').slice(0, -1).join('/');
  const candidate = value.startsWith('/') ? value : dir && `${dir}/${value}`;
  if (fs && candidate && fs.exists(candidate)) {
    return true;
  }
  const tail = value.split('/').filter((s) => s && s !== '.' && s !== '..');
  const last = tail[tail.length - 1];
  const folders = ctx.grafana?.dashboardFolders() ?? [];
  return last !== undefined && folders.some((f) => f === last || f.endsWith('/' + last) || f.split('/').includes(last));
}
